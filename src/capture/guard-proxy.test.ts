import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureSite } from '../../test/fixtures/capture/site.ts';
import type { FixtureSite } from '../../test/fixtures/capture/site.ts';
import { REFUSAL_HEADER, startGuardProxy } from './guard-proxy.ts';
import { SsrfGuard } from './ssrf-guard.ts';

let site: FixtureSite;
beforeAll(async () => {
  site = await startFixtureSite();
});
afterAll(async () => {
  await site.close();
});

function viaProxy(proxy: string, target: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const p = new URL(proxy);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: p.hostname, port: Number(p.port), path: target, headers: { host: new URL(target).host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function connectLine(proxy: string, authority: string): Promise<string> {
  const p = new URL(proxy);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(p.port), p.hostname, () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (text.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(text.split('\r\n\r\n')[0]!);
      }
    });
    socket.on('error', reject);
    socket.on('end', () => resolve(text));
  });
}

describe('guard proxy', () => {
  it('forwards allowed requests to the pinned address and records it', async () => {
    const proxy = await startGuardProxy({ guard: new SsrfGuard({ allowList: ['127.0.0.1'] }), maxBytes: 1_000_000, refusalToken: 'tok' });
    try {
      const res = await viaProxy(proxy.server, `${site.origin}/go`);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/bbs/TestBoard/M.1763644233.A.1F2.html');
      expect(proxy.connections.get(`127.0.0.1:${site.port}`)).toEqual({ host: '127.0.0.1', port: site.port, ip: '127.0.0.1' });
      expect(proxy.bytesReceived()).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('refuses forbidden targets with a token-marked 403 and never connects', async () => {
    const proxy = await startGuardProxy({ guard: new SsrfGuard({ allowList: ['127.0.0.1'] }), maxBytes: 1_000_000, refusalToken: 'tok' });
    try {
      const res = await viaProxy(proxy.server, 'http://169.254.169.254/latest/meta-data/');
      expect(res.status).toBe(403);
      expect(res.headers[REFUSAL_HEADER]).toBe('tok forbidden_address');
      expect(res.body.toString()).toMatch(/link-local/);
      const line = await connectLine(proxy.server, '10.0.0.1:443');
      expect(line).toMatch(/^HTTP\/1\.1 403/);
      expect(proxy.refusals.map((r) => r.host)).toEqual(['169.254.169.254', '10.0.0.1']);
      expect(proxy.connections.size).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('without an allow list refuses loopback itself', async () => {
    const proxy = await startGuardProxy({ guard: new SsrfGuard(), maxBytes: 1_000_000 });
    try {
      const res = await viaProxy(proxy.server, `${site.origin}/`);
      expect(res.status).toBe(403);
      expect(proxy.refusals[0]?.reason).toMatch(/loopback/);
    } finally {
      await proxy.close();
    }
  });

  it('tunnels CONNECT to allowed hosts', async () => {
    const proxy = await startGuardProxy({ guard: new SsrfGuard({ allowList: ['127.0.0.1'] }), maxBytes: 1_000_000 });
    try {
      expect(await connectLine(proxy.server, `127.0.0.1:${site.port}`)).toMatch(/^HTTP\/1\.1 200 Connection Established/);
    } finally {
      await proxy.close();
    }
  });

  it('cuts transfers once the byte cap is exceeded', async () => {
    const proxy = await startGuardProxy({ guard: new SsrfGuard({ allowList: ['127.0.0.1'] }), maxBytes: 100_000 });
    try {
      const outcome = await viaProxy(proxy.server, `${site.origin}/blob.bin`).then(
        (res) => res.body.length,
        () => -1,
      );
      expect(outcome).toBeLessThan(2 * 1024 * 1024);
      expect(proxy.capReached()).toBe(true);
      const after = await viaProxy(proxy.server, `${site.origin}/`).then(
        (res) => res.status,
        () => -1,
      );
      expect(after).toBe(-1);
      expect(proxy.refusals.at(-1)?.code).toBe('byte_cap');
    } finally {
      await proxy.close();
    }
  });
});
