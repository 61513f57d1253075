/**
 * The family widgets' loaders, one module for the page: each widget's code (and Plot) loads when its
 * figure is about to scroll into view. Every component's script imports this module, so a page
 * ships one small chunk however many of these figures it has.
 */
import { defineModuleWidget } from '../../ui/widgets/module-widget';

defineModuleWidget('family-accuracy', () => import('./family-accuracy'));
defineModuleWidget('family-stages', () => import('./family-stages'));
defineModuleWidget('family-table', () => import('./family-table'));
