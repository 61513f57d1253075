/**
 * Astro integration: after `astro build`, lists every file in the output folder and writes the
 * precache manifest (URLs, sizes, hashes, version) into dist/sw.js, so the service worker can
 * make the whole site work offline and knows when a new build replaces its cache.
 * `astro dev` never runs this hook: the dev server's sw.js keeps `null` and caches nothing.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildManifest, injectManifest } from './precache';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [])));
  return nested.flat();
}

/** Writes the manifest into `<outDir>/sw.js`; returns it (also used by the e2e update test). */
export async function writePrecache(outDir: string, base: string) {
  const paths = await listFiles(outDir);
  const files = await Promise.all(paths.map(async (p) => ({ path: relative(outDir, p).split(sep).join('/'), content: await readFile(p) })));
  const manifest = buildManifest(files, base);
  const swPath = join(outDir, 'sw.js');
  await writeFile(swPath, injectManifest(await readFile(swPath, 'utf8'), manifest));
  return manifest;
}

export default function offlinePrecache(): AstroIntegration {
  let base = '/';
  return {
    name: 'repvgg-offline-precache',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const manifest = await writePrecache(fileURLToPath(dir), base);
        const mb = (manifest.bytes / 1e6).toFixed(1);
        logger.info(`precache: ${manifest.files.length} files, ${mb} MB, version ${manifest.version} (${(performance.now() - started).toFixed(0)} ms)`);
      },
    },
  };
}
