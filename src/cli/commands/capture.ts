/**
 * `csep capture URL --out DIR` — one-step web capture for patrol evidence (G6.1) that works with
 * no server and no database; `csep capture --verify DIR` — offline check of a capture directory.
 * The logic lives in exported functions that take writers, so it is unit-testable.
 */
import { Command, Option } from 'commander';
import { CaptureError, captureUrl } from '../../capture/capture.ts';
import type { CaptureOptions, CaptureResult } from '../../capture/capture.ts';
import { keyId, loadOrCreateSigningKey, publicKeyBase64, publicKeyPem } from '../../capture/signing-key.ts';
import { SsrfRefusedError } from '../../capture/ssrf-guard.ts';
import { verifyCaptureDir } from '../../capture/verify.ts';
import { CliError } from '../cli-error.ts';

/** Default signing key location, created on first use. */
export const DEFAULT_CAPTURE_KEY = './data/keys/capture-ed25519.pem';

/** Default Chromium executable (the system package; browsers are never downloaded). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Where command output goes. */
export interface CaptureIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Options of `csep capture URL`. */
export interface CaptureCommandOptions {
  out: string;
  allow?: string[];
  key?: string;
  chromium?: string;
  maxBytes?: number;
  maxHeight?: number;
  userAgent?: string;
  timeoutMs?: number;
  retries?: number;
  pttOver18?: boolean;
}

/** Injectable collaborators (tests pass a capture that reuses one browser). */
export interface CaptureDeps {
  captureUrl: (url: string, options: CaptureOptions) => Promise<CaptureResult>;
}

const pad = (label: string): string => label.padEnd(10);

/** Runs a capture and prints a short summary; throws CliError on failure. */
export async function runCaptureCommand(url: string, options: CaptureCommandOptions, io: CaptureIo, deps: CaptureDeps = { captureUrl }): Promise<CaptureResult> {
  const key = await loadOrCreateSigningKey(options.key ?? DEFAULT_CAPTURE_KEY);
  if (key.created) io.stderr.write(`csep: created signing key ${key.path} (mode 0600), key_id ${keyId(key)}\n`);
  // G6.3.6: the private key must stay confidential; say so loudly rather than refuse mid-case.
  if (key.insecurePermissions) io.stderr.write(`csep: warning: ${key.path} is readable by group/others; chmod 600 it\n`);
  let result: CaptureResult;
  try {
    result = await deps.captureUrl(url, {
      outDir: options.out,
      signingKey: key,
      chromiumPath: options.chromium ?? DEFAULT_CHROMIUM,
      allowList: options.allow ?? [],
      ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }),
      ...(options.maxHeight === undefined ? {} : { maxScreenshotHeight: options.maxHeight }),
      ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
      ...(options.timeoutMs === undefined ? {} : { timeouts: { navigationMs: options.timeoutMs } }),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      ...(options.pttOver18 === true ? { cookies: [{ name: 'over18', value: '1', domain: '.ptt.cc' }] } : {}),
      log: (line) => io.stderr.write(`csep: ${line}\n`),
    });
  } catch (error) {
    if (error instanceof SsrfRefusedError || error instanceof CaptureError) throw new CliError(error.message);
    throw error;
  }
  const m = result.manifest;
  const lines = [
    `${pad('captured')}${m.final_url}`,
    `${pad('status')}${m.http_status} ${m.status_text}`.trimEnd(),
    `${pad('server')}${m.server_ip ?? 'unknown'}${m.tls === null ? '' : ` (TLS ${m.tls.sha256_fingerprint ?? 'fingerprint unavailable'})`}`,
    `${pad('title')}${m.title}`,
    `${pad('account')}${m.extracted.platform}: ${m.extracted.account_id?.value ?? '-'} / ${m.extracted.account_name?.value ?? '-'}, poster IP ${m.extracted.poster_ip?.value ?? '-'}`,
    `${pad('dir')}${result.dir}`,
    ...m.files.map((f, i) => `${pad(i === 0 ? 'files' : '')}${f.name}  ${f.bytes} B  sha256 ${f.sha256}`),
    `${pad('manifest')}manifest.json  sha256 ${result.manifestSha256}`,
    `${pad('signed')}Ed25519 key_id ${m.key_id}`,
  ];
  if (m.screenshot_capped) lines.push(`${pad('note')}screenshot capped at ${m.screenshot.height}px (page is ${m.screenshot.original_height}px)`);
  if (m.limits.byte_cap_reached) lines.push(`${pad('note')}byte cap of ${m.limits.max_bytes} bytes reached; later resources were not loaded`);
  if (m.refused_requests.length > 0) lines.push(`${pad('refused')}${m.refused_requests.length} request(s) blocked by the SSRF guard (listed in the manifest)`);
  io.stdout.write(`${lines.join('\n')}\n`);
  return result;
}

