// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { el, svgEl } from '../../src/ui/el';
import { RasterOverlay } from '../../src/ui/viz/raster-overlay';
import { standaloneSvg } from '../../src/ui/viz/svg-export';

const SVG = 'http://www.w3.org/2000/svg';

describe('the element builder', () => {
  it('sets attributes (true present, false and undefined left out), text, and skips empty children', () => {
    const node = el('button', { class: 'primary', disabled: true, hidden: false, title: undefined, 'data-n': 3 }, 'Run', null, false, undefined);
    expect(node.outerHTML).toBe('<button class="primary" disabled="" data-n="3">Run</button>');
    expect(el('p', { text: '<b>' }).innerHTML).toBe('&lt;b&gt;');
  });

  it('builds SVG in the SVG namespace with the same rules', () => {
    const dot = svgEl('circle', { r: 4, fill: 'red', 'aria-hidden': 'true' });
    const group = svgEl('g', { class: 'marker' }, dot, null);
    expect(group.namespaceURI).toBe(SVG);
    expect(dot.namespaceURI).toBe(SVG);
    expect(group.children).toHaveLength(1);
    expect(dot.getAttribute('r')).toBe('4');
    expect(svgEl('text', { text: 'title' }).textContent).toBe('title');
  });
});

describe('SVG drawn beside plots', () => {
  it('an overlay draws one rect per box in the canvas units, and redraws only on a change', () => {
    const canvas = el('canvas', { width: 8, height: 6 });
    const overlay = new RasterOverlay(canvas);
    overlay.draw([{ row: 1, col: 2, rows: 3, cols: 3, kind: 'window' }]);
    const svg = overlay.element.querySelector('svg')!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 8 6');
    const rect = svg.querySelector('rect')!;
    expect([rect.getAttribute('x'), rect.getAttribute('y'), rect.getAttribute('width'), rect.getAttribute('class')]).toEqual(['2', '1', '3', 'box-window']);
    overlay.draw([{ row: 1, col: 2, rows: 3, cols: 3, kind: 'window' }]);
    expect(svg.querySelector('rect')).toBe(rect);
    overlay.draw([]);
    expect(svg.querySelectorAll('rect')).toHaveLength(0);
  });

  it('a standalone SVG resolves CSS variables (to their fallbacks here) and adds a background and a title', () => {
    const plot = svgEl('svg', { width: 100, height: 50 }, svgEl('path', { stroke: 'var(--accent, #a4350f)' }));
    const out = standaloneSvg(plot, { title: 'Paths' });
    expect([out.width, out.height]).toEqual([100, 78]);
    expect(out.text).toContain('<text x="8" y="19" font-size="14" font-weight="600" fill="#1c1b19">Paths</text>');
    expect(out.text).toContain('stroke="#a4350f"');
    expect(out.text).toContain('fill="#ffffff"');
    expect(out.text).not.toContain('var(');
  });
});
