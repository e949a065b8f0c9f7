// End-to-end capture tests against a loopback fixture site. One Chromium per file, reused by every
// capture through the `browser` option; the machine has no internet and the test network guard
// only lets Node reach loopback.
import { X509Certificate, createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PIXEL_PNG, PTT_PATH, startFixtureSite } from '../../test/fixtures/capture/site.ts';
import type { FixtureSite } from '../../test/fixtures/capture/site.ts';
import { CliError } from '../cli/cli-error.ts';
import { registerCaptureCommand, runCaptureCommand, runShowKeyCommand, runVerifyCommand } from '../cli/commands/capture.ts';
import { CHROMIUM_ARGS, CaptureError, captureUrl } from './capture.ts';
import type { CaptureOptions, CaptureResult } from './capture.ts';
import type { CaptureManifest } from './manifest.ts';
import { manifestSignatureValid } from './manifest.ts';
import { generateSigningKey, loadOrCreateSigningKey, publicKeyBase64 } from './signing-key.ts';
import { SsrfRefusedError } from './ssrf-guard.ts';
import { hasNumericOffset } from './time.ts';
import { verifyCaptureDir } from './verify.ts';
import { checkWarcDigests, gzipMembers, httpPayload, readWarc } from './warc.ts';

const CHROMIUM = process.env.CSEP_CHROMIUM ?? '/usr/bin/chromium';
const key = generateSigningKey();
let browser: Browser;
let site: FixtureSite;
let work: string;
let main: CaptureResult;

