/**
 * Chat records end to end, against the real server started by e2e/start-server.mjs: the officer
 * imports the synthetic LINE export from test/fixtures/chat (after a malformed CSV is refused with
 * the line named), reads the conversation in the viewer, prints it as a PDF with a reason, then
 * selects it in the evidence list and downloads an export package whose manifest hash is shown.
 *
 * The conversation is invented (test/fixtures/chat/README.md); tests never use real case data.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Download } from '@playwright/test';
import { signInOfficer, watchForPageProblems } from './sign-in.ts';
import { zipEntries, zipEntryBytes } from './zip.ts';

const LINE_EXPORT = readFileSync(new URL('../test/fixtures/chat/line-export-zh-TW.txt', import.meta.url));
// A chat CSV whose third line has a time nobody can read.
const BAD_CSV = Buffer.from('time,sender,text\n2025/11/20 21:15,阿傑,哈囉\n昨天晚上,小安,嗨\n', 'utf8');

const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function downloadBytes(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

test('officer imports a LINE export, reads it, prints the PDF with a reason and exports it in a package', async ({ page }) => {
  // Sign-in may wait for a fresh TOTP step; the PDF print and the export each run Chromium on the server.
  test.setTimeout(240_000);
  const problems = watchForPageProblems(page);
  const stamp = Date.now().toString(36);
  const fileName = `e2e-line-${stamp}.txt`;
  const note = `端對端測試對話匯入 ${stamp}`;

  await signInOfficer(page);

  // Evidence list → 匯入對話紀錄.
  await page.getByTestId('nav-evidence').click();
  await expect(page).toHaveURL(/\/evidence$/);
  await page.getByTestId('evidence-chat-import-link').click();
  await expect(page).toHaveURL(/\/evidence\/chat-import$/);
  await expect(page.getByRole('heading', { name: '匯入對話紀錄' })).toBeVisible();

  const fileInput = page.locator('input[type="file"]');
  // Ant Design's dropdown items (its ARIA listbox only mirrors the options next to the active one).
  const chooseFormat = async (label: string) => {
    await page.getByTestId('chat-import-format').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option', { hasText: label }).click();
    await expect(page.getByTestId('chat-import-format')).toContainText(label);
  };
  const chatImport = (status: number) =>
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/evidence/chat-imports' && r.request().method() === 'POST' && r.status() === status);

  // A malformed CSV, read as CSV: refused, the server naming the line, and nothing recorded.
  await fileInput.setInputFiles({ name: `e2e-bad-${stamp}.csv`, mimeType: 'text/csv', buffer: BAD_CSV });
  await expect(page.locator('.ant-upload-list')).toContainText(`e2e-bad-${stamp}.csv`);
  await chooseFormat('CSV（時間,傳送者,內容）');
  const refusedAnswer = chatImport(422);
  await page.getByTestId('chat-import-submit').click();
  const refused = await refusedAnswer;
  expect(refused.request().headers()['x-csrf-token']).toBeTruthy();
  const error = page.getByTestId('chat-import-error');
  await expect(error).toContainText('匯入未完成');
  await expect(error).toContainText('無法解析對話紀錄');
  await expect(page.getByTestId('chat-import-error-detail')).toContainText('第 3 行');
  await expect(page).toHaveURL(/\/evidence\/chat-import$/);

  // The real export, format detected by the server; one file only (the new one replaces the old).
  await fileInput.setInputFiles({ name: fileName, mimeType: 'text/plain', buffer: LINE_EXPORT });
  await expect(page.locator('.ant-upload-list')).toContainText(fileName);
  await expect(page.locator('.ant-upload-list')).not.toContainText(`e2e-bad-${stamp}.csv`);
  await chooseFormat('自動判斷');
  await page.getByTestId('chat-import-notes').fill(note);
  const importAnswer = chatImport(200);
  await page.getByTestId('chat-import-submit').click();
  const imported = await importAnswer;
  const request = imported.request();
  expect(request.headers()['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  expect(request.headers()['x-csrf-token']).toBeTruthy();
  const { item } = (await imported.json()) as { item: { id: string; sha256: string; kind: string } };
  expect(item.kind).toBe('chat_record');
  expect(item.sha256).toBe(sha256Hex(LINE_EXPORT));

  // Straight to the viewer: the seal, the note and the conversation parsed from the sealed copy.
  await expect(page).toHaveURL(new RegExp(`/evidence/${item.id}$`));
  await expect(page.getByTestId('evidence-detail-sha256')).toHaveAttribute('data-hash', item.sha256);
  await expect(page.getByTestId('evidence-metadata')).toContainText(note);
  await expect(page.getByTestId('evidence-metadata')).toContainText('對話紀錄');
  const transcript = page.getByTestId('chat-transcript');
  await expect(transcript).toBeVisible();
  await expect(page.getByTestId('chat-summary')).toContainText('共 9 則訊息');
  await expect(page.getByTestId('chat-summary')).toContainText('參與者：阿傑、小安');
  const messages = page.getByTestId('chat-messages').locator('tbody tr.ant-table-row');
  await expect(messages).toHaveCount(9);
  const first = messages.filter({ hasText: '哈囉 看到你在Dcard的貼文' });
  await expect(first).toHaveCount(1);
  await expect(first).toContainText('阿傑');
  await expect(first).toContainText('114/11/20 21:15');
  // A message spanning two lines stays one message.
  await expect(messages.filter({ hasText: '我是之前留言的那個' })).toContainText('想問你週末有空嗎');
  // Stickers, photos, unsent messages and calls are tagged.
  for (const [kind, label, sender] of [
    ['sticker', '貼圖', '小安'],
    ['photo', '照片', '阿傑'],
    ['unsent', '已收回', '小安'],
    ['call', '通話', '阿傑'],
  ] as const) {
    const tag = page.locator(`[data-testid="chat-kind"][data-kind="${kind}"]`);
    await expect(transcript.locator(tag), kind).toHaveCount(1);
    await expect(transcript.locator(tag), kind).toHaveText(label);
    await expect(messages.filter({ has: tag }), kind).toContainText(sender);
  }
  await expect(messages.filter({ hasText: '早 我要去上課了' })).toContainText('114/11/21 08:05');

  // 列印 PDF: a reason first (too short is refused), then the PDF downloads as an attachment.
  await page.getByTestId('chat-print').click();
  const printDialog = page.getByRole('dialog');
  await expect(printDialog).toContainText('列印對話紀錄 PDF');
  const printOk = printDialog.getByRole('button', { name: '列印 PDF' });
  await page.getByTestId('reason-input').fill('短');
  await printOk.click();
  await expect(printDialog).toContainText('理由至少需 4 個字');
  const printReason = `端對端測試：列印對話 ${stamp}`;
  await page.getByTestId('reason-input').fill(printReason);
  // An attachment link: the browser hands the answer to its download manager (no page response).
  const pdfDownload = page.waitForEvent('download', { timeout: 90_000 });
  await printOk.click();
  await expect(printDialog).toHaveCount(0);
  const printed = await pdfDownload;
  const printedUrl = new URL(printed.url());
  expect(printedUrl.pathname).toBe(`/api/evidence/${item.id}/chat.pdf`);
  expect(printedUrl.searchParams.get('reason')).toBe(printReason);
  expect(printed.suggestedFilename()).toMatch(/\.pdf$/);
  const pdf = await downloadBytes(printed);
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

  // The evidence list: select the record and export it in a package.
  await page.getByTestId('nav-evidence').click();
  await expect(page).toHaveURL(/\/evidence$/);
  const exportButton = page.getByTestId('evidence-export');
  await expect(exportButton).toBeDisabled();
  const row = page.getByTestId('evidence-table').locator('tbody tr', { hasText: fileName });
  await expect(row).toHaveCount(1);
  await row.getByRole('checkbox').check();
  await expect(page.getByTestId('evidence-selected-count')).toHaveText('已選擇 1 件');
  await exportButton.click();
  const exportDialog = page.getByRole('dialog');
  await expect(exportDialog).toContainText('匯出證據包（1 件證據）');
  // The dialog says the export is recorded and the PDF list is watermarked with who and when.
  await expect(page.getByTestId('export-notice')).toContainText('稽核紀錄');
  await expect(page.getByTestId('export-notice')).toContainText('浮水印');
  const exportReason = `端對端測試：匯出證據包 ${stamp}`;
  await page.getByTestId('reason-input').fill(exportReason);
  const exportAnswer = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/evidence/exports' && r.request().method() === 'POST',
    { timeout: 90_000 },
  );
  const zipDownload = page.waitForEvent('download', { timeout: 90_000 });
  await exportDialog.getByRole('button', { name: '匯出證據包' }).click();
  const exportResponse = await exportAnswer;
  expect(exportResponse.status()).toBe(200);
  expect(exportResponse.headers()['content-type']).toBe('application/zip');
  expect(exportResponse.request().headers()['x-csrf-token']).toBeTruthy();
  expect(exportResponse.request().postDataJSON()).toEqual({ itemIds: [item.id], reason: exportReason });
  const manifestSha256 = exportResponse.headers()['x-manifest-sha256'] ?? '';
  expect(manifestSha256).toMatch(/^[0-9a-f]{64}$/);

  const download = await zipDownload;
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const zip = await downloadBytes(download);
  expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
  const names = zipEntries(zip).map((e) => e.name);
  expect(names).toEqual(expect.arrayContaining(['manifest.json', 'manifest.sig.json', 'custody-events.json', 'evidence-list.pdf', `items/${item.id}/${fileName}`]));
  const manifest = zipEntryBytes(zip, 'manifest.json');
  expect(sha256Hex(manifest)).toBe(manifestSha256);
  expect((JSON.parse(manifest.toString('utf8')) as { items: { id: string; sha256: string }[] }).items).toEqual([
    expect.objectContaining({ id: item.id, sha256: item.sha256 }),
  ]);
  expect(sha256Hex(zipEntryBytes(zip, `items/${item.id}/${fileName}`))).toBe(item.sha256);
  expect(zipEntryBytes(zip, 'evidence-list.pdf').subarray(0, 4).toString('latin1')).toBe('%PDF');

  // The success message shows the manifest hash from the response header.
  await expect(exportDialog).toHaveCount(0);
  const result = page.getByTestId('export-result');
  await expect(result).toContainText(download.suggestedFilename());
  await expect(result.getByTestId('export-manifest-sha256')).toHaveAttribute('data-hash', manifestSha256);
  await expect(result.getByTestId('export-manifest-sha256')).toContainText(manifestSha256);

  expect(problems).toEqual([]);
});
