import { CheckpointError } from './errors.ts';
import type { ByteSource, CheckpointFormat } from './file.ts';
import { readRange } from './file.ts';

/**
 * Which reader a file needs, from its first bytes (not its name: downloads get renamed). Files
 * that are not checkpoints get a message saying what they look like instead, since "a web page"
 * or "a Git LFS pointer" tells a student what went wrong far better than "bad magic number".
 */
export async function sniffFormat(blob: ByteSource, signal?: AbortSignal): Promise<CheckpointFormat> {
  if (blob.size === 0) throw new CheckpointError('not-a-checkpoint', 'the file is empty');
  const head = await readRange(blob, 0, Math.min(blob.size, 512), 'the start of the file', signal);
  const startsWith = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  const text = new TextDecoder('latin1').decode(head.subarray(0, 64)).trimStart().toLowerCase();

  if (startsWith(0x50, 0x4b, 0x03, 0x04) || startsWith(0x50, 0x4b, 0x05, 0x06)) return 'pth';
  if (head.length >= 9 && head[8] === 0x7b) return 'safetensors'; // 8-byte header length, then '{'
  // torch.save before PyTorch 1.6: a pickle that begins with the magic number 0x1950a86a20f9469cfc6c.
  if (startsWith(0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19)) return 'pth-legacy';
  if (head[0] === 0x80)
    throw new CheckpointError('unsupported', 'this is a plain Python pickle, not a file written by torch.save (which is a zip archive) or safetensors');
  if (text.startsWith('version https://git-lfs')) {
    throw new CheckpointError(
      'not-a-checkpoint',
      'this is a Git LFS pointer, a small text file that stands for the real checkpoint: fetch the real file (git lfs pull) or download it directly',
    );
  }
  if (text.startsWith('<!doctype') || text.startsWith('<html') || text.startsWith('<?xml')) {
    throw new CheckpointError(
      'not-a-checkpoint',
      'this is a web page, not a checkpoint: the download probably saved an error or login page instead of the file',
    );
  }
  if (
    startsWith(0xff, 0xd8, 0xff) ||
    startsWith(0x89, 0x50, 0x4e, 0x47) ||
    startsWith(0x47, 0x49, 0x46, 0x38) ||
    (startsWith(0x52, 0x49, 0x46, 0x46) && text.slice(8, 12) === 'webp')
  ) {
    throw new CheckpointError('not-a-checkpoint', 'this is an image, not a checkpoint');
  }
  if (startsWith(0x1f, 0x8b)) throw new CheckpointError('not-a-checkpoint', 'this is a gzip-compressed file: decompress it first (gunzip)');
  const neither = 'neither a PyTorch .pth (a zip archive written by torch.save) nor a safetensors file';
  const start = textStart(head);
  if (start !== undefined) throw new CheckpointError('not-a-checkpoint', `this looks like a text file (it begins “${start}”), ${neither}`);
  const hex = [...head.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new CheckpointError('not-a-checkpoint', `it is ${neither} (it starts with the bytes ${hex})`);
}

/**
 * The first words of a file that reads as text (valid UTF-8 without control characters other
 * than tab and line breaks), or undefined for binary data. Weights are never text.
 */
export function textStart(head: Uint8Array, length = 40): string | undefined {
  let text: string;
  try {
    // The head may end inside a multi-byte character: drop up to 3 trailing bytes of one.
    text = new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(head));
  } catch {
    return undefined;
  }
  if (!text.trim() || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return undefined;
  const flat = text.trim().replace(/\s+/g, ' ');
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

function trimPartialUtf8(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}
