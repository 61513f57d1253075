import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('data the site serves (public/models)', () => {
  it('has the 1000 ImageNet class names in index order', () => {
    const names = readFileSync('public/models/imagenet-classes.txt', 'utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    expect(names).toHaveLength(1000);
    expect(names[0]).toBe('tench');
    expect(names[258]).toBe('Samoyed');
  });
  it('has the sample photo, a JPEG under 1 MB', () => {
    const bytes = readFileSync('public/models/samples/samoyed.jpg');
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    expect(statSync('public/models/samples/samoyed.jpg').size).toBeLessThan(1024 * 1024);
  });
});
