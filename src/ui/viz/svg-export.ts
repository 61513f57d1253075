/**
 * A plot as a file: a standalone SVG (the page's CSS variables and currentColor resolved, a
 * background and a title added, so it looks the same outside the page) and a PNG drawn from that
 * SVG on a canvas. Everything happens in this tab; nothing is uploaded.
 */
import { el, svgEl } from '../el';

const VAR = /var\(\s*--([\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)/g;

/** Replaces every var(--name, fallback) by the page's value of --name (or the fallback). */
export function resolveCssVariables(text: string, lookup: (name: string) => string): string {
  return text.replace(VAR, (_, name: string, fallback: string | undefined) => lookup(name).trim() || (fallback ?? '').trim());
}

export interface StandaloneOptions {
  /** Printed above the plot (the figure's caption lives in the page, not in the SVG). */
  readonly title: string;
  /** Where the variables are read; default the document element. */
  readonly root?: Element;
}

const TITLE_HEIGHT = 28;

export function standaloneSvg(svg: SVGSVGElement, options: StandaloneOptions): { text: string; width: number; height: number } {
  const root = options.root ?? document.documentElement;
  const style = getComputedStyle(root);
  const lookup = (name: string) => style.getPropertyValue(`--${name}`);
  const width = Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width;
  const plotHeight = Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height;
  const height = plotHeight + TITLE_HEIGHT;

  const clone = svg.cloneNode(true) as SVGSVGElement;
  for (const node of [clone, ...clone.querySelectorAll('*')]) {
    for (const attr of [...node.attributes]) {
      if (attr.value.includes('var(')) node.setAttribute(attr.name, resolveCssVariables(attr.value, lookup));
    }
    if (node.tagName.toLowerCase() === 'style' && node.textContent) node.textContent = resolveCssVariables(node.textContent, lookup);
  }
  const fg = resolveCssVariables('var(--fg, #1c1b19)', lookup);
  const out = svgEl('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    color: fg, // Plot draws axes and text in currentColor
    'font-family': 'system-ui, sans-serif',
  });
  const background = svgEl('rect', { width: '100%', height: '100%', fill: resolveCssVariables('var(--bg, #ffffff)', lookup) });
  const title = svgEl('text', { x: 8, y: 19, 'font-size': 14, 'font-weight': 600, fill: fg, text: options.title });
  clone.setAttribute('y', String(TITLE_HEIGHT));
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(plotHeight));
  out.append(background, title, clone);
  return { text: new XMLSerializer().serializeToString(out), width, height };
}

/** The SVG drawn on a canvas at `scale` × its size, as PNG. */
export async function svgToPng(svg: { text: string; width: number; height: number }, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg.text], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = el('canvas', { width: Math.round(svg.width * scale), height: Math.round(svg.height * scale) });
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw on a canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
