/** Winograd minimal filtering: matrices, their derivation, tile stages, whole layers, counts. */
export * from './matrices.ts';
export * from './toom-cook.ts';
export * from './tile.ts';
export * from './tiling.ts';
export * from './conv.ts';
export * from './model-muls.ts';
export * from './error.ts';
export * from './fast-direct.ts';
export * from './fast-f2x2.ts';
