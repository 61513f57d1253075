import { describe, expect, it } from 'vitest';
import { environmentText, memoryHint } from '../../../src/ui/job/environment';

describe("the runners' environment line", () => {
  it('says whether WebAssembly has threads, then what the WebGPU probe found', () => {
    expect(environmentText(2, true, 2, undefined)).toBe(
      'Cross-origin isolated: yes, so WebAssembly can use threads (Auto: 2 of 2 logical cores). WebGPU: checking…',
    );
    expect(environmentText(1, false, 1, { kind: 'hardware', detail: 'x' })).toBe(
      'Cross-origin isolated: no, so WebAssembly runs on one thread (Auto: 1 of 1 logical core). WebGPU: an adapter is available.',
    );
    expect(environmentText(4, true, 4, { kind: 'software', detail: 'swiftshader' })).toBe(
      'Cross-origin isolated: yes, so WebAssembly can use threads (Auto: 4 of 4 logical cores). WebGPU: only a software fallback adapter, a GPU emulated on the CPU (runs use WebAssembly unless you choose WebGPU).',
    );
    expect(environmentText(4, true, 4, { kind: 'none', detail: 'no WebGPU adapter is available (requestAdapter returned null)' })).toContain(
      'WebGPU: no adapter available (requestAdapter returned null), so runs use WebAssembly.',
    );
  });
});

describe('the memory hint', () => {
  it('shows only for a model that needs more than a gigabyte, naming the largest chosen', () => {
    const advice = 'each timed run takes seconds.';
    expect(memoryHint(['tiny', 'A0'], advice).hidden).toBe(true);
    const big = memoryHint(['A0', 'B3', 'B1'], advice);
    expect(big.hidden).toBe(false);
    expect(big.text).toMatch(/^RepVGG-B3 needs about \d+(\.\d)? GB of memory while it runs, and on a CPU each timed run takes seconds\.$/);
    expect(memoryHint([], advice)).toEqual({ hidden: true, text: '' });
    expect(memoryHint(['Z9'], advice)).toEqual({ hidden: true, text: '' });
  });
});
