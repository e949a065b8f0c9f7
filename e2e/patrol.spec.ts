/**
 * Patrol end to end: the officer starts a patrol on PTT with a keyword, checks the search
 * launcher's link, records a finding from a PTT URL with synthetic text (scored live against the
 * seed lexicon), sees the same URL with a tracking parameter flagged as already known before
 * submitting, records it again as a sighting, ends the patrol and finds it in the patrol log.
 *
 * The URLs are only recorded, never fetched, and the search links are checked by their address,
 * never opened. Each run uses its own URLs, and a patrol left running by an earlier failed run is
 * ended first, so the spec can run again against the same server.
 */
import { expect, test, type Page } from '@playwright/test';
import { signInOfficer, watchForPageProblems } from './sign-in.ts';

const isApi = (path: string, method: string) => (r: { url(): string; request(): { method(): string } }) =>
  new URL(r.url()).pathname === path && r.request().method() === method;

/** Chooses an option of an Ant Design select by its text (the dropdown is rendered in a portal). */
async function chooseOption(page: Page, testId: string, typed: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
  await page.keyboard.press('Escape');
}

/**
 * Ends the running patrol through the confirmation popover. A click on the popover's button while
 * it is still animating in (or out) can land without confirming, so the whole gesture is retried
 * until the start card is back; the end request must answer 200 whenever it is sent.
 */
