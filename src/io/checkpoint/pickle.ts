import { CheckpointError } from './errors.ts';

/**
 * A restricted unpickler, in the spirit of PyTorch's `torch.load(weights_only=True)`.
 *
 * Why write one: a pickle is a small program for a stack machine, and the general Python
 * unpickler runs whatever functions the file names (os.system included). A state dict needs only
 * a few opcodes and a handful of globals, and the JavaScript pickle libraries that exist aim at
 * the general case (or at executing classes), are unmaintained, or do not bound their memory.
 * This one is a single linear pass that never calls anything named in the file: GLOBAL only looks
 * a name up in the caller's allowlist, and REDUCE/BUILD/BINPERSID hand the (already built)
 * arguments to the caller's host, which builds plain data or refuses.
 *
 * Bounded: every opcode consumes input bytes and allocates at most in proportion to the bytes it
 * read or the stack items it consumed, so memory is linear in the pickle's size and time is one
 * pass. Nothing here recurses, so deep nesting cannot overflow the call stack. A deterministic
 * budget (opcodes run, containers built, stack height) stops a hostile program long before it
 * costs seconds or hundreds of megabytes; a state dict of RepVGG-B3 uses about 1% of each.
 */

/** The unpickler's budget; each is hundreds of times what the largest RepVGG state dict needs. */
export const PICKLE_LIMITS = {
  /** Opcodes run. */
  ops: 8_000_000,
  /** Tuples, lists and dicts built (each costs tens of bytes of memory however small). */
  containers: 500_000,
  /** Values on the stack at once. */
  stack: 1_000_000,
} as const;

/** Python values as plain data. Tuples and lists are distinct (tuples are immutable). */
export type PyValue = null | boolean | number | bigint | string | Uint8Array | PyTuple | PyList | PyDict | PyGlobal | PyHosted;

export interface PyTuple {
  readonly kind: 'tuple';
  readonly items: readonly PyValue[];
}
export interface PyList {
  readonly kind: 'list';
  readonly items: PyValue[];
}
/** dict or collections.OrderedDict (both keep insertion order). */
export interface PyDict {
  readonly kind: 'dict';
  readonly entries: Map<PyKey, PyValue>;
  readonly ordered: boolean;
}
/** A name the host allowed, e.g. torch._utils._rebuild_tensor_v2; it means nothing until the host is asked to call it. */
export interface PyGlobal {
  readonly kind: 'global';
  readonly module: string;
  readonly name: string;
}
/** Whatever the host builds (tensors, storages): opaque to the unpickler. */
export interface PyHosted {
  readonly kind: 'hosted';
  readonly value: unknown;
}
/** Keys a dict may have here: Python's hashable scalars. */
export type PyKey = string | number | bigint | boolean | null;

export const tuple = (items: readonly PyValue[]): PyTuple => ({ kind: 'tuple', items });

/** The unpickler's only contact with the outside world. Each method either returns data or throws CheckpointError. */
export interface PickleHost {
  /** GLOBAL module.name: return a value standing for it, or throw when it is not allowed. */
  global(module: string, name: string): PyValue;
  /** REDUCE: `callable(*args)` for a callable that global() returned. */
  call(callable: PyValue, args: PyTuple): PyValue;
  /** BUILD: set `state` on `target` (returns the object that replaces target on the stack). */
  build(target: PyValue, state: PyValue): PyValue;
  /** BINPERSID: what the persistent id refers to (a storage, in torch.save files). */
  persistentLoad(pid: PyValue): PyValue;
}

const MARK = Symbol('mark');
type StackItem = PyValue | typeof MARK;

/** Describe a value's type the way Python would, for messages. */
export function typeName(value: PyValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'string') return 'str';
  if (value instanceof Uint8Array) return 'bytes';
  if (value.kind === 'global') return `${value.module}.${value.name}`;
  return value.kind;
}

