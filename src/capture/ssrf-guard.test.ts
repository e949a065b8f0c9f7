import { describe, expect, it, vi } from 'vitest';
import { SsrfGuard, SsrfRefusedError, classifyAddress, parseAllowList, parseIpLiteral } from './ssrf-guard.ts';
import type { LookupFn } from './ssrf-guard.ts';

const noDns: LookupFn = () => {
  throw new Error('DNS must not be consulted for IP literals');
};

const fakeDns =
  (table: Record<string, string[]>): LookupFn =>
  async (host) => {
    const answers = table[host];
    if (answers === undefined) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['169.254.0.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped/loopback'],
    ['::ffff:10.0.0.1', 'ipv4Mapped/private'],
    ['::ffff:169.254.169.254', 'ipv4Mapped/linkLocal'],
    ['::ffff:0.0.0.0', 'ipv4Mapped/unspecified'],
    ['64:ff9b::a00:1', 'nat64/private'],
    ['2002:7f00:1::', '6to4'],
    ['2001:db8::1', 'reserved'],
  ])('refuses %s (%s)', (address, range) => {
    const verdict = classifyAddress(address);
    expect(verdict.public).toBe(false);
    expect(verdict.range).toBe(range);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '169.253.255.255', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows public %s',
    (address) => {
      expect(classifyAddress(address).public).toBe(true);
    },
  );
});

describe('parseIpLiteral', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
    ['[fe80::1%eth0]', 'fe80::1'],
  ])('reads the legacy spelling %s as %s', (input, expected) => {
    expect(parseIpLiteral(input)?.toString()).toBe(expected);
  });

  it('does not treat names as addresses', () => {
    expect(parseIpLiteral('example.org')).toBeNull();
    expect(parseIpLiteral('deadbeef.example')).toBeNull();
    expect(parseIpLiteral('face')).toBeNull();
  });
});

describe('SsrfGuard.checkUrl', () => {
  const guard = new SsrfGuard({ lookup: noDns });

  it.each([
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0x7f000001/',
    'http://017700000001/',
    'http://127.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::1]:8080/',
    'http://0/',
    'http://[::]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00::1]/',
    'https://10.1.2.3:8443/x',
    'http://100.64.1.1/',
    'http://LOCALHOST./',
    'http://localhost:3000/',
    'http://foo.localhost/',
  ])('refuses %s', async (url) => {
    const verdict = await guard.checkUrl(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.code).toBe('forbidden_address');
  });

  it.each(['file:///etc/passwd', 'ftp://example.org/', 'gopher://example.org/', 'javascript:alert(1)', 'data:text/html,hi', 'ws://example.org/'])(
    'refuses the scheme of %s',
    async (url) => {
      const verdict = await guard.checkUrl(url);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.code).toBe('scheme');
    },
  );

  it('refuses a relative or malformed URL', async () => {
    const verdict = await guard.checkUrl('/just/a/path');
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.code).toBe('invalid_url');
  });

  it('names IPv4-mapped addresses readably', async () => {
    const verdict = await guard.checkUrl('http://[::ffff:169.254.169.254]/');
    expect(verdict.ok === false && verdict.reason).toBe(
      '::ffff:169.254.169.254 is an IPv4-mapped IPv6 form of a link-local address (169.254/16, fe80::/10; includes cloud metadata 169.254.169.254)',
    );
    const unspecified = await guard.checkUrl('http://0.0.0.0/');
    expect(unspecified.ok === false && unspecified.reason).toBe('0.0.0.0 is an unspecified address (0.0.0.0/8, ::)');
  });

  it('explains the refusal clearly', async () => {
    const verdict = await guard.checkUrl('http://169.254.169.254/latest/meta-data/');
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) {
      expect(verdict.reason).toMatch(/169\.254\.169\.254 is a link-local address/);
      expect(verdict.reason).toMatch(/metadata/);
      const error = new SsrfRefusedError(verdict.url, verdict.code, verdict.reason, 'initial');
      expect(error.message).toBe(`SSRF guard refused URL http://169.254.169.254/latest/meta-data/: ${verdict.reason}`);
    }
  });
});