function options(name: string, extra: Partial<CaptureOptions> = {}): CaptureOptions {
  return {
    outDir: join(work, name),
    signingKey: key,
    browser,
    allowList: ['127.0.0.1'],
    maxScreenshotHeight: 3000,
    backoffMs: 20,
    timeouts: { settleMs: 2000 },
    ...extra,
  };
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const readManifest = async (dir: string): Promise<CaptureManifest> => JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as CaptureManifest;
const leftovers = async (): Promise<string[]> => (await readdir(work)).filter((name) => name.includes('.partial-'));

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  site = await startFixtureSite({ tallPx: 5000 });
  work = await mkdtemp(join(tmpdir(), 'csep-capture-'));
  main = await captureUrl(`${site.origin}/go`, options('main'));
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('captureUrl on the fixture site', () => {
  it('writes exactly screenshot, DOM, WARC and manifest, with no temp folder left', async () => {
    expect((await readdir(main.dir)).sort()).toEqual(['capture.warc.gz', 'manifest.json', 'page.html', 'screenshot.png']);
    expect(await leftovers()).toEqual([]);
    // G6.3.6: evidence files are owner-only.
    expect((await stat(join(main.dir, 'page.html'))).mode & 0o777).toBe(0o600);
  });

  it('records URL, redirect, status, title, server address, times, browser, tool and viewport', async () => {
    const m = await readManifest(main.dir);
    expect(m.url).toBe(`${site.origin}/go`);
    expect(m.final_url).toBe(`${site.origin}${PTT_PATH}`);
    expect(m.http_status).toBe(200);
    expect(m.title).toBe('[問卦] 有沒有社區水塔半夜會唱歌的八卦？ - 看板 TestBoard - 批踢踢實業坊');
    expect(m.server_ip).toBe('127.0.0.1');
    expect(m.server_port).toBe(site.port);
    expect(m.tls).toBeNull();
    expect(m.redirect_chain).toEqual([{ url: `${site.origin}/go`, status: 302, location: PTT_PATH, server_ip: '127.0.0.1' }]);
    expect(m.response_headers).toContainEqual({ name: 'x-fixture', value: 'csep-capture' });
    for (const t of [m.captured_at, m.started_at, m.finished_at]) {
      expect(hasNumericOffset(t)).toBe(true);
      expect(t.endsWith('+08:00')).toBe(true);
    }
    expect(Date.parse(m.started_at)).toBeLessThanOrEqual(Date.parse(m.captured_at));
    expect(Date.parse(m.captured_at)).toBeLessThanOrEqual(Date.parse(m.finished_at));
    expect(m.browser).toEqual({ name: 'chromium', version: browser.version() });
    expect(m.tool).toMatchObject({ name: 'csep-capture', version: '0.1.0', playwright_core: '1.65.1' });
    expect(m.viewport).toEqual({ width: 1366, height: 768 });
    expect(m.user_agent).toMatch(/Chrome\//);
    expect(m.attempts).toHaveLength(1);
    expect(m.limits.byte_cap_reached).toBe(false);
    expect(m.page_state).toEqual({ load_event: true, network_quiet: true });
  });

  it('takes a whole-page screenshot, capped at maxScreenshotHeight and noted in the manifest', async () => {
    const m = await readManifest(main.dir);
    const png = await readFile(join(main.dir, 'screenshot.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 1366, height: 3000 });
    expect(m.screenshot_capped).toBe(true);
    expect(m.screenshot.original_height).toBeGreaterThan(5000);
    expect(m.screenshot).toMatchObject({ width: 1366, height: 3000, max_height: 3000 });
  });

  it('saves the rendered DOM', async () => {
    const html = await readFile(join(main.dir, 'page.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('雨蛙觀測員');
    expect(html).toContain('id="spacer"');
  });

  it('refuses the sub-request to a private address and records it; nothing reached it', async () => {
    const m = await readManifest(main.dir);
    expect(m.refused_requests).toEqual([
      { url: 'http://10.255.0.1/track.png', stage: 'subrequest', code: 'forbidden_address', reason: '10.255.0.1 is a private address (10/8, 172.16/12, 192.168/16)' },
    ]);
    expect(site.hits.filter((h) => h === '/img/pixel.png').length).toBeGreaterThanOrEqual(1);
  });

  it('writes a WARC 1.1 with warcinfo then request/response for every exchange, gzip per record', async () => {
    const m = await readManifest(main.dir);
    const data = await readFile(join(main.dir, 'capture.warc.gz'));
    const members = gzipMembers(data);
    const records = readWarc(data);
    expect(members).toHaveLength(records.length);
    expect(records).toHaveLength(7);
    expect(m.warc).toEqual({ file: 'capture.warc.gz', records: 7, exchanges: 3 });
    expect(records.map((r) => r.headers.get('warc-type'))).toEqual(['warcinfo', 'request', 'response', 'request', 'response', 'request', 'response']);
    expect(records.slice(1).map((r) => r.headers.get('warc-target-uri'))).toEqual([
      `${site.origin}/go`,
      `${site.origin}/go`,
      `${site.origin}${PTT_PATH}`,
      `${site.origin}${PTT_PATH}`,
      `${site.origin}/img/pixel.png`,
      `${site.origin}/img/pixel.png`,
    ]);
    const ids = new Set<string>();
    for (const record of records) {
      const id = record.headers.get('warc-record-id') ?? '';
      expect(id).toMatch(/^<urn:uuid:[0-9a-f-]{36}>$/);
      ids.add(id);
      expect(record.headers.get('warc-date')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Number(record.headers.get('content-length'))).toBe(record.block.length);
      expect(record.headers.get('warc-block-digest')).toBe(`sha256:${sha256(record.block)}`);
      if (record.headers.get('warc-type') !== 'warcinfo') {
        expect(record.headers.get('warc-payload-digest')).toBe(`sha256:${sha256(httpPayload(record.block))}`);
      }
    }
    expect(ids.size).toBe(7);
    expect(checkWarcDigests(records)).toEqual([]);
    const redirect = records[2]!;
    expect(redirect.block.toString('latin1')).toMatch(/^HTTP\/1\.1 302 Found\r\n[\s\S]*location: \/bbs\/TestBoard/i);
    const pixel = records[6]!;
    expect(pixel.headers.get('warc-ip-address')).toBe('127.0.0.1');
    expect(httpPayload(pixel.block).equals(PIXEL_PNG)).toBe(true);
    expect(records[5]!.headers.get('warc-concurrent-to')).toBe(pixel.headers.get('warc-record-id'));
    const article = httpPayload(records[4]!.block).toString('utf8');
    expect(article).toContain('※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 203.0.113.45');
    expect(records[0]!.block.toString()).toContain('software: csep-capture/0.1.0');
  });

  it('puts the PTT extraction in the manifest', async () => {
    const x = (await readManifest(main.dir)).extracted;
    expect(x.platform).toBe('ptt');
    expect(x.account_id?.value).toBe('rainyfrog42');
    expect(x.account_name?.value).toBe('雨蛙觀測員');
    expect(x.poster_ip?.value).toBe('203.0.113.45');
    expect(x.posted_at?.value).toBe('2025-11-20T21:10:33+08:00');
    expect(x.ptt?.pushes).toHaveLength(5);
    expect(x.ptt?.edits.map((e) => e.ip)).toEqual(['203.0.113.46', '203.0.113.47']);
  });

  it('signs the manifest and verifies clean', async () => {
    const m = await readManifest(main.dir);
    expect(m.public_key).toBe(publicKeyBase64(key));
    expect(manifestSignatureValid(m)).toBe(true);
    expect(m.files.map((f) => f.name)).toEqual(['capture.warc.gz', 'page.html', 'screenshot.png']);
    for (const f of m.files) {
      const data = await readFile(join(main.dir, f.name));
      expect(f).toEqual({ name: f.name, sha256: sha256(data), bytes: data.length });
    }
    expect(main.manifestSha256).toBe(sha256(await readFile(join(main.dir, 'manifest.json'))));
    expect(await verifyCaptureDir(main.dir)).toEqual([]);
    expect(await verifyCaptureDir(main.dir, { trustedPublicKeys: [publicKeyBase64(key)] })).toEqual([]);
  });
});

describe('verifyCaptureDir detects tampering', () => {
  let n = 0;
  const copy = async (): Promise<string> => {
    const dir = join(work, `tamper-${++n}`);
    await cp(main.dir, dir, { recursive: true });
    return dir;
  };
  const codes = async (dir: string, trusted?: string[]): Promise<string[]> =>
    (await verifyCaptureDir(dir, trusted === undefined ? {} : { trustedPublicKeys: trusted })).map((f) => `${f.code}:${f.file ?? ''}`);

  it('a flipped byte', async () => {
    const dir = await copy();
    const path = join(dir, 'screenshot.png');
    const data = await readFile(path);
    data[data.length - 20] = (data[data.length - 20] ?? 0) ^ 0x01;
    await writeFile(path, data);
    expect(await codes(dir)).toEqual(['hash_mismatch:screenshot.png']);
  });

  it('a deleted file', async () => {
    const dir = await copy();
    await unlink(join(dir, 'page.html'));
    expect(await codes(dir)).toEqual(['missing_file:page.html']);
  });

  it('an extra file and an extra folder', async () => {
    const dir = await copy();
    await writeFile(join(dir, 'notes.txt'), 'added later');
    await mkdir(join(dir, 'more'));
    expect((await codes(dir)).sort()).toEqual(['extra_file:more', 'extra_file:notes.txt']);
  });

  it('a tampered manifest field', async () => {
    const dir = await copy();
    const m = await readManifest(dir);
    m.extracted.poster_ip = { value: '198.51.100.99', source: 'forged', raw: 'forged' };
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
    expect(await codes(dir)).toEqual(['signature_invalid:manifest.json']);
  });

  it('a file replaced together with its manifest hash', async () => {
    const dir = await copy();
    const forged = Buffer.from('<html>forged</html>');
    await writeFile(join(dir, 'page.html'), forged);
    const m = await readManifest(dir);
    m.files = m.files.map((f) => (f.name === 'page.html' ? { name: f.name, sha256: sha256(forged), bytes: forged.length } : f));
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
    expect(await codes(dir)).toEqual(['signature_invalid:manifest.json']);
  });

  it('a truncated WARC', async () => {
    const dir = await copy();
    const path = join(dir, 'capture.warc.gz');
    const data = await readFile(path);
    await writeFile(path, data.subarray(0, data.length - 40));
    expect(await codes(dir)).toEqual(['size_mismatch:capture.warc.gz', 'hash_mismatch:capture.warc.gz', 'warc_invalid:capture.warc.gz']);
  });

  it('a re-signed manifest from an untrusted key, and unsafe file names', async () => {
    const dir = await copy();
    expect(await codes(dir, [publicKeyBase64(generateSigningKey())])).toEqual(['untrusted_key:manifest.json']);
    const m = await readManifest(dir);
    m.files.push({ name: '../escape', sha256: '0'.repeat(64), bytes: 1 });
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(m));
    expect(await codes(dir)).toEqual(['manifest_invalid:../escape', 'signature_invalid:manifest.json']);
  });

  it('a missing manifest', async () => {
    const dir = await copy();
    await unlink(join(dir, 'manifest.json'));
    expect(await codes(dir)).toEqual(['manifest_missing:manifest.json']);
  });
});

describe('SSRF refusals during capture', () => {
  it('refuses a loopback URL without an allow list, clearly, before loading anything', async () => {
    const before = site.hits.length;
    const attempt = captureUrl(`${site.origin}/`, options('no-allow', { allowList: [] }));
    await expect(attempt).rejects.toBeInstanceOf(SsrfRefusedError);
    await expect(captureUrl(`${site.origin}/`, options('no-allow', { allowList: [] }))).rejects.toThrow(
      `SSRF guard refused URL ${site.origin}/: 127.0.0.1 is a loopback address`,
    );
    await expect(captureUrl('http://2130706433/', options('no-allow-2', { allowList: [] }))).rejects.toThrow(/loopback/);
    expect(site.hits.length).toBe(before);
    await expect(stat(join(work, 'no-allow'))).rejects.toThrow();
  });

  it('refuses a redirect to a private address and does not retry or write anything', async () => {
    const error = await captureUrl(`${site.origin}/to-private`, options('to-private')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SsrfRefusedError);
    expect((error as SsrfRefusedError).stage).toBe('redirect');
    expect((error as Error).message).toMatch(/refused redirect http:\/\/192\.168\.77\.1\/admin: 192\.168\.77\.1 is a private address/);
    expect(site.hits.filter((h) => h === '/to-private')).toHaveLength(1);
    await expect(stat(join(work, 'to-private'))).rejects.toThrow();
    expect(await leftovers()).toEqual([]);
  });

  it('refuses a redirect to the cloud metadata address', async () => {
    await expect(captureUrl(`${site.origin}/to-metadata`, options('to-metadata'))).rejects.toThrow(/169\.254\.169\.254 is a link-local address/);
  });

  it('refuses a sub-resource that redirects to a private address, keeping the rest of the capture', async () => {
    const result = await captureUrl(`${site.origin}/sub-redirect`, options('sub-redirect'));
    expect(result.manifest.refused_requests).toEqual([
      { url: 'http://10.0.0.5/internal.png', stage: 'redirect', code: 'forbidden_address', reason: '10.0.0.5 is a private address (10/8, 172.16/12, 192.168/16)' },
    ]);
    const uris = readWarc(await readFile(join(result.dir, 'capture.warc.gz'))).map((r) => r.headers.get('warc-target-uri'));
    expect(uris).not.toContain('http://10.0.0.5/internal.png');
    expect(uris).toContain(`${site.origin}/img/redirect-to-private.png`);
    expect(await verifyCaptureDir(result.dir)).toEqual([]);
  });

  it('keeps the page when it tries to navigate itself to a private address', async () => {
    const result = await captureUrl(`${site.origin}/meta-refresh`, options('meta-refresh'));
    expect(result.manifest.title).toBe('meta refresh');
    expect(result.manifest.refused_requests).toContainEqual({
      url: 'http://10.1.1.1/admin',
      stage: 'navigation',
      code: 'forbidden_address',
      reason: '10.1.1.1 is a private address (10/8, 172.16/12, 192.168/16)',
    });
    expect(await readFile(join(result.dir, 'page.html'), 'utf8')).toContain('stay here');
    const uris = readWarc(await readFile(join(result.dir, 'capture.warc.gz'))).map((r) => r.headers.get('warc-target-uri'));
    expect(uris).not.toContain('http://10.1.1.1/admin');
  });

  it('is not fooled by a server sending the refusal header itself', async () => {
    const result = await captureUrl(`${site.origin}/fake-refusal`, options('fake-refusal'));
    expect(result.manifest.title).toBe('fake refusal');
  });
});

describe('limits, retries and atomic output', () => {
  it('stops at the byte cap, keeps what loaded and says so', async () => {
    const result = await captureUrl(`${site.origin}/big-sub`, options('big-sub', { maxBytes: 500_000 }));
    expect(result.manifest.limits).toMatchObject({ max_bytes: 500_000, byte_cap_reached: true });
    expect(result.manifest.title).toBe('big sub');
    expect((await stat(join(result.dir, 'capture.warc.gz'))).size).toBeLessThan(500_000);
    expect(await verifyCaptureDir(result.dir)).toEqual([]);
  });

  it('fails without retrying when the main document alone exceeds the byte cap', async () => {
    const error = await captureUrl(`${site.origin}/huge`, options('huge', { maxBytes: 1_000_000 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureError);
    expect((error as CaptureError).code).toBe('byte_cap');
    expect(site.hits.filter((h) => h === '/huge')).toHaveLength(1);
  });

  it('retries a dropped connection with backoff and records the failed attempt', async () => {
    const result = await captureUrl(`${site.origin}/flaky`, options('flaky', { backoffMs: 600 }));
    expect(result.manifest.attempts).toHaveLength(2);
    expect(result.manifest.attempts[0]?.error).toMatch(/ERR_EMPTY_RESPONSE|navigation failed/);
    expect(result.manifest.attempts[1]?.error).toBeNull();
    expect(result.manifest.title).toBe('flaky ok');
  });

  it('retries a navigation timeout', async () => {
    const result = await captureUrl(`${site.origin}/hang-once`, options('hang-once', { timeouts: { navigationMs: 1500, settleMs: 1000 } }));
    expect(result.manifest.attempts.map((a) => a.error === null)).toEqual([false, true]);
    expect(result.manifest.attempts[0]?.error).toMatch(/timed out/);
  });

  it('writes into a hidden temp folder and renames only when complete', async () => {
    let seen: { name: string; files: string[]; targetExists: boolean } | null = null;
    const result = await captureUrl(
      `${site.origin}/`,
      options('atomic', {
        hooks: {
          beforeCommit: async (temp) => {
            seen = {
              name: temp.slice(work.length + 1),
              files: (await readdir(temp)).sort(),
              targetExists: await stat(join(work, 'atomic')).then(
                () => true,
                () => false,
              ),
            };
          },
        },
      }),
    );
    expect(seen).toMatchObject({ files: ['capture.warc.gz', 'manifest.json', 'page.html', 'screenshot.png'], targetExists: false });
    expect(seen!.name).toMatch(/^\.atomic\.partial-/);
    expect(await verifyCaptureDir(result.dir)).toEqual([]);
  });

  it('leaves nothing behind when interrupted before the rename', async () => {
    const failing = captureUrl(`${site.origin}/`, options('interrupted', { hooks: { beforeCommit: () => Promise.reject(new Error('killed')) } }));
    await expect(failing).rejects.toThrow('killed');
    await expect(stat(join(work, 'interrupted'))).rejects.toThrow();
    expect(await leftovers()).toEqual([]);
  });

  it('never overwrites an existing capture', async () => {
    await expect(captureUrl(`${site.origin}/`, options('main'))).rejects.toMatchObject({ code: 'output_exists' });
  });
});

describe('https capture', () => {
  let tlsSite: FixtureSite;
  beforeAll(async () => {
    tlsSite = await startFixtureSite({ tls: true, tallPx: 10 });
  });
  afterAll(async () => {
    await tlsSite.close();
  });

  it('records TLS subject, issuer and the sha256 fingerprint of the certificate served', async () => {
    const cert = new X509Certificate(await readFile(new URL('../../test/fixtures/capture/tls/cert.pem', import.meta.url)));
    const result = await captureUrl(`${tlsSite.origin}/generic`, options('https', { ignoreHttpsErrors: true }));
    const m = result.manifest;
    expect(m.final_url).toBe(`${tlsSite.origin}/generic`);
    expect(m.server_ip).toBe('127.0.0.1');
    expect(m.tls?.sha256_fingerprint).toBe(cert.fingerprint256);
    expect(m.tls?.subject).toContain('CN=capture-fixture.test');
    expect(m.tls?.issuer).toContain('CN=capture-fixture.test');
    expect(m.tls?.subject_alt_names).toContain('IP Address:127.0.0.1');
    expect(m.tls?.protocol).toMatch(/TLS/);
    expect(m.extracted.generic.author?.value).toBe('林小測');
    expect(await verifyCaptureDir(result.dir)).toEqual([]);
  });

  it('rejects an untrusted certificate without retrying', async () => {
    await expect(captureUrl(`${tlsSite.origin}/`, options('https-bad'))).rejects.toThrow(/TLS certificate rejected: .*ERR_CERT/);
  });
});

describe('csep capture command', () => {
  const io = (): { out: string[]; err: string[]; io: { stdout: { write(t: string): boolean }; stderr: { write(t: string): boolean } } } => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: { write: (t) => out.push(t) > 0 }, stderr: { write: (t) => err.push(t) > 0 } } };
  };

  it('captures with a key created on first use and prints the summary', async () => {
    const keyPath = join(work, 'keys', 'capture-ed25519.pem');
    const w = io();
    const result = await runCaptureCommand(`${site.origin}/dcard`, { out: join(work, 'cli'), allow: ['127.0.0.1'], key: keyPath }, w.io, {
      captureUrl: (url, o) => captureUrl(url, { ...o, browser, timeouts: { settleMs: 2000 } }),
    });
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    expect(w.err.join('')).toMatch(/created signing key/);
    const text = w.out.join('');
    expect(text).toContain(`captured  ${site.origin}/dcard`);
    expect(text).toContain('status    200 OK');
    expect(text).toContain('account   dcard: mist_walker / 虛構科技大學 資訊管理系, poster IP -');
    expect(text).toMatch(/files {5}capture\.warc\.gz {2}\d+ B {2}sha256 [0-9a-f]{64}/);
    expect(text).toContain(`manifest  manifest.json  sha256 ${sha256(await readFile(join(result.dir, 'manifest.json')))}`);

    const v = io();
    expect(await runVerifyCommand(result.dir, v.io)).toBe(0);
    expect(v.out.join('')).toBe(`OK ${result.dir}\n`);
  });

  it('reports SSRF refusals as a one-line CLI error', async () => {
    const w = io();
    await expect(
      runCaptureCommand(`${site.origin}/`, { out: join(work, 'cli-refused'), key: join(work, 'keys', 'capture-ed25519.pem') }, w.io, {
        captureUrl: (url, o) => captureUrl(url, { ...o, browser }),
      }),
    ).rejects.toBeInstanceOf(CliError);
  });

  it('rejects a call with neither URL nor --verify, and --show-key prints the public key', async () => {
    const program = new Command().exitOverride();
    registerCaptureCommand(program);
    await expect(program.parseAsync(['node', 'csep', 'capture'])).rejects.toThrow(/usage: csep capture URL --out DIR/);
    await expect(program.parseAsync(['node', 'csep', 'capture', `${site.origin}/`])).rejects.toThrow('--out DIR is required');
    const keyPath = join(work, 'keys', 'show.pem');
    const w = io();
    await runShowKeyCommand(keyPath, w.io);
    const shown = await loadOrCreateSigningKey(keyPath);
    expect(w.out.join('')).toContain(`public_key ${publicKeyBase64(shown)}\n-----BEGIN PUBLIC KEY-----`);
  });

  it('--verify prints each failure and exits 1', async () => {
    const dir = join(work, 'cli-tampered');
    await cp(main.dir, dir, { recursive: true });
    await writeFile(join(dir, 'extra.bin'), 'x');
    await unlink(join(dir, 'page.html'));
    const w = io();
    expect(await runVerifyCommand(dir, w.io)).toBe(2);
    expect(w.out.join('')).toBe('FAIL extra_file extra.bin: file not listed in the manifest: extra.bin\nFAIL missing_file page.html: listed file is missing: page.html\n');

    const program = new Command().exitOverride();
    registerCaptureCommand(program);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await expect(program.parseAsync(['node', 'csep', 'capture', '--verify', dir])).rejects.toMatchObject({ name: 'CliError', exitCode: 1 });
      await program.parseAsync(['node', 'csep', 'capture', '--verify', main.dir]);
      expect(write).toHaveBeenLastCalledWith(`OK ${main.dir}\n`);
    } finally {
      write.mockRestore();
    }
  });
});