/** Verifies a capture directory; prints OK or each failure. Returns the number of failures. */
export async function runVerifyCommand(dir: string, io: CaptureIo, trustedPublicKeys?: string[]): Promise<number> {
  const failures = await verifyCaptureDir(dir, trustedPublicKeys === undefined || trustedPublicKeys.length === 0 ? {} : { trustedPublicKeys });
  if (failures.length === 0) {
    io.stdout.write(`OK ${dir}\n`);
    return 0;
  }
  for (const f of failures) io.stdout.write(`FAIL ${f.code}${f.file === null ? '' : ` ${f.file}`}: ${f.message}\n`);
  return failures.length;
}

/** Prints key_id, raw base64 and SPKI PEM of the signing key (creating it if missing). */
export async function runShowKeyCommand(path: string, io: CaptureIo): Promise<void> {
  const key = await loadOrCreateSigningKey(path);
  io.stdout.write(`key_id     ${keyId(key)}\npublic_key ${publicKeyBase64(key)}\n${publicKeyPem(key)}`);
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new CliError(`not a positive integer: ${value}`);
  return n;
};

/** Registers `csep capture` on the program. */
export function registerCaptureCommand(program: Command): void {
  program
    .command('capture')
    .description('capture a web page as signed evidence (screenshot, DOM, WARC, manifest), or verify a capture')
    .argument('[url]', 'page to capture (http/https)')
    .option('--out <dir>', 'capture directory to create (must not exist)')
    .option('--allow <host>', 'host, IP or CIDR allowed despite the SSRF rules (repeatable)', collect, [])
    .option('--key <file>', 'Ed25519 signing key (PEM, created with mode 0600 if missing)', DEFAULT_CAPTURE_KEY)
    .option('--chromium <path>', 'Chromium executable', DEFAULT_CHROMIUM)
    .option('--max-bytes <n>', 'cap on bytes downloaded', positiveInt)
    .option('--max-height <px>', 'cap on the full-page screenshot height', positiveInt)
    .option('--user-agent <ua>', 'User-Agent to send')
    .option('--timeout <ms>', 'navigation timeout', positiveInt)
    .option('--retries <n>', 'retries after navigation failures/timeouts', (v) => Number(v))
    .option('--ptt-over18', "set PTT's over18 cookie so age-gated boards render")
    .addOption(new Option('--verify <dir>', 'verify a capture directory instead of capturing'))
    .option('--trust <base64>', 'public key (raw base64) the verifier trusts (repeatable)', collect, [])
    .option('--show-key', 'print the public key of --key (for --trust and for examiners) and exit')
    .action(async (url: string | undefined, opts: Record<string, unknown>) => {
      const io: CaptureIo = { stdout: process.stdout, stderr: process.stderr };
      if (opts.showKey === true) {
        await runShowKeyCommand(opts.key as string, io);
        return;
      }
      if (typeof opts.verify === 'string') {
        if (url !== undefined) throw new CliError('give either a URL to capture or --verify DIR, not both');
        const failures = await runVerifyCommand(opts.verify, io, opts.trust as string[]);
        if (failures > 0) throw new CliError(`capture verification failed: ${failures} problem(s)`);
        return;
      }
      if (url === undefined) throw new CliError('usage: csep capture URL --out DIR  |  csep capture --verify DIR');
      if (typeof opts.out !== 'string') throw new CliError('--out DIR is required');
      await runCaptureCommand(
        url,
        {
          out: opts.out,
          allow: opts.allow as string[],
          key: opts.key as string,
          chromium: opts.chromium as string,
          maxBytes: opts.maxBytes as number | undefined,
          maxHeight: opts.maxHeight as number | undefined,
          userAgent: opts.userAgent as string | undefined,
          timeoutMs: opts.timeout as number | undefined,
          retries: opts.retries as number | undefined,
          pttOver18: opts.pttOver18 === true,
        },
        io,
      );
    });
}
