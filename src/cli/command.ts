import type { ParseArgsConfig } from 'node:util';
import type { RepVGGSpec } from '../core/family.ts';
import { MODEL_IDS, findModel } from '../core/catalog.ts';

/** Where a command writes: the real process streams, or a buffer in tests. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What a command receives after parsing: its positionals and its option values. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
}

/**
 * One subcommand of `repvgg`. To add one (export, convert, classify, ...), write
 * src/cli/commands/<name>.ts exporting a Command and list it in src/cli/commands/index.ts;
 * main.ts parses its options (node:util parseArgs, strict) and prints its help.
 */
export interface Command {
  readonly name: string;
  /** One line for `repvgg --help`. */
  readonly summary: string;
  /** Usage line(s) after "repvgg", e.g. "stats [VARIANT...] [--json]". */
  readonly usage: string;
  /** Longer help: what the options mean, examples. */
  readonly description: string;
  /** --help is added for every command; don't declare it here. */
  readonly options: OptionSpec;
  /** Returns the exit code. Throw UsageError for bad arguments. */
  run(args: ParsedArgs, io: Io): number | Promise<number>;
}

/** Bad command-line arguments: main prints the message and the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An integer option within [min, max], or undefined when absent; anything else is a UsageError. */
export function integerOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${String(value)}"`);
  return n;
}

/**
 * The model names every command accepts (export, convert -a, classify -a, stats), from the one
 * list the site uses (src/core/catalog.ts): the 13 variants and RepVGG-tiny, by short id or full
 * name, any case, with or without the RepVGG-/repvgg_ prefix.
 */
export const MODEL_NAMES_HELP = `${MODEL_IDS.join(', ')} (also written RepVGG-A0, repvgg_a0, RepVGG-tiny)`;

/** The spec a model name names; anything else is a UsageError listing the names. */
export function modelOption(name: string): RepVGGSpec {
  const spec = findModel(name);
  if (!spec) throw new UsageError(`unknown model "${name}"; known: ${MODEL_NAMES_HELP}`);
  return spec;
}
