import { chapters } from '../src/site/chapters';
import { initialJs } from '../src/site/initial-js';
import { expect, test } from './fixtures';

/**
 * Text pages stay light: every chapter's initial JavaScript (what loads before the reader
 * scrolls: inline scripts and the static import graph of its modules), gzipped, read from the
 * built site that these tests run against. A figure's code, and the lab's, load when near.
 */
const LIMIT = 30 * 1024;

for (const chapter of chapters.filter((c) => c.number !== undefined || c.slug === '')) {
  const page = chapter.slug === '' ? '' : `${chapter.slug}/`;
  test(`initial JavaScript of /${page} is at most 30 KB gzipped`, () => {
    const js = initialJs('dist', page);
    const list = js.files.map((f) => `${f.name} ${(f.gzipBytes / 1024).toFixed(1)} KB`).join(', ');
    expect(js.gzipBytes, `/${page}: ${(js.gzipBytes / 1024).toFixed(1)} KB gzipped: ${list}`).toBeLessThanOrEqual(LIMIT);
  });
}
