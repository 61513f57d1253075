/**
 * Where the checkpoint writers put a file's bytes. The writers know the whole layout before the
 * first byte (sizes come from the shapes), so they write by position: a zip record's local
 * header can be written after its data, once the data's CRC is known, without holding the data.
 * In Node the sink is a file descriptor (src/cli/file-sink.ts); in the browser, a Blob (BlobSink).
 */
export interface ByteSink {
  /**
   * Writes `bytes` at `position`. A sink may go on reading `bytes` until the next write() has
   * resolved (one write in flight, so a file write can overlap the making of the next chunk):
   * a writer that reuses memory alternates two buffers. A sink that keeps bytes copies them.
   */
  write(bytes: Uint8Array, position: number): void | Promise<void>;
  /** Resolves when the sink reads none of the bytes given to it any more (a sink that copies at once needs none). */
  drain?(): Promise<void>;
}

/**
 * Gathers small writes that follow each other into one buffer (allocated once), so a state dict
 * of a thousand small tensors reaches the sink as a few large writes. Large writes pass through.
 * Call drain() at the end.
 */
export class CoalescingSink implements ByteSink {
  /** Two, used in turn: the one flushed last may still be in flight (see ByteSink.write). */
  private readonly buffers: [Uint8Array, Uint8Array];
  private buffer: Uint8Array;
  private start = 0;
  private length = 0;
  /** A large write went to the sink as it was, and the sink may still be reading it. */
  private passedThrough = false;

  constructor(
    private readonly sink: ByteSink,
    capacity = 1 << 20,
  ) {
    this.buffers = [new Uint8Array(capacity), new Uint8Array(capacity)];
    this.buffer = this.buffers[0];
  }

  async write(bytes: Uint8Array, position: number): Promise<void> {
    const large = bytes.length > this.buffer.length / 4;
    const follows = this.length > 0 && position === this.start + this.length;
    if (large || !follows || this.length + bytes.length > this.buffer.length) await this.flush();
    if (large) {
      await this.sink.write(bytes, position);
      this.passedThrough = true;
      return;
    }
    // This write returns at once, so the caller may reuse the large write's memory after it:
    // first let the sink finish reading that.
    if (this.passedThrough) await this.sink.drain?.();
    this.passedThrough = false;
    if (this.length === 0) this.start = position;
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  async flush(): Promise<void> {
    if (this.length === 0) return;
    const full = this.buffer.subarray(0, this.length);
    this.length = 0;
    this.buffer = this.buffer === this.buffers[0] ? this.buffers[1] : this.buffers[0];
    await this.sink.write(full, this.start);
    this.passedThrough = false; // a sink keeps one write in flight: now this one
  }

  /** Writes what is gathered and waits until the sink has read everything. */
  async drain(): Promise<void> {
    await this.flush();
    await this.sink.drain?.();
  }
}

/**
 * A Blob from positional writes, for the site's downloads. Each write is copied into a Blob part
 * at once (the Blob constructor copies), so the writers may reuse their buffers. The parts must
 * tile the file: no gap, no overlap.
 */
export class BlobSink implements ByteSink {
  private readonly parts: { position: number; part: Blob }[] = [];

  write(bytes: Uint8Array, position: number): void {
    if (bytes.length) this.parts.push({ position, part: new Blob([bytes as Uint8Array<ArrayBuffer>]) });
  }

  blob(type = 'application/octet-stream'): Blob {
    const sorted = [...this.parts].sort((a, b) => a.position - b.position);
    let end = 0;
    for (const { position, part } of sorted) {
      if (position !== end) throw new RangeError(`BlobSink: a write at byte ${position} where byte ${end} was expected (a gap or an overlap)`);
      end += part.size;
    }
    return new Blob(
      sorted.map((p) => p.part),
      { type },
    );
  }
}
