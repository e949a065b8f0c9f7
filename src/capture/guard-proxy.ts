/**
 * A forwarding proxy that the capture browser is forced through. Playwright's route handler does
 * not see redirect hops, and Chromium resolves names itself, so a route-only guard would let a
 * 302 to http://169.254.169.254/ or a DNS-rebinding host through. Every connection the browser
 * makes — navigations, each redirect hop, sub-requests, workers, WebSockets (CONNECT) — passes
 * here, is checked by the SSRF guard and connected to the address the guard pinned.
 *
 * The proxy also counts bytes received from origin servers and enforces the capture's byte cap.
 */
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { HostVerdict, SsrfGuard } from './ssrf-guard.ts';

/** A request or tunnel the proxy refused. */
export interface ProxyRefusal {
  url: string;
  host: string;
  code: string;
  reason: string;
  at: Date;
}

/** Where the proxy actually connected for a host:port (the evidence `server_ip`). */
export interface ProxyConnection {
  host: string;
  port: number;
  ip: string;
}

/** Options for {@link startGuardProxy}. */
export interface GuardProxyOptions {
  guard: SsrfGuard;
  /** Cap on bytes received from origin servers (headers + bodies, TLS records for https). */
  maxBytes: number;
  /**
   * Secret prefixed to the refusal header value (`<token> <code>`) so the capture can tell the
   * proxy's own refusals from a header a hostile origin server sends.
   */
  refusalToken?: string;
}

/** A running guard proxy. */
export interface GuardProxy {
  /** `http://127.0.0.1:<port>` for the browser context's proxy setting. */
  readonly server: string;
  readonly refusals: ProxyRefusal[];
  /** host:port → pinned upstream address. */
  readonly connections: Map<string, ProxyConnection>;
  /** Bytes received from origin servers so far. */
  bytesReceived(): number;
  /** True once the byte cap was exceeded; all traffic is cut from then on. */
  capReached(): boolean;
  /** Resolves when the byte cap is exceeded (never rejects). */
  readonly capReachedPromise: Promise<void>;
  close(): Promise<void>;
}

/** The header a refusal response carries. */
export const REFUSAL_HEADER = 'x-csep-capture-refused';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
]);