async function endRunningPatrol(page: Page): Promise<void> {
  const endStatuses: number[] = [];
  const onResponse = (r: { url(): string; status(): number; request(): { method(): string } }) => {
    if (/^\/api\/patrols\/[0-9a-f-]{36}\/end$/.test(new URL(r.url()).pathname) && r.request().method() === 'POST') endStatuses.push(r.status());
  };
  page.on('response', onResponse);
  const startCard = page.getByTestId('patrol-start-card');
  await expect(async () => {
    if (await startCard.isVisible()) return;
    const confirm = page.getByTestId('patrol-end-confirm');
    if (!(await confirm.isVisible())) await page.getByTestId('patrol-end').click();
    await confirm.click({ timeout: 5_000 });
    await expect(startCard).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  page.off('response', onResponse);
  expect(endStatuses.length).toBeGreaterThan(0);
  expect(endStatuses.every((status) => status === 200)).toBe(true);
}

test('officer patrols PTT, records a finding with live triage, meets it again as known, ends the patrol and sees the log', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchForPageProblems(page);
  const stamp = Date.now();
  const keyword = '外約 台北';
  const url = `https://www.ptt.cc/bbs/Gossiping/M.${stamp}.A.E2E.html`;
  // Synthetic text only: two seed-lexicon terms (外約, 價碼) and a contact cue (私訊).
  const text = `徵外約，價碼私訊（端對端測試合成文字 ${stamp}）`;

  await signInOfficer(page);
  await page.getByTestId('nav-patrol').click();
  await expect(page).toHaveURL(/\/patrol$/);

  const startCard = page.getByTestId('patrol-start-card');
  const runningCard = page.getByTestId('patrol-running-card');
  await expect(startCard.or(runningCard)).toBeVisible();
  if (await runningCard.isVisible()) await endRunningPatrol(page);

  // Plan: PTT and one free keyword (with a space, to see it URL-encoded).
  await chooseOption(page, 'patrol-platforms', 'PTT', 'PTT 批踢踢');
  await page.getByTestId('patrol-keywords').click();
  await page.keyboard.type(keyword);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('patrol-keywords')).toContainText(keyword);

  const started = page.waitForResponse(isApi('/api/patrols', 'POST'));
  await page.getByTestId('patrol-start').click();
  const startAnswer = await started;
  expect(startAnswer.status()).toBe(201);
  expect(startAnswer.request().headers()['x-csrf-token']).toBeTruthy();
  await expect(runningCard).toBeVisible();
  await expect(page.getByTestId('patrol-started-at')).toHaveText(/^\d{3}\/\d{2}\/\d{2} \d{2}:\d{2}$/);

  // The search launcher: a link per keyword, opening PTT's search in a new tab, never followed here.
  const link = page.locator('[data-testid="search-link"][data-platform="ptt"]');
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute('href', `https://www.ptt.cc/bbs/search?q=${encodeURIComponent(keyword)}`);
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(page.getByTestId('search-open-all-ptt')).toBeVisible();

  // A URL the server refuses is explained under the field as it is typed.
  const urlField = page.getByTestId('finding-url');
  await urlField.fill('ftp://www.ptt.cc/bbs/x.html');
  await expect(page.getByTestId('finding-url-error')).toContainText('http');

  // A new finding: platform from the domain, not known yet, text scored while typing.
  await urlField.fill(url);
  await expect(page.getByTestId('finding-url-error')).toHaveCount(0);
  await expect(page.getByTestId('finding-platform-resolved')).toHaveText('PTT 批踢踢');
  await expect(page.getByTestId('finding-canonical-url')).toContainText(`M.${stamp}.A.E2E.html`);
  await expect(page.getByTestId('finding-known')).toHaveCount(0);
  await page.getByTestId('finding-account-name').fill(`e2e-account-${stamp}`);
  await page.getByTestId('finding-content').fill(text);
  const score = page.getByTestId('triage-score');
  await expect(score).toBeVisible();
  expect(Number(await score.getAttribute('data-score'))).toBeGreaterThanOrEqual(6);
  await expect(page.getByTestId('triage-highlighted').locator('mark', { hasText: '外約' })).toHaveCount(1);
  await expect(page.getByTestId('triage-highlighted').locator('mark', { hasText: '價碼' })).toHaveCount(1);
  await expect(page.getByTestId('triage-explanation')).not.toBeEmpty();

  const created = page.waitForResponse(isApi('/api/findings', 'POST'));
  await page.getByTestId('finding-submit').click();
  const createdAnswer = await created;
  expect(createdAnswer.status()).toBe(201);
  const { finding } = (await createdAnswer.json()) as { finding: { id: string; triageScore: number } };
  expect(finding.triageScore).toBeGreaterThanOrEqual(6);
  const result = page.getByTestId('finding-result');
  await expect(result).toHaveAttribute('data-outcome', 'created');
  await expect(result).toContainText('已登錄新發現');
  await expect(result.getByTestId('finding-result-open')).toHaveAttribute('href', `/findings/${finding.id}`);
  // Cleared and ready for the next one.
  await expect(urlField).toHaveValue('');
  await expect(urlField).toBeFocused();
  await expect(page.getByTestId('patrol-findings-table')).toContainText(url);

  // The same page again, with a tracking parameter: known before anything is submitted.
  await urlField.fill(`${url}?utm_source=x`);
  const known = page.getByTestId('finding-known');
  await expect(known).toBeVisible();
  await expect(known).toContainText('此網址已登錄過');
  await expect(known.getByTestId('finding-known-open')).toHaveAttribute('href', `/findings/${finding.id}`);
  await expect(page.getByTestId('finding-canonical-url')).not.toContainText('utm_source');

  const sighted = page.waitForResponse(isApi('/api/findings', 'POST'));
  await page.getByTestId('finding-submit').click();
  const sightedAnswer = await sighted;
  expect(sightedAnswer.status()).toBe(200);
  await expect(result).toHaveAttribute('data-outcome', 'sighting_added');
  await expect(result).toContainText('已於該筆發現新增一次查見紀錄');
  await expect(result.getByTestId('finding-result-open')).toHaveAttribute('href', `/findings/${finding.id}`);

  // End the patrol.
  await endRunningPatrol(page);

  // The patrol log: today's row for the officer, with the totals row.
  await page.getByTestId('nav-patrolLog').click();
  await expect(page).toHaveURL(/\/patrol-log$/);
  const rows = page.getByTestId('patrol-log-table').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('測試員警');
  await expect(rows.first().getByTestId('patrol-log-period')).toHaveText(/^\d{3}\/\d{2}\/\d{2}$/);
  await expect(page.getByTestId('patrol-log-totals')).toContainText('合計');

  // Month view: this year by month.
  await page.getByTestId('patrol-log-period-switch').getByText('每月').click();
  await expect(rows.first().getByTestId('patrol-log-period')).toHaveText(/^\d{3}\/\d{2}$/);

  expect(problems).toEqual([]);
});