/** A scalar as Python prints it: float('nan') is nan and inf, not JavaScript's NaN and Infinity. */
function pythonScalar(value: null | boolean | number | bigint): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** A value for messages: scalars as they are, anything else by its type ("a tuple"). */
export function describeValue(value: PyValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null || typeof value !== 'object')
    return `${typeName(value)} ${typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : pythonScalar(value)}`;
  return `a ${typeName(value)}`;
}

export function unpickle(data: Uint8Array, host: PickleHost, what = 'the pickle'): PyValue {
  return unpickleAt(data, 0, host, what).value;
}

/** One pickle starting at byte `start` (files may hold several in a row); `end` is just past its STOP. */
export function unpickleAt(data: Uint8Array, start: number, host: PickleHost, what = 'the pickle'): { value: PyValue; end: number } {
  const unpickler = new Unpickler(data, host, what, start);
  const value = unpickler.run();
  return { value, end: unpickler.position };
}

class Unpickler {
  private pos = 0;
  private stack: StackItem[] = [];
  private readonly memo = new Map<number, PyValue>();
  private readonly data: Uint8Array;
  private readonly view: DataView;
  private readonly host: PickleHost;
  private readonly what: string;
  private ops = 0;
  private containers = 0;

  constructor(data: Uint8Array, host: PickleHost, what: string, start: number) {
    this.pos = start;
    this.data = data;
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.host = host;
    this.what = what;
  }

  get position(): number {
    return this.pos;
  }

  private fail(message: string, code: 'corrupt' | 'forbidden' = 'corrupt'): never {
    throw new CheckpointError(code, `${this.what}, byte ${this.pos}: ${message}`);
  }

  private take(n: number): Uint8Array {
    if (n < 0) this.fail(`a negative length (${n})`);
    if (!(this.pos + n <= this.data.length)) {
      const declared = Number.isFinite(n) ? `${n} bytes` : 'more bytes than any file holds';
      throw new CheckpointError('truncated', `${this.what} ends early: byte ${this.pos} declares ${declared} but only ${this.data.length - this.pos} follow`);
    }
    const bytes = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return bytes;
  }

  private u8 = (): number => this.take(1)[0]!;
  private u16 = (): number => (this.take(2), this.view.getUint16(this.pos - 2, true));
  private u32 = (): number => (this.take(4), this.view.getUint32(this.pos - 4, true));
  private i32 = (): number => (this.take(4), this.view.getInt32(this.pos - 4, true));
  private u64 = (): number => {
    this.take(8);
    const value = this.view.getBigUint64(this.pos - 8, true);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(value); // take() then reports it
  };

  private text(n: number, encoding: 'utf-8' | 'latin1'): string {
    return new TextDecoder(encoding).decode(this.take(n));
  }

  private line(): string {
    const end = this.data.indexOf(0x0a, this.pos);
    if (end < 0) throw new CheckpointError('truncated', `${this.what} ends inside a GLOBAL name`);
    return this.text(end - this.pos + 1, 'utf-8').slice(0, -1);
  }

  private push(value: StackItem): void {
    if (this.stack.length >= PICKLE_LIMITS.stack) this.overBudget(`holds more than ${PICKLE_LIMITS.stack.toLocaleString('en-US')} values on its stack at once`);
    this.stack.push(value);
  }

  /** Count a new tuple, list or dict against the budget. */
  private built<T>(value: T): T {
    if (++this.containers > PICKLE_LIMITS.containers)
      this.overBudget(`builds more than ${PICKLE_LIMITS.containers.toLocaleString('en-US')} tuples, lists and dicts`);
    return value;
  }

  private overBudget(what: string): never {
    throw new CheckpointError('unsupported', `${this.what} ${what}; a state dict needs a small fraction of that, so the file was refused`);
  }

  private pop(): PyValue {
    const item = this.stack.pop();
    if (item === undefined) this.fail('the pickle pops from an empty stack');
    if (item === MARK) this.fail('the pickle uses a MARK as a value');
    return item;
  }

