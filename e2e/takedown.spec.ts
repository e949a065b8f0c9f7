/**
 * Takedown end to end (issue #6; G5.2, G6.2): one URL on a loopback fixture site goes from a
 * finding (captured and sealed by the real server in its Chromium) to a case, gets its takedown
 * target from the case's tab, is reported to iWIN by phone, receives the SAB's order (back-dated so
 * the 24-hour deadline has passed), fails a removal check (the page is still up → overdue), is
 * escalated to TWNIC's DNS RPZ, and passes a later check once the page answers 410 (→ removed).
 *
 * The page is synthetic (the fixture site's singing water tower); the server may reach 127.0.0.1
 * because e2e/start-server.mjs sets CAPTURE_ALLOW. Each run uses its own path.
 */
import { expect, test, type Page } from '@playwright/test';
import { startFixtureSite, TAKEDOWN_POST_TEXT, type FixtureSite } from '../test/fixtures/capture/site.ts';
import { signInOfficer, watchForPageProblems } from './sign-in.ts';
import { chooseOption, isApi } from './ui.ts';

let site: FixtureSite;

test.beforeAll(async () => {
  site = await startFixtureSite();
});

test.afterAll(async () => {
  await site?.close();
});

/** YYYY-MM-DD of a day `daysAgo` before today in Taipei (the date pickers' cell titles). */
function taipeiDay(daysAgo: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Picks a past day (keeping the time of day) in an Ant Design date-time picker and confirms it. A
 * click on a cell while the dropdown is still animating in can be lost, so the pick is retried
 * until the cell is the selected one.
 */
async function pickDaysAgo(page: Page, testId: string, daysAgo: number): Promise<void> {
  const field = page.getByTestId(testId);
  const day = taipeiDay(daysAgo);
  await field.click();
  const panel = page.locator('.ant-picker-dropdown:visible');
  await expect(async () => {
    await panel.locator(`td[title="${day}"]`).first().click({ timeout: 2_000 });
    await expect(panel.locator('.ant-picker-cell-selected')).toHaveAttribute('title', day, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await panel.locator('.ant-picker-ok button').click();
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0);
  const [year, month, date] = day.split('-').map(Number);
  await expect(field).toHaveValue(new RegExp(`^${year! - 1911}/${String(month).padStart(2, '0')}/${String(date).padStart(2, '0')} `));
}

/** Waits until the target page shows `state`, reloading the detail meanwhile. */
async function expectState(page: Page, state: string, timeout = 10_000): Promise<void> {
  await expect(page.getByTestId('takedown-detail')).toHaveAttribute('data-state', state, { timeout });
}

/** Asks for a removal check from the target page and waits for its result row. */
async function checkNow(page: Page): Promise<void> {
  const asked = page.waitForResponse(isApi(/^\/api\/takedowns\/[0-9a-f-]{36}\/checks$/, 'POST'));
  await page.getByTestId('takedown-check-now').click();
  expect((await asked).status()).toBe(202);
}

test('one URL from finding through report, order, a failed removal check, RPZ and a later successful check', async ({ page }) => {
  // Two captures of the page and one of the check run in the server's Chromium: allow for a slow machine.
  test.setTimeout(420_000);
  const problems = watchForPageProblems(page);
  const stamp = Date.now().toString(36);
  const path = `/takedown/e2e-${stamp}`;
  site.setTakedownMode(path, 'online');
  const url = `${site.origin}${path}`;

  await signInOfficer(page);
  const session = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken };

  // The finding (as the patrol form records it; the loopback host names no platform, so one is chosen) …
  const platforms = (await (await page.request.get('/api/platforms')).json()) as { items: { id: string; code: string }[] };
  const ptt = platforms.items.find((p) => p.code === 'ptt')!;
  const recorded = await page.request.post('/api/findings', { headers, data: { url, platformId: ptt.id, contentText: TAKEDOWN_POST_TEXT, accountName: `e2e_td_${stamp}` } });
  expect(recorded.status(), await recorded.text()).toBe(201);
  const { finding } = (await recorded.json()) as { finding: { id: string } };
  // … captured and sealed by the server before anything is reported (G6.2.2) …
  const captured = await page.request.post(`/api/findings/${finding.id}/capture`, { headers });
  expect(captured.status(), await captured.text()).toBe(202);
  const captureId = ((await captured.json()) as { id: string }).id;
  await expect
    .poll(async () => ((await (await page.request.get(`/api/captures/${captureId}`)).json()) as { status: string }).status, { timeout: 180_000, intervals: [1_000] })
    .toBe('sealed');
  // … and promoted to a case.
  const promoted = await page.request.post(`/api/findings/${finding.id}/promote`, { headers, data: { title: `端對端下架流程 ${stamp}` } });
  expect(promoted.status(), await promoted.text()).toBe(200);
  const opened = ((await promoted.json()) as { case: { id: string; number: string } }).case;

  // The case's takedown tab opens the target for the finding.
  await page.goto(`/cases/${opened.id}`);
  await page.getByTestId('case-tab-takedowns').click();
  await page.getByTestId('case-takedown-create-open').click();
  await chooseOption(page, 'case-takedown-create-finding', url);
  const created = page.waitForResponse(isApi(`/api/cases/${opened.id}/takedowns`, 'POST'));
  await page.getByTestId('case-takedown-create-submit').click();
  expect((await created).status()).toBe(201);
  await expect(page).toHaveURL(/\/takedowns\/[0-9a-f-]{36}$/);
  await expectState(page, 'evidence_sealed');
  await expect(page.getByTestId('takedown-url')).toContainText(url);
  await expect(page.getByTestId('takedown-case-link')).toContainText(opened.number);

  // Report to iWIN by phone, three days ago (the default window is iWIN's).
  await page.getByTestId('takedown-action-report').click();
  await chooseOption(page, 'takedown-report-channel', '電話');
  await expect(page.getByTestId('takedown-report-contact')).toContainText('iWIN');
  await page.getByTestId('takedown-report-reason').fill('疑似媒介兒少性交易之訊息（端對端測試，合成資料）');
  await page.getByTestId('takedown-report-reference').fill(`E2E-${stamp}`);
  await pickDaysAgo(page, 'takedown-report-sent-at', 3);
  const reported = page.waitForResponse(isApi(/\/report$/, 'POST'));
  await page.getByTestId('takedown-report-submit').click();
  expect((await reported).status()).toBe(200);
  await expectState(page, 'reported');

  // The SAB's order two days ago: T + 24 h has passed.
  await page.getByTestId('takedown-action-order').click();
  await page.getByTestId('takedown-order-document-number').fill(`北市社兒字第${stamp}號`);
  await pickDaysAgo(page, 'takedown-order-issued-at', 2);
  const ordered = page.waitForResponse(isApi(/\/order$/, 'POST'));
  await page.getByTestId('takedown-order-submit').click();
  expect((await ordered).status()).toBe(200);
  await expectState(page, 'order_issued');
  await expect(page.getByTestId('takedown-retention-ends')).toBeVisible();

  // A removal check while the page is still up: online past the deadline → overdue.
  await checkNow(page);
  await expectState(page, 'overdue', 180_000);
  await expect(page.getByTestId('takedown-clock-card')).toHaveAttribute('data-clock', 'overdue');
  const failedCheck = page.getByTestId('takedown-check-row').first();
  await expect(failedCheck).toHaveAttribute('data-outcome', 'online');
  await expect(failedCheck.getByTestId('takedown-check-evidence-link')).toBeVisible();

  // Escalate: TWNIC DNS RPZ for the host, requested through the SAB.
  await page.getByTestId('takedown-action-rpz').click();
  await expect(page.getByTestId('takedown-rpz-domain')).toHaveValue('127.0.0.1');
  await page.getByTestId('takedown-rpz-domain').fill('takedown-e2e.example.tw');
  // The letter goes to the SAB's window, chosen by default once the directory has loaded.
  await expect(page.getByTestId('takedown-rpz-contact')).toContainText('社會局');
  const rpz = page.waitForResponse(isApi(/\/rpz$/, 'POST'));
  await page.getByTestId('takedown-rpz-submit').click();
  expect((await rpz).status()).toBe(200);
  await expectState(page, 'rpz_requested');
  await expect(page.getByTestId('takedown-rpz-recipient')).toContainText('社會局');

  // The platform takes the page down (410): the next check verifies the removal at R.
  site.setTakedownMode(path, '410');
  await checkNow(page);
  await expectState(page, 'removed', 180_000);
  await expect(page.getByTestId('takedown-clock-card')).toHaveAttribute('data-clock', 'removed');
  await expect(page.getByTestId('takedown-within-24h')).toHaveAttribute('data-within', 'false');
  const passedCheck = page.getByTestId('takedown-check-row').first();
  await expect(passedCheck).toHaveAttribute('data-outcome', 'removed');

  // The takedown list shows it removed; the speed page counts it.
  await page.getByTestId('nav-takedowns').click();
  await expect(page.locator(`[data-testid="takedown-row"][data-state="removed"]`, { hasText: opened.number }).first()).toBeVisible();
  await page.getByTestId('nav-takedownSpeed').click();
  await expect(page.getByTestId('takedown-speed-overall')).toBeVisible();

  expect(problems).toEqual([]);
});