function splitHostPort(authority: string, defaultPort: number): { host: string; port: number } | null {
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(authority);
  if (m === null) return null;
  const port = m[2] === undefined ? defaultPort : Number(m[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host: m[1]!, port };
}

/** Starts the proxy on an ephemeral loopback port. */
export async function startGuardProxy(options: GuardProxyOptions): Promise<GuardProxy> {
  const { guard, maxBytes } = options;
  const refusalHeader = REFUSAL_HEADER;
  const mark = (code: string): string => `${options.refusalToken ?? '-'} ${code}`;
  const refusals: ProxyRefusal[] = [];
  const connections = new Map<string, ProxyConnection>();
  const sockets = new Set<Duplex>();
  let received = 0;
  let capped = false;
  let signalCap: () => void = () => undefined;
  const capReachedPromise = new Promise<void>((resolve) => {
    signalCap = resolve;
  });

  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const cutAll = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  const count = (bytes: number): boolean => {
    received += bytes;
    if (!capped && received > maxBytes) {
      capped = true;
      // Stop every transfer at once; the capture reports the cap instead of silently truncating.
      cutAll();
      signalCap();
    }
    return !capped;
  };
  const refuse = (url: string, host: string, code: string, reason: string): void => {
    refusals.push({ url, host, code, reason, at: new Date() });
  };
  const pin = (host: string, port: number, ip: string): void => {
    connections.set(`${host}:${port}`, { host, port, ip });
  };
  /**
   * Connects to the first reachable address among those the guard vetted (all of them passed), in
   * resolver order — an unreachable IPv6 address must not sink a capture of a dual-stack site.
   */
  const connectVetted = (verdict: HostVerdict & { ok: true }, port: number): Promise<{ socket: net.Socket; ip: string }> =>
    new Promise((resolvePromise, reject) => {
      const addresses = verdict.addresses.length > 0 ? verdict.addresses : [verdict.address];
      let index = 0;
      let lastError: Error | null = null;
      const next = (): void => {
        const ip = addresses[index++];
        if (ip === undefined) {
          reject(lastError ?? new Error('no address to connect to'));
          return;
        }
        const socket = net.connect({ host: ip, port });
        track(socket);
        const onError = (error: Error): void => {
          lastError = error;
          socket.destroy();
          next();
        };
        socket.once('error', onError);
        socket.once('connect', () => {
          socket.off('error', onError);
          resolvePromise({ socket, ip });
        });
      };
      next();
    });

  const server = http.createServer((req, res) => {
    void handleHttp(req, res);
  });

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    track(req.socket);
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain', [refusalHeader]: mark('invalid_url') }).end('bad proxy request');
      return;
    }
    if (target.protocol !== 'http:') {
      refuse(target.href, target.hostname, 'scheme', `scheme ${target.protocol} through plain proxy`);
      res.writeHead(403, { 'content-type': 'text/plain', [refusalHeader]: mark('scheme') }).end('refused');
      return;
    }
    if (capped) {
      refuse(target.href, target.hostname, 'byte_cap', `byte cap of ${maxBytes} bytes reached`);
      res.destroy();
      return;
    }
    const verdict = await guard.checkHost(target.hostname);
    if (!verdict.ok) {
      refuse(target.href, verdict.host, verdict.code, verdict.reason);
      res
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8', [refusalHeader]: mark(verdict.code) })
        .end(`Refused by the capture SSRF guard: ${verdict.reason}\n`);
      return;
    }
    const port = target.port === '' ? 80 : Number(target.port);
    let connected: { socket: net.Socket; ip: string };
    try {
      connected = await connectVetted(verdict, port);
    } catch {
      // Drop the connection instead of inventing a 502: the browser then reports the same kind of
      // network error it would have without the proxy, and no fake response reaches the evidence.
      res.destroy();
      return;
    }
    pin(verdict.host, port, connected.ip);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    }
    headers.host = target.host;
    const upstream = http.request({
      createConnection: () => connected.socket,
      method: req.method,
      path: `${target.pathname}${target.search}`,
      headers,
      // No agent: with `createConnection` and no agent Node uses exactly the vetted socket.
      setHost: false,
    });
    upstream.on('response', (up) => {
      // Approximate header bytes: status line + raw header lines.
      let headerBytes = 20;
      for (let i = 0; i + 1 < up.rawHeaders.length; i += 2) headerBytes += up.rawHeaders[i]!.length + up.rawHeaders[i + 1]!.length + 4;
      if (!count(headerBytes)) return;
      const raw: string[] = [];
      for (let i = 0; i + 1 < up.rawHeaders.length; i += 2) {
        const name = up.rawHeaders[i]!;
        if (HOP_BY_HOP.has(name.toLowerCase())) continue;
        raw.push(name, up.rawHeaders[i + 1]!);
      }
      res.writeHead(up.statusCode ?? 502, up.statusMessage, raw);
      up.on('data', (chunk: Buffer) => {
        if (count(chunk.length)) res.write(chunk);
        else res.destroy();
      });
      up.on('end', () => res.end());
      up.on('error', () => res.destroy());
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  }

  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    void handleConnect(req, client, head);
  });

  async function handleConnect(req: http.IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    track(client);
    client.on('error', () => client.destroy());
    const authority = req.url ?? '';
    const target = splitHostPort(authority, 443);
    const deny = (code: string, reason: string, host: string): void => {
      refuse(`https://${authority}/`, host, code, reason);
      client.end(`HTTP/1.1 403 Forbidden\r\n${refusalHeader}: ${mark(code)}\r\ncontent-length: 0\r\n\r\n`);
    };
    if (target === null) {
      deny('invalid_url', `bad CONNECT authority ${authority}`, authority);
      return;
    }
    if (capped) {
      deny('byte_cap', `byte cap of ${maxBytes} bytes reached`, target.host);
      return;
    }
    const verdict = await guard.checkHost(target.host);
    if (!verdict.ok) {
      deny(verdict.code, verdict.reason, verdict.host);
      return;
    }
    let connected: { socket: net.Socket; ip: string };
    try {
      connected = await connectVetted(verdict, target.port);
    } catch {
      if (!client.destroyed) client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    pin(verdict.host, target.port, connected.ip);
    const upstream = connected.socket;
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) upstream.write(head);
    upstream.on('data', (chunk: Buffer) => {
      if (count(chunk.length)) client.write(chunk);
    });
    upstream.on('end', () => client.end());
    client.pipe(upstream);
  }

  // Plain ws:// upgrades through a proxy are not expected from Chromium (it tunnels with CONNECT);
  // refuse rather than forward unchecked.
  server.on('upgrade', (_req: http.IncomingMessage, socket: Duplex) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;

  return {
    server: `http://127.0.0.1:${address.port}`,
    refusals,
    connections,
    bytesReceived: () => received,
    capReached: () => capped,
    capReachedPromise,
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
