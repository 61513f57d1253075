import { closeSync, fstatSync, openSync, read } from 'node:fs';
import type { ByteSource } from '../io/checkpoint/file.ts';

/**
 * A file on disk as the checkpoint readers' ByteSource: each range is read with pread straight
 * into its own buffer, one copy out of the page cache, on libuv's thread pool, so the main thread
 * converts and writes meanwhile. Node's file-backed Blob (fs.openAsBlob) streams every slice in
 * chunks and concatenates them, which cost more than the conversion.
 */
export function openFileSource(path: string): ByteSource & { close(): void } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new Error(`cannot open ${path}: ${(error as Error).message}`);
  }
  const size = fstatSync(fd).size;
  return {
    size,
    slice: (start, end) => ({
      arrayBuffer: async () => {
        const from = Math.min(Math.max(0, start), size);
        const bytes = new Uint8Array(Math.max(0, Math.min(end, size) - from));
        for (let done = 0; done < bytes.length; ) {
          const n = await new Promise<number>((resolve, reject) =>
            read(fd, bytes, done, bytes.length - done, from + done, (error, count) => (error ? reject(error) : resolve(count))),
          );
          if (n === 0) return bytes.buffer.slice(0, done); // the file shrank: the reader sees a short read
          done += n;
        }
        return bytes.buffer;
      },
    }),
    close: () => closeSync(fd),
  };
}

/** `use` with the file open as a ByteSource; closed afterwards, whatever happens. */
export async function withFileSource<T>(path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const source = openFileSource(path);
  try {
    return await use(source);
  } finally {
    source.close();
  }
}