  private top(): PyValue {
    const item = this.stack[this.stack.length - 1];
    if (item === undefined || item === MARK) this.fail('the pickle expects a value on the stack');
    return item;
  }

  /** Everything above the topmost MARK, which is removed. */
  private popMark(): PyValue[] {
    const at = this.stack.lastIndexOf(MARK);
    if (at < 0) this.fail('the pickle has no MARK to pop to');
    const items = this.stack.slice(at + 1) as PyValue[];
    this.stack.length = at;
    return items;
  }

  private list(target: PyValue): PyList {
    if (target === null || typeof target !== 'object' || !('kind' in target) || target.kind !== 'list') this.fail(`APPEND to a ${typeName(target)}`);
    return target;
  }

  private dict(target: PyValue): PyDict {
    if (target === null || typeof target !== 'object' || !('kind' in target) || target.kind !== 'dict') this.fail(`SETITEM on a ${typeName(target)}`);
    return target;
  }

  private setItems(target: PyValue, items: PyValue[]): void {
    const dict = this.dict(target);
    if (items.length % 2) this.fail('SETITEMS with an odd number of items');
    for (let i = 0; i < items.length; i += 2) {
      const key = items[i]!;
      if (key !== null && typeof key === 'object') this.fail(`a dict key of type ${typeName(key)} (only str, int, bool and None keys are read)`);
      dict.entries.set(key, items[i + 1]!);
    }
  }

  private memoGet(index: number): PyValue {
    const value = this.memo.get(index);
    if (value === undefined) this.fail(`memo entry ${index} is read before it is written`);
    return value;
  }

  private long(bytes: Uint8Array): number | bigint {
    // Little-endian two's complement, as Python's LONG1 writes it.
    let value = 0n;
    for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
    if (bytes.length && bytes[bytes.length - 1]! & 0x80) value -= 1n << BigInt(8 * bytes.length);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
  }

