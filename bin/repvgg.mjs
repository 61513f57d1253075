#!/usr/bin/env node
// The `repvgg` command. The CLI is TypeScript (src/cli/main.ts) and there is no build step to
// remember: on first use, and again whenever one of its source files changes, esbuild (tsx's own
// compiler) bundles it into one JavaScript file under .cache/repvgg-cli/, which plain Node then
// loads. That starts in about a quarter of the CPU time tsx's loader needs to compile and load
// the modules one by one (≈ 0.3 s against 1.3 s here; bench:convert counts it). Where the cache
// cannot be written or esbuild cannot be found, tsx's loader runs src/ directly, as before.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Piping into `head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'src', 'cli', 'main.ts');
const bundle = join(root, '.cache', 'repvgg-cli', 'main.mjs');
/** Bumped when the way the bundle is made changes, so older bundles are rebuilt. */
const FORMAT = 1;

/** The bundle's first line records what it was built from: { format, builtAt, inputs }. */
function isFresh() {
  try {
    const header = readFileSync(bundle, 'utf8').split('\n', 1)[0];
    const { format, builtAt, inputs } = JSON.parse(header.replace(/^\/\/ /, ''));
    if (format !== FORMAT || !Array.isArray(inputs) || !inputs.includes(entry)) return false;
    return inputs.every((file) => statSync(file).mtimeMs < builtAt);
  } catch {
    return false;
  }
}

async function build() {
  const requireFromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = await import(pathToFileURL(requireFromTsx.resolve('esbuild')).href);
  const builtAt = Date.now();
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external', // onnxruntime-node, sharp, zip.js, protobufjs: loaded from node_modules as usual
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'own-import-meta-url',
        // Each module keeps its own import.meta.url (it finds package.json and public/ from it).
        // Prepended on the first line, so line numbers stay the source's.
        setup(b) {
          b.onLoad({ filter: /\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            if (!source.includes('import.meta.url')) return undefined;
            const url = JSON.stringify(pathToFileURL(args.path).href);
            return { contents: `const __moduleUrl = ${url}; ${source.replaceAll('import.meta.url', '__moduleUrl')}`, loader: 'ts' };
          });
        },
      },
    ],
  });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.includes('node_modules'))
    .map((p) => join(root, p));
  const code = `// ${JSON.stringify({ format: FORMAT, builtAt, inputs })}\n${result.outputFiles[0].text}`;
  mkdirSync(dirname(bundle), { recursive: true });
  const temporary = `${bundle}.${process.pid}.tmp`;
  writeFileSync(temporary, code);
  renameSync(temporary, bundle); // whole or not at all, also when two commands build at once
}

async function loadMain() {
  if (process.env.REPVGG_CLI_TSX !== '1') {
    try {
      if (!isFresh()) await build();
      return (await import(pathToFileURL(bundle).href)).main;
    } catch {
      // No esbuild, a read-only install, or a bundle that cannot be written: run src/ through tsx.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/cli/main.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
