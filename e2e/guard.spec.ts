import { chapters, chapterHref } from '../src/site/chapters';
import { expect, test } from './fixtures';

// The page checks are only worth something if they fail on a broken page. Each test below breaks
// a page on purpose, checks the guard caught it, and clears the guard so the test itself passes.

const page0 = chapterHref('/', chapters[1]!);

test('a request to another origin is caught (and never reaches the network)', async ({ page, guard }) => {
  await page.goto(page0);
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'https://cdn.example.com/tracker.png';
    img.alt = '';
    document.body.append(img);
  });
  await expect.poll(() => guard.problems.join('\n')).toContain('request to another origin: https://cdn.example.com/tracker.png');
  guard.clear();
});

test('a console error is caught', async ({ page, guard }) => {
  await page.goto(page0);
  await page.evaluate(() => console.error('something broke'));
  await expect.poll(() => guard.problems.join('\n')).toContain('console error: something broke');
  guard.clear();
});

test('an uncaught exception is caught', async ({ page, guard }) => {
  await page.goto(page0);
  await page.evaluate(() =>
    setTimeout(() => {
      throw new Error('boom');
    }),
  );
  await expect.poll(() => guard.problems.join('\n')).toContain('uncaught exception: boom');
  guard.clear();
});

test('a missing same-origin file is caught', async ({ page, guard }) => {
  await page.goto(page0);
  await page.evaluate(() => fetch('/models/does-not-exist.json').catch(() => undefined));
  await expect.poll(() => guard.problems.join('\n')).toContain('HTTP 404');
  guard.clear();
});
