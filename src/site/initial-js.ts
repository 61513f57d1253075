/**
 * The JavaScript a built page loads before the reader scrolls: its module scripts (inline and
 * external) and every chunk they import statically, transitively. Dynamic import() chunks (a
 * figure's code, loaded when it scrolls near) are not counted. Sizes are gzipped, as a host
 * serves them. Pure Node, read from dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Static imports in Vite's output: `import{a}from"./x.js"`, `export{b}from"./y.js"`, `import"./z.js"`; never `import("…")`. */
export function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/\bfrom\s*["']([^"']+\.m?js)["']/g)) found.add(m[1]!);
  for (const m of code.matchAll(/\bimport\s*["']([^"']+\.m?js)["']/g)) found.add(m[1]!);
  return [...found];
}

export interface InitialJs {
  /** Gzipped bytes of every script counted. */
  readonly gzipBytes: number;
  /** Each file (dist-relative URL path) or "inline #n", with its gzipped size. */
  readonly files: readonly { readonly name: string; readonly gzipBytes: number }[];
}

const gz = (data: string | Buffer) => gzipSync(data, { level: 9 }).byteLength;

/** `page` is a dist-relative URL path such as "winograd/" or "" (the home page). */
export function initialJs(dist: string, page: string, base = '/'): InitialJs {
  const html = readFileSync(join(dist, page, 'index.html'), 'utf8');
  const files: { name: string; gzipBytes: number }[] = [];
  const seen = new Set<string>();
  const pageUrl = `${base}${page}`;
  const visit = (url: string) => {
    if (!url.startsWith(base)) return;
    const path = url.slice(base.length);
    if (seen.has(path)) return;
    seen.add(path);
    const file = join(dist, path);
    if (!existsSync(file)) throw new Error(`${page || 'home'}: ${url} is not in ${dist}`);
    const code = readFileSync(file, 'utf8');
    files.push({ name: path, gzipBytes: gz(code) });
    for (const spec of staticImports(code)) visit(posix.normalize(posix.join(posix.dirname(url), spec)));
  };
  let inline = 0;
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = m[1]!;
    const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
    if (src) {
      visit(src.startsWith('/') ? src : posix.normalize(posix.join(pageUrl, src)));
    } else if (!/type="(application\/(ld\+)?json|text\/plain)"/.test(attrs) && m[2]!.trim()) {
      inline += 1;
      files.push({ name: `inline #${inline}`, gzipBytes: gz(m[2]!) });
      if (/type="module"/.test(attrs)) for (const spec of staticImports(m[2]!)) visit(spec.startsWith('/') ? spec : posix.normalize(posix.join(pageUrl, spec)));
    }
  }
  return { gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), files };
}