  run(): PyValue {
    for (;;) {
      const at = this.pos;
      if (++this.ops > PICKLE_LIMITS.ops) this.overBudget(`runs more than ${PICKLE_LIMITS.ops.toLocaleString('en-US')} opcodes`);
      const op = this.u8();
      switch (op) {
        case 0x80: {
          // PROTO
          const protocol = this.u8();
          if (protocol > 5) this.fail(`pickle protocol ${protocol} is newer than any Python writes`);
          break;
        }
        case 0x95:
          this.u64();
          break; // FRAME: a size hint for buffered readers; the data follows inline
        case 0x2e: {
          // STOP
          const result = this.pop();
          return result;
        }
        case 0x28:
          this.push(MARK);
          break; // MARK
        case 0x30:
          this.pop();
          break; // POP
        case 0x31:
          this.popMark();
          break; // POP_MARK
        case 0x4e:
          this.push(null);
          break; // NONE
        case 0x88:
          this.push(true);
          break; // NEWTRUE
        case 0x89:
          this.push(false);
          break; // NEWFALSE
        case 0x4a:
          this.push(this.i32());
          break; // BININT
        case 0x4b:
          this.push(this.u8());
          break; // BININT1
        case 0x4d:
          this.push(this.u16());
          break; // BININT2
        case 0x8a:
          this.push(this.long(this.take(this.u8())));
          break; // LONG1
        case 0x47:
          this.push((this.take(8), this.view.getFloat64(this.pos - 8, false)));
          break; // BINFLOAT
        case 0x8c:
          this.push(this.text(this.u8(), 'utf-8'));
          break; // SHORT_BINUNICODE
        case 0x58:
          this.push(this.text(this.u32(), 'utf-8'));
          break; // BINUNICODE
        case 0x8d:
          this.push(this.text(this.u64(), 'utf-8'));
          break; // BINUNICODE8
        case 0x55:
          this.push(this.text(this.u8(), 'latin1'));
          break; // SHORT_BINSTRING (Python 2 str)
        case 0x54:
          this.push(this.text(this.i32(), 'latin1'));
          break; // BINSTRING
        case 0x43:
          this.push(this.take(this.u8()).slice());
          break; // SHORT_BINBYTES
        case 0x42:
          this.push(this.take(this.u32()).slice());
          break; // BINBYTES
        case 0x8e:
          this.push(this.take(this.u64()).slice());
          break; // BINBYTES8
        case 0x29:
          this.push(this.built(tuple([])));
          break; // EMPTY_TUPLE
        case 0x74:
          this.push(this.built(tuple(this.popMark())));
          break; // TUPLE
        case 0x85:
          this.push(this.built(tuple([this.pop()])));
          break; // TUPLE1
        case 0x86: {
          const b = this.pop();
          const a = this.pop();
          this.push(this.built(tuple([a, b])));
          break;
        } // TUPLE2
        case 0x87: {
          const c = this.pop();
          const b = this.pop();
          const a = this.pop();
          this.push(this.built(tuple([a, b, c])));
          break;
        } // TUPLE3
        case 0x5d:
          this.push(this.built({ kind: 'list', items: [] }));
          break; // EMPTY_LIST
        case 0x6c:
          this.push(this.built({ kind: 'list', items: this.popMark() }));
          break; // LIST
        case 0x61: {
          const item = this.pop();
          this.list(this.top()).items.push(item);
          break;
        } // APPEND
        case 0x65: {
          const items = this.popMark();
          const list = this.list(this.top()).items;
          for (const item of items) list.push(item);
          break;
        } // APPENDS
        case 0x7d:
          this.push(this.built({ kind: 'dict', entries: new Map(), ordered: false }));
          break; // EMPTY_DICT
        case 0x64: {
          const dict: PyDict = this.built({ kind: 'dict', entries: new Map(), ordered: false });
          this.setItems(dict, this.popMark());
          this.push(dict);
          break;
        } // DICT
        case 0x73: {
          const value = this.pop();
          const key = this.pop();
          this.setItems(this.top(), [key, value]);
          break;
        } // SETITEM
        case 0x75: {
          const items = this.popMark();
          this.setItems(this.top(), items);
          break;
        } // SETITEMS
        case 0x63: {
          const module = this.line();
          const name = this.line();
          this.push(this.host.global(module, name));
          break;
        } // GLOBAL
        case 0x93: {
          // STACK_GLOBAL
          const name = this.pop();
          const module = this.pop();
          if (typeof module !== 'string' || typeof name !== 'string') this.fail('STACK_GLOBAL needs two strings');
          this.push(this.host.global(module, name));
          break;
        }
        case 0x52: {
          // REDUCE
          const args = this.pop();
          const callable = this.pop();
          if (args === null || typeof args !== 'object' || !('kind' in args) || args.kind !== 'tuple') this.fail('REDUCE needs an argument tuple');
          this.push(this.built(this.host.call(callable, args)));
          break;
        }
        case 0x62: {
          const state = this.pop();
          const target = this.pop();
          this.push(this.host.build(target, state));
          break;
        } // BUILD
        case 0x51:
          this.push(this.host.persistentLoad(this.pop()));
          break; // BINPERSID
        case 0x71:
          this.memo.set(this.u8(), this.top());
          break; // BINPUT
        case 0x72:
          this.memo.set(this.u32(), this.top());
          break; // LONG_BINPUT
        case 0x94:
          this.memo.set(this.memo.size, this.top());
          break; // MEMOIZE
        case 0x68:
          this.push(this.memoGet(this.u8()));
          break; // BINGET
        case 0x6a:
          this.push(this.memoGet(this.u32()));
          break; // LONG_BINGET
        default: {
          this.pos = at;
          const printable = op >= 0x20 && op < 0x7f ? ` ('${String.fromCharCode(op)}')` : '';
          this.fail(`opcode 0x${op.toString(16).padStart(2, '0')}${printable} is not allowed in a state dict`, 'forbidden');
        }
      }
    }
  }
}
