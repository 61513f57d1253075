/**
 * The winograd widgets' loaders, one module for the page: each widget's code (and Plot) loads when its
 * figure is about to scroll into view. Every component's script imports this module, so a page
 * ships one small chunk however many of these figures it has.
 */
import { defineModuleWidget } from '../../ui/widgets/module-widget';

defineModuleWidget('winograd-bench', () => import('./winograd-bench'));
defineModuleWidget('winograd-error', () => import('./winograd-error'));
defineModuleWidget('winograd-family', () => import('./winograd-family'));
defineModuleWidget('winograd-tile', () => import('./winograd-tile'));
defineModuleWidget('winograd-tiling', () => import('./winograd-tiling'));
