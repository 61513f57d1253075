import { siteUrl } from './base-url';

/** The reading path, in order. Pages, navigation and the e2e walk all read this one list. */
export interface Chapter {
  /** Path below the site base, without slashes ('' is the introduction). */
  readonly slug: string;
  /** Chapter number as printed, or undefined for unnumbered pages. */
  readonly number?: number;
  readonly title: string;
  /** A few words for navigation and previous/next links. */
  readonly short: string;
}

export const chapters: readonly Chapter[] = [
  { slug: '', title: 'Introduction', short: 'Introduction' },
  { slug: 'bn-folding', number: 1, title: 'Folding batch norm into the convolution', short: 'BN folding' },
  { slug: '1x1-to-3x3', number: 2, title: 'A 1×1 kernel is a 3×3 kernel', short: '1×1 → 3×3' },
  { slug: 'identity', number: 3, title: 'The identity as a convolution', short: 'Identity kernels' },
  { slug: 'merged-block', number: 4, title: 'Three branches, one convolution', short: 'The merged block' },
  { slug: 'training', number: 5, title: 'Same function, different training', short: 'Why train with branches' },
  { slug: 'why-fast', number: 6, title: 'Why one path is fast', short: 'Why one path is fast' },
  { slug: 'winograd', number: 7, title: 'One more reason 3×3 is fast: Winograd', short: 'Winograd' },
  { slug: 'family', number: 8, title: 'The RepVGG family, A0 to B3', short: 'The RepVGG family' },
  { slug: 'run', number: 9, title: 'Run the models in your browser', short: 'Run the models' },
  { slug: 'checkpoints', number: 10, title: 'Real checkpoints: load, convert, classify', short: 'Real checkpoints' },
  { slug: 'quantization', number: 11, title: 'Deploying: INT8 and other caveats', short: 'INT8 and deployment' },
  { slug: 'results', number: 12, title: 'Results and limits: what the paper measured', short: 'Results and limits' },
  { slug: 'benchmark', title: 'Benchmark: RepVGG on this device', short: 'Benchmark' },
  { slug: 'lab', title: 'Lab: exercises with instant checks', short: 'Lab' },
];

/** Site-relative href of a chapter, honouring the configured base path. */
export function chapterHref(base: string, chapter: Chapter): string {
  return siteUrl(chapter.slug === '' ? '' : `${chapter.slug}/`, base);
}

/** The chapter a pathname belongs to (trailing slash and base tolerated). */
export function chapterAt(base: string, pathname: string): number {
  const root = base.endsWith('/') ? base : `${base}/`;
  const rest = pathname.startsWith(root) ? pathname.slice(root.length) : pathname.replace(/^\//, '');
  const slug = rest.replace(/\/?(index\.html)?$/, '');
  return chapters.findIndex((c) => c.slug === slug);
}

export function chapterLabel(chapter: Chapter): string {
  return chapter.number === undefined ? chapter.short : `${chapter.number} · ${chapter.short}`;
}
