/**
 * Sign-in end to end, against the real server started by e2e/start-server.mjs:
 * first sign-in (one-time password → forced password change → TOTP enrolment → home, language
 * switch, sign-out), then a normal sign-in with password + TOTP.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { freshTotp } from './totp.ts';

interface Credentials {
  username: string;
  displayName: string;
  password: string;
}

const CREDENTIALS_FILE = new URL('../test-results/e2e-credentials.json', import.meta.url);

/** State handed from the first test to the second (serial mode, one worker). */
const state = {
  credentials: null as Credentials | null,
  newPassword: `E2e-${Date.now().toString(36)}-Passw0rd!`,
  secret: '',
  /** The TOTP step last submitted: a server may refuse a code that was already used. */
  lastCounter: -1,
};

function credentials(): Credentials {
  state.credentials ??= JSON.parse(readFileSync(CREDENTIALS_FILE, 'utf8')) as Credentials;
  return state.credentials;
}

/**
 * Types a fresh TOTP code and submits it. A code can straddle a 30-second boundary; when the
 * server refuses it (401), the next step's code is tried once.
 */
async function submitTotp(page: Page, endpoint: string): Promise<void> {
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const { code, counter } = await freshTotp(state.secret, state.lastCounter);
    state.lastCounter = counter;
    await page.getByTestId('mfa-code').fill(code);
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === endpoint && r.request().method() === 'POST');
    await page.getByTestId('mfa-submit').click();
    const response = await answer;
    if (response.ok()) return;
    expect(response.status(), `${endpoint} answered ${response.status()}`).toBe(401);
    await expect(page.getByTestId('mfa-error')).toBeVisible();
  }
  throw new Error(`${endpoint} refused two consecutive TOTP codes`);
}

async function signIn(page: Page, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(credentials().username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function expectEmptyWorkLists(page: Page, labels: { tasks: string[]; cases: string[]; patrols: string[] }) {
  for (const [testId, texts] of [
    ['work-tasks', labels.tasks],
    ['work-cases', labels.cases],
    ['work-patrols', labels.patrols],
  ] as const) {
    const list = page.getByTestId(testId);
    for (const text of texts) await expect(list).toContainText(text);
  }
}

/**
 * Collects what must never happen on any page: uncaught errors and Content-Security-Policy
 * violations (the server's CSP allows scripts from 'self' only).
 */
function watchForPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  return problems;
}

test.describe.configure({ mode: 'serial' });

test('first sign-in: forced password change, TOTP enrolment, home, English, sign-out', async ({ page }) => {
  const { password, displayName } = credentials();
  const problems = watchForPageProblems(page);

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-page')).toContainText('登入');
  await signIn(page, password);

  // The one-time password must be replaced before anything else.
  await expect(page).toHaveURL(/\/login\/password$/);
  await page.getByTestId('password-current').fill(password);
  await page.getByTestId('password-new').fill(state.newPassword);
  await page.getByTestId('password-confirm').fill(state.newPassword);
  await page.getByTestId('password-submit').click();

  // TOTP enrolment: QR code plus the secret as text; compute the code like an authenticator app.
  await expect(page).toHaveURL(/\/login\/mfa-enrollment$/);
  await expect(page.getByTestId('mfa-qr')).toBeVisible();
  const secretText = (await page.getByTestId('mfa-secret').textContent()) ?? '';
  state.secret = secretText.replace(/\s+/g, '');
  expect(state.secret).toMatch(/^[A-Z2-7]+=*$/i);
  await submitTotp(page, '/api/auth/mfa/enroll/confirm');

  // Home: the user's name in the header and three empty work lists.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('header-display-name')).toHaveText(displayName);
  await expect(page.getByTestId('header-roles')).toContainText('巡查員警');
  await expectEmptyWorkLists(page, {
    tasks: ['我的待辦', '目前沒有待辦事項'],
    cases: ['我的案件', '目前沒有案件'],
    patrols: ['我的巡查', '目前沒有巡查紀錄'],
  });
  // An officer's menu holds no administration or audit entries.
  await expect(page.getByTestId('nav-home')).toHaveText('首頁');
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);

  // Switch to English; the choice survives a reload.
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectEmptyWorkLists(page, {
    tasks: ['My tasks', 'No tasks'],
    cases: ['My cases', 'No cases'],
    patrols: ['My patrols', 'No patrol sessions'],
  });
  await expect(page.getByTestId('nav-home')).toHaveText('Home');
  await expect(page.getByTestId('header-roles')).toContainText('Patrol officer');
  await page.reload();
  await expect(page.getByTestId('work-tasks')).toContainText('My tasks');

  // Sign out: back on the login page, in English.
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByTestId('login-page')).toBeVisible();
  await expect(page.getByTestId('login-reason')).toHaveText('You have signed out.');
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  expect(problems).toEqual([]);
});

test('second sign-in: password, then the TOTP code', async ({ page }) => {
  expect(state.secret, 'the first test enrols TOTP').not.toBe('');
  const { displayName } = credentials();
  const problems = watchForPageProblems(page);

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, state.newPassword);

  await expect(page).toHaveURL(/\/login\/mfa$/);
  await submitTotp(page, '/api/auth/mfa/verify');

  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('header-display-name')).toHaveText(displayName);
  await expect(page.getByTestId('work-tasks')).toContainText('我的待辦');
  expect(problems).toEqual([]);
});
