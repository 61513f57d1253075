import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

const chromium = findChromium();
const PORT = Number(process.env.E2E_PORT ?? 4321);
/** A plain static server with no COOP/COEP headers, as on a static host: tests the service worker. */
const STATIC_PORT = PORT + 1;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'line' : 'list',
  use: {
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
      command: `node scripts/serve-static.mjs dist ${STATIC_PORT}`,
      url: `http://localhost:${STATIC_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
    },
  ],
  metadata: { chromium: `${chromium.path} (${chromium.source})` },
});
