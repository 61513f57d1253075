/**
 * The winograd widgets' loaders, one module for the page: each widget's code (and Plot) loads when its
 * figure is about to scroll into view. Every component's script imports this module, so a page
 * ships one small chunk however many of these figures it has.
 */
import { defineWhenNear } from '../../ui/widgets/define-when-near';
import { defineModuleWidget } from '../../ui/widgets/module-widget';

defineWhenNear('winograd-bench', () => import('./winograd-bench').then((m) => m.WinogradBenchWidget));
defineWhenNear('winograd-error', () => import('./winograd-error').then((m) => m.WinogradErrorWidget));
defineModuleWidget('winograd-family', () => import('./winograd-family'));
defineWhenNear('winograd-tile', () => import('./winograd-tile').then((m) => m.WinogradTileWidget));
defineModuleWidget('winograd-tiling', () => import('./winograd-tiling'));
