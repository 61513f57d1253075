import { stat } from 'node:fs/promises';

/** An input that is missing or not a file: "cannot open PATH: no such file" (or what else is wrong). */
export async function checkInputFile(path: string): Promise<void> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`cannot open ${path}: ${reason}`);
  }
}
