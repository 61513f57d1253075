import { describe, expect, it } from 'vitest';
import { chapterAt, chapterHref, chapters } from '../../src/site/chapters';

describe('reading path', () => {
  it('starts with the introduction, ends with the lab, numbers chapters 1..9 in order', () => {
    expect(chapters[0]!.slug).toBe('');
    expect(chapters.at(-1)!.slug).toBe('lab');
    expect(chapters.filter((c) => c.number !== undefined).map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(chapters.map((c) => c.slug)).size).toBe(chapters.length);
  });

  it('maps pathnames to chapters with or without a base path and trailing slash', () => {
    expect(chapterAt('/', '/')).toBe(0);
    expect(chapterAt('/', '/bn-folding/')).toBe(1);
    expect(chapterAt('/', '/bn-folding')).toBe(1);
    expect(chapterAt('/repvgg', '/repvgg/winograd/')).toBe(6);
    expect(chapterAt('/repvgg/', '/repvgg/')).toBe(0);
    expect(chapterAt('/', '/no-such-page/')).toBe(-1);
    expect(chapters[chapterAt('/', '/checkpoints/')]).toMatchObject({ number: 9, short: 'Real checkpoints' });
    expect(chapters[chapterAt('/', '/checkpoints/') + 1]!.slug).toBe('benchmark');
  });

  it('builds hrefs that round-trip through chapterAt', () => {
    for (const base of ['/', '/sub/path', '/sub/path/']) {
      chapters.forEach((c, i) => expect(chapterAt(base, chapterHref(base, c))).toBe(i));
    }
  });
});
