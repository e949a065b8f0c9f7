/**
 * Signing the e2e users in, shared by the spec files.
 *
 * e2e/start-server.mjs creates two users with one-time passwords per server run: the officer
 * (`e2e.officer`) and a supervisor of the same precinct (`e2e.supervisor`). Whichever spec signs
 * a user in first goes through the forced first sign-in (password change, TOTP enrolment); the
 * new password, the TOTP secret and the last TOTP step used are then kept per user in
 * test-results/e2e-<user>-state.json, tied to that run's data directory, so later specs (and a
 * worker restarted after a failure) sign in normally with password + TOTP. The functions without
 * a user argument sign the officer in, as they always did.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { freshTotp } from './totp.ts';

/** The e2e users, by their key in the credentials file. */
export type E2eUser = 'officer' | 'supervisor';

export interface Credentials {
  username: string;
  displayName: string;
  password: string;
  dataDir: string;
}

/** The credentials file: the officer at the top level (its first shape), every user under `users`. */
type CredentialsFile = Credentials & { users?: Partial<Record<E2eUser, Credentials>> };

/** A user after the first sign-in: the password chosen and the enrolled TOTP secret. */
export interface UserState {
  /** Whose state this is (absent in the officer's, from before there were two users). */
  user?: E2eUser;
  dataDir: string;
  password: string;
  secret: string;
  /** The TOTP step last submitted: the server refuses a code that was already used. */
  lastCounter: number;
}

/** The officer's state (the name the first specs use). */
export type OfficerState = UserState;

const CREDENTIALS_FILE = new URL('../test-results/e2e-credentials.json', import.meta.url);
const stateFile = (user: E2eUser) => new URL(`../test-results/e2e-${user}-state.json`, import.meta.url);

/** A user's account as created by e2e/start-server.mjs for this server run (the officer by default). */
export function credentials(user: E2eUser = 'officer'): Credentials {
  const file = JSON.parse(readFileSync(CREDENTIALS_FILE, 'utf8')) as CredentialsFile;
  const found = file.users?.[user] ?? (user === 'officer' ? file : undefined);
  if (!found) throw new Error(`e2e/start-server.mjs created no ${user} in this run`);
  return { username: found.username, displayName: found.displayName, password: found.password, dataDir: found.dataDir };
}

/** A user's state in this server run, or null while their first sign-in has not happened. */
export function userState(user: E2eUser): UserState | null {
  const file = stateFile(user);
  if (!existsSync(file)) return null;
  const state = JSON.parse(readFileSync(file, 'utf8')) as UserState;
  return state.dataDir === credentials(user).dataDir ? { ...state, user } : null;
}

/** The officer's state in this server run, or null while the first sign-in has not happened. */
export function officerState(): OfficerState | null {
  return userState('officer');
}

function saveState(state: UserState): void {
  writeFileSync(stateFile(state.user ?? 'officer'), JSON.stringify(state, null, 2), { mode: 0o600 });
}

/** Fills the login form with the user's name and the password, and submits it. */
export async function submitPassword(page: Page, password: string, user: E2eUser = 'officer'): Promise<void> {
  await page.getByTestId('login-username').fill(credentials(user).username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Types a fresh TOTP code and submits it. A code can straddle a 30-second boundary; when the
 * server refuses it (401), the next step's code is tried once.
 */
export async function submitTotp(page: Page, endpoint: string, state: UserState): Promise<void> {
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const { code, counter } = await freshTotp(state.secret, state.lastCounter);
    state.lastCounter = counter;
    saveState(state);
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

/**
 * The forced first sign-in, from the login page: one-time password → new password → TOTP
 * enrolment (the code computed like an authenticator app) → home.
 */
export async function firstSignIn(page: Page, user: E2eUser = 'officer'): Promise<UserState> {
  const { password, dataDir } = credentials(user);
  await submitPassword(page, password, user);

  // The one-time password must be replaced before anything else.
  await expect(page).toHaveURL(/\/login\/password$/);
  const newPassword = `E2e-${Date.now().toString(36)}-Passw0rd!`;
  await page.getByTestId('password-current').fill(password);
  await page.getByTestId('password-new').fill(newPassword);
  await page.getByTestId('password-confirm').fill(newPassword);
  await page.getByTestId('password-submit').click();

  // TOTP enrolment: QR code plus the secret as text.
  await expect(page).toHaveURL(/\/login\/mfa-enrollment$/);
  await expect(page.getByTestId('mfa-qr')).toBeVisible();
  const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]+=*$/i);
  // The password is changed from here on: keep it before anything else can fail.
  const state: UserState = { user, dataDir, password: newPassword, secret, lastCounter: -1 };
  saveState(state);
  await submitTotp(page, '/api/auth/mfa/enroll/confirm', state);

  await expect(page).toHaveURL(/\/$/);
  return state;
}

/** A normal sign-in from the login page: password, then a TOTP code. */
export async function returningSignIn(page: Page, state: UserState): Promise<void> {
  await submitPassword(page, state.password, state.user ?? 'officer');
  await expect(page).toHaveURL(/\/login\/mfa$/);
  await submitTotp(page, '/api/auth/mfa/verify', state);
  await expect(page).toHaveURL(/\/$/);
}

/**
 * Opens the app and signs the user in however the account stands (first or normal sign-in);
 * ends on the home page.
 */
export async function signIn(page: Page, user: E2eUser): Promise<'first' | 'returning'> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  const state = userState(user);
  if (state === null) {
    await firstSignIn(page, user);
    return 'first';
  }
  await returningSignIn(page, state);
  return 'returning';
}

/** Signs the officer in (see {@link signIn}). */
export function signInOfficer(page: Page): Promise<'first' | 'returning'> {
  return signIn(page, 'officer');
}

/** Signs the supervisor in (see {@link signIn}). */
export function signInSupervisor(page: Page): Promise<'first' | 'returning'> {
  return signIn(page, 'supervisor');
}

/** Signs out from the header and waits for the login page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByTestId('login-page')).toBeVisible();
}

/**
 * Collects what must never happen on any page: uncaught errors and Content-Security-Policy
 * violations (the server's CSP allows scripts from 'self' only).
 */
export function watchForPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) {
      problems.push(`CSP: ${message.text()}`);
    }
  });
  return problems;
}
