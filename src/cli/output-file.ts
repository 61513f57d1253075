import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { type FileHandle, link, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ByteSink } from '../io/checkpoint/byte-sink.ts';
import { UsageError } from './command.ts';

/**
 * Output files of the commands, written so that no existing file is ever destroyed by accident:
 *   - the output is checked before any work: its folder exists, it is not a folder, it is not
 *     one of the inputs (the same file by device and inode, so a symlink or hard link to the
 *     input counts), and it does not exist unless --force;
 *   - the bytes go to a new temporary file in the output's folder, created exclusively ('wx')
 *     under a random name, so it can be no other file; only that file is ever removed;
 *   - at the end it takes the output's name: without --force by link(), which fails if a file
 *     appeared there meanwhile, with --force by rename(), which replaces it in one step.
 * A failure, or Ctrl-C, removes the temporary file and leaves every other file as it was.
 */

export interface OutputOptions {
  /** Replace an existing file (never an input). */
  readonly force?: boolean;
  /** Files the command reads: the output may not be any of them, even with force. */
  readonly inputs?: readonly string[];
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return null;
    throw error;
  }
}

/** Throws a UsageError (with what to do) unless `path` can be written as the command's output. */
export async function checkOutput(path: string, options: OutputOptions = {}): Promise<void> {
  const folder = dirname(path);
  const folderStats = await statOrNull(folder);
  if (!folderStats) throw new UsageError(`cannot write ${path}: the folder ${folder} does not exist (create it first, or choose another -o)`);
  if (!folderStats.isDirectory()) throw new UsageError(`cannot write ${path}: ${folder} is a file, not a folder`);
  const existing = await statOrNull(path);
  if (!existing) return;
  if (existing.isDirectory()) throw new UsageError(`${path} is a folder: give -o a file name`);
  for (const input of options.inputs ?? []) {
    const inputStats = await statOrNull(input);
    if (inputStats && inputStats.dev === existing.dev && inputStats.ino === existing.ino) {
      throw new UsageError(
        `${path} is the input file ${input}${input === path ? '' : ' (the same file under another name)'}: writing it would destroy the input; choose another -o`,
      );
    }
  }
  if (!options.force) throw new UsageError(`${path} already exists: add --force to replace it, or choose another -o`);
}

/**
 * A file written by position (the checkpoint writers' ByteSink), through one file handle. One
 * write is kept in flight (ByteSink.write allows it): write() returns once the previous write is
 * done and this one has started, so the kernel copies one chunk into the page cache (on libuv's
 * thread pool) while the next chunk is converted and checksummed here.
 */
class FileSink implements ByteSink {
  private inFlight: Promise<void> = Promise.resolve();

  constructor(
    private readonly handle: FileHandle,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async write(bytes: Uint8Array, position: number): Promise<void> {
    await this.inFlight;
    this.signal?.throwIfAborted();
    const write = this.writeAll(bytes, position);
    write.catch(() => {}); // reported by the next write() or drain(), not as an unhandled rejection
    this.inFlight = write;
  }

  /** Waits for the write in flight; throws its error, if it failed. */
  drain(): Promise<void> {
    return this.inFlight;
  }

  private async writeAll(bytes: Uint8Array, position: number): Promise<void> {
    for (let done = 0; done < bytes.length; ) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, position + done);
      done += bytesWritten;
    }
  }
}

/** Thrown when the user interrupts a write (Ctrl-C); the output was not written. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}

export interface WriteFileOptions extends OutputOptions {
  /** Aborting stops the write at the next chunk; the temporary file is removed. */
  readonly signal?: AbortSignal;
}

/**
 * Runs `write` into a temporary file beside `path`, then gives it the name `path` (see the top of
 * this file). Checks `path` first (checkOutput). Returns the size of the file written.
 */
export async function writeOutputFile(path: string, options: WriteFileOptions, write: (sink: ByteSink) => Promise<unknown>): Promise<number> {
  await checkOutput(path, options);
  const { handle, temporary } = await createTemporary(path);
  let named = false;
  try {
    const sink = new FileSink(handle, options.signal);
    try {
      await write(sink);
      await sink.drain();
    } finally {
      await sink.drain().catch(() => {}); // never close under a write in flight
      await handle.close();
    }
    options.signal?.throwIfAborted();
    await moveIntoPlace(temporary, path, options);
    named = true;
    return (await stat(path)).size;
  } catch (error) {
    if (options.signal?.aborted) throw new InterruptedError(`interrupted: ${path} was not written`);
    throw error;
  } finally {
    if (!named) await unlink(temporary).catch(() => {});
  }
}

/** A new file in path's folder that did not exist before ('wx'), under a name nothing else uses. */
async function createTemporary(path: string): Promise<{ handle: FileHandle; temporary: string }> {
  for (let attempt = 0; ; attempt++) {
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
    try {
      return { handle: await open(temporary, 'wx', 0o644), temporary };
    } catch (error) {
      if (code(error) !== 'EEXIST' || attempt >= 4) throw error;
    }
  }
}

async function moveIntoPlace(temporary: string, path: string, options: OutputOptions): Promise<void> {
  // Just before the name changes hands, the output must still not be an input.
  await checkOutput(path, { ...options, force: true });
  if (options.force) return rename(temporary, path);
  try {
    await link(temporary, path); // fails if a file took the name since checkOutput: never replaces one
  } catch (error) {
    if (code(error) === 'EEXIST') throw new UsageError(`${path} appeared while it was being written: add --force to replace it, or choose another -o`);
    // No hard links here (some network and FAT file systems): checked, then renamed.
    if ((await statOrNull(path)) !== null) throw new UsageError(`${path} already exists: add --force to replace it, or choose another -o`);
    return rename(temporary, path);
  }
  await unlink(temporary);
}

/**
 * Runs `work` with Ctrl-C (SIGINT) and SIGTERM turned into an abort of `signal`, so a write in
 * progress stops and cleans up instead of leaving a temporary file behind.
 */
export async function withInterrupts<T>(work: (signal: AbortSignal) => Promise<T>, signals: Pick<NodeJS.EventEmitter, 'on' | 'off'> = process): Promise<T> {
  const controller = new AbortController();
  const abort = () => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl-C: stop now
    controller.abort(new InterruptedError('interrupted'));
  };
  signals.on('SIGINT', abort);
  signals.on('SIGTERM', abort);
  try {
    return await work(controller.signal);
  } finally {
    signals.off('SIGINT', abort);
    signals.off('SIGTERM', abort);
  }
}
