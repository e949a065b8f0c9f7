/**
 * Victim protection and confidentiality end to end (issue #7; G5.3.1, G5.3.2, G6.3.6), on a case
 * whose URL (on the loopback fixture site: the singing water tower, nothing real) was captured
 * and sealed by the real server, with its takedown target open — so a complaint has a URL and
 * sealed evidence to carry.
 *
 * - A minor, by the officer who opened the case: recorded (a wrong ID number refused without being
 *   repeated), listed masked; while the officer is not assigned there is no reveal at all; once
 *   the supervisor assigns them (through the API), the identity is revealed with a typed reason
 *   and hidden again; the social worker is recorded (the case's task closes); the SIPC complaint
 *   is filed at once and runs on a 24-hour clock; the complaint prints without the identity, and
 *   with it (marked confidential) after a reason.
 * - An adult, by the supervisor (assigned to the case by themself): filing is refused with the
 *   clear message until the victim's own authorisation is recorded from a generated PNG uploaded
 *   as evidence of the case; the referral answers include 拒答; then the complaint is filed on a
 *   72-hour clock and its removal recorded within target; a service is recorded; a legal hold is
 *   set and cleared.
 *
 * Names and ID numbers are invented (valid in form, belonging to nobody); everything else is
 * unique per run, so the spec can run again against the same server.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { startFixtureSite, TAKEDOWN_POST_TEXT, type FixtureSite } from '../test/fixtures/capture/site.ts';
import { signInOfficer, signInSupervisor, watchForPageProblems } from './sign-in.ts';
import { chooseOption, isApi } from './ui.ts';

let site: FixtureSite;

test.beforeAll(async () => {
  site = await startFixtureSite();
});

test.afterAll(async () => {
  await site?.close();
});

/** The letter values of the national ID's check (src/modules/victims/national-id.ts). */
const LETTERS: Record<string, number> = { A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, J: 18, K: 19, L: 20, M: 21, N: 22, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29 };

/** A national ID number valid in form (its check digit computed), for a person who does not exist. */
function syntheticNationalId(first9: string): string {
  const letter = LETTERS[first9[0]!]!;
  let sum = Math.floor(letter / 10) + (letter % 10) * 9;
  for (let i = 1; i < 9; i += 1) sum += Number(first9[i]) * (9 - i);
  return `${first9}${(10 - (sum % 10)) % 10}`;
}

const masked = (id: string) => `${id.slice(0, 3)}****${id.slice(-3)}`;

/** Today in Taipei as YYYY-MM-DD (the date pickers' cell titles). */
const taipeiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The CSRF header of the signed-in page's session, and the user's id. */
async function session(page: Page): Promise<{ headers: Record<string, string>; userId: string }> {
  const answer = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string; user: { id: string } };
  return { headers: { 'x-csrf-token': answer.csrfToken }, userId: answer.user.id };
}

/**
 * A case of the signed-in user's unit from a finding whose page the server captured and sealed,
 * with the URL's takedown target opened (state evidence_sealed): what a complaint carries.
 */
async function caseWithSealedUrl(page: Page, label: string): Promise<{ id: string; number: string; url: string }> {
  const stamp = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const path = `/takedown/e2e-victim-${stamp}`;
  site.setTakedownMode(path, 'online');
  const url = `${site.origin}${path}`;
  const { headers } = await session(page);
  const platforms = (await (await page.request.get('/api/platforms')).json()) as { items: { id: string; code: string }[] };
  const ptt = platforms.items.find((p) => p.code === 'ptt')!;
  const recorded = await page.request.post('/api/findings', { headers, data: { url, platformId: ptt.id, contentText: TAKEDOWN_POST_TEXT, accountName: `e2e_vic_${stamp}` } });
  expect(recorded.status(), await recorded.text()).toBe(201);
  const { finding } = (await recorded.json()) as { finding: { id: string } };
  const captured = await page.request.post(`/api/findings/${finding.id}/capture`, { headers });
  expect(captured.status(), await captured.text()).toBe(202);
  const captureId = ((await captured.json()) as { id: string }).id;
  await expect
    .poll(async () => ((await (await page.request.get(`/api/captures/${captureId}`)).json()) as { status: string }).status, { timeout: 180_000, intervals: [1_000] })
    .toBe('sealed');
  const promoted = await page.request.post(`/api/findings/${finding.id}/promote`, { headers, data: { title: `端對端被害人保護 ${label} ${stamp}` } });
  expect(promoted.status(), await promoted.text()).toBe(200);
  const opened = ((await promoted.json()) as { case: { id: string; number: string } }).case;
  const target = await page.request.post(`/api/cases/${opened.id}/takedowns`, { headers, data: { findingId: finding.id } });
  expect(target.status(), await target.text()).toBe(201);
  expect(((await target.json()) as { state: string }).state).toBe('evidence_sealed');
  return { ...opened, url };
}

