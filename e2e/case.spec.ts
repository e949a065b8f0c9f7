/**
 * One case from a finding to its transfer, end to end, with two people (four eyes, G6.3.1):
 *
 * - the officer records a finding through the API (a unique PTT URL, never fetched; synthetic
 *   text), promotes it to a case, uploads a generated PNG to the case from its Evidence tab, fills
 *   the Art. 40 three-element check (all three held, Art. 2 ¶1 subparagraph 1, the uploaded
 *   evidence) and submits it, then signs out;
 * - the supervisor of the same precinct signs in, opens the case, approves the check, sees the
 *   social-affairs and child-protection tasks, sends the social-affairs notice (outbox mode: the
 *   e2e server has no SMTP) and records the child-protection report, transfers the case (office,
 *   today, a document number), and sees the read-only banner, those tasks done, the FPO notice
 *   task open, a follow-up still accepted and the timeline listing every step.
 *
 * A second test has the supervisor open a case alone: the server refuses their review of their
 * own check and the page says why; suspects with an identifier refused field by field, a
 * subscriber-data request that reaches communications records (the CSSA reminder), a phone with
 * its calling-location comparison; a reporter listed masked and revealed with a reason, the name
 * gone once the dialog closes.
 *
 * Everything is unique per run (URL, title, file, document number), so the spec can run again
 * against the same server.
 */
import { randomBytes } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { signInOfficer, signInSupervisor, signOut, watchForPageProblems } from './sign-in.ts';
import { chooseOption, isApi } from './ui.ts';

/** Picks "now" in an open Ant Design date-time picker and confirms it. */
async function pickNow(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
  const panel = page.locator('.ant-picker-dropdown:visible');
  await panel.locator('.ant-picker-now-btn').click();
  // Depending on the picker's mode "now" closes it or waits for OK.
  await page
    .locator('.ant-picker-dropdown:visible .ant-picker-ok button')
    .click({ timeout: 2_000 })
    .catch(() => undefined);
  await expect(page.getByTestId(testId)).not.toHaveValue('');
}

/** Records a finding through the API (as the patrol form would) and promotes it to a case; returns the case. */
async function caseFromApi(page: Page, stamp: number, title: string): Promise<{ id: string; number: string }> {
  const session = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': session.csrfToken };
  const recorded = await page.request.post('/api/findings', {
    headers,
    data: { url: `https://www.ptt.cc/bbs/Sex/M.${stamp}.A.D01.html`, contentText: `找乾爹私訊（端對端測試 ${stamp}）`, accountName: `e2e_own_${stamp.toString(36)}` },
  });
  expect(recorded.status(), await recorded.text()).toBe(201);
  const { finding } = (await recorded.json()) as { finding: { id: string } };
  const promoted = await page.request.post(`/api/findings/${finding.id}/promote`, { headers, data: { title } });
  expect(promoted.status(), await promoted.text()).toBe(200);
  return ((await promoted.json()) as { case: { id: string; number: string } }).case;
}

/** The task row of a playbook step, by its code. */
const task = (page: Page, step: string): Locator => page.locator(`[data-testid="case-task"][data-step="${step}"]`);

/** Opens one tab of the case page. */
async function openTab(page: Page, key: string): Promise<void> {
  await page.getByTestId(`case-tab-${key}`).click();
  await expect(page).toHaveURL(key === 'overview' ? /\/cases\/[0-9a-f-]{36}$/ : new RegExp(`[?&]tab=${key}`));
}

