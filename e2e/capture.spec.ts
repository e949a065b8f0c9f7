/**
 * Web capture end to end: the officer asks the real server (started by e2e/start-server.mjs with
 * CAPTURE_ALLOW=127.0.0.1) to capture a synthetic PTT article served here on a loopback port,
 * follows the capture until it is sealed, opens the sealed item and sees its four files and the
 * server's blurred rendition of the screenshot.
 *
 * The page is the synthetic fixture of test/fixtures/capture (invented users, documentation IP
 * ranges only); its private-address sub-request must be refused without failing the capture.
 */
import { expect, test } from '@playwright/test';
import { PTT_PATH, startFixtureSite, type FixtureSite } from '../test/fixtures/capture/site.ts';
import { signInOfficer, watchForPageProblems } from './sign-in.ts';

const CAPTURE_FILES = ['screenshot.png', 'page.html', 'capture.warc.gz', 'manifest.json'] as const;

let site: FixtureSite;

test.beforeAll(async () => {
  // A short page: the screenshot stays small on a slow machine.
  site = await startFixtureSite({ tallPx: 200 });
});

test.afterAll(async () => {
  await site?.close();
});

const previewOf = (fileName: string) => (url: string) => {
  const { pathname, searchParams } = new URL(url);
  return (
    /^\/api\/evidence\/[0-9a-f-]{36}\/files\/[^/]+\/content$/.test(pathname) &&
    decodeURIComponent(pathname.split('/')[5] ?? '') === fileName &&
    searchParams.get('mode') === 'preview'
  );
};

test('officer captures a loopback PTT page, follows it until sealed and opens the sealed item', async ({ page }) => {
  // Sign-in may wait for a fresh TOTP step, and a capture renders the page in the server's own
  // Chromium, which takes 10–40 s on a loaded machine.
  test.setTimeout(240_000);
  const problems = watchForPageProblems(page);
  const stamp = Date.now().toString(36);
  const url = `${site.origin}${PTT_PATH}?e2e=${stamp}`;
  const note = `端對端測試擷取 ${stamp}`;

  await signInOfficer(page);

  await page.getByTestId('nav-evidence').click();
  await expect(page).toHaveURL(/\/evidence$/);
  await page.getByTestId('evidence-capture-link').click();
  await expect(page).toHaveURL(/\/evidence\/capture$/);

  await page.getByTestId('capture-url').fill(url);
  await page.getByLabel('平台').fill('PTT');
  await page.getByTestId('capture-notes').fill(note);
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/captures' && r.request().method() === 'POST');
  await page.getByTestId('capture-submit').click();
  const response = await answer;
  expect(response.status()).toBe(202);
  expect(response.request().headers()['x-csrf-token']).toBeTruthy();
  const capture = (await response.json()) as { id: string; url: string };
  expect(capture.url).toBe(url);

  // The page follows the new capture (its id in the address) and polls until it settles.
  await expect(page).toHaveURL(new RegExp(`/evidence/capture\\?id=${capture.id}$`));
  const progress = page.getByTestId('capture-progress');
  await expect(progress).toContainText(url);
  await expect(progress).toHaveAttribute('data-status', /^(sealed|failed)$/, { timeout: 90_000 });
  expect(await progress.getAttribute('data-status'), `capture did not seal: ${await progress.innerText()}`).toBe('sealed');
  await expect(progress).toContainText('已封存');
  // The capture really fetched the fixture page.
  expect(site.hits).toContain(PTT_PATH);

  // Follow the link to the sealed item.
  const previewAnswer = page.waitForResponse((r) => previewOf('screenshot.png')(r.url()));
  await page.getByTestId('capture-open-item').click();
  await expect(page).toHaveURL(/\/evidence\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('evidence-custody-notice')).toBeVisible();
  const metadata = page.getByTestId('evidence-metadata');
  await expect(metadata).toContainText('網頁擷取');
  await expect(metadata).toContainText(url);
  await expect(metadata).toContainText('PTT');
  await expect(metadata).toContainText(note);

  // Its four files, each with its seal.
  const files = page.getByTestId('evidence-files').locator('tbody tr.ant-table-row');
  await expect(files).toHaveCount(CAPTURE_FILES.length);
  for (const name of CAPTURE_FILES) await expect(files.filter({ hasText: name }), name).toHaveCount(1);
  await expect(page.getByText('擷取的網頁原始檔可能含有惡意內容')).toBeVisible();

  // The screenshot is shown blurred: a JPEG rendition made by the server, never the original PNG.
  const preview = await previewAnswer;
  expect(preview.status()).toBe(200);
  expect(preview.headers()['content-type']).toBe('image/jpeg');
  const figure = page.getByTestId('evidence-figure').filter({ hasText: 'screenshot.png' });
  await expect(figure).toHaveCount(1);
  const image = figure.getByTestId('evidence-image');
  await expect(image).toHaveAttribute('data-mode', 'preview');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
  await expect(figure).toContainText('模糊預覽');

  expect(problems).toEqual([]);
});
