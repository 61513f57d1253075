import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { serveStatic } from '../tools/test/serve-static.mjs';
import { expect } from './fixtures';

/**
 * The offline specs serve their own copy of dist/ from a plain static server (no isolation
 * headers, as on GitHub Pages) that they can stop: "offline" then means no server at all, as
 * well as a browser context set offline. Each spec gets its own port (E2E_PORT + 2, + 3).
 */
export interface Site {
  readonly dir: string;
  readonly origin: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  remove(): void;
}

export function sitePort(offset: number): number {
  return Number(process.env.E2E_PORT ?? 4321) + offset;
}

export async function copySite(port: number): Promise<Site> {
  const dir = mkdtempSync(join(tmpdir(), 'repvgg-offline-'));
  cpSync('dist', dir, { recursive: true });
  let server: { close(): Promise<void> } | undefined = await serveStatic(dir, port);
  return {
    dir,
    origin: `http://localhost:${port}`,
    stop: async () => {
      await server?.close();
      server = undefined;
    },
    start: async () => {
      server ??= await serveStatic(dir, port);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Waits until the page is isolated (after the worker's one reload) and the whole site is cached. */
export async function waitUntilSaved(page: Page): Promise<string> {
  await expect.poll(() => page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 20_000 }).toBe(true);
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready', { timeout: 60_000 });
  await expect(page.locator('[data-offline-status]')).toContainText('Saved for offline use');
  return (await page.locator('html').getAttribute('data-offline-version'))!;
}

/** The names of this origin's caches, from the page. */
export function cacheNames(page: Page): Promise<string[]> {
  return page.evaluate(() => caches.keys());
}
