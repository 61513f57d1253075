import type { OutputTensor } from './state-dict-output.ts';

/**
 * The data.pkl of a state dict, byte for byte what torch.save(OrderedDict(...)) writes with
 * pickle protocol 2 (for a dict without `_metadata`):
 *
 *   OrderedDict() then, per tensor, key → _rebuild_tensor_v2(
 *       persistent_id ('storage', torch.FloatStorage, '<n>', 'cpu', numel),
 *       0, size, stride, False, OrderedDict())
 *   set with SETITEMS in batches of 1000, as Python's pickler batches them.
 *
 * Like Python's pickler, every object is memoized (BINPUT) when first written and referred to
 * (BINGET) when written again; in torch.save the objects written again are the globals and the
 * constant strings 'storage' and 'cpu'. Tensor n uses storage n, contiguous, offset 0.
 */

const STORAGE_TYPE = { float32: 'FloatStorage', int64: 'LongStorage' } as const;
const BATCH = 1000;

class PickleBytes {
  private chunks: number[] = [];
  private readonly memo = new Map<string, number>();
  private memoSize = 0;

  op(...bytes: number[]): void {
    for (const b of bytes) this.chunks.push(b);
  }

  private u32(n: number): number[] {
    return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  }

  /** BINPUT / LONG_BINPUT the object just written. */
  put(): void {
    const index = this.memoSize++;
    if (index < 256) this.op(0x71, index);
    else this.op(0x72, ...this.u32(index));
  }

  /** Write a shared object once, then refer to it: `id` names it, `write` writes it the first time. */
  shared(id: string, write: () => void): void {
    const index = this.memo.get(id);
    if (index !== undefined) {
      if (index < 256) this.op(0x68, index);
      else this.op(0x6a, ...this.u32(index));
      return;
    }
    write();
    this.memo.set(id, this.memoSize);
    this.put();
  }

  /** BINUNICODE + BINPUT (protocol 2 writes every str this way). */
  str(text: string): void {
    const utf8 = new TextEncoder().encode(text);
    this.op(0x58, ...this.u32(utf8.length));
    for (const b of utf8) this.chunks.push(b);
    this.put();
  }

  global(module: string, name: string): void {
    this.shared(`global:${module}.${name}`, () => {
      this.op(0x63);
      for (const b of new TextEncoder().encode(`${module}\n${name}\n`)) this.chunks.push(b);
    });
  }

  /** BININT1, BININT2 or BININT, as Python picks them (non-negative sizes only here). */
  int(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`pickle writer: ${n} is not a size`);
    if (n < 0x100) this.op(0x4b, n);
    else if (n < 0x10000) this.op(0x4d, n & 0xff, n >> 8);
    else if (n <= 0x7fffffff) this.op(0x4a, ...this.u32(n));
    else this.long(n);
  }

  /** LONG1: little-endian two's complement, as short as it can be with a sign bit. */
  private long(n: number): void {
    const bytes: number[] = [];
    let value = BigInt(n);
    while (value > 0n) {
      bytes.push(Number(value & 0xffn));
      value >>= 8n;
    }
    if (bytes[bytes.length - 1]! & 0x80) bytes.push(0);
    this.op(0x8a, bytes.length, ...bytes);
  }

  /** A tuple of sizes: EMPTY_TUPLE, TUPLE1–3, or MARK … TUPLE; memoized unless empty. */
  intTuple(values: readonly number[]): void {
    if (values.length === 0) {
      this.op(0x29);
      return;
    }
    if (values.length > 3) this.op(0x28);
    for (const v of values) this.int(v);
    this.op(values.length > 3 ? 0x74 : 0x84 + values.length);
    this.put();
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  for (let axis = shape.length - 1, s = 1; axis >= 0; axis--) {
    strides[axis] = s;
    s *= shape[axis]!;
  }
  return strides;
}

export function pickleStateDict(entries: readonly OutputTensor[]): Uint8Array {
  const p = new PickleBytes();
  p.op(0x80, 2); // PROTO 2
  p.global('collections', 'OrderedDict');
  p.op(0x29, 0x52); // EMPTY_TUPLE, REDUCE: OrderedDict()
  p.put();
  for (let start = 0; start < entries.length; start += BATCH) {
    const batch = entries.slice(start, start + BATCH);
    if (batch.length > 1) p.op(0x28); // MARK
    batch.forEach((entry, i) => {
      const numel = entry.shape.reduce((a, b) => a * b, 1);
      p.str(entry.key);
      p.global('torch._utils', '_rebuild_tensor_v2');
      p.op(0x28); // MARK: the arguments
      p.op(0x28); // MARK: the persistent id
      p.shared('str:storage', () => p.op(...strBytes('storage')));
      p.global('torch', STORAGE_TYPE[entry.dtype]);
      p.str(String(start + i));
      p.shared('str:cpu', () => p.op(...strBytes('cpu')));
      p.int(numel);
      p.op(0x74); // TUPLE
      p.put();
      p.op(0x51); // BINPERSID
      p.int(0); // storage offset
      p.intTuple(entry.shape);
      p.intTuple(rowMajorStrides(entry.shape));
      p.op(0x89); // NEWFALSE: requires_grad
      p.global('collections', 'OrderedDict');
      p.op(0x29, 0x52); // OrderedDict(): no backward hooks
      p.put();
      p.op(0x74); // TUPLE
      p.put();
      p.op(0x52); // REDUCE
      p.put();
    });
    p.op(batch.length > 1 ? 0x75 : 0x73); // SETITEMS or SETITEM
  }
  p.op(0x2e); // STOP
  return p.bytes();
}

function strBytes(text: string): number[] {
  const utf8 = [...new TextEncoder().encode(text)];
  const n = utf8.length;
  return [0x58, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff, ...utf8];
}
