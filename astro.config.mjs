// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import rehypeScrollableMath from './src/site/rehype-scrollable-math.mjs';
import { fileURLToPath } from 'node:url';
import { viteStaticCopy } from 'vite-plugin-static-copy';
import offlinePrecache from './src/site/offline-integration.ts';

// WASM threads (SharedArrayBuffer) need a cross-origin isolated page. `astro dev` and
// `astro preview` send these headers; static hosts that cannot are covered by public/sw.js.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

// ONNX Runtime Web, two builds, each loaded by the worker only when it is used
// (src/runtime/ort-backend.ts): `onnxruntime-web/wasm`, the plain WebAssembly build
// (ort-wasm-simd-threaded.{mjs,wasm}) for every WebAssembly run, and `onnxruntime-web/webgpu`,
// the build with the native WebGPU execution provider (ort-wasm-simd-threaded.asyncify.{mjs,wasm}),
// only when a job runs on WebGPU. Both entries resolve here to the variants that load their
// WebAssembly glue (.mjs) and binary (.wasm) from `ort.env.wasm.wasmPaths` instead of the
// "bundle" variants, whose `new URL('….wasm', import.meta.url)` Vite would copy into _astro/ a
// second time. Those four files, and only those, are copied to `<base>ort/`, served by the dev
// server and written to dist/, where the service worker's precache list picks them up.
const ortDist = fileURLToPath(new URL('./node_modules/onnxruntime-web/dist/', import.meta.url));
const ortFiles = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];

/** Kit modules no first-load script imports (module-widget.ts is on first load and stays apart). */
const KIT_CHUNK = [
  '/src/ui/el.ts',
  '/src/ui/url-state.ts',
  '/src/ui/widget-dom.ts',
  '/src/ui/viz/a11y.ts',
  '/src/ui/viz/format.ts',
  '/src/ui/viz/scroll-region.ts',
  '/src/ui/viz/simple-table.ts',
  '/src/ui/widgets/controls.ts',
  '/src/ui/widgets/timing.ts',
];

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
  // offlinePrecache last: it lists dist/ once everything else has written its files.
  integrations: [mdx(), offlinePrecache()],
  server: { headers: isolationHeaders },
  devToolbar: { enabled: false },
  vite: {
    cacheDir: '.cache/vite',
    build: {
      assetsInlineLimit: 0,
      // The kit's small modules that figures share travel as one chunk: every figure's loader lists
      // the chunks it preloads, in every page's first load, and nine tiny chunks made nine names.
      rollupOptions: { output: { manualChunks: (id) => (KIT_CHUNK.some((path) => id.endsWith(path)) ? 'kit' : undefined) } },
    },
    resolve: {
      alias: [
        { find: /^onnxruntime-web\/webgpu$/, replacement: `${ortDist}ort.webgpu.min.mjs` },
        { find: /^onnxruntime-web\/wasm$/, replacement: `${ortDist}ort.wasm.min.mjs` },
      ],
    },
    // The inference worker is an ES module (ORT loads its glue with a dynamic import()).
    worker: { format: 'es' },
    plugins: [viteStaticCopy({ targets: ortFiles.map((file) => ({ src: `${ortDist}${file}`, dest: 'ort', rename: { stripBase: true } })) })],
  },
});
