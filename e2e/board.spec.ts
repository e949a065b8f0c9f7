/**
 * Tracking board end to end: a finding (patrol target: call-girl station) is recorded and
 * promoted to a case through the API (from the signed-in page, with the session's CSRF token);
 * the findings list finds it by target kind; the board, filtered to open cases and this run's
 * title, lists the case; the filters are saved as a view, cleared, picked again and survive a
 * reload; the CSV export starts with a byte-order mark and holds the case number, the XLSX export
 * is a zip; the view is deleted; and the home page lists the case's Art. 40 check as a task.
 *
 * The PTT URL is unique per run and only recorded, never fetched. The text is synthetic.
 * Assertions allow for earlier runs against the same server.
 */
import { expect, test, type Page } from '@playwright/test';
import { signInOfficer, watchForPageProblems } from './sign-in.ts';
import { download, isApi } from './ui.ts';

/** Chooses an option of an Ant Design select by its text (the dropdown is rendered in a portal). */
async function chooseOption(page: Page, testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label }).first().click();
  await page.keyboard.press('Escape');
}

test('officer tracks a new case on the board: filters, a saved view, exports, and the Art. 40 task at home', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchForPageProblems(page);
  const stamp = Date.now();
  const url = `https://www.ptt.cc/bbs/Gossiping/M.${stamp}.A.B0A.html`;
  const marker = `看板測試${stamp}`;
  const caseTitle = `列管看板端對端測試 ${marker}`;
  const viewName = `端對端檢視 ${stamp}`;

  await signInOfficer(page);

  // A finding of a call-girl station, promoted to a case of the officer's unit.
  const session = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken };
  const recorded = await page.request.post('/api/findings', {
    headers,
    data: { url, contentText: `外約私訊（${marker}）`, targetKind: 'call_girl_station' },
  });
  expect(recorded.status(), await recorded.text()).toBe(201);
  const { finding } = (await recorded.json()) as { finding: { id: string; targetKind: string } };
  expect(finding.targetKind).toBe('call_girl_station');
  const promoted = await page.request.post(`/api/findings/${finding.id}/promote`, { headers, data: { title: caseTitle } });
  expect(promoted.status(), await promoted.text()).toBe(200);
  const { case: opened } = (await promoted.json()) as { case: { id: string; number: string } };
  expect(opened.number).toMatch(/^DA-\d{3}-\d{4}$/);

  // The findings list filtered by patrol target, and the kind on the finding itself.
  await page.goto(`/findings?targetKind=call_girl_station&q=${encodeURIComponent(marker)}`);
  const findingRows = page.getByTestId('findings-table').locator('tbody tr.ant-table-row');
  await expect(findingRows).toHaveCount(1);
  await expect(page.getByTestId('findings-filter-target-kind')).toContainText('網路應召站');
  await findingRows.first().click();
  await expect(page.getByTestId('finding-target-kind')).toHaveText('網路應召站');

  // The board: open cases whose number or title holds this run's marker.
  await page.getByTestId('nav-board').click();
  await expect(page).toHaveURL(/\/board$/);
  await expect(page.getByTestId('board-table')).toBeVisible();
  await chooseOption(page, 'board-filter-status', '列管中');
  await page.getByTestId('board-filter-q').fill(marker);
  const listed = page.waitForResponse((r) => isApi('/api/cases/board', 'GET')(r) && new URL(r.url()).searchParams.get('q') === marker);
  await page.getByTestId('board-search').click();
  const listAnswer = await listed;
  expect(listAnswer.status(), await listAnswer.text()).toBe(200);
  expect(new URL(listAnswer.url()).searchParams.get('status')).toBe('open');
  await expect(page).toHaveURL(/status=open/);
  const rows = page.getByTestId('board-row');
  await expect(rows).toHaveCount(1);
  const row = rows.first();
  await expect(row).toHaveAttribute('data-case-number', opened.number);
  await expect(row.getByTestId('board-case-link')).toHaveAttribute('href', `/cases/${opened.id}`);
  await expect(row.getByTestId('board-case-title')).toHaveText(caseTitle);
  await expect(row.getByTestId('case-status')).toHaveText('列管中');
  await expect(row.getByTestId('board-art40')).toHaveText('尚未研判');
  // The Art. 40 check is open and not yet due (72 hours).
  await expect(row.getByTestId('board-task-counts')).toHaveText('1 / 0');
  await expect(page.getByTestId('board-total')).toHaveText('共 1 件');

  // Save the filters as a view.
  await page.getByTestId('board-view-save').click();
  await page.getByTestId('board-view-name').fill(viewName);
  const saved = page.waitForResponse(isApi('/api/cases/board/views', 'POST'));
  await page.getByTestId('board-view-save-ok').click();
  const savedAnswer = await saved;
  expect(savedAnswer.status(), await savedAnswer.text()).toBe(201);
  expect(savedAnswer.request().postDataJSON()).toEqual({ name: viewName, filters: { status: ['open'], q: marker } });
  const { id: viewId } = (await savedAnswer.json()) as { id: string };
  const viewSelect = page.getByTestId('board-view-select');
  await expect(viewSelect).toContainText(viewName);

  // Clear the filters, then pick the view again: the same case, the same address.
  await page.getByTestId('board-reset').click();
  await expect(page).toHaveURL(/\/board$/);
  await expect(viewSelect).not.toContainText(viewName);
  await chooseOption(page, 'board-view-select', viewName);
  await expect(page).toHaveURL(/status=open/);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(marker)}`));
  await expect(rows).toHaveCount(1);

  // A reload keeps the filters (they live in the address) and shows the view as chosen.
  await page.reload();
  await expect(page.getByTestId('board-filter-q')).toHaveValue(marker);
  await expect(page.getByTestId('board-filter-status')).toContainText('列管中');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-case-number', opened.number);
  await expect(viewSelect).toContainText(viewName);

  // Exports with the current filters: CSV in UTF-8 with a BOM, XLSX as a zip.
  const csvAnswer = page.waitForResponse((r) => isApi('/api/cases/board/export', 'GET')(r) && new URL(r.url()).searchParams.get('format') === 'csv');
  const csv = await download(page, 'board-export-csv');
  expect((await csvAnswer).status()).toBe(200);
  const csvQuery = new URL((await csvAnswer).url()).searchParams;
  expect(csvQuery.get('status')).toBe('open');
  expect(csvQuery.get('q')).toBe(marker);
  expect(csv.name).toMatch(/\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvText = csv.bytes.toString('utf8');
  expect(csvText).toContain('案號');
  expect(csvText).toContain(opened.number);
  expect(csvText).toContain(caseTitle);
  const xlsx = await download(page, 'board-export-xlsx');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // Delete the view.
  await page.getByTestId('board-view-delete').click();
  const deleted = page.waitForResponse(isApi(`/api/cases/board/views/${viewId}`, 'DELETE'));
  await page.getByTestId('board-view-delete-ok').click();
  expect((await deleted).status()).toBe(204);
  await expect(viewSelect).not.toContainText(viewName);

  // Home: the case's Art. 40 check waits for the officer, with its clause and deadline.
  await page.getByTestId('nav-home').click();
  await expect(page).toHaveURL(/\/$/);
  const task = page.locator(`[data-testid="my-task-row"][data-case-number="${opened.number}"][data-step="art40_check"]`);
  await expect(task).toHaveCount(1);
  await expect(task.getByTestId('my-task-title')).toHaveText('辦理兒少性剝削條例第 40 條三要件檢核');
  await expect(task).toContainText('G6.3.1');
  await expect(task.getByTestId('my-task-due')).toHaveText(/^\d{3}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
  await expect(task).toHaveAttribute('data-overdue', 'false');
  await task.getByTestId('my-task-case').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${opened.id}$`));

  expect(problems).toEqual([]);
});
