/**
 * Signing the e2e officer in, shared by the spec files.
 *
 * e2e/start-server.mjs creates one officer with a one-time password per server run. Whichever
 * spec signs in first goes through the forced first sign-in (password change, TOTP enrolment);
 * the new password, the TOTP secret and the last TOTP step used are then kept in
 * test-results/e2e-officer-state.json, tied to that run's data directory, so later specs (and a
 * worker restarted after a failure) sign in normally with password + TOTP.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { freshTotp } from './totp.ts';

export interface Credentials {
  username: string;
  displayName: string;
  password: string;
  dataDir: string;
}

/** The officer after the first sign-in: the password chosen and the enrolled TOTP secret. */
export interface OfficerState {
  dataDir: string;
  password: string;
  secret: string;
  /** The TOTP step last submitted: the server refuses a code that was already used. */
  lastCounter: number;
}

const CREDENTIALS_FILE = new URL('../test-results/e2e-credentials.json', import.meta.url);
const STATE_FILE = new URL('../test-results/e2e-officer-state.json', import.meta.url);

/** The officer's account as created by e2e/start-server.mjs for this server run. */
export function credentials(): Credentials {
  return JSON.parse(readFileSync(CREDENTIALS_FILE, 'utf8')) as Credentials;
}

/** The officer's state in this server run, or null while the first sign-in has not happened. */
export function officerState(): OfficerState | null {
  if (!existsSync(STATE_FILE)) return null;
  const state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as OfficerState;
  return state.dataDir === credentials().dataDir ? state : null;
}

function saveState(state: OfficerState): void {
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2), { mode: 0o600 });
}

/** Fills the login form and submits it. */
export async function submitPassword(page: Page, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(credentials().username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Types a fresh TOTP code and submits it. A code can straddle a 30-second boundary; when the
 * server refuses it (401), the next step's code is tried once.
 */
export async function submitTotp(page: Page, endpoint: string, state: OfficerState): Promise<void> {
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
export async function firstSignIn(page: Page): Promise<OfficerState> {
  const { password, dataDir } = credentials();
  await submitPassword(page, password);

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
  const state: OfficerState = { dataDir, password: newPassword, secret, lastCounter: -1 };
  saveState(state);
  await submitTotp(page, '/api/auth/mfa/enroll/confirm', state);

  await expect(page).toHaveURL(/\/$/);
  return state;
}

/** A normal sign-in from the login page: password, then a TOTP code. */
export async function returningSignIn(page: Page, state: OfficerState): Promise<void> {
  await submitPassword(page, state.password);
  await expect(page).toHaveURL(/\/login\/mfa$/);
  await submitTotp(page, '/api/auth/mfa/verify', state);
  await expect(page).toHaveURL(/\/$/);
}

/**
 * Opens the app and signs the officer in however the account stands (first or normal sign-in);
 * ends on the home page.
 */
export async function signInOfficer(page: Page): Promise<'first' | 'returning'> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  const state = officerState();
  if (state === null) {
    await firstSignIn(page);
    return 'first';
  }
  await returningSignIn(page, state);
  return 'returning';
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
