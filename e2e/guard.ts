import type { Page, Request } from '@playwright/test';

/**
 * Watches a page for what the site promises never happens: a console error, an uncaught
 * exception, a failed or 4xx/5xx request, or any request to an origin other than the site's.
 * Requests to other origins are also aborted, so a broken page cannot reach the network.
 */
export class PageGuard {
  readonly problems: string[] = [];
  /** Console errors that a test expects (e.g. a deliberately bad input); matched by substring. */
  private readonly allowed: string[] = [];

  constructor(
    private readonly page: Page,
    private readonly origin: string,
  ) {}

  async attach(): Promise<void> {
    const { page, origin } = this;
    // Context-level, so requests a service worker makes are covered too (Chromium).
    await page.context().route(
      (url) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:',
      (route) => {
        this.problems.push(`request to another origin: ${route.request().url()}`);
        return route.abort('blockedbyclient');
      },
    );
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      // The aborted cross-origin request above also logs a console error; it is reported already.
      if (/ERR_BLOCKED_BY_CLIENT/.test(text)) return;
      if (this.allowed.some((a) => text.includes(a))) return;
      this.problems.push(`console error: ${text}`);
    });
    page.on('pageerror', (error) => this.problems.push(`uncaught exception: ${error.message}`));
    page.on('requestfailed', (request: Request) => {
      if (new URL(request.url()).origin !== origin) return; // counted as another-origin request
      const reason = request.failure()?.errorText ?? 'unknown';
      // Navigations away mid-load cancel pending requests; that is not the site failing.
      if (reason === 'net::ERR_ABORTED') return;
      this.problems.push(`failed request: ${request.url()} (${reason})`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) this.problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
  }

  allowConsoleError(substring: string): void {
    this.allowed.push(substring);
  }

  /** Empties the list, for tests that provoke a problem on purpose and have checked it. */
  clear(): string[] {
    return this.problems.splice(0);
  }
}
