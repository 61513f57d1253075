/**
 * ONNX export of RepVGG networks (pure TypeScript on protobufjs: Node, browsers, workers).
 * Not re-exported from src/core/index.ts, so pages that only need the math do not load protobufjs.
 */
export * from './schema.ts';
export * from './graph.ts';
export * from './encode.ts';
export * from './repvgg-graph.ts';
export * from './export.ts';
export * from './inspect.ts';
export * from './conv-bench.ts';
