import { createHash, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, toHex } from '../../src/lab/sha256';

const samples = [
  '',
  'abc',
  'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
  'é ✓ 漢字 🙂',
  'x'.repeat(55),
  'x'.repeat(56),
  'x'.repeat(64),
  'y'.repeat(1000),
];

describe('sha256', () => {
  it('matches the FIPS 180-4 example', () => {
    expect(toHex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches node:crypto on padding edges, long and non-ASCII text', () => {
    for (const text of samples) expect(toHex(sha256(text)), JSON.stringify(text.slice(0, 20))).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('matches Web Crypto (what a browser would compute)', async () => {
    for (const text of samples) {
      const digest = new Uint8Array(await webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
      expect(toHex(sha256(text))).toBe(toHex(digest));
    }
  });
});
