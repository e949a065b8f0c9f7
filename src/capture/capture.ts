/**
 * One-step web capture (G6.1 patrol evidence collection): whole-page screenshot, rendered DOM,
 * a WARC of every network exchange, extracted account/IP facts and a signed manifest — written
 * atomically into one directory. Pure library: no HTTP framework, no database.
 *
 * Safety: every connection goes through the SSRF guard twice — Playwright's route handler aborts
 * refused sub-requests early, and a forwarding proxy (guard-proxy.ts) checks every connection
 * including redirect hops, pins the address the guard approved and enforces the byte cap.
 */
import { randomBytes } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, CDPSession, Request, Response } from 'playwright-core';
import { extractFromHtml } from './extractors/index.ts';
import { REFUSAL_HEADER, startGuardProxy } from './guard-proxy.ts';
import type { GuardProxy } from './guard-proxy.ts';
import { MANIFEST_FILE, MANIFEST_VERSION, manifestFileBytes, sha256Hex, signManifest } from './manifest.ts';
import type { CaptureManifest, ManifestFile, RedirectHop, RequestNote, TlsInfo } from './manifest.ts';
import type { SigningKey } from './signing-key.ts';
import { SsrfGuard, SsrfRefusedError, normalizeHost } from './ssrf-guard.ts';
import type { LookupFn } from './ssrf-guard.ts';
import { isoWithOffset } from './time.ts';
import { buildWarcGz, newRecordId, warcFields } from './warc.ts';
import type { WarcRecordInput } from './warc.ts';

/** Files a capture directory contains besides the manifest. */
export const CAPTURE_FILES = { screenshot: 'screenshot.png', html: 'page.html', warc: 'capture.warc.gz' } as const;

/** Launch arguments known to work with the system Chromium in containers. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // WebRTC may not use UDP outside the proxy, so a page cannot probe internal hosts via STUN.
  '--force-webrtc-ip-handling-policy',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--dns-prefetch-disable',
];

/** Per-stage time limits in milliseconds. */
export interface CaptureTimeouts {
  /** page.goto until the `load` event. Default 30 000. */
  navigationMs?: number;
  /** Longest wait for the network to go quiet after `load`. Default 5 000. */
  settleMs?: number;
  /** How long no request may be in flight to count as quiet. Default 250. */
  quietMs?: number;
  /** Hard limit for one attempt (navigation + settle + screenshot + body collection). Default 90 000. */
  attemptMs?: number;
}

/** Options for {@link captureUrl}. */
export interface CaptureOptions {
  /** The capture directory to create; it must not exist yet. */
  outDir: string;
  /** Ed25519 key that signs the manifest. */
  signingKey: SigningKey;
  /** Chromium executable. Default `/usr/bin/chromium`. Ignored when `browser` is given. */
  chromiumPath?: string;
  /** Reuse an already launched browser (tests, batch jobs); it is not closed by the capture. */
  browser?: Browser;
  /** Hosts, `*.suffix` wildcards, IPs or CIDRs allowed despite the SSRF rules. */
  allowList?: readonly string[];
  viewport?: { width: number; height: number };
  /** User-Agent to send; default is the browser's own. */
  userAgent?: string;
  timeouts?: CaptureTimeouts;
  /** Cap on total bytes received from servers. Default 50 MiB. */
  maxBytes?: number;
  /** Cap on the screenshot height in CSS pixels. Default 20 000. */
  maxScreenshotHeight?: number;
  /** Extra attempts after a retryable failure (navigation error, timeout). Default 2. */
  retries?: number;
  /** First backoff delay; doubles per retry. Default 1 000 ms. */
  backoffMs?: number;
  /** Zone for manifest timestamps. Default `Asia/Taipei`. */
  timeZone?: string;
  /** Browser locale. Default `zh-TW`. */
  locale?: string;
  /** Cookies to set before navigating (e.g. PTT's `over18=1`). */
  cookies?: Array<{ name: string; value: string; domain: string; path?: string }>;
  /** Accept invalid TLS certificates (still recorded in the manifest). Default false. */
  ignoreHttpsErrors?: boolean;
  /** DNS resolver for the SSRF guard (tests). */
  lookup?: LookupFn;
  /** Progress lines. */
  log?: (line: string) => void;
  /** Test hooks. */
  hooks?: { beforeCommit?: (tempDir: string) => Promise<void> };
}

