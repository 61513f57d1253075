// Finds the Chromium the tests and benchmarks drive, in a fixed order, and the flags that keep it
// off the network. Shared by playwright.config.ts and the benchmark scripts.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Flags every launch uses: no background traffic, no first-run UI. */
export const chromiumArgs = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--metrics-recording-only',
];

/**
 * Extra flags for tests of the WebGPU path. Checked with navigator.gpu.requestAdapter() in a page
 * and in a worker (Debian Chromium 156, headless, no GPU): without flags navigator.gpu exists but
 * the adapter is null; with --enable-unsafe-webgpu alone it is SwiftShader ("google swiftshader",
 * a fallback adapter, Vulkan on the CPU). Adding --enable-features=Vulkan or
 * --use-webgpu-adapter=swiftshader changes nothing; --use-angle=vulkan with --use-vulkan=swiftshader
 * loses the adapter.
 */
export const webgpuArgs = ['--enable-unsafe-webgpu'];

const INSTALL_HELP = [
  'No Chromium found for the browser tests. Looked for, in order:',
  '  1. $CHROMIUM_PATH',
  '  2. /usr/bin/chromium',
  '  3. a Playwright-managed Chromium',
  'Install one of:',
  '  - Debian/Ubuntu: sudo apt-get install -y chromium   (or run: npm run setup:test)',
  '  - any Chrome/Chromium, then: export CHROMIUM_PATH=/path/to/chromium',
].join('\n');

/** @returns {{ path: string, source: string }} */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return { path: fromEnv, source: 'CHROMIUM_PATH' };
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but no file is there.\n\n${INSTALL_HELP}`);
  }
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', source: '/usr/bin/chromium' };
  try {
    const require = createRequire(import.meta.url);
    const managed = require('playwright-core').chromium.executablePath();
    if (managed && existsSync(managed)) return { path: managed, source: 'Playwright-managed' };
  } catch {
    // playwright-core missing or no managed browser: fall through to the message.
  }
  throw new Error(INSTALL_HELP);
}