describe('SsrfGuard with DNS', () => {
  it('allows a name whose every address is public and pins the first one', async () => {
    const guard = new SsrfGuard({ lookup: fakeDns({ 'news.example': ['93.184.216.34', '2606:2800:220:1::1'] }) });
    const verdict = await guard.checkUrl('https://news.example/a');
    expect(verdict).toMatchObject({ ok: true, address: '93.184.216.34', family: 4, allowedBy: 'public' });
  });

  it('refuses a name if any resolved address is internal (DNS rebinding / split answers)', async () => {
    const guard = new SsrfGuard({ lookup: fakeDns({ 'evil.example': ['93.184.216.34', '10.0.0.8'] }) });
    const verdict = await guard.checkUrl('http://evil.example/');
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toContain('10.0.0.8');
  });

  it('refuses names resolving to IPv4-mapped loopback and metadata', async () => {
    const guard = new SsrfGuard({ lookup: fakeDns({ 'a.example': ['::ffff:127.0.0.1'], 'b.example': ['169.254.169.254'] }) });
    expect((await guard.checkUrl('http://a.example/')).ok).toBe(false);
    expect((await guard.checkUrl('http://b.example/')).ok).toBe(false);
  });

  it('refuses when DNS fails or returns nothing', async () => {
    const guard = new SsrfGuard({ lookup: fakeDns({ 'empty.example': [] }) });
    const missing = await guard.checkUrl('http://missing.example/');
    const empty = await guard.checkUrl('http://empty.example/');
    expect(missing.ok === false && missing.code).toBe('dns_failed');
    expect(empty.ok === false && empty.code).toBe('dns_failed');
  });

  it('resolves each host once per guard so every check agrees on one pinned address', async () => {
    const lookup = vi.fn(fakeDns({ 'cached.example': ['93.184.216.34'] }));
    const guard = new SsrfGuard({ lookup });
    await guard.checkUrl('http://cached.example/1');
    await guard.checkUrl('https://CACHED.example./2');
    expect(lookup).toHaveBeenCalledTimes(1);
  });
});

describe('allow list', () => {
  it('parses hosts, wildcards, IPs and CIDRs', () => {
    const list = parseAllowList(['Intranet.Test.', '*.corp.test', '127.0.0.1', '10.0.0.0/8', 'fd00::/8', ' ']);
    expect([...list.hosts]).toEqual(['intranet.test']);
    expect(list.suffixes).toEqual(['.corp.test']);
    expect(list.cidrs).toHaveLength(3);
  });

  it('lets listed hosts and addresses through, and nothing else', async () => {
    const guard = new SsrfGuard({
      allowList: ['intranet.test', '*.corp.test', '127.0.0.0/8', 'localhost'],
      lookup: fakeDns({ 'intranet.test': ['10.0.0.7'], 'wiki.corp.test': ['192.168.3.3'], localhost: ['127.0.0.1'] }),
    });
    expect(await guard.checkUrl('http://intranet.test/')).toMatchObject({ ok: true, allowedBy: 'allow-list', address: '10.0.0.7' });
    expect(await guard.checkUrl('http://wiki.corp.test/')).toMatchObject({ ok: true, allowedBy: 'allow-list' });
    expect(await guard.checkUrl('http://127.0.0.1:8080/')).toMatchObject({ ok: true, allowedBy: 'allow-list' });
    expect(await guard.checkUrl('http://2130706433/')).toMatchObject({ ok: true });
    expect(await guard.checkUrl('http://[::ffff:127.0.0.1]/')).toMatchObject({ ok: true });
    expect(await guard.checkUrl('http://localhost:9/')).toMatchObject({ ok: true, address: '127.0.0.1' });
    expect((await guard.checkUrl('http://10.0.0.1/')).ok).toBe(false);
    expect((await guard.checkUrl('http://169.254.169.254/')).ok).toBe(false);
    expect((await guard.checkUrl('http://[::1]/')).ok).toBe(false);
    expect((await guard.checkUrl('http://corp.test/')).ok).toBe(false);
  });
});
