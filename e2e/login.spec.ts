/**
 * Sign-in end to end, against the real server started by e2e/start-server.mjs:
 * first sign-in (one-time password → forced password change → TOTP enrolment → home, language
 * switch, sign-out), then a normal sign-in with password + TOTP. The sign-in steps live in
 * e2e/sign-in.ts, shared with the other specs that sign the same officer in.
 */
import { expect, test, type Page } from '@playwright/test';
import { credentials, firstSignIn, officerState, returningSignIn, watchForPageProblems } from './sign-in.ts';

/** The home page's work lists, by their titles (other specs may already have given the officer cases and patrols). */
async function expectWorkLists(page: Page, labels: { tasks: string[]; cases: string[]; patrols: string[] }) {
  for (const [testId, texts] of [
    ['my-tasks', labels.tasks],
    ['work-cases', labels.cases],
    ['work-patrols', labels.patrols],
  ] as const) {
    const list = page.getByTestId(testId);
    for (const text of texts) await expect(list).toContainText(text);
  }
}

test.describe.configure({ mode: 'serial' });

test('first sign-in: forced password change, TOTP enrolment, home, English, sign-out', async ({ page }) => {
  const { displayName } = credentials();
  const problems = watchForPageProblems(page);

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('login-page')).toContainText('登入');
  // One officer per server run: when an earlier spec file (evidence.spec.ts sorts first) already
  // went through the forced first sign-in with the shared helper, this one signs in normally.
  const state = officerState();
  if (state === null) await firstSignIn(page);
  else await returningSignIn(page, state);

  // Home: the user's name in the header and three empty work lists.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('header-display-name')).toHaveText(displayName);
  await expect(page.getByTestId('header-roles')).toContainText('巡查員警');
  await expectWorkLists(page, {
    tasks: ['我的案件待辦'],
    cases: ['我的案件'],
    patrols: ['我的巡查'],
  });
  // An officer's menu holds the evidence pages, and no administration or audit entries.
  await expect(page.getByTestId('nav-home')).toHaveText('首頁');
  await expect(page.getByTestId('nav-evidence')).toHaveText('證據');
  await expect(page.getByTestId('nav-evidenceVerify')).toHaveCount(0);
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  await expect(page.getByTestId('nav-audit')).toHaveCount(0);

  // Switch to English; the choice survives a reload.
  await page.getByTestId('lang-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectWorkLists(page, {
    tasks: ['My case tasks'],
    cases: ['My cases'],
    patrols: ['My patrols'],
  });
  await expect(page.getByTestId('nav-home')).toHaveText('Home');
  await expect(page.getByTestId('header-roles')).toContainText('Patrol officer');
  await page.reload();
  await expect(page.getByTestId('my-tasks')).toContainText('My case tasks');

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
  const state = officerState();
  if (state === null) throw new Error('the first sign-in enrols TOTP');
  const { displayName } = credentials();
  const problems = watchForPageProblems(page);

  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await returningSignIn(page, state);

  await expect(page.getByTestId('header-display-name')).toHaveText(displayName);
  await expect(page.getByTestId('my-tasks')).toContainText('我的案件待辦');
  expect(problems).toEqual([]);
});
