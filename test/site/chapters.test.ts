import { describe, expect, it } from 'vitest';
import { chapterAt, chapterHref, chapters } from '../../src/site/chapters';

describe('reading path', () => {
  it('starts with the introduction, ends with the lab, numbers chapters 1..n in order', () => {
    expect(chapters[0]!.slug).toBe('');
    expect(chapters.at(-1)!.slug).toBe('lab');
    const numbers = chapters.filter((c) => c.number !== undefined).map((c) => c.number);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    // Why one trains with branches comes right after the merged block; results and limits after the checkpoints.
    const slugs = chapters.map((c) => c.slug);
    expect(slugs[slugs.indexOf('merged-block') + 1]).toBe('training');
    expect(slugs[slugs.indexOf('training') + 1]).toBe('why-fast');
    expect(slugs[slugs.indexOf('why-fast') + 1]).toBe('winograd');
    expect(slugs[slugs.indexOf('checkpoints') + 1]).toBe('quantization');
    expect(slugs[slugs.indexOf('quantization') + 1]).toBe('results');
    expect(new Set(chapters.map((c) => c.slug)).size).toBe(chapters.length);
  });

  it('maps pathnames to chapters with or without a base path and trailing slash', () => {
    expect(chapterAt('/', '/')).toBe(0);
    expect(chapterAt('/', '/bn-folding/')).toBe(1);
    expect(chapterAt('/', '/bn-folding')).toBe(1);
    expect(chapterAt('/repvgg', '/repvgg/winograd/')).toBe(chapters.findIndex((c) => c.slug === 'winograd'));
    expect(chapterAt('/repvgg/', '/repvgg/')).toBe(0);
    expect(chapterAt('/', '/no-such-page/')).toBe(-1);
    expect(chapters[chapterAt('/', '/checkpoints/')]).toMatchObject({ short: 'Real checkpoints' });
    expect(chapters[chapterAt('/', '/results/') + 1]!.slug).toBe('benchmark');
  });

  it('builds hrefs that round-trip through chapterAt', () => {
    for (const base of ['/', '/sub/path', '/sub/path/']) {
      chapters.forEach((c, i) => expect(chapterAt(base, chapterHref(base, c))).toBe(i));
    }
  });
});
