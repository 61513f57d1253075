/** The public API of src/math: pure TypeScript, no DOM, no Node built-ins (Node, browsers, workers). */
export * from './tensor.ts';
export * from './random.ts';
export * from './conv2d.ts';
export * from './batch-norm.ts';
export * from './ops.ts';
export * from './fold-batch-norm.ts';
export * from './pad-to-3x3.ts';
export * from './identity-kernel.ts';
export * from './block.ts';
export * from './reparameterize-block.ts';
export * from './family.ts';
export * from './count.ts';
export * from './paper.ts';
export * from './state-dict.ts';
export * from './model.ts';
export * from './weights.ts';
export * from './convert-model.ts';