/** What {@link captureUrl} returns. */
export interface CaptureResult {
  dir: string;
  manifest: CaptureManifest;
  /** sha256 hex of manifest.json as written. */
  manifestSha256: string;
}

/** Failure kinds. `retryable` ones are retried with backoff. */
export type CaptureErrorCode = 'navigation' | 'timeout' | 'byte_cap' | 'output_exists' | 'browser';

/** A capture failure other than an SSRF refusal. */
export class CaptureError extends Error {
  constructor(
    readonly code: CaptureErrorCode,
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'CaptureError';
  }
}

const require = createRequire(import.meta.url);

function readVersion(spec: string, fallback: string): string {
  try {
    const pkg = spec.startsWith('.')
      ? (JSON.parse(readFileSync(new URL(spec, import.meta.url), 'utf8')) as { version?: string })
      : (require(spec) as { version?: string });
    return pkg.version ?? fallback;
  } catch {
    return fallback;
  }
}

/** Name and version recorded as `tool` in manifests. */
export const TOOL = { name: 'csep-capture', version: readVersion('../../package.json', '0.0.0'), playwright_core: readVersion('playwright-core/package.json', 'unknown') };

interface Exchange {
  request: Request;
  started: Date;
  response: Response | null;
  body: Buffer | null;
  bodyNote: string | null;
  failure: string | null;
  finished: Promise<void> | null;
}

