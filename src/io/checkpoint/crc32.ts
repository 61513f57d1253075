/**
 * CRC-32 (the zip and PNG one: polynomial 0xEDB88320, reflected), with the signature of Node's
 * zlib.crc32(data, previous): pass the last result to continue over the next chunk. Node's is
 * native and several times faster; the CLI passes it in (ZipWriteOptions.crc32). This one is for
 * the browser, slicing by 8 (eight table look-ups per 8 bytes), about 1 GB/s in V8 (zlib.crc32 here: 2–4 GB/s).
 */
export type Crc32 = (data: Uint8Array, previous?: number) => number;

const TABLES = ((): Int32Array => {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n]! >>> 8) ^ t[t[(k - 1) * 256 + n]! & 0xff]!;
  }
  return t;
})();

/** Little-endian hosts only (as the writers): the 8-byte steps read two aligned 32-bit words. */
export const crc32: Crc32 = (data, previous = 0) => {
  const t = TABLES;
  let c = ~previous;
  let i = 0;
  const head = Math.min(data.length, (4 - (data.byteOffset % 4)) % 4);
  for (; i < head; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  // Whole 32-bit words: three times faster in V8 than assembling them from bytes.
  const words = data.length - i >= 8 ? new Int32Array(data.buffer, data.byteOffset + i, ((data.length - i) >> 3) * 2) : new Int32Array(0);
  for (let w = 0; w < words.length; w += 2) {
    const a = c ^ words[w]!;
    const b = words[w + 1]!;
    c =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + (b & 0xff)]! ^
      t[512 + ((b >>> 8) & 0xff)]! ^
      t[256 + ((b >>> 16) & 0xff)]! ^
      t[b >>> 24]!;
  }
  for (i += words.length * 4; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
};
