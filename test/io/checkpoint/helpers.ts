import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { CheckpointError, type CheckpointErrorCode } from '../../../src/io/checkpoint/errors.ts';
import type { RepVGGSpec } from '../../../src/core/family.ts';
import { type Tensor, tensor } from '../../../src/core/tensor.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('../../fixtures/checkpoints/', import.meta.url));

export function fixtureBytes(name: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(FIXTURES + name));
}

/** A fixture as a Blob held in memory (fs.openAsBlob would work as well; the readers take either). */
export function fixtureBlob(name: string): Blob {
  return new Blob([fixtureBytes(name)]);
}

/** The architecture of tools/fixtures/tiny_repvgg.py, as a spec. */
export const TINY: RepVGGSpec = {
  name: 'tiny',
  depths: [1, 2, 2, 3, 1],
  widthMultiplier: [0.125, 0.125],
  groups: { 2: 2, 4: 2, 6: 4 },
  numClasses: 10,
  inputSize: 32,
};

interface Outputs {
  input: { shape: number[]; data: number[] };
  logitsShape: number[];
  trainEval: number[];
  deploy: number[];
  trainFloat16: number[];
  trainBfloat16: number[];
}

/** PyTorch's logits for the fixture input, recorded by make_checkpoints.py. */
export const PYTORCH = JSON.parse(readFileSync(`${FIXTURES}tiny-outputs.json`, 'utf8')) as Outputs;
export const INPUT: Tensor = tensor(PYTORCH.input.shape, PYTORCH.input.data);
export const logits = (values: number[]): Tensor => tensor(PYTORCH.logitsShape, values);

let python: string | null | undefined;
/** A Python that can import torch (Debian's python3-torch), or null: tests that need it are skipped. */
export function pythonWithTorch(): string | null {
  if (python === undefined) {
    python =
      ['python3', '/usr/bin/python3', 'python'].find((exe) => spawnSync(exe, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 }).status === 0) ??
      null;
    if (!python) console.warn('PyTorch is not installed (apt-get install -y python3-torch): the tests that run real PyTorch are skipped');
  }
  return python;
}

/** Await a read that must fail with a CheckpointError of this code and a message matching `pattern`. */
export async function expectCheckpointError(promise: Promise<unknown>, code: CheckpointErrorCode, pattern: RegExp): Promise<CheckpointError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the read should have failed').toBeInstanceOf(CheckpointError);
  expect((error as CheckpointError).message).toMatch(pattern);
  expect((error as CheckpointError).code).toBe(code);
  return error as CheckpointError;
}
