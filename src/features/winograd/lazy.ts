/**
 * The winograd widgets' loaders, one module for the page: each widget's code (and Plot) loads when its
 * figure is about to scroll into view. Every component's script imports this module, so a page
 * ships one small chunk however many of these figures it has.
 */
import { defineWhenNear } from '../../ui/widgets/define-when-near';

defineWhenNear('winograd-bench', () => import('./winograd-bench').then((m) => m.WinogradBenchWidget));
defineWhenNear('winograd-error', () => import('./winograd-error').then((m) => m.WinogradErrorWidget));
defineWhenNear('winograd-family', () => import('./winograd-family').then((m) => m.WinogradFamilyWidget));
defineWhenNear('winograd-tile', () => import('./winograd-tile').then((m) => m.WinogradTileWidget));
defineWhenNear('winograd-tiling', () => import('./winograd-tiling').then((m) => m.WinogradTilingWidget));
