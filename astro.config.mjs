// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import rehypeScrollableMath from './src/site/rehype-scrollable-math.mjs';

// WASM threads (SharedArrayBuffer) need a cross-origin isolated page. `astro dev` and
// `astro preview` send these headers; static hosts that cannot are covered by public/sw.js.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export default defineConfig({
  // A project page on a static host lives under a sub-path: BASE_PATH=/repvgg-notebook npm run build
  base: process.env.BASE_PATH || '/',
  trailingSlash: 'ignore',
  // Caches inside the checkout, not node_modules: several git worktrees may share one node_modules.
  cacheDir: '.cache/astro',
  // KaTeX runs here, at build time: pages ship HTML and CSS, never the KaTeX script.
  markdown: {
    remarkPlugins: [remarkMath],
    rehypePlugins: [
      [rehypeKatex, { strict: 'error', throwOnError: true }],
      rehypeScrollableMath,
      // Ids first (Astro would add them after user plugins), then every section heading
      // becomes its own permalink.
      rehypeHeadingIds,
      [rehypeAutolinkHeadings, { behavior: 'wrap', test: ['h2', 'h3'], properties: { className: ['permalink'] } }],
    ],
  },
  integrations: [mdx()],
  server: { headers: isolationHeaders },
  devToolbar: { enabled: false },
  vite: {
    cacheDir: '.cache/vite',
    build: { assetsInlineLimit: 0 },
  },
});
