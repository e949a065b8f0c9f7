/**
 * Evidence end to end, against the real server started by e2e/start-server.mjs: the officer
 * uploads a generated PNG with a note, finds it sealed in the list under its SHA-256, opens the
 * viewer, sees the server's blurred preview and reveals the original with a reason.
 *
 * The picture is random noise made here with sharp: tests never use real imagery (DESIGN.md).
 */
import { createHash, randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { signInOfficer, watchForPageProblems } from './sign-in.ts';

const WIDTH = 64;
const HEIGHT = 48;

const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const contentRequest = (mode: string) => (url: string) => {
  const { pathname, searchParams } = new URL(url);
  return /^\/api\/evidence\/[0-9a-f-]{36}\/files\/[^/]+\/content$/.test(pathname) && searchParams.get('mode') === mode;
};

test('officer uploads a generated PNG, finds it sealed, sees the blurred preview and reveals it with a reason', async ({ page }) => {
  const problems = watchForPageProblems(page);
  // Synthetic noise, unique per run, so its hash is known only to this test.
  const png = await sharp(randomBytes(WIDTH * HEIGHT * 3), { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).png().toBuffer();
  const sha256 = sha256Hex(png);
  const stamp = Date.now().toString(36);
  const fileName = `e2e-synthetic-${stamp}.png`;
  const note = `端對端測試上傳 ${stamp}`;

  await signInOfficer(page);

  // The officer's menu leads to the evidence list, and from there to the upload page.
  await page.getByTestId('nav-evidence').click();
  await expect(page).toHaveURL(/\/evidence$/);
  await expect(page.getByTestId('evidence-table')).toBeVisible();
  await page.getByTestId('evidence-upload-link').click();
  await expect(page).toHaveURL(/\/evidence\/upload$/);

  // Drop the file (the dragger's file input), describe it, send everything in one request.
  await page.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: png });
  await expect(page.locator('.ant-upload-list')).toContainText(fileName);
  await page.getByLabel('平台').fill('Instagram');
  await page.getByTestId('upload-source-url').fill('https://example.org/e2e/post');
  await page.getByTestId('upload-notes').fill(note);
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/evidence/uploads' && r.request().method() === 'POST');
  await page.getByTestId('upload-submit').click();
  const response = await answer;
  expect(response.status()).toBe(200);
  const request = response.request();
  expect(request.headers()['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  expect(request.headers()['x-csrf-token']).toBeTruthy();

  // The sealed item is shown with its full SHA-256 as computed on receipt.
  const result = page.getByTestId('upload-result');
  await expect(result).toContainText(fileName);
  await expect(result.getByTestId('upload-result-sha256')).toHaveAttribute('data-hash', sha256);
  await expect(result.getByTestId('upload-result-sha256')).toContainText(sha256);

  // The list shows it: kind, shortened hash (the full one in the tooltip), platform.
  await page.getByTestId('nav-evidence').click();
  await expect(page).toHaveURL(/\/evidence$/);
  const row = page.getByTestId('evidence-table').locator('tbody tr', { hasText: fileName });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('上傳檔案');
  await expect(row).toContainText('Instagram');
  const hash = row.getByTestId('evidence-sha256');
  await expect(hash).toHaveAttribute('data-hash', sha256);
  await expect(hash).toContainText(`${sha256.slice(0, 10)}…${sha256.slice(-6)}`);
  await hash.locator('.hash-short').hover();
  await expect(page.getByRole('tooltip').filter({ hasText: sha256 })).toBeVisible();

  // The viewer: custody notice, the full seal, the note, and the blurred preview by default.
  const previewAnswer = page.waitForResponse((r) => contentRequest('preview')(r.url()));
  await row.getByTestId('evidence-open').click();
  await expect(page).toHaveURL(/\/evidence\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('evidence-custody-notice')).toBeVisible();
  await expect(page.getByTestId('evidence-detail-sha256')).toHaveAttribute('data-hash', sha256);
  const metadata = page.getByTestId('evidence-metadata');
  await expect(metadata).toContainText(note);
  await expect(metadata).toContainText(`${WIDTH} × ${HEIGHT}`);
  await expect(metadata).toContainText('https://example.org/e2e/post');

  const preview = await previewAnswer;
  expect(preview.status()).toBe(200);
  expect(preview.headers()['content-type']).toBe('image/jpeg');
  const previewBytes = await preview.body();
  expect(sha256Hex(previewBytes)).not.toBe(sha256);
  const image = page.getByTestId('evidence-image');
  await expect(image).toHaveAttribute('data-mode', 'preview');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(WIDTH);

  // Revealing asks for a reason of at least four characters, then loads the original.
  await page.getByTestId('evidence-reveal').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(fileName);
  const confirm = dialog.getByRole('button', { name: '顯示原圖' });
  await page.getByTestId('reason-input').fill('abc');
  await confirm.click();
  await expect(dialog).toContainText('理由至少需 4 個字');
  const reason = '端對端測試：核對原圖';
  await page.getByTestId('reason-input').fill(reason);
  const revealAnswer = page.waitForResponse((r) => contentRequest('reveal')(r.url()));
  await confirm.click();
  const revealed = await revealAnswer;
  expect(revealed.status()).toBe(200);
  expect(revealed.headers()['content-type']).toBe('image/png');
  expect(new URL(revealed.url()).searchParams.get('reason')).toBe(reason);
  expect(sha256Hex(await revealed.body())).toBe(sha256);
  await expect(dialog).toHaveCount(0);
  await expect(image).toHaveAttribute('data-mode', 'reveal');
  await expect(page.getByTestId('evidence-revealed-notice')).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(WIDTH);

  expect(problems).toEqual([]);
});
