/**
 * Offline verification of a capture directory: every listed file present with the recorded size
 * and sha256, nothing extra, the WARC internally consistent, and the Ed25519 signature valid.
 * Needs no server, database or browser, so a court-appointed examiner can run it on a copy.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, manifestSignatureValid, sha256Hex } from './manifest.ts';
import type { CaptureManifest } from './manifest.ts';
import { keyId, publicKeyFromBase64 } from './signing-key.ts';
import { hasNumericOffset } from './time.ts';
import { checkWarcDigests, readWarc } from './warc.ts';

/** Failure codes {@link verifyCaptureDir} can report. */
export type VerifyFailureCode =
  | 'manifest_missing'
  | 'manifest_unreadable'
  | 'manifest_invalid'
  | 'missing_file'
  | 'extra_file'
  | 'not_regular_file'
  | 'size_mismatch'
  | 'hash_mismatch'
  | 'signature_invalid'
  | 'key_id_mismatch'
  | 'untrusted_key'
  | 'warc_invalid';

/** One named verification failure. */
export interface VerifyFailure {
  code: VerifyFailureCode;
  file: string | null;
  message: string;
}

/** Options for {@link verifyCaptureDir}. */
export interface VerifyOptions {
  /**
   * Raw base64 public keys the verifier trusts. Without it the embedded key is used, which proves
   * the capture is unchanged since signing but not who signed it.
   */
  trustedPublicKeys?: readonly string[];
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

async function listTree(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    out.push(rel);
    if (entry.isDirectory()) out.push(...(await listTree(join(dir, entry.name), rel)));
  }
  return out;
}

/** Verifies the capture in `dir`; an empty list means it verified. */
export async function verifyCaptureDir(dir: string, options: VerifyOptions = {}): Promise<VerifyFailure[]> {
  const failures: VerifyFailure[] = [];
  const fail = (code: VerifyFailureCode, file: string | null, message: string): void => {
    failures.push({ code, file, message });
  };

  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'ENOENT' ? 'manifest_missing' : 'manifest_unreadable', MANIFEST_FILE, `cannot read ${MANIFEST_FILE}: ${code ?? String(error)}`);
    return failures;
  }
  let manifest: CaptureManifest;
  try {
    manifest = JSON.parse(text) as CaptureManifest;
  } catch (error) {
    fail('manifest_unreadable', MANIFEST_FILE, `manifest is not JSON: ${(error as Error).message}`);
    return failures;
  }
  if (manifest === null || typeof manifest !== 'object' || !Array.isArray(manifest.files)) {
    fail('manifest_invalid', MANIFEST_FILE, 'manifest has no files list');
    return failures;
  }

  const listed = new Map<string, { sha256: string; bytes: number }>();
  for (const entry of manifest.files as unknown[]) {
    const f = entry as { name?: unknown; sha256?: unknown; bytes?: unknown };
    if (typeof f.name !== 'string' || typeof f.sha256 !== 'string' || typeof f.bytes !== 'number') {
      fail('manifest_invalid', null, `malformed files entry ${JSON.stringify(entry)}`);
      continue;
    }
    // Names are bare file names: a "../" entry must never make the verifier read outside `dir`.
    if (!SAFE_NAME.test(f.name) || f.name === MANIFEST_FILE || listed.has(f.name)) {
      fail('manifest_invalid', f.name, `unsafe or duplicate file name in manifest: ${f.name}`);
      continue;
    }
    listed.set(f.name, { sha256: f.sha256, bytes: f.bytes });
  }
  for (const field of ['captured_at', 'started_at', 'finished_at'] as const) {
    const value = manifest[field] as unknown;
    if (typeof value !== 'string' || !hasNumericOffset(value)) {
      fail('manifest_invalid', MANIFEST_FILE, `${field} is not ISO 8601 with a numeric UTC offset`);
    }
  }

  for (const rel of await listTree(dir)) {
    if (rel === MANIFEST_FILE || listed.has(rel)) continue;
    fail('extra_file', rel, `file not listed in the manifest: ${rel}`);
  }

  for (const [name, expected] of listed) {
    const path = join(dir, name);
    let info;
    try {
      info = await lstat(path);
    } catch {
      fail('missing_file', name, `listed file is missing: ${name}`);
      continue;
    }
    if (!info.isFile()) {
      fail('not_regular_file', name, `${name} is not a regular file (symlink or directory)`);
      continue;
    }
    const data = await readFile(path);
    if (data.length !== expected.bytes) fail('size_mismatch', name, `${name}: ${data.length} bytes, manifest says ${expected.bytes}`);
    const actual = sha256Hex(data);
    if (actual !== expected.sha256) fail('hash_mismatch', name, `${name}: sha256 ${actual}, manifest says ${expected.sha256}`);
    if (name.endsWith('.warc.gz')) {
      try {
        for (const problem of checkWarcDigests(readWarc(data))) fail('warc_invalid', name, problem);
      } catch (error) {
        fail('warc_invalid', name, `${name}: ${(error as Error).message}`);
      }
    }
  }

  if (!manifestSignatureValid(manifest)) {
    fail('signature_invalid', MANIFEST_FILE, 'Ed25519 signature does not match the manifest contents');
  }
  try {
    if (keyId(publicKeyFromBase64(manifest.public_key)) !== manifest.key_id) {
      fail('key_id_mismatch', MANIFEST_FILE, 'key_id is not the sha256 of public_key');
    }
  } catch {
    fail('manifest_invalid', MANIFEST_FILE, 'public_key is not a raw base64 Ed25519 key');
  }
  if (options.trustedPublicKeys !== undefined && !options.trustedPublicKeys.includes(manifest.public_key)) {
    fail('untrusted_key', MANIFEST_FILE, `signed by a key that is not trusted (key_id ${String(manifest.key_id)})`);
  }
  return failures;
}