test('a case from a finding to its transfer: officer checks Art. 40, supervisor approves, notifies and transfers', async ({ page }) => {
  test.setTimeout(360_000);
  const problems = watchForPageProblems(page);
  const stamp = Date.now();
  const url = `https://www.ptt.cc/bbs/Sex/M.${stamp}.A.C45.html`;
  const account = `e2e_case_${stamp.toString(36)}`;
  const caseTitle = `端對端案件流程 ${stamp}`;
  const fileName = `e2e-case-${stamp.toString(36)}.png`;
  const documentNumber = `北市警安分刑字第${String(stamp).slice(-10)}號`;
  // Synthetic noise made here: tests never use real imagery (DESIGN.md).
  const png = await sharp(randomBytes(40 * 30 * 3), { raw: { width: 40, height: 30, channels: 3 } }).png().toBuffer();

  // ── The officer ────────────────────────────────────────────────────────────────────────
  await signInOfficer(page);
  const session = (await (await page.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const recorded = await page.request.post('/api/findings', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { url, contentText: `找乾爹，援交私訊（端對端案件流程 ${stamp}）`, accountName: account },
  });
  expect(recorded.status(), await recorded.text()).toBe(201);
  const { finding } = (await recorded.json()) as { finding: { id: string } };

  // Promote the finding to a case of the officer's unit.
  await page.goto(`/findings/${finding.id}`);
  await page.getByTestId('finding-promote').click();
  await page.getByTestId('promote-title').fill(caseTitle);
  await page.getByTestId('promote-summary').fill('端對端測試：合成資料');
  const promoted = page.waitForResponse(isApi(`/api/findings/${finding.id}/promote`, 'POST'));
  await page.getByTestId('promote-submit').click();
  const promoteAnswer = await promoted;
  expect(promoteAnswer.status()).toBe(200);
  const { case: opened } = (await promoteAnswer.json()) as { case: { id: string; number: string } };
  await page.getByTestId('finding-joined-case').click();
  await expect(page).toHaveURL(new RegExp(`/cases/${opened.id}$`));
  await expect(page.getByTestId('case-detail-number')).toHaveText(opened.number);
  await expect(page.getByTestId('case-detail-title')).toHaveText(caseTitle);
  await expect(page.getByTestId('case-status')).toHaveText('列管中');

  // The finding is in the case; the Art. 40 check is the open task.
  await openTab(page, 'findings');
  await expect(page.getByTestId('case-findings-list').locator('tbody tr.ant-table-row')).toContainText(account);
  await openTab(page, 'tasks');
  await expect(task(page, 'art40_check')).toHaveAttribute('data-status', 'open');
  await expect(task(page, 'art40_check')).toContainText('第 40 條三要件檢核');

  // Upload the generated picture straight into the case.
  await openTab(page, 'evidence');
  await page.getByTestId('case-tabs').locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: 'image/png', buffer: png });
  await page.getByTestId('case-evidence-notes').fill('端對端測試：合成影像');
  const uploaded = page.waitForResponse(isApi('/api/evidence/uploads', 'POST'));
  await page.getByTestId('case-evidence-upload').click();
  const uploadAnswer = await uploaded;
  expect(uploadAnswer.status(), await uploadAnswer.text()).toBe(200);
  const [item] = ((await uploadAnswer.json()) as { items: { id: string; caseId: string | null }[] }).items;
  expect(item?.caseId).toBe(opened.id);
  await expect(page.getByTestId('case-evidence-uploaded')).toBeVisible();
  const evidenceRow = page.getByTestId('case-evidence').locator('tbody tr.ant-table-row', { hasText: fileName });
  await expect(evidenceRow).toHaveCount(1);
  await expect(evidenceRow.getByTestId('case-evidence-open')).toHaveAttribute('href', `/evidence/${item?.id}`);

  // The Art. 40 check: all three elements held, subparagraph 1, the uploaded picture as evidence.
  await openTab(page, 'assessment');
  await expect(page.getByTestId('assessment-form')).toBeVisible();
  const reasons = {
    publicDissemination: '於 PTT 公開看板張貼，不特定人均可瀏覽。',
    inducement: '以「找乾爹」「援交私訊」等用語暗示並引誘從事有對價之性交易。',
    childAtRisk: '文中自稱未成年，有使少年遭受有對價性交之虞。',
  };
  for (const [key, text] of Object.entries(reasons)) {
    await page.getByTestId(`assessment-${key}-held`).click();
    await expect(page.getByTestId(`assessment-${key}-held`)).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId(`assessment-${key}-reasons`).fill(text);
    await chooseOption(page, `assessment-${key}-evidence`, fileName);
    await page.keyboard.press('Escape');
  }
  await page.getByTestId('assessment-subparagraph-1').check();
  await expect(page.getByTestId('assessment-proposed-art40')).toBeVisible();
  const submitted = page.waitForResponse(isApi(`/api/cases/${opened.id}/assessments`, 'POST'));
  await page.getByTestId('assessment-submit').click();
  const submitAnswer = await submitted;
  expect(submitAnswer.status(), await submitAnswer.text()).toBe(200);
  const body = submitAnswer.request().postDataJSON() as { childAtRisk: { subparagraphs: number[]; evidenceIds: string[] }; otherOutcome?: string };
  expect(body.childAtRisk).toMatchObject({ subparagraphs: [1], evidenceIds: [item?.id] });
  expect(body.otherOutcome).toBeUndefined();
  await expect(page.getByTestId('assessment-pending')).toBeVisible();
  await expect(page.getByTestId('assessment-pending').getByTestId('case-art40-outcome')).toHaveAttribute('data-outcome', 'art40');
  // An officer cannot review; the check waits for a supervisor.
  await expect(page.getByTestId('assessment-approve')).toHaveCount(0);
  await openTab(page, 'tasks');
  await expect(task(page, 'art40_check')).toHaveAttribute('data-status', 'done');
  await expect(task(page, 'art40_review')).toHaveAttribute('data-status', 'open');

  await signOut(page);

  // ── The supervisor ─────────────────────────────────────────────────────────────────────
  await signInSupervisor(page);
  await page.goto(`/cases/${opened.id}?tab=assessment`);
  await expect(page.getByTestId('case-detail-number')).toHaveText(opened.number);
  const pending = page.getByTestId('assessment-pending');
  await expect(pending).toBeVisible();
  await expect(pending.getByTestId('assessment-view-childAtRisk')).toContainText('第1款');
  await expect(pending).toContainText('e2e.officer');
  await expect(page.getByTestId('assessment-own-warning')).toHaveCount(0);
  await page.getByTestId('assessment-approve').click();
  const reviewed = page.waitForResponse(isApi(/^\/api\/cases\/[0-9a-f-]{36}\/assessments\/[0-9a-f-]{36}\/review$/, 'POST'));
  await page.getByTestId('assessment-approve-confirm').click();
  const reviewAnswer = await reviewed;
  expect(reviewAnswer.status(), await reviewAnswer.text()).toBe(200);
  expect(reviewAnswer.request().postDataJSON()).toEqual({ decision: 'approved' });
  await expect(page.getByTestId('assessment-pending')).toHaveCount(0);
  await expect(page.getByTestId('assessment-history-item').first()).toHaveAttribute('data-decision', 'approved');
  await expect(page.getByTestId('case-status')).toHaveText('已研判');
  await expect(page.getByTestId('case-art40-outcome').first()).toHaveText('第40條案件');

  // Confirmed: notify social affairs at once (G4.2.2) and file the child-protection report within 24 hours.
  await openTab(page, 'tasks');
  for (const step of ['social_affairs_notice', 'child_protection_report', 'transfer']) await expect(task(page, step)).toHaveAttribute('data-status', 'open');
  await expect(task(page, 'social_affairs_notice')).toContainText('立即通報社政主管機關');
  await expect(task(page, 'child_protection_report')).toContainText('兒少保護通報');
  await expect(task(page, 'art40_review')).toHaveAttribute('data-status', 'done');

  // Send the social-affairs notice: the server prints the PDF and mails it (to the outbox here).
  await openTab(page, 'overview');
  await page.getByTestId('case-action-send-social-affairs').click();
  await page.getByTestId('case-send-social_affairs-recipients').click();
  await page.keyboard.type('sab.e2e@example.gov.tw');
  await page.keyboard.press('Enter');
  const sent = page.waitForResponse(isApi(`/api/cases/${opened.id}/notices/send`, 'POST'), { timeout: 90_000 });
  await page.getByTestId('case-send-social_affairs-submit').click();
  const sentAnswer = await sent;
  expect(sentAnswer.status(), await sentAnswer.text()).toBe(200);
  expect(sentAnswer.request().postDataJSON()).toEqual({ kind: 'social_affairs', recipients: ['sab.e2e@example.gov.tw'] });
  const notices = page.getByTestId('case-notices');
  const socialRow = notices.locator('tbody tr[data-kind="social_affairs"]');
  await expect(socialRow).toHaveCount(1);
  await expect(socialRow).toContainText('sab.e2e@example.gov.tw');
  await expect(socialRow).toContainText('電子郵件（寄件匣）');

  // Record the child-protection report, filed in the online reporting system.
  await page.getByTestId('case-action-record-notice').click();
  await expect(page.getByTestId('case-record-notice-kind')).toContainText('兒少保護通報');
  await page.getByTestId('case-record-notice-recipient').fill('臺北市家庭暴力暨性侵害防治中心');
  await expect(page.getByTestId('case-record-notice-channel')).toContainText('線上通報系統');
  await page.getByTestId('case-record-notice-reference').fill(`E2E-${stamp}`);
  const noticed = page.waitForResponse(isApi(`/api/cases/${opened.id}/notices`, 'POST'));
  await page.getByTestId('case-record-notice-submit').click();
  const noticeAnswer = await noticed;
  expect(noticeAnswer.status(), await noticeAnswer.text()).toBe(200);
  expect(noticeAnswer.request().postDataJSON()).toMatchObject({ kind: 'child_protection', channel: 'online_system', reference: `E2E-${stamp}` });
  await expect(notices.locator('tbody tr[data-kind="child_protection"]')).toContainText(`E2E-${stamp}`);

  // Transfer to the Taipei District Prosecutors Office today.
  await page.getByTestId('case-action-transfer').click();
  await expect(page.getByTestId('case-transfer-office')).toContainText('臺灣臺北地方檢察署');
  await page.getByTestId('case-transfer-document-number').fill(documentNumber);
  const transferred = page.waitForResponse(isApi(`/api/cases/${opened.id}/transfer`, 'POST'));
  await page.getByTestId('case-transfer-submit').click();
  const transferAnswer = await transferred;
  expect(transferAnswer.status(), await transferAnswer.text()).toBe(200);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  expect(transferAnswer.request().postDataJSON()).toEqual({ prosecutorOffice: 'taipei', transferredOn: today, documentNumber });

  // Read-only from here: the banner, no more workflow buttons, the transfer on record.
  const banner = page.getByTestId('case-read-only-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(documentNumber);
  await expect(banner).toContainText('臺灣臺北地方檢察署');
  await expect(page.getByTestId('case-status')).toHaveText('已移送');
  await expect(page.getByTestId('case-action-transfer')).toHaveCount(0);
  await expect(page.getByTestId('case-action-send-social-affairs')).toHaveCount(0);
  await expect(page.getByTestId('case-transfer-record')).toContainText(documentNumber);
  await expect(page.getByTestId('case-action-send-fpo')).toBeVisible();

  // A follow-up is still taken after the transfer.
  await page.getByTestId('case-follow-up-note').fill(`移送後補充：端對端測試 ${stamp}`);
  const followed = page.waitForResponse(isApi(`/api/cases/${opened.id}/follow-ups`, 'POST'));
  await page.getByTestId('case-follow-up-submit').click();
  expect((await followed).status()).toBe(200);
  await expect(page.getByTestId('case-follow-ups')).toContainText(`移送後補充：端對端測試 ${stamp}`);

  // The tasks: notices and transfer done, the FPO notice now open.
  await openTab(page, 'tasks');
  for (const step of ['social_affairs_notice', 'child_protection_report', 'transfer']) await expect(task(page, step)).toHaveAttribute('data-status', 'done');
  await expect(task(page, 'fpo_notice')).toHaveAttribute('data-status', 'open');
  await expect(task(page, 'fpo_notice')).toContainText('通知分局家防官');

  // The evidence and the check cannot change any more.
  await openTab(page, 'evidence');
  await expect(page.getByTestId('case-evidence-upload')).toHaveCount(0);
  await openTab(page, 'assessment');
  await expect(page.getByTestId('assessment-form')).toHaveCount(0);

  // The timeline lists every step, with readable labels.
  await openTab(page, 'timeline');
  const timeline = page.getByTestId('case-timeline');
  const actionSelector = (code: string) => `[data-testid="timeline-action"][data-action="${code}"]`;
  const action = (code: string) => timeline.locator(actionSelector(code));
  // A row holding an action (the inner locator of `has` is relative to the row).
  const row = (code: string) => timeline.locator('tbody tr', { has: page.locator(actionSelector(code)) });
  await expect(action('case.create')).toHaveText(['立案列管']);
  await expect(action('evidence.upload')).toHaveCount(1);
  await expect(action('case.assessment_submit')).toHaveText(['提出第40條檢核']);
  await expect(action('case.assessment_review')).toHaveText(['主管覆核第40條檢核']);
  await expect(action('case.notice')).toHaveCount(2);
  await expect(action('case.transfer')).toHaveText(['移送地檢署']);
  await expect(row('case.transfer')).toContainText('e2e.supervisor');
  await expect(row('case.assessment_submit')).toContainText('e2e.officer');
  // Reads are hidden until asked for.
  await expect(action('case.view')).toHaveCount(0);
  await page.getByTestId('timeline-show-reads').click();
  await expect(action('case.view').first()).toBeVisible();

  expect(problems).toEqual([]);
});

