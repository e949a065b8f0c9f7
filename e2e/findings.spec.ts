/**
 * Findings end to end: a finding is recorded through the API (from the signed-in page, with the
 * session's CSRF token), then the officer finds it in the filtered list, opens it, sees the seed
 * lexicon's terms highlighted, sets its target category, promotes it to a case and sees the new
 * case number (DA-<ROC year>-NNNN) on the case page with the finding listed; the source counts
 * show PTT, and the department keyword list shows its entries.
 *
 * The PTT URL is unique per run and only recorded, never fetched (no capture here: it would need
 * the network). The text is synthetic. Assertions allow for earlier runs against the same server.
 */
import { expect, test, type Page } from '@playwright/test';
import { signInOfficer, watchForPageProblems } from './sign-in.ts';
import { isApi } from './ui.ts';

/** The ROC year in Taipei today (2026 → 115). */
const rocYear = (): number => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric' }).format(new Date())) - 1911;

/** Chooses an option of an Ant Design select by its text (the dropdown is rendered in a portal). */
/**
 * Picks an option of an antd Select with the keyboard (a mouse click that lands while the dropdown
 * animates can select nothing): open it, move the active option down to the label, press Enter;
 * retried until the select shows the label.
 */
async function chooseOption(page: Page, testId: string, typed: string, label: string): Promise<void> {
  const select = page.getByTestId(testId);
  await expect(async () => {
    if ((await select.textContent())?.includes(label)) return;
    await select.click();
    if (typed) await page.keyboard.type(typed);
    const dropdown = page.locator('.ant-select-dropdown:visible').last();
    await dropdown.waitFor({ state: 'visible', timeout: 3000 });
    for (let step = 0; step < 30; step += 1) {
      const active = await dropdown.locator('.ant-select-item-option-active').textContent({ timeout: 1000 }).catch(() => null);
      if (active?.includes(label)) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await expect(select).toContainText(label, { timeout: 2000 });
  }).toPass({ timeout: 30_000 });
}

interface CreatedFinding {
  id: string;
  url: string;
  triageScore: number;
  triage: { matches: { term: string; start: number; end: number }[] } | null;
  platform: { code: string };
}

test('officer finds a recorded finding, reads its triage, categorises it, promotes it to a case and sees sources and keywords', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchForPageProblems(page);
  const stamp = Date.now();
  const url = `https://www.ptt.cc/bbs/Gossiping/M.${stamp}.A.F2E.html`;
  const account = `e2e_${stamp.toString(36)}`;
  // Synthetic text only, with two seed-lexicon terms (援交, 乾爹) and a marker to search for.
  const marker = `端對端測試${stamp}`;
  const text = `找乾爹，援交私訊（${marker}）`;
  const caseTitle = `端對端測試案件 ${stamp}`;

  await signInOfficer(page);

  // Record the finding through the API, as the patrol form would, with the session's CSRF token.
  const session = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  expect(session.csrfToken).toBeTruthy();
  const recorded = await page.request.post('/api/findings', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { url, contentText: text, accountName: account },
  });
  expect(recorded.status(), await recorded.text()).toBe(201);
  const { finding } = (await recorded.json()) as { finding: CreatedFinding };
  expect(finding.platform.code).toBe('ptt');
  expect(finding.triageScore).toBeGreaterThan(0);
  expect(finding.triage?.matches.map((m) => m.term)).toEqual(expect.arrayContaining(['援交', '乾爹']));

  // The list, filtered to this run's finding: PTT, not yet in a case, the marker as free text.
  await page.getByTestId('nav-findings').click();
  await expect(page).toHaveURL(/\/findings$/);
  await expect(page.getByTestId('findings-table')).toBeVisible();
  await page.getByTestId('findings-filter-q').fill(marker);
  await chooseOption(page, 'findings-filter-platform', 'PTT', 'PTT 批踢踢');
  await chooseOption(page, 'findings-filter-in-case', '', '未列案');
  const listed = page.waitForResponse((r) => isApi('/api/findings', 'GET')(r) && new URL(r.url()).searchParams.get('q') === marker);
  await page.getByTestId('findings-search').click();
  const listAnswer = await listed;
  expect(listAnswer.status()).toBe(200);
  expect(new URL(listAnswer.url()).searchParams.get('inCase')).toBe('false');
  await expect(page).toHaveURL(/inCase=no/);
  const rows = page.getByTestId('findings-table').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toContainText(account);
  await expect(row).toContainText('未研判');
  // The hostile URL is text with a copy button, never a link.
  await expect(row.getByTestId('finding-row-url')).toContainText(url);
  await expect(page.locator('a[href*="ptt.cc"]')).toHaveCount(0);

  // The detail: fields, the triage explained, the content with its terms highlighted.
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/findings/${finding.id}$`));
  await expect(page.getByTestId('finding-fields')).toContainText(account);
  await expect(page.getByTestId('finding-detail-url')).toContainText(url);
  await expect(page.getByTestId('triage-score')).toHaveText(String(finding.triageScore));
  await expect(page.getByTestId('triage-terms')).toContainText('援交');
  await expect(page.getByTestId('triage-terms')).toContainText('乾爹');
  const content = page.getByTestId('finding-content');
  await expect(content).toContainText(marker);
  // One mark per match, in text order, cut from the text by the server's UTF-16 offsets.
  const expectedMarks = [...(finding.triage?.matches ?? [])].sort((a, b) => a.start - b.start).map((m) => text.slice(m.start, m.end));
  expect(expectedMarks).toEqual(expect.arrayContaining(['乾爹', '援交']));
  await expect(content.getByTestId('highlight-mark')).toHaveText(expectedMarks);
  await expect(page.locator('a[href*="ptt.cc"]')).toHaveCount(0);

  // Set the target category: Art. 2 ¶1 subparagraph 1.
  await page.getByTestId('finding-edit').click();
  await chooseOption(page, 'finding-edit-category', '', '第2條第1項第1款');
  const patched = page.waitForResponse(isApi(`/api/findings/${finding.id}`, 'PATCH'));
  await page.getByTestId('finding-edit-save').click();
  const patchAnswer = await patched;
  expect(patchAnswer.status()).toBe(200);
  expect(patchAnswer.request().postDataJSON()).toEqual({ targetCategory: 'art2_1_1' });
  await expect(page.getByTestId('finding-fields').getByTestId('target-category-tag')).toHaveAttribute('data-category', 'art2_1_1');

  // Promote it to a new case of the officer's unit (DA).
  await page.getByTestId('finding-promote').click();
  await page.getByTestId('promote-title').fill(caseTitle);
  await page.getByTestId('promote-summary').fill('端對端測試：合成資料');
  const promoted = page.waitForResponse(isApi(`/api/findings/${finding.id}/promote`, 'POST'));
  await page.getByTestId('promote-submit').click();
  const promoteAnswer = await promoted;
  expect(promoteAnswer.status()).toBe(200);
  expect(promoteAnswer.request().headers()['x-csrf-token']).toBeTruthy();
  const { case: opened } = (await promoteAnswer.json()) as { case: { id: string; number: string } };
  expect(opened.number).toMatch(new RegExp(`^DA-${rocYear()}-\\d{4}$`));
  await expect(page.getByTestId('finding-joined-case')).toHaveText(opened.number);
  await expect(page.getByTestId('finding-case')).toContainText(opened.number);
  // Already in a case: no promote or attach any more.
  await expect(page.getByTestId('finding-promote')).toHaveCount(0);
  await expect(page.getByTestId('finding-attach')).toHaveCount(0);

  // The case page: its number and title, and the finding listed.
  await page.getByTestId('finding-joined-case').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${opened.id}$`));
  await expect(page.getByTestId('case-detail-number')).toHaveText(opened.number);
  await expect(page.getByTestId('case-detail-title')).toHaveText(caseTitle);
  await expect(page.getByTestId('case-status')).toHaveText('列管中');
  const caseRows = page.getByTestId('case-findings').locator('tbody tr.ant-table-row');
  await expect(caseRows).toHaveCount(1);
  await expect(caseRows.first()).toContainText(account);
  await expect(caseRows.first()).toContainText('第1款');

  // Where cases come from: PTT, with at least this finding and this case in the last 90 days.
  const sourcesAnswer = page.waitForResponse((r) => isApi('/api/findings/sources', 'GET')(r) && new URL(r.url()).searchParams.get('groupBy') === 'platform');
  await page.getByTestId('nav-sources').click();
  await expect(page).toHaveURL(/\/findings-sources$/);
  expect((await sourcesAnswer).status()).toBe(200);
  const ptt = page.getByTestId('sources-table').locator('tbody tr.ant-table-row', { hasText: 'PTT 批踢踢' });
  await expect(ptt).toHaveCount(1);
  expect(Number(await ptt.getByTestId('source-findings').innerText())).toBeGreaterThanOrEqual(1);
  expect(Number(await ptt.getByTestId('source-cases').innerText())).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('sources-bars')).toContainText('PTT 批踢踢');

  // The department keyword list, read-only for an officer.
  await page.getByTestId('nav-lexicons').click();
  await expect(page).toHaveURL(/\/lexicons/);
  await expect(page.getByTestId('lexicons-table')).toContainText('全局');
  const entries = page.getByTestId('lexicon-entries');
  await expect(entries).toContainText('援交');
  await page.getByTestId('lexicon-entry-filter').locator('input').fill('乾爹');
  await expect(entries.getByTestId('lexicon-term')).toHaveText(['乾爹']);
  await expect(page.getByTestId('lexicon-import')).toHaveCount(0);
  await expect(page.getByTestId('lexicon-create')).toHaveCount(0);
  await expect(page.getByTestId('lexicon-export')).toBeVisible();

  expect(problems).toEqual([]);
});
