/**
 * Prevention and evaluation end to end (issue #9; G5.4, G4.1.4): the precinct's supervisor records
 * a school talk (through the API, from the signed-in page), finds it in the outreach list and
 * calendar, opens the evaluation of their precinct — its stations ranked, the headquarters' own
 * records apart, the precinct's place in the department — reads how a score was computed, sees the
 * trend, and downloads the XLSX (a zip whose sheet holds the unit rows) and the CSV.
 *
 * The activity is synthetic and unique per run; assertions allow for earlier runs on the same server.
 */
import { expect, test } from '@playwright/test';
import { signInSupervisor, watchForPageProblems } from './sign-in.ts';
import { zipEntryBytes } from './zip.ts';
import { download } from './ui.ts';

test('supervisor records outreach and evaluates the precinct: ranking, how computed, trend, XLSX and CSV', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchForPageProblems(page);
  const title = `端對端校園宣導 ${Date.now()}`;

  await signInSupervisor(page);

  // A school talk of the precinct itself, this month.
  const session = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const created = await page.request.post('/api/outreach', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: {
      title,
      startsAt: new Date().toISOString(),
      audienceCount: 150,
      officerIds: [],
      details: { kind: 'school_talk', schoolName: '示範國中', schoolLevel: 'junior_high', topics: ['網路交友安全'], withEducationBureauTour: true },
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  // The outreach list and calendar of this month show it; the drawer shows its fields.
  await page.getByTestId('nav-outreach').click();
  await expect(page).toHaveURL(/\/outreach$/);
  const listed = page.getByTestId('outreach-row').filter({ hasText: title });
  await expect(listed).toHaveCount(1);
  await expect(listed.getByTestId('outreach-kind')).toHaveText('校園宣導');
  await expect(listed.getByTestId('outreach-row-audience')).toHaveText('150');
  await page.getByTestId('outreach-view').getByText('行事曆').click();
  await expect(page).toHaveURL(/view=calendar/);
  const item = page.getByTestId('outreach-calendar-item').filter({ hasText: title });
  await expect(item).toHaveCount(1);
  await item.click();
  await expect(page.getByTestId('outreach-detail-title')).toHaveText(title);
  await expect(page.getByTestId('outreach-detail-fields')).toContainText('示範國中');
  await page.keyboard.press('Escape');

  // The precinct's evaluation: its sub-units ranked, its own records apart, the total last.
  await page.getByTestId('nav-evaluation').click();
  await expect(page).toHaveURL(/\/evaluation$/);
  await expect(page.getByTestId('evaluation-heading')).toContainText('大安分局');
  const rows = page.getByTestId('evaluation-row');
  await expect(rows).toHaveCount(5);
  const codes = await rows.evaluateAll((elements) => elements.map((e) => `${e.getAttribute('data-unit-code')}:${e.getAttribute('data-scope')}`));
  expect(codes.sort()).toEqual(['DA-INV:subtree', 'DA-PRV:subtree', 'DA-S1:subtree', 'DA-S2:subtree', 'DA:self']);
  const self = page.locator('[data-testid="evaluation-row"][data-scope="self"]');
  await expect(self.getByTestId('evaluation-rank')).toHaveText('—');
  const activities = Number(await self.locator('[data-testid="evaluation-value"][data-metric="outreachActivities"]').textContent());
  expect(activities).toBeGreaterThanOrEqual(1);
  const audience = Number(await self.locator('[data-testid="evaluation-value"][data-metric="outreachAudience"]').textContent());
  expect(audience).toBeGreaterThanOrEqual(150);
  await expect(page.getByTestId('evaluation-total')).toHaveCount(1);
  // The precinct's place among the department's ranked units, without their figures.
  await expect(page.getByTestId('evaluation-department-rank')).toContainText('/ 16');

  // How the headquarters' score was computed: activities × 1 point under the default rule set.
  await self.getByTestId('evaluation-score').click();
  const breakdown = page.getByTestId('evaluation-breakdown');
  await expect(breakdown).toBeVisible();
  await expect(breakdown.locator('[data-testid="evaluation-breakdown-row"][data-metric="outreachActivities"]').getByTestId('evaluation-breakdown-computation')).toContainText(`${activities} × 1 = ${activities}`);
  await expect(breakdown.locator('[data-testid="evaluation-breakdown-row"][data-metric="takedownOrders"]')).toContainText('不計分');
  await self.getByTestId('evaluation-score').click();
  await expect(breakdown).toBeHidden();

  // The trend of the last 12 months is drawn.
  await expect(page.getByTestId('evaluation-trend-chart')).toBeVisible();
  await expect(page.getByTestId('evaluation-trend-series').first()).toBeAttached();

  // XLSX: a zip whose sheet holds every unit row and the total; CSV with a byte-order mark.
  const xlsx = await download(page, 'evaluation-export-xlsx');
  expect(xlsx.name).toMatch(/^evaluation-DA-\d{3}-\d{2}-\d{2}_\d{3}-\d{2}-\d{2}-v\d+\.xlsx$/);
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const sheet = zipEntryBytes(xlsx.bytes, 'xl/worksheets/sheet1.xml').toString('utf8');
  for (const text of ['DA-S1', 'DA-S2', 'DA-INV', 'DA-PRV', '大安分局（本部）', '大安分局（合計）', '名次', '總分']) expect(sheet).toContain(text);
  const csv = await download(page, 'evaluation-export-csv');
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.bytes.toString('utf8')).toContain(',DA-S1,');

  expect(problems).toEqual([]);
});
