/**
 * Real checkpoints in and out: PyTorch .pth (torch.save's zip format, read with a restricted
 * unpickler) and safetensors, in the official or timm naming, training-time or deploy.
 * Pure TypeScript over Blob and WritableStream: the same code in Node, the browser and workers.
 */
export * from './errors.ts';
export * from './dtype.ts';
export * from './file.ts';
export * from './naming.ts';
export * from './infer.ts';
export * from './pickle.ts';
export * from './torch-pickle.ts';
export * from './sniff.ts';
export * from './torch-state-dict.ts';
export * from './pth-reader.ts';
export * from './legacy-reader.ts';
export * from './safetensors-reader.ts';
export * from './assemble.ts';
export * from './read-checkpoint.ts';
export * from './state-dict-output.ts';
export * from './pickle-writer.ts';
export * from './safetensors-writer.ts';
export * from './pth-writer.ts';
export * from './write-checkpoint.ts';
