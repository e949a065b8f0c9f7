/**
 * A minimal RFC 6238 TOTP (HMAC-SHA-1, 30-second steps, 6 digits) for the end-to-end tests:
 * the test reads the enrolment secret off the page and computes codes like an authenticator app.
 */
import { createHmac } from 'node:crypto';

export const STEP_MS = 30_000;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes RFC 4648 base32 (case-insensitive; spaces, hyphens and padding ignored). */
export function base32Decode(input: string): Buffer {
  const clean = input.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`Invalid base32 character "${char}"`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP for one counter value. */
export function hotp(key: Buffer, counter: number, digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, '0');
}

/** The time step containing `timeMs`. */
export function totpCounter(timeMs: number = Date.now()): number {
  return Math.floor(timeMs / STEP_MS);
}

/** The TOTP code of a base32 secret at `timeMs`. */
export function totp(secretBase32: string, timeMs: number = Date.now(), digits = 6): string {
  return hotp(base32Decode(secretBase32), totpCounter(timeMs), digits);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A code that is safe to submit now: from a step later than `usedCounter` (servers refuse a code
 * used twice) and with at least `marginMs` of its step left, so it does not expire in transit.
 */
export async function freshTotp(secretBase32: string, usedCounter = -1, marginMs = 3_000): Promise<{ code: string; counter: number }> {
  for (;;) {
    const now = Date.now();
    const counter = totpCounter(now);
    const leftMs = (counter + 1) * STEP_MS - now;
    if (counter > usedCounter && leftMs >= marginMs) return { code: totp(secretBase32, now), counter };
    await sleep(leftMs + 50);
  }
}