/** Picks a day in an Ant Design date picker (no time), retrying until the field shows it in the ROC calendar. */
async function pickDay(page: Page, testId: string, day: string): Promise<void> {
  const field = page.getByTestId(testId);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const roc = `${year - 1911}/${String(month).padStart(2, '0')}/${String(date).padStart(2, '0')}`;
  await expect(async () => {
    if ((await page.locator('.ant-picker-dropdown:visible').count()) === 0) await field.click();
    await page.locator(`.ant-picker-dropdown:visible td[title="${day}"]`).first().click({ timeout: 2_000 });
    await expect(field).toHaveValue(roc, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** Fills the add-victim dialog (the incident date stays today) and submits it; answers the created victim. */
async function addVictim(
  page: Page,
  caseId: string,
  person: { name: string; nationalId: string; dateOfBirthRoc: string; contact: string; guardianName?: string; guardianContact?: string; sex: string },
): Promise<{ id: string; isMinor: boolean; maskedName: string; body: string }> {
  await page.getByTestId('victim-add').click();
  await page.getByTestId('victim-form-name').fill(person.name);
  await page.getByTestId('victim-form-national-id').fill(person.nationalId);
  await page.getByTestId('victim-form-date-of-birth').fill(person.dateOfBirthRoc);
  await page.getByTestId('victim-form-contact').fill(person.contact);
  if (person.guardianName) await page.getByTestId('victim-form-guardian-name').fill(person.guardianName);
  if (person.guardianContact) await page.getByTestId('victim-form-guardian-contact').fill(person.guardianContact);
  await page.getByTestId('victim-form-sex').getByText(person.sex, { exact: true }).click();
  await page.getByTestId('victim-form-notes').fill('端對端測試：合成資料，備註不含身分。');
  const created = page.waitForResponse(isApi(`/api/cases/${caseId}/victims`, 'POST'));
  await page.getByTestId('victim-add-dialog-submit').click();
  const answer = await created;
  const body = await answer.text();
  expect(answer.status(), body).toBe(201);
  const victim = JSON.parse(body) as { id: string; isMinor: boolean; maskedName: string };
  return { ...victim, body };
}

test('a minor victim: masked, revealed once assigned, social worker recorded, SIPC complaint filed at once on a 24-hour clock', async ({ page, browser, baseURL }) => {
  test.setTimeout(420_000);
  const problems = watchForPageProblems(page);
  const taipeiYear = Number(taipeiToday().slice(0, 4));
  const minor = {
    name: '林小晴',
    nationalId: syntheticNationalId('H22468013'),
    // Fourteen (or thirteen) on today's incident date: a minor either way.
    dateOfBirthRoc: `${taipeiYear - 14 - 1911}/01/15`,
    dateOfBirth: `${taipeiYear - 14}-01-15`,
    contact: '0987-000-111',
    guardianName: '林大志',
    guardianContact: '02-2700-0000',
    sex: '女',
  };

  await signInOfficer(page);
  const opened = await caseWithSealedUrl(page, '未成年');
  await page.goto(`/cases/${opened.id}?tab=victims`);
  await expect(page.getByTestId('victims-tab')).toBeVisible();
  // The officer opened the case but is not assigned to it: masked data only, no reveal anywhere.
  await expect(page.getByTestId('victims-no-identity-rights')).toBeVisible();

  // A wrong check digit is refused without the number being repeated.
  await page.getByTestId('victim-add').click();
  await page.getByTestId('victim-form-name').fill(minor.name);
  const wrongId = `${minor.nationalId.slice(0, 9)}${(Number(minor.nationalId[9]) + 1) % 10}`;
  await page.getByTestId('victim-form-national-id').fill(wrongId);
  await page.getByTestId('victim-form-date-of-birth').fill('100/02/30');
  await page.getByTestId('victim-add-dialog-submit').click();
  const idItem = page.locator('.ant-form-item', { has: page.getByTestId('victim-form-national-id') });
  await expect(idItem.locator('.ant-form-item-explain-error')).toHaveText('身分證統一編號格式或檢查碼錯誤');
  await expect(page.locator('.ant-form-item', { has: page.getByTestId('victim-form-date-of-birth') }).locator('.ant-form-item-explain-error')).toHaveText(
    '日期格式錯誤，請以民國年/月/日填寫',
  );
  await expect(page.getByText(wrongId)).toHaveCount(0);
  await page.getByTestId('victim-add-dialog-cancel').click();

  const victim = await addVictim(page, opened.id, minor);
  expect(victim.isMinor).toBe(true);
  // The answer carries the masked forms only.
  for (const secret of [minor.name, minor.nationalId, minor.dateOfBirth, minor.contact, minor.guardianName, minor.guardianContact]) expect(victim.body).not.toContain(secret);
  expect(victim.maskedName).toBe('林O晴');

  // The new victim opens in the drawer: masked, a minor, and no reveal for an unassigned officer.
  const drawer = page.getByTestId('victim-detail');
  await expect(drawer).toHaveAttribute('data-minor', 'true');
  await expect(page.getByTestId('victim-detail-masked-name')).toHaveText('林O晴');
  await expect(page.getByTestId('victim-detail-masked-id')).toHaveText(masked(minor.nationalId));
  await expect(drawer.getByTestId('victim-age-tag')).toContainText('未成年');
  await expect(page.getByTestId('victim-no-identity-rights')).toBeVisible();
  await expect(page.getByTestId('victim-reveal')).toHaveCount(0);
  await expect(page.getByText(minor.name)).toHaveCount(0);
  // G5.3.2: the social-worker task opened at once.
  await expect(drawer.getByTestId('victim-task')).toHaveAttribute('data-status', 'open');
  await expect(drawer.getByTestId('victim-task')).toHaveAttribute('data-step', 'victim_social_worker');

  // The supervisor assigns the officer (API, from their own session).
  const { userId: officerId } = await session(page);
  const supervisorContext = await browser.newContext({ baseURL, locale: 'zh-TW', timezoneId: 'Asia/Taipei' });
  const supervisor = await supervisorContext.newPage();
  await signInSupervisor(supervisor);
  const { headers: supervisorHeaders } = await session(supervisor);
  const assigned = await supervisor.request.put(`/api/cases/${opened.id}/assignees`, { headers: supervisorHeaders, data: { userIds: [officerId] } });
  expect(assigned.status(), await assigned.text()).toBe(200);
  await supervisorContext.close();

  // Assigned: the reveal is offered; a reason of under five characters is refused on the form.
  await page.reload();
  await expect(page.getByTestId('victim-detail')).toBeVisible();
  await page.getByTestId('victim-reveal').click();
  await page.getByTestId('victim-reveal-reason').fill('短');
  await page.getByTestId('victim-reveal-submit').click();
  await expect(page.getByText('事由至少 5 字')).toBeVisible();
  await page.getByTestId('victim-reveal-reason').fill('端對端測試：聯繫法定代理人安排詢問');
  const revealed = page.waitForResponse(isApi(`/api/victims/${victim.id}/reveal`, 'POST'));
  await page.getByTestId('victim-reveal-submit').click();
  const revealAnswer = await revealed;
  expect(revealAnswer.status()).toBe(200);
  expect(revealAnswer.headers()['cache-control']).toContain('no-store');
  await expect(page.getByTestId('victim-identity-name')).toHaveText(minor.name);
  await expect(page.getByTestId('victim-identity-national-id')).toHaveText(minor.nationalId);
  // Hidden again: gone from the page.
  await page.getByTestId('victim-identity-hide').click();
  await expect(page.getByTestId('victim-identity')).toHaveCount(0);
  await expect(page.getByText(minor.name)).toHaveCount(0);
  await expect(page.getByTestId('victim-reveal')).toBeVisible();

  // G5.3.2: the social worker who came (arrival: now).
  await page.getByTestId('victim-social-worker-record').click();
  await page.getByTestId('victim-social-worker-name').fill('陳社工');
  const worker = page.waitForResponse(isApi(`/api/victims/${victim.id}/social-worker`, 'POST'));
  await page.getByTestId('victim-social-worker-dialog-submit').click();
  expect((await worker).status()).toBe(200);
  await expect(page.getByTestId('victim-social-worker')).toContainText('陳社工');
  await expect(drawer.getByTestId('victim-task')).toHaveAttribute('data-status', 'done');

  // G5.3.1: a minor's complaint may be filed at once; the draft carries the sealed URL.
  const draft = page.getByTestId('victim-complaint-draft');
  await expect(draft).toHaveAttribute('data-blocked', 'none');
  await expect(page.getByTestId('victim-complaint-urls')).toContainText(opened.url);
  await expect(page.getByTestId('victim-complaint-target')).toHaveText('24 小時');
  await page.getByTestId('victim-complaint-file').click();
  await page.getByTestId('victim-complaint-reference').fill(`SIPC-E2E-${Date.now()}`);
  const filed = page.waitForResponse(isApi(`/api/victims/${victim.id}/sipc-complaints`, 'POST'));
  await page.getByTestId('victim-complaint-dialog-submit').click();
  const filedAnswer = await filed;
  expect(filedAnswer.status(), await filedAnswer.text()).toBe(201);
  expect(((await filedAnswer.json()) as { targetHours: number }).targetHours).toBe(24);
  const clock = page.getByTestId('victim-complaint-row').getByTestId('sipc-clock');
  await expect(clock).toHaveAttribute('data-clock', 'countdown');
  await expect(clock).toHaveAttribute('data-target-hours', '24');
  await expect(clock.getByTestId('sipc-countdown')).toHaveText(/^24 小時時限，剩餘 23:5\d:\d\d$/);

  // The complaint prints without the identity; with it only after a reason (then marked confidential).
  const plain = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByTestId('victim-complaint-pdf').click();
  const plainFile = (await plain).suggestedFilename();
  expect(plainFile).toMatch(/sipc-complaint-V-[0-9A-F]{8}\.pdf$/);
  await page.getByTestId('victim-complaint-pdf-identity').click();
  await page.getByTestId('victim-document-reason').fill('端對端測試：處理中心要求補充被害人資料');
  const secret = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByTestId('victim-document-dialog-submit').click();
  expect((await secret).suggestedFilename()).toMatch(/-confidential\.pdf$/);

  // The list: masked, a minor, one complaint open.
  await page.locator('.ant-drawer-close').click();
  await expect(page.getByTestId('victim-detail')).toHaveCount(0);
  const row = page.locator(`[data-testid="victim-row"][data-victim-id="${victim.id}"]`);
  await expect(row.getByTestId('victim-masked-name')).toHaveText('林O晴');
  await expect(row.getByTestId('victim-masked-id')).toHaveText(masked(minor.nationalId));
  await expect(row).toHaveAttribute('data-minor', 'true');
  await expect(row).toContainText('已申訴 1 件');
  await expect(page.getByTestId('case-tab-victims')).toContainText('1');
  await expect(page.getByText(minor.name)).toHaveCount(0);

  expect(problems).toEqual([]);
});

test('an adult victim: complaint refused until the authorisation is recorded, answers with 拒答, then filed on a 72-hour clock', async ({ page }) => {
  test.setTimeout(420_000);
  const problems = watchForPageProblems(page);
  const adult = { name: '張雅筑', nationalId: syntheticNationalId('E28765431'), dateOfBirthRoc: '88/09/09', contact: 'yachu.synthetic@example.org', sex: '女' };
  const fileName = `e2e-authorisation-${Date.now().toString(36)}.png`;
  // A generated "signed form": synthetic noise, never a real document.
  const png = await sharp(randomBytes(60 * 40 * 3), { raw: { width: 60, height: 40, channels: 3 } }).png().toBuffer();

  await signInSupervisor(page);
  const opened = await caseWithSealedUrl(page, '成年');
  // The supervisor assigns themself: an assignee may see the identity and does the protection work.
  const { headers, userId } = await session(page);
  const assigned = await page.request.put(`/api/cases/${opened.id}/assignees`, { headers, data: { userIds: [userId] } });
  expect(assigned.status(), await assigned.text()).toBe(200);

  await page.goto(`/cases/${opened.id}?tab=victims`);
  const victim = await addVictim(page, opened.id, adult);
  expect(victim.isMinor).toBe(false);
  expect(victim.body).not.toContain(adult.name);
  expect(victim.body).not.toContain(adult.nationalId);
  const drawer = page.getByTestId('victim-detail');
  await expect(drawer).toHaveAttribute('data-minor', 'false');
  await expect(drawer.getByTestId('victim-age-tag')).toContainText('成年');
  await expect(page.getByTestId('victim-reveal')).toBeVisible();

  // G5.3.1: no authorisation yet, so the draft is blocked and a filing is refused with the clear message.
  await expect(page.getByTestId('victim-authorisation-missing')).toBeVisible();
  await expect(page.getByTestId('victim-complaint-blocked')).toHaveAttribute('data-blocked', 'authorisation_required');
  await expect(page.getByTestId('victim-complaint-blocked')).toContainText('成年被害人須先登錄本人授權');
  await expect(page.getByTestId('victim-complaint-target')).toHaveText('72 小時');
  await page.getByTestId('victim-complaint-file').click();
  const refused = page.waitForResponse(isApi(`/api/victims/${victim.id}/sipc-complaints`, 'POST'));
  await page.getByTestId('victim-complaint-dialog-submit').click();
  expect((await refused).status()).toBe(409);
  const refusal = page.getByTestId('victim-complaint-dialog-error');
  await expect(refusal).toHaveAttribute('data-code', 'VICTIM_AUTHORISATION_REQUIRED');
  await expect(refusal).toContainText('成年被害人須先登錄本人授權');
  await page.getByTestId('victim-complaint-dialog-cancel').click();
  await expect(page.getByTestId('victim-complaint-row')).toHaveCount(0);

  // G5.3.2: the adult's answers; declining to answer is an answer.
  await expect(drawer.getByTestId('victim-task')).toHaveAttribute('data-step', 'victim_adult_referral');
  await expect(drawer.getByTestId('victim-task')).toHaveAttribute('data-status', 'open');
  await page.getByTestId('victim-referral-record').click();
  await page.getByTestId('victim-referral-social-worker').getByText('拒答', { exact: true }).click();
  await page.getByTestId('victim-referral-counselling').getByText('需要', { exact: true }).click();
  const answered = page.waitForResponse(isApi(`/api/victims/${victim.id}/referral`, 'POST'));
  await page.getByTestId('victim-referral-dialog-submit').click();
  const referralAnswer = await answered;
  expect(referralAnswer.status()).toBe(200);
  expect(referralAnswer.request().postDataJSON()).toMatchObject({ wantsSocialWorker: 'refused_to_answer', wantsCounsellingReferral: 'yes' });
  await expect(page.getByTestId('victim-referral-answer-social-worker')).toHaveText('拒答');
  await expect(page.getByTestId('victim-referral-answer-counselling')).toHaveText('需要');
  await expect(drawer.getByTestId('victim-task')).toHaveAttribute('data-status', 'done');

  // The signed form, uploaded to the case from its evidence tab (sealed on upload).
  await page.locator('.ant-drawer-close').click();
  await expect(page.getByTestId('victim-detail')).toHaveCount(0);
  await page.getByTestId('case-tab-evidence').click();
  await expect(page).toHaveURL(/[?&]tab=evidence/);
  await page.getByTestId('case-tabs').locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: png });
  await page.getByTestId('case-evidence-notes').fill('被害人授權書（端對端測試，合成影像）');
  const uploaded = page.waitForResponse(isApi('/api/evidence/uploads', 'POST'));
  await page.getByTestId('case-evidence-upload').click();
  const uploadAnswer = await uploaded;
  expect(uploadAnswer.status(), await uploadAnswer.text()).toBe(200);
  const [form] = ((await uploadAnswer.json()) as { items: { id: string }[] }).items;

  // Back to the victim: record the authorisation with that form.
  await page.goto(`/cases/${opened.id}?tab=victims&victim=${victim.id}`);
  await page.getByTestId('victim-authorisation-record').click();
  await chooseOption(page, 'victim-authorisation-evidence', fileName);
  const authorised = page.waitForResponse(isApi(`/api/victims/${victim.id}/authorisation`, 'POST'));
  await page.getByTestId('victim-authorisation-dialog-submit').click();
  const authorisationAnswer = await authorised;
  expect(authorisationAnswer.status(), await authorisationAnswer.text()).toBe(201);
  expect(authorisationAnswer.request().postDataJSON()).toMatchObject({ evidenceId: form?.id, signedOn: taipeiToday() });
  await expect(page.getByTestId('victim-authorisation')).toHaveCount(1);
  await expect(page.getByTestId('victim-authorisation-evidence-link')).toHaveAttribute('href', `/evidence/${form?.id}`);
  await expect(page.getByTestId('victim-complaint-draft')).toHaveAttribute('data-blocked', 'none');

  // Now filed, by e-mail, on the adult's 72-hour clock.
  await page.getByTestId('victim-complaint-file').click();
  await chooseOption(page, 'victim-complaint-channel', '電子郵件');
  await page.getByTestId('victim-complaint-reference').fill(`SIPC-E2E-${Date.now()}`);
  const filed = page.waitForResponse(isApi(`/api/victims/${victim.id}/sipc-complaints`, 'POST'));
  await page.getByTestId('victim-complaint-dialog-submit').click();
  const filedAnswer = await filed;
  expect(filedAnswer.status(), await filedAnswer.text()).toBe(201);
  expect(await filedAnswer.json()).toMatchObject({ targetHours: 72, channel: 'email', minorAtFiling: false });
  const clock = page.getByTestId('victim-complaint-row').getByTestId('sipc-clock');
  await expect(clock).toHaveAttribute('data-target-hours', '72');
  await expect(clock.getByTestId('sipc-countdown')).toHaveText(/^72 小時時限，剩餘 71:5\d:\d\d$/);

  // The centre removed it (now): within the target.
  await page.getByTestId('victim-complaint-outcome').click();
  const outcome = page.waitForResponse(isApi(/\/sipc-complaints\/[0-9a-f-]{36}\/outcome$/, 'POST'));
  await page.getByTestId('victim-outcome-dialog-submit').click();
  expect((await outcome).status()).toBe(200);
  await expect(clock).toHaveAttribute('data-clock', 'removed');
  await expect(clock.getByTestId('sipc-within-target')).toHaveAttribute('data-within', 'true');

  // One of the six services: offered and accepted today.
  const service = page.locator('[data-testid="victim-service-row"][data-service="psychological_support"]');
  await service.getByTestId('victim-service-edit').click();
  await page.getByTestId('victim-service-response').getByText('接受', { exact: true }).click();
  await pickDay(page, 'victim-service-responded-on', taipeiToday());
  const serviced = page.waitForResponse(isApi(`/api/victims/${victim.id}/services/psychological_support`, 'PUT'));
  await page.getByTestId('victim-service-dialog-submit').click();
  const serviceAnswer = await serviced;
  expect(serviceAnswer.status(), await serviceAnswer.text()).toBe(200);
  await expect(service).toHaveAttribute('data-response', 'accepted');

  // A legal hold on this victim, set and cleared with reasons (the supervisor of the case).
  await page.getByTestId('victim-hold-set').click();
  await page.getByTestId('victim-hold-reason').fill('端對端測試：地檢署函請保留被害人資料');
  const held = page.waitForResponse(isApi(`/api/victims/${victim.id}/holds`, 'POST'));
  await page.getByTestId('victim-hold-dialog-submit').click();
  expect((await held).status()).toBe(201);
  const hold = page.getByTestId('victim-holds').locator('[data-testid="victim-hold-row"][data-scope="victim"]');
  await expect(hold).toHaveAttribute('data-active', 'true');
  await hold.getByTestId('victim-hold-clear').click();
  await page.getByTestId('victim-hold-clear-reason').fill('端對端測試：地檢署函覆無需保留');
  const cleared = page.waitForResponse(isApi(/^\/api\/victim-holds\/[0-9a-f-]{36}\/clear$/, 'POST'));
  await page.getByTestId('victim-hold-clear-dialog-submit').click();
  expect((await cleared).status()).toBe(200);
  await expect(hold).toHaveAttribute('data-active', 'false');
  await expect(page.getByTestId('victim-hold-set')).toBeVisible();

  expect(problems).toEqual([]);
});
