/**
 * The family widgets' loaders, one module for the page: each widget's code (and Plot) loads when its
 * figure is about to scroll into view. Every component's script imports this module, so a page
 * ships one small chunk however many of these figures it has.
 */
import { defineWhenNear } from '../../ui/widgets/define-when-near';

defineWhenNear('family-accuracy', () => import('./family-accuracy').then((m) => m.FamilyAccuracyWidget));
defineWhenNear('family-stages', () => import('./family-stages').then((m) => m.FamilyStagesWidget));
defineWhenNear('family-table', () => import('./family-table').then((m) => m.FamilyTableWidget));
