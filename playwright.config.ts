import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './tools/test/chromium.mjs';

const chromium = findChromium();
const PORT = Number(process.env.E2E_PORT ?? 4321);
/** A plain static server with no COOP/COEP headers, as on a static host: tests the service worker. */
const STATIC_PORT = PORT + 1;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  // Ceilings, not assertions: on a shared 2-core machine starting ONNX Runtime or reading a large
  // file can take many seconds. Long waits follow the job's own progress (e2e/progress.ts).
  timeout: 180_000,
  expect: { timeout: 30_000 },
  reporter: [[process.env.CI ? 'line' : 'list'], ['json', { outputFile: 'test-reports/e2e.json' }]],
  outputDir: 'test-results',
  // Heavy tests (full models, B3, WebGPU, memory limits) run one at a time in their own worker, so
  // two never compete for the cores; light tests keep running in parallel beside them.
  projects: [
    { name: 'heavy', grep: /@heavy/, workers: 1, timeout: 600_000 },
    { name: 'light', grepInvert: /@heavy/ },
  ],
  use: {
    // The service worker precaches the whole site (tens of MB) on every fresh context; only the
    // offline and isolation tests need it, and they allow it (test.use({ serviceWorkers: 'allow' })).
    serviceWorkers: 'block',
    baseURL: `http://localhost:${PORT}`,
    ...devices['Desktop Chrome'],
    launchOptions: { executablePath: chromium.path, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  // Tests run against the *built* site: `npm test` builds first, then `astro preview` serves dist/.
  webServer: [
    {
      command: `npx astro preview --port ${PORT} --host localhost`,
      url: `http://localhost:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      command: `node tools/test/serve-static.mjs dist ${STATIC_PORT}`,
      url: `http://localhost:${STATIC_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
  metadata: { chromium: `${chromium.path} (${chromium.source})` },
});
