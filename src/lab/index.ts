/** The lab: exercise generators, checkers and completion codes, pure functions of (seed, identifier). */
export * from './sha256.ts';
export * from './session.ts';
export * from './types.ts';
export * from './answers.ts';
export * from './catalog.ts';
export * from './completion-code.ts';
export * from './progress.ts';
export * from './csv.ts';
export * from './code/types.ts';
export * from './code/compare.ts';
export * from './code/exercises.ts';
export * from './code/judge.ts';
