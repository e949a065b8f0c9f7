/** Password hashing with argon2id (issue 2 §4) and the password policy. */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id; the PHC string carries its own salt and parameters. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Checks a password against a stored argon2id hash; never throws on a malformed hash. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/**
 * Spends the same time as a real check when the username does not exist, so response time does
 * not reveal which usernames exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
  return false;
}

export const PASSWORD_MIN_LENGTH = 12;

/** Returns the reason a new password is refused, or null when it is acceptable. */
export function passwordPolicyViolation(newPassword: string, username: string): string | null {
  if (newPassword.length < PASSWORD_MIN_LENGTH) return `密碼至少需 ${PASSWORD_MIN_LENGTH} 個字元 (at least ${PASSWORD_MIN_LENGTH} characters)`;
  if (newPassword.length > 256) return '密碼過長 (at most 256 characters)';
  if (newPassword.toLowerCase().includes(username.toLowerCase())) return '密碼不可包含帳號 (must not contain the username)';
  if (new Set(newPassword).size < 5) return '密碼字元變化不足 (too few distinct characters)';
  return null;
}

const ONE_TIME_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random one-time password, shown once to the administrator; the user must change it at first login. */
export function generateOneTimePassword(length = 16): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ONE_TIME_ALPHABET[byte % ONE_TIME_ALPHABET.length];
  return out;
}