test('supervisor alone: own check refused, suspects with the CSSA reminder, a reporter revealed and forgotten', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = watchForPageProblems(page);
  const stamp = Date.now();
  await signInSupervisor(page);
  const opened = await caseFromApi(page, stamp, `端對端：主管自行檢核 ${stamp}`);

  // The supervisor submits a check (no element holds: not a target) and tries to approve it.
  await page.goto(`/cases/${opened.id}?tab=assessment`);
  for (const key of ['publicDissemination', 'inducement', 'childAtRisk']) await page.getByTestId(`assessment-${key}-reasons`).fill('合成資料，未見構成要件。');
  await page.getByTestId('assessment-other-outcome').getByText('非查處對象').click();
  const submitted = page.waitForResponse(isApi(`/api/cases/${opened.id}/assessments`, 'POST'));
  await page.getByTestId('assessment-submit').click();
  expect((await submitted).status()).toBe(200);
  await expect(page.getByTestId('assessment-own-warning')).toBeVisible();
  await page.getByTestId('assessment-approve').click();
  const refused = page.waitForResponse(isApi(/\/review$/, 'POST'));
  await page.getByTestId('assessment-approve-confirm').click();
  expect((await refused).status()).toBe(403);
  const refusal = page.getByTestId('assessment-review-error');
  await expect(refusal).toContainText('不可覆核自己提出的檢核');
  await expect(page.getByTestId('assessment-review-error-detail')).toContainText('you cannot review your own check');
  await expect(page.getByTestId('assessment-pending')).toBeVisible();

  // Suspects: an IP written with its port is refused on the value field, then recorded right.
  await openTab(page, 'suspects');
  await page.getByTestId('suspect-add').click();
  await page.getByTestId('suspect-dialog-label').fill('嫌疑人A');
  const created = page.waitForResponse(isApi(`/api/cases/${opened.id}/suspects`, 'POST'));
  await page.getByTestId('suspect-dialog-submit').click();
  expect((await created).status()).toBe(201);
  await expect(page.getByTestId('suspect-label')).toHaveText('嫌疑人A');

  await page.getByTestId('identifier-add').click();
  await page.getByTestId('identifier-dialog-value').fill('203.0.113.7:8080');
  await pickNow(page, 'identifier-dialog-observed-at');
  const badIp = page.waitForResponse(isApi(/\/identifiers$/, 'POST'));
  await page.getByTestId('identifier-dialog-submit').click();
  expect((await badIp).status()).toBe(400);
  await expect(page.getByTestId('identifier-dialog-error-detail')).toContainText('連接埠');
  // The refusal also marks the field it names.
  await expect(page.locator('.ant-form-item-has-error', { has: page.getByTestId('identifier-dialog-value') })).toContainText('port');
  await page.getByTestId('identifier-dialog-value').fill('203.0.113.7');
  await page.getByTestId('identifier-dialog-port').fill('8080');
  const goodIp = page.waitForResponse(isApi(/\/identifiers$/, 'POST'));
  await page.getByTestId('identifier-dialog-submit').click();
  expect((await goodIp).status()).toBe(201);
  const identifiers = page.getByTestId('suspect-identifiers');
  const ipRow = identifiers.locator('tbody tr.ant-table-row', { hasText: '203.0.113.7' });
  await expect(ipRow).toContainText('8080');

  // A request that reaches communications records brings the CSSA reminder.
  await expect(page.getByTestId('cssa-reminder')).toHaveCount(0);
  await ipRow.getByTestId('identifier-request').click();
  await page.getByTestId('request-dialog-recipient').fill('測試電信業者');
  await page.getByTestId('request-dialog-legal-basis').fill('刑事訴訟法調取票（合成測試資料）');
  await page.getByTestId('request-dialog-communications').click();
  const requested = page.waitForResponse(isApi(/\/requests$/, 'POST'));
  await page.getByTestId('request-dialog-submit').click();
  expect((await requested).status()).toBe(201);
  await expect(page.getByTestId('cssa-reminder')).toContainText('通訊保障及監察法');
  await page.getByTestId('request-mark-sent').click();
  const markedSent = page.waitForResponse(isApi(/\/sent$/, 'POST'));
  await page.getByTestId('request-sent-dialog-submit').click();
  expect((await markedSent).status()).toBe(200);
  await page.getByTestId('request-record-answer').click();
  await page.getByTestId('request-answer-dialog-result').fill('查無此使用者（合成測試資料）');
  const answered = page.waitForResponse(isApi(/\/answer$/, 'POST'));
  await page.getByTestId('request-answer-dialog-submit').click();
  expect((await answered).status()).toBe(200);
  await expect(page.getByTestId('identifier-requests')).toContainText('已回覆');

  // A phone, normalised by the server, with its calling-location comparison (G6.3.4).
  await page.getByTestId('identifier-add').click();
  await chooseOption(page, 'identifier-dialog-kind', '行動電話');
  await page.getByTestId('identifier-dialog-value').fill('0912-345-678');
  const phone = page.waitForResponse(isApi(/\/identifiers$/, 'POST'));
  await page.getByTestId('identifier-dialog-submit').click();
  expect((await phone).status()).toBe(201);
  const phoneRow = identifiers.locator('tbody tr.ant-table-row', { hasText: '+886912345678' });
  await expect(phoneRow).toContainText('尚未比對發話位址');
  await phoneRow.getByTestId('identifier-location-button').click();
  await page.getByTestId('location-dialog-text').fill('發話位址與貼文 IP 所在行政區相符（合成測試資料）');
  const compared = page.waitForResponse(isApi(/\/location-comparison$/, 'PUT'));
  await page.getByTestId('location-dialog-submit').click();
  expect((await compared).status()).toBe(200);
  await expect(phoneRow.getByTestId('identifier-location')).toContainText('行政區相符');

  // A reporter: masked everywhere; revealed with a reason, in a dialog that forgets the name.
  await openTab(page, 'reporters');
  await page.getByTestId('reporter-add').click();
  await page.getByTestId('reporter-dialog-name').fill('林測試');
  await page.getByTestId('reporter-dialog-relation').fill('網友');
  const added = page.waitForResponse(isApi(`/api/cases/${opened.id}/reporters`, 'POST'));
  await page.getByTestId('reporter-dialog-submit').click();
  expect((await added).status()).toBe(201);
  await expect(page.getByTestId('reporter-masked')).toHaveText('林O試');
  await expect(page.getByText('林測試')).toHaveCount(0);
  await page.getByTestId('reporter-reveal').click();
  await page.getByTestId('reporter-reveal-reason').fill('短');
  await page.getByTestId('reporter-reveal-submit').click();
  await expect(page.getByText('事由至少 5 字')).toBeVisible();
  await page.getByTestId('reporter-reveal-reason').fill('端對端測試：確認檢舉人身分揭露流程');
  const revealed = page.waitForResponse(isApi(/\/reporters\/[0-9a-f-]{36}\/reveal$/, 'POST'));
  await page.getByTestId('reporter-reveal-submit').click();
  const revealAnswer = await revealed;
  expect(revealAnswer.status()).toBe(200);
  expect(revealAnswer.headers()['cache-control']).toContain('no-store');
  await expect(page.getByTestId('reporter-identity-name')).toHaveText('林測試');
  await page.getByTestId('reporter-identity-close').click();
  await expect(page.getByTestId('reporter-identity')).toHaveCount(0);
  await expect(page.getByText('林測試')).toHaveCount(0);

  expect(problems).toEqual([]);
});
