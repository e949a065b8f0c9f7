/**
 * Shared moves of the end-to-end specs: matching an API answer, choosing from an Ant Design select
 * (retried: a click while the dropdown animates can be lost), and downloading an export.
 */
import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';

type Answer = { url(): string; request(): { method(): string } };

/** A predicate for `page.waitForResponse`: the API path (exact or a pattern) and the method. */
export const isApi = (path: RegExp | string, method: string) => (r: Answer) => {
  const pathname = new URL(r.url()).pathname;
  return (typeof path === 'string' ? pathname === path : path.test(pathname)) && r.request().method() === method;
};

/**
 * Chooses an option of an Ant Design select by its text (the dropdown is rendered in a portal),
 * until the select shows it: a click that lands while the dropdown is still opening is tried again.
 */
export async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  const select = page.getByTestId(testId);
  await expect(async () => {
    if ((await select.textContent())?.includes(label)) return;
    if ((await page.locator('.ant-select-dropdown:visible').count()) === 0) await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click({ timeout: 2_000 });
    await expect(select).toContainText(label, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** Clicks an export button and returns the downloaded file's bytes and name. */
export async function download(page: Page, testId: string): Promise<{ bytes: Buffer; name: string }> {
  const started = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await started;
  return { bytes: await readFile(await file.path()), name: file.suggestedFilename() };
}