interface AttemptData {
  finalUrl: string;
  status: number;
  statusText: string;
  title: string;
  html: string;
  png: Buffer;
  screenshot: { width: number; height: number; originalHeight: number; capped: boolean };
  serverIp: string | null;
  serverPort: number | null;
  tls: TlsInfo | null;
  responseHeaders: Array<{ name: string; value: string }>;
  redirectChain: RedirectHop[];
  capturedAt: Date;
  userAgent: string;
  refused: RequestNote[];
  failed: RequestNote[];
  warcRecords: WarcRecordInput[];
  exchanges: number;
  bytesReceived: number;
  capReached: boolean;
  loadEvent: boolean;
  networkQuiet: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function defaultPort(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

function pngSize(png: Buffer): { width: number; height: number } {
  // IHDR is the first chunk: width and height are big-endian at byte 16 and 20.
  if (png.length < 24) return { width: 0, height: 0 };
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** Builds the HTTP request block of a WARC `request` record. */
function requestBlock(url: URL, method: string, headers: Array<{ name: string; value: string }>, body: Buffer): Buffer {
  const lines = [`${method} ${url.pathname}${url.search} HTTP/1.1`];
  let hasHost = false;
  for (const { name, value } of headers) {
    if (name.startsWith(':')) continue; // HTTP/2 pseudo-headers are rendered as the request line + Host.
    if (name.toLowerCase() === 'host') hasHost = true;
    lines.push(`${name}: ${oneLine(value)}`);
  }
  if (!hasHost) lines.splice(1, 0, `Host: ${url.host}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body]);
}

/**
 * Builds the HTTP response block. Playwright hands over the decoded body, so the encoding headers
 * no longer describe it; they are kept under `X-Archive-Orig-` (the pywb/warcio convention) and
 * Content-Length is set to the stored length, keeping the record replayable and honest.
 */
function responseBlock(status: number, statusText: string, headers: Array<{ name: string; value: string }>, body: Buffer): Buffer {
  const lines = [`HTTP/1.1 ${status} ${oneLine(statusText || STATUS_CODES[status] || '')}`.trimEnd()];
  for (const { name, value } of headers) {
    const lower = name.toLowerCase();
    if (name.startsWith(':')) continue;
    if (lower === 'content-encoding' || lower === 'transfer-encoding' || lower === 'content-length') {
      lines.push(`X-Archive-Orig-${name}: ${oneLine(value)}`);
    } else {
      lines.push(`${name}: ${oneLine(value)}`);
    }
  }
  lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8'), body]);
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new CaptureError('timeout', `capture attempt exceeded ${ms} ms`, true));
      void onTimeout().catch(() => undefined);
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function tlsDetails(cdp: CDPSession, response: Response): Promise<TlsInfo> {
  const details = await response.securityDetails().catch(() => null);
  const info: TlsInfo = {
    protocol: details?.protocol ?? null,
    subject: details?.subjectName ?? null,
    issuer: details?.issuer ?? null,
    valid_from: details?.validFrom === undefined ? null : new Date(details.validFrom * 1000).toISOString(),
    valid_to: details?.validTo === undefined ? null : new Date(details.validTo * 1000).toISOString(),
    subject_alt_names: [],
    serial_number: null,
    sha256_fingerprint: null,
    chain_sha256: [],
    fingerprint_source: 'unavailable',
  };
  // securityDetails() has no certificate bytes; Chromium's DevTools protocol hands over the DER
  // chain it validated for this origin, so the fingerprint is of the certificate actually used.
  try {
    const origin = new URL(response.url()).origin;
    const { tableNames } = await cdp.send('Network.getCertificate', { origin });
    const chain = tableNames.map((b64) => new X509Certificate(Buffer.from(b64, 'base64')));
    const leaf = chain[0];
    if (leaf !== undefined) {
      info.subject = leaf.subject.replace(/\n/g, ', ');
      info.issuer = leaf.issuer.replace(/\n/g, ', ');
      info.valid_from = new Date(leaf.validFrom).toISOString();
      info.valid_to = new Date(leaf.validTo).toISOString();
      info.subject_alt_names = (leaf.subjectAltName ?? '').split(/,\s*/).filter((s) => s !== '');
      info.serial_number = leaf.serialNumber;
      info.sha256_fingerprint = leaf.fingerprint256;
      info.chain_sha256 = chain.map((c) => c.fingerprint256);
      info.fingerprint_source = 'chromium devtools Network.getCertificate (DER chain of the connection)';
    } else {
      info.fingerprint_source = 'unavailable: Chromium returned no certificate for the origin';
    }
  } catch (error) {
    info.fingerprint_source = `unavailable: ${errorText(error)}`;
  }
  return info;
}

async function launch(options: CaptureOptions): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: options.chromiumPath ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new CaptureError('browser', `cannot launch Chromium: ${errorText(error)}`, false);
  }
}

/** One capture attempt: fresh proxy, context and page; everything collected in memory. */
async function attempt(url: string, browser: Browser, guard: SsrfGuard, options: CaptureOptions): Promise<AttemptData> {
  const viewport = options.viewport ?? { width: 1366, height: 768 };
  const maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
  const maxHeight = options.maxScreenshotHeight ?? 20_000;
  const navigationMs = options.timeouts?.navigationMs ?? 30_000;
  const settleMs = options.timeouts?.settleMs ?? 5_000;
  const quietMs = options.timeouts?.quietMs ?? 250;
  const attemptMs = options.timeouts?.attemptMs ?? 90_000;
  const token = randomBytes(12).toString('hex');

  // The proxy marks its own refusal responses with a per-attempt secret, so a hostile server
  // cannot fake a refusal header to derail the capture.
  const proxy: GuardProxy = await startGuardProxy({ guard, maxBytes, refusalToken: token });
  const isProxyRefusal = (value: string | null | undefined): boolean => typeof value === 'string' && value.startsWith(`${token} `);
  let context: BrowserContext | null = null;
  const closeAll = async (): Promise<void> => {
    await context?.close().catch(() => undefined);
    await proxy.close();
  };
  try {
    context = await browser.newContext({
      viewport,
      ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
      proxy: { server: proxy.server },
      serviceWorkers: 'block',
      acceptDownloads: false,
      ignoreHTTPSErrors: options.ignoreHttpsErrors ?? false,
      locale: options.locale ?? 'zh-TW',
      timezoneId: options.timeZone ?? 'Asia/Taipei',
    });
    const ctx = context;
    if (options.cookies !== undefined && options.cookies.length > 0) {
      await ctx.addCookies(options.cookies.map((c) => ({ ...c, path: c.path ?? '/' })));
    }
    const work = (async (): Promise<AttemptData> => {
      const refused: RequestNote[] = [];
      const exchanges: Exchange[] = [];
      const byRequest = new Map<Request, Exchange>();
      let inflight = 0;
      let lastActivity = Date.now();
      let signalMainFailed: () => void = () => undefined;
      const mainNavigationFailed = new Promise<void>((resolve) => {
        signalMainFailed = resolve;
      });

      await ctx.route('**/*', async (route) => {
        const request = route.request();
        const target = request.url();
        if (!/^https?:/i.test(target)) {
          await route.continue().catch(() => undefined);
          return;
        }
        const stage: RequestNote['stage'] = request.isNavigationRequest() && request.frame().parentFrame() === null ? 'navigation' : 'subrequest';
        if (proxy.capReached()) {
          refused.push({ url: target, stage, code: 'byte_cap', reason: `byte cap of ${maxBytes} bytes reached` });
          await route.abort('blockedbyclient').catch(() => undefined);
          return;
        }
        const verdict = await guard.checkUrl(target);
        if (!verdict.ok) {
          refused.push({ url: target, stage, code: verdict.code, reason: verdict.reason });
          if (stage === 'navigation') {
            // A later top-level navigation (meta refresh, script) to a refused address: answer
            // 204 so the browser stays on the page being captured instead of an error page.
            // (The first URL passed the same guard before the browser started.)
            await route.fulfill({ status: 204 }).catch(() => undefined);
          } else {
            await route.abort('blockedbyclient').catch(() => undefined);
          }
          return;
        }
        await route.continue().catch(() => undefined);
      });

      const page = await ctx.newPage();
      // Network must be enabled on our DevTools session before navigating, or Chromium will not
      // hand over the certificate chain afterwards (Network.getCertificate returns nothing).
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      // Popups are not the evidence target and would race the capture; close them.
      ctx.on('page', (other) => {
        if (other !== page) void other.close().catch(() => undefined);
      });
      page.on('request', (request) => {
        const exchange: Exchange = { request, started: new Date(), response: null, body: null, bodyNote: null, failure: null, finished: null };
        exchanges.push(exchange);
        byRequest.set(request, exchange);
        inflight++;
        lastActivity = Date.now();
      });
      page.on('requestfinished', (request) => {
        const exchange = byRequest.get(request);
        inflight = Math.max(0, inflight - 1);
        lastActivity = Date.now();
        if (exchange === undefined) return;
        exchange.finished = (async () => {
          const response = await request.response().catch(() => null);
          exchange.response = response;
          if (response === null) return;
          if (response.status() >= 300 && response.status() < 400 && request.redirectedTo() !== null) {
            exchange.body = Buffer.alloc(0);
            exchange.bodyNote = 'redirect body not exposed by the browser';
            return;
          }
          try {
            exchange.body = await response.body();
          } catch (error) {
            exchange.body = Buffer.alloc(0);
            exchange.bodyNote = errorText(error);
          }
        })();
      });
      page.on('requestfailed', (request) => {
        if (request.isNavigationRequest() && request.frame() === page.mainFrame()) signalMainFailed();
        const exchange = byRequest.get(request);
        inflight = Math.max(0, inflight - 1);
        lastActivity = Date.now();
        if (exchange !== undefined) exchange.failure = request.failure()?.errorText ?? 'failed';
      });

      const refusalFor = (target: string): { code: string; reason: string } | null => {
        let host: string;
        try {
          host = normalizeHost(new URL(target).hostname);
        } catch {
          return null;
        }
        const hit = proxy.refusals.find((r) => normalizeHost(r.host) === host);
        return hit === undefined ? null : { code: hit.code, reason: hit.reason };
      };

      let response: Response | null;
      let loadEvent = true;
      try {
        const deadline = Date.now() + navigationMs;
        // Wait for DOMContentLoaded first: it needs the whole main document, not every image.
        const navigation = page.goto(url, { waitUntil: 'domcontentloaded', timeout: navigationMs });
        navigation.catch(() => undefined); // may be abandoned below; never an unhandled rejection
        const capStuck = proxy.capReachedPromise.then(() => Promise.race([sleep(5_000), mainNavigationFailed])).then(() => {
          throw new CaptureError('byte_cap', `byte cap of ${maxBytes} bytes reached before the main document was complete (main document cut off)`, false);
        });
        capStuck.catch(() => undefined);
        response = await Promise.race([navigation, capStuck]);
        if (response !== null) {
          // The main document must have arrived whole; a cut-off document is not evidence.
          const mainError = await response.finished();
          if (mainError !== null) {
            if (proxy.capReached()) {
              throw new CaptureError('byte_cap', `byte cap of ${maxBytes} bytes reached before the main document was complete (${errorText(mainError)})`, false);
            }
            throw new CaptureError('navigation', `main document incomplete: ${errorText(mainError)}`, true);
          }
        }
        // Then the load event (images, frames), unless the byte cap cut loading short.
        const load = page.waitForLoadState('load', { timeout: Math.max(1, deadline - Date.now()) }).then(
          () => 'load' as const,
          () => 'timeout' as const,
        );
        const outcome = await Promise.race([load, proxy.capReachedPromise.then(() => 'cap' as const)]);
        if (outcome !== 'load') {
          loadEvent = false;
          await cdp.send('Page.stopLoading').catch(() => undefined);
        }
      } catch (error) {
        if (error instanceof CaptureError) throw error;
        // Was the navigation cut because a redirect hop was refused or the byte cap was hit?
        const navFailures = exchanges.filter((e) => e.request.isNavigationRequest() && e.request.frame() === page.mainFrame() && e.failure !== null);
        for (const failed of navFailures) {
          const hit = refusalFor(failed.request.url());
          if (hit !== null && hit.code !== 'byte_cap') {
            throw new SsrfRefusedError(failed.request.url(), hit.code as never, hit.reason, failed.request.redirectedFrom() === null ? 'initial' : 'redirect');
          }
        }
        const routeRefusal = refused.find((r) => r.stage === 'navigation');
        if (routeRefusal !== undefined && routeRefusal.code !== 'byte_cap') {
          throw new SsrfRefusedError(routeRefusal.url, routeRefusal.code as never, routeRefusal.reason, 'redirect');
        }
        if (proxy.capReached()) {
          throw new CaptureError('byte_cap', `main document exceeded the byte cap of ${maxBytes} bytes`, false);
        }
        if (/net::ERR_(CERT_|SSL_|BAD_SSL)/.test(errorText(error))) {
          // A certificate problem will not go away by retrying.
          throw new CaptureError('navigation', `TLS certificate rejected: ${errorText(error)}`, false);
        }
        if (error instanceof Error && error.name === 'TimeoutError') {
          throw new CaptureError('timeout', `navigation timed out after ${navigationMs} ms: ${errorText(error)}`, true);
        }
        throw new CaptureError('navigation', `navigation failed: ${errorText(error)}`, true);
      }
      if (response === null) throw new CaptureError('navigation', 'navigation produced no response', true);
      const refusalHeader = await response.headerValue(REFUSAL_HEADER).catch(() => null);
      if (isProxyRefusal(refusalHeader)) {
        const hit = refusalFor(response.url());
        throw new SsrfRefusedError(response.url(), (hit?.code ?? 'forbidden_address') as never, hit?.reason ?? 'refused by the capture proxy', 'redirect');
      }

      // Let late requests (XHR after load, lazy images in view) finish, within settleMs.
      const settleDeadline = Date.now() + settleMs;
      let networkQuiet = false;
      while (Date.now() < settleDeadline) {
        if (inflight === 0 && Date.now() - lastActivity >= quietMs) {
          networkQuiet = true;
          break;
        }
        await sleep(25);
      }

      const capturedAt = new Date();
      // One round trip for the DOM snapshot (serialised like page.content()), title, size and UA.
      const snapshot = await page.evaluate(() => {
        const doctype = document.doctype === null ? '' : new XMLSerializer().serializeToString(document.doctype);
        return {
          html: doctype + document.documentElement.outerHTML,
          title: document.title,
          userAgent: navigator.userAgent,
          width: Math.max(document.documentElement.scrollWidth, document.body?.scrollWidth ?? 0),
          height: Math.max(document.documentElement.scrollHeight, document.body?.scrollHeight ?? 0),
        };
      });
      const { html, title, userAgent } = snapshot;
      const dims = { width: snapshot.width, height: snapshot.height };
      const capped = dims.height > maxHeight;
      const png = capped
        ? await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: Math.max(dims.width, viewport.width), height: maxHeight } })
        : await page.screenshot({ fullPage: true });
      const shot = pngSize(png);

      const finalUrl = response.url();
      const final = new URL(finalUrl);
      const pinned = proxy.connections.get(`${normalizeHost(final.hostname)}:${defaultPort(final)}`) ?? null;
      const tls = final.protocol === 'https:' ? await tlsDetails(cdp, response) : null;
      const responseHeaders = await response.headersArray();

      const chain: RedirectHop[] = [];
      for (let hop = response.request().redirectedFrom(); hop !== null; hop = hop.redirectedFrom()) {
        const hopResponse = await hop.response().catch(() => null);
        const hopUrl = new URL(hop.url());
        chain.unshift({
          url: hop.url(),
          status: hopResponse?.status() ?? 0,
          location: (await hopResponse?.headerValue('location').catch(() => null)) ?? null,
          server_ip: proxy.connections.get(`${normalizeHost(hopUrl.hostname)}:${defaultPort(hopUrl)}`)?.ip ?? null,
        });
      }

      // Wait for outstanding bodies, bounded so a stuck stream cannot hold the capture forever.
      await Promise.race([Promise.all(exchanges.map((e) => e.finished ?? Promise.resolve())), sleep(10_000)]);

      const warcRecords: WarcRecordInput[] = [];
      const failed: RequestNote[] = [];
      let exchangeCount = 0;
      const routeRefused = new Set(refused.map((r) => r.url));
      for (const exchange of exchanges) {
        const target = exchange.request.url();
        if (!/^https?:/i.test(target)) continue;
        // Refused by the route handler: the 204 it answered for navigations is ours, not the site's.
        if (routeRefused.has(target)) continue;
        if (exchange.failure !== null) {
          if (!refused.some((r) => r.url === target)) {
            const hit = refusalFor(target);
            if (hit !== null) refused.push({ url: target, stage: exchange.request.redirectedFrom() === null ? 'subrequest' : 'redirect', code: hit.code, reason: hit.reason });
            else failed.push({ url: target, stage: exchange.request.isNavigationRequest() ? 'navigation' : 'subrequest', code: 'failed', reason: exchange.failure });
          }
          continue;
        }
        const resp = exchange.response;
        if (resp === null || exchange.body === null) {
          failed.push({ url: target, stage: 'subrequest', code: 'incomplete', reason: 'no complete response before the capture ended' });
          continue;
        }
        const respHeaders = await resp.headersArray().catch(() => []);
        const proxyRefusal = respHeaders.find((h) => h.name.toLowerCase() === REFUSAL_HEADER && isProxyRefusal(h.value));
        if (proxyRefusal !== undefined) {
          // The proxy's own 403 is not evidence of the site; record the refusal instead.
          const hit = refusalFor(target);
          if (!refused.some((r) => r.url === target)) {
            refused.push({ url: target, stage: exchange.request.redirectedFrom() === null ? 'subrequest' : 'redirect', code: hit?.code ?? proxyRefusal.value, reason: hit?.reason ?? 'refused by the capture proxy' });
          }
          continue;
        }
        const targetUrl = new URL(target);
        const reqHeaders = await exchange.request.headersArray().catch(() => []);
        const reqBody = exchange.request.postDataBuffer() ?? Buffer.alloc(0);
        const ip = proxy.connections.get(`${normalizeHost(targetUrl.hostname)}:${defaultPort(targetUrl)}`)?.ip;
        const requestId = newRecordId();
        const responseId = newRecordId();
        warcRecords.push({
          type: 'request',
          date: exchange.started,
          targetUri: target,
          contentType: 'application/http;msgtype=request',
          block: requestBlock(targetUrl, exchange.request.method(), reqHeaders, reqBody),
          payload: reqBody,
          recordId: requestId,
          extraHeaders: [['WARC-Concurrent-To', responseId]],
        });
        const extra: Array<[string, string]> = [];
        if (ip !== undefined) extra.push(['WARC-IP-Address', ip]);
        if (exchange.bodyNote !== null && !exchange.bodyNote.startsWith('redirect')) extra.push(['WARC-Truncated', 'unspecified']);
        warcRecords.push({
          type: 'response',
          date: exchange.started,
          targetUri: target,
          contentType: 'application/http;msgtype=response',
          block: responseBlock(resp.status(), resp.statusText(), respHeaders, exchange.body),
          payload: exchange.body,
          recordId: responseId,
          extraHeaders: extra,
        });
        exchangeCount++;
      }
      // Proxy refusals the page never surfaced as a request (e.g. a refused CONNECT).
      for (const r of proxy.refusals) {
        if (!refused.some((n) => n.url === r.url || normalizeHost(new URL(n.url).hostname) === normalizeHost(r.host))) {
          refused.push({ url: r.url, stage: 'redirect', code: r.code, reason: r.reason });
        }
      }

      return {
        finalUrl,
        status: response.status(),
        statusText: response.statusText() || STATUS_CODES[response.status()] || '',
        title,
        html,
        png,
        screenshot: { width: shot.width, height: shot.height, originalHeight: dims.height, capped },
        serverIp: pinned?.ip ?? null,
        serverPort: pinned?.port ?? null,
        tls,
        responseHeaders,
        redirectChain: chain,
        capturedAt,
        userAgent,
        refused,
        failed,
        warcRecords,
        exchanges: exchangeCount,
        bytesReceived: proxy.bytesReceived(),
        capReached: proxy.capReached(),
        loadEvent,
        networkQuiet,
      };
    })();
    return await withDeadline(work, attemptMs, closeAll);
  } finally {
    await closeAll();
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function writeDurable(path: string, data: Buffer): Promise<void> {
  // 0600: captures can hold abusive material and personal data (G6.3.6 confidentiality).
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * Captures `url` into `options.outDir`. Files are written into a hidden temp folder next to the
 * target and renamed into place only when complete and signed, so an interrupted capture never
 * leaves a directory that looks finished.
 */
export async function captureUrl(url: string, options: CaptureOptions): Promise<CaptureResult> {
  const log = options.log ?? ((): void => undefined);
  const timeZone = options.timeZone ?? 'Asia/Taipei';
  const outDir = resolve(options.outDir);
  if (await exists(outDir)) throw new CaptureError('output_exists', `output directory already exists: ${outDir}`, false);

  const startedAt = new Date();
  const guard = new SsrfGuard({ allowList: options.allowList ?? [], lookup: options.lookup });
  const initial = await guard.checkUrl(url);
  if (!initial.ok) throw new SsrfRefusedError(url, initial.code, initial.reason, 'initial');

  const retries = options.retries ?? 2;
  const backoffMs = options.backoffMs ?? 1_000;
  const attempts: CaptureManifest['attempts'] = [];
  let browser = options.browser ?? (await launch(options));
  let data: AttemptData | null = null;
  try {
    for (let n = 1; data === null; n++) {
      const attemptStarted = new Date();
      try {
        if (!browser.isConnected()) {
          if (options.browser !== undefined) throw new CaptureError('browser', 'the provided browser is disconnected', false);
          browser = await launch(options);
        }
        log(`attempt ${n}: ${url}`);
        data = await attempt(url, browser, guard, options);
        attempts.push({ attempt: n, started_at: isoWithOffset(attemptStarted, timeZone), error: null });
      } catch (error) {
        attempts.push({ attempt: n, started_at: isoWithOffset(attemptStarted, timeZone), error: errorText(error) });
        const retryable = error instanceof CaptureError && error.retryable;
        if (!retryable || n > retries) throw error;
        const delay = backoffMs * 2 ** (n - 1);
        log(`attempt ${n} failed (${errorText(error)}); retrying in ${delay} ms`);
        await sleep(delay);
      }
    }
  } finally {
    if (options.browser === undefined) await browser.close().catch(() => undefined);
  }
  const browserVersion = browser.version();

  const extracted = extractFromHtml(data.html, data.finalUrl);
  const infoId = newRecordId();
  const warcinfo: WarcRecordInput = {
    type: 'warcinfo',
    date: startedAt,
    contentType: 'application/warc-fields',
    recordId: infoId,
    block: warcFields([
      ['software', `${TOOL.name}/${TOOL.version} (playwright-core ${TOOL.playwright_core}; Chromium ${browserVersion})`],
      ['format', 'WARC File Format 1.1'],
      ['conformsTo', 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/'],
      ['description', `CSEP capture of ${url}`],
      ['http-header-user-agent', data.userAgent],
    ]),
    extraHeaders: [['WARC-Filename', CAPTURE_FILES.warc]],
  };
  const records = [warcinfo, ...data.warcRecords.map((r) => ({ ...r, extraHeaders: [...(r.extraHeaders ?? []), ['WARC-Warcinfo-ID', infoId] as [string, string]] }))];
  const warc = buildWarcGz(records).data;

  const files: Array<{ name: string; data: Buffer }> = [
    { name: CAPTURE_FILES.warc, data: warc },
    { name: CAPTURE_FILES.html, data: Buffer.from(data.html, 'utf8') },
    { name: CAPTURE_FILES.screenshot, data: data.png },
  ];

  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const temp = await mkdtemp(join(parent, `.${basename(outDir)}.partial-`));
  try {
    const listed: ManifestFile[] = [];
    for (const file of files) {
      await writeDurable(join(temp, file.name), file.data);
      listed.push({ name: file.name, sha256: sha256Hex(file.data), bytes: file.data.length });
    }
    const finishedAt = new Date();
    const viewport = options.viewport ?? { width: 1366, height: 768 };
    const manifest = signManifest(
      {
        manifest_version: MANIFEST_VERSION,
        url,
        final_url: data.finalUrl,
        http_status: data.status,
        status_text: data.statusText,
        title: data.title,
        server_ip: data.serverIp,
        server_port: data.serverPort,
        server_ip_source: 'address the capture proxy connected to (pinned by the SSRF guard)',
        tls: data.tls,
        response_headers: data.responseHeaders.map((h) => ({ name: h.name, value: h.value })),
        redirect_chain: data.redirectChain,
        captured_at: isoWithOffset(data.capturedAt, timeZone),
        started_at: isoWithOffset(startedAt, timeZone),
        finished_at: isoWithOffset(finishedAt, timeZone),
        time_zone: timeZone,
        browser: { name: 'chromium', version: browserVersion },
        tool: TOOL,
        viewport: { width: viewport.width, height: viewport.height },
        user_agent: data.userAgent,
        screenshot_capped: data.screenshot.capped,
        screenshot: {
          width: data.screenshot.width,
          height: data.screenshot.height,
          original_height: data.screenshot.originalHeight,
          max_height: options.maxScreenshotHeight ?? 20_000,
        },
        page_state: { load_event: data.loadEvent, network_quiet: data.networkQuiet },
        limits: { max_bytes: options.maxBytes ?? 50 * 1024 * 1024, bytes_received: data.bytesReceived, byte_cap_reached: data.capReached },
        attempts,
        refused_requests: data.refused,
        failed_requests: data.failed,
        warc: { file: CAPTURE_FILES.warc, records: records.length, exchanges: data.exchanges },
        files: listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
        extracted,
      },
      options.signingKey,
    );
    const manifestBytes = manifestFileBytes(manifest);
    await writeDurable(join(temp, MANIFEST_FILE), manifestBytes);
    await syncDir(temp);
    await options.hooks?.beforeCommit?.(temp);
    if (await exists(outDir)) throw new CaptureError('output_exists', `output directory appeared during capture: ${outDir}`, false);
    await rename(temp, outDir);
    await syncDir(parent);
    log(`wrote ${outDir}`);
    return { dir: outDir, manifest, manifestSha256: sha256Hex(manifestBytes) };
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
