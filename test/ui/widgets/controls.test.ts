// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { urlSlider } from '../../../src/ui/widgets/controls';

/** The part of UrlState urlSlider uses, over a plain map: what it read and what it wrote. */
function fakeUrl(initial: Record<string, number>) {
  const values = new Map(Object.entries(initial));
  return {
    values,
    number: (name: string, fallback: number, min: number, max: number) => {
      const v = values.get(name);
      return v !== undefined && v >= min && v <= max ? v : fallback;
    },
    set: (changes: Record<string, number | null>) => {
      for (const [k, v] of Object.entries(changes)) v === null ? values.delete(k) : values.set(k, v);
    },
  };
}

function drag(range: HTMLInputElement, value: number): void {
  range.value = String(value);
  range.dispatchEvent(new Event('input'));
}

describe('urlSlider', () => {
  const INPUT = { min: 32, max: 640, step: 32, snap: 32, fallback: 224 };

  it('starts from the URL, snapped, or from the fallback when the URL holds nothing usable', () => {
    expect(urlSlider(fakeUrl({ px: 100 }), 'px', 'Size', INPUT, () => {}).value).toBe(96);
    expect(urlSlider(fakeUrl({ px: 9999 }), 'px', 'Size', INPUT, () => {}).value).toBe(224);
    expect(urlSlider(fakeUrl({}), 'px', 'Size', INPUT, () => {}).value).toBe(224);
  });

  it('writes each move to the URL, removes the key at the fallback, and hands on the snapped value', () => {
    const url = fakeUrl({});
    const seen: number[] = [];
    const slider = urlSlider(url, 'px', 'Size', INPUT, (v) => seen.push(v));
    drag(slider.range, 320);
    expect(url.values.get('px')).toBe(320);
    drag(slider.range, 224);
    expect(url.values.has('px')).toBe(false);
    slider.box.value = '300';
    slider.box.dispatchEvent(new Event('input'));
    expect(seen).toEqual([320, 224, 288]);
  });

  it('keeps any whole number typed when it snaps to 1, whatever the slider step', () => {
    const url = fakeUrl({ c: 100 });
    const seen: number[] = [];
    const slider = urlSlider(url, 'c', 'Width', { min: 16, max: 1024, step: 16, fallback: 256 }, (v) => seen.push(v));
    expect(slider.value).toBe(100);
    expect(slider.range.step).toBe('16');
    slider.box.value = '70.4';
    slider.box.dispatchEvent(new Event('input'));
    expect(seen).toEqual([70]);
    expect(url.values.get('c')).toBe(70);
  });
});
