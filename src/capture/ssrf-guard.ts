/**
 * SSRF guard for web capture. A capture fetches whatever a (possibly hostile) page points at, so
 * without this an investigator's capture of a crafted page could read the police intranet or a
 * cloud metadata service (169.254.169.254) and write the answer into evidence. Only http/https to
 * public unicast addresses is allowed unless the host or address is on the operator's allow list.
 *
 * Every address a name resolves to must pass, because the browser may use any of them.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** One resolved address, as `dns.lookup({ all: true })` returns it. */
export interface LookupAddress {
  address: string;
  family: number;
}

/** Resolver used by the guard; injectable so tests never touch real DNS. */
export type LookupFn = (hostname: string) => Promise<LookupAddress[]>;

/** Why a URL or host was refused. */
export type RefusalCode = 'invalid_url' | 'scheme' | 'forbidden_address' | 'dns_failed';

/** The guard's answer for one host. */
export type HostVerdict =
  | {
      ok: true;
      host: string;
      /** Every address the host resolved to (or the literal itself). */
      addresses: string[];
      /** The address connections are pinned to (first resolved), so DNS rebinding cannot swap it. */
      address: string;
      family: 4 | 6;
      allowedBy: 'public' | 'allow-list';
    }
  | { ok: false; host: string; code: RefusalCode; reason: string; addresses: string[] };

/** The guard's answer for a URL. */
export type UrlVerdict = (HostVerdict & { url: string }) | { ok: false; url: string; host: string; code: RefusalCode; reason: string; addresses: string[] };

/** Thrown when a capture is refused by the guard. */
export class SsrfRefusedError extends Error {
  constructor(
    readonly url: string,
    readonly code: RefusalCode,
    readonly reason: string,
    readonly stage: 'initial' | 'redirect' | 'subrequest',
  ) {
    super(`SSRF guard refused ${stage === 'initial' ? 'URL' : stage} ${url}: ${reason}`);
    this.name = 'SsrfRefusedError';
  }
}

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** A parsed allow list: exact host names, `*.suffix` wildcards and IP/CIDR ranges. */
export interface AllowList {
  hosts: Set<string>;
  suffixes: string[];
  cidrs: Cidr[];
}

const RANGE_REASONS: Record<string, string> = {
  unspecified: 'unspecified address (0.0.0.0/8, ::)',
  broadcast: 'broadcast address',
  multicast: 'multicast address',
  linkLocal: 'link-local address (169.254/16, fe80::/10; includes cloud metadata 169.254.169.254)',
  loopback: 'loopback address',
  carrierGradeNat: 'carrier-grade NAT address (100.64/10)',
  private: 'private address (10/8, 172.16/12, 192.168/16)',
  reserved: 'reserved or documentation address',
  uniqueLocal: 'unique-local address (fc00::/7)',
  deprecatedSiteLocal: 'site-local address (fec0::/10)',
  ipv4Mapped: 'IPv4-mapped IPv6 address',
  '6to4': '6to4 address (2002::/16) embedding an IPv4 address',
  teredo: 'Teredo address (2001::/32)',
  discard: 'discard-only address (100::/64)',
  benchmarking: 'benchmarking address',
};

function withArticle(phrase: string): string {
  return `${/^(?:IPv4|NAT64|unspecified|[aeio])/i.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** Readable form of an address; IPv4-mapped IPv6 keeps its dotted quad (::ffff:127.0.0.1). */
function display(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) return `::ffff:${(ip as ipaddr.IPv6).toIPv4Address().toString()}`;
  return ip.toString();
}

/** Strips brackets, a trailing dot and case from a URL host so comparisons are exact. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  while (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

/**
 * Parses an IP literal, including the legacy IPv4 spellings browsers accept (2130706433,
 * 0x7f.1, 0177.0.0.1, 127.1) — the WHATWG URL parser normalises those, but hosts also reach the
 * guard from CONNECT lines, so the guard recognises them itself rather than trusting the caller.
 */
export function parseIpLiteral(host: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const h = normalizeHost(host);
  if (h.includes(':')) {
    const zoneless = h.split('%')[0] ?? h;
    return ipaddr.IPv6.isValid(zoneless) ? ipaddr.IPv6.parse(zoneless) : null;
  }
  if (/^[0-9a-fx.]+$/i.test(h) && /^[0-9]/.test(h) && ipaddr.IPv4.isValid(h)) return ipaddr.IPv4.parse(h);
  return null;
}

/** Parses allow-list entries: `host.name`, `*.suffix`, `1.2.3.4`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
export function parseAllowList(entries: readonly string[] = []): AllowList {
  const list: AllowList = { hosts: new Set(), suffixes: [], cidrs: [] };
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.includes('/')) {
      list.cidrs.push(ipaddr.parseCIDR(entry));
      continue;
    }
    const ip = parseIpLiteral(entry);
    if (ip !== null) {
      list.cidrs.push([ip, ip.kind() === 'ipv4' ? 32 : 128]);
      continue;
    }
    const host = normalizeHost(entry);
    if (host.startsWith('*.')) list.suffixes.push(host.slice(1));
    else list.hosts.add(host);
  }
  return list;
}

function hostAllowed(list: AllowList, host: string): boolean {
  return list.hosts.has(host) || list.suffixes.some((suffix) => host.endsWith(suffix));
}

function addressAllowed(list: AllowList, ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  const candidates: Array<ipaddr.IPv4 | ipaddr.IPv6> = [ip];
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    candidates.push((ip as ipaddr.IPv6).toIPv4Address());
  }
  return candidates.some((candidate) =>
    list.cidrs.some(([net, bits]) => net.kind() === candidate.kind() && candidate.match([net, bits] as never)),
  );
}

/** Classification of one address without any allow list: public unicast or a named forbidden range. */
export function classifyAddress(address: string | ipaddr.IPv4 | ipaddr.IPv6): { public: boolean; range: string; reason: string } {
  const ip = typeof address === 'string' ? parseIpLiteral(address) : address;
  if (ip === null) return { public: false, range: 'invalid', reason: `not an IP address: ${String(address)}` };
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    const range = v6.range();
    // Addresses that embed an IPv4 address are judged by that address: ::ffff:127.0.0.1 is loopback.
    if (range === 'ipv4Mapped' || range === 'rfc6145') {
      const inner = classifyAddress(v6.toIPv4Address());
      return inner.public
        ? inner
        : { public: false, range: `ipv4Mapped/${inner.range}`, reason: `IPv4-mapped IPv6 form of ${withArticle(inner.reason)}` };
    }
    if (range === 'rfc6052') {
      // NAT64 (64:ff9b::/96): the last 32 bits are the IPv4 destination.
      const parts = v6.parts;
      const v4 = new ipaddr.IPv4([(parts[6]! >> 8) & 0xff, parts[6]! & 0xff, (parts[7]! >> 8) & 0xff, parts[7]! & 0xff]);
      const inner = classifyAddress(v4);
      return inner.public ? inner : { public: false, range: `nat64/${inner.range}`, reason: `NAT64 IPv6 form of ${withArticle(inner.reason)}` };
    }
    if (range === 'unicast') return { public: true, range, reason: 'public unicast' };
    return { public: false, range, reason: RANGE_REASONS[range] ?? `special-purpose IPv6 range (${range})` };
  }
  const range = (ip as ipaddr.IPv4).range();
  if (range === 'unicast') return { public: true, range, reason: 'public unicast' };
  return { public: false, range, reason: RANGE_REASONS[range] ?? `special-purpose IPv4 range (${range})` };
}

const defaultLookup: LookupFn = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family }));

/** Options for {@link SsrfGuard}. */
export interface SsrfGuardOptions {
  allowList?: readonly string[];
  lookup?: LookupFn;
}

/**
 * Checks URLs and hosts. Verdicts are cached per host for the guard's lifetime (one capture), so
 * the route pre-check and the forwarding proxy agree on one pinned address per host.
 */
export class SsrfGuard {
  readonly allow: AllowList;
  private readonly lookup: LookupFn;
  private readonly cache = new Map<string, Promise<HostVerdict>>();

  constructor(options: SsrfGuardOptions = {}) {
    this.allow = parseAllowList(options.allowList ?? []);
    this.lookup = options.lookup ?? defaultLookup;
  }

  /** Checks scheme and host of `url`. Never throws; refusals come back as `ok: false`. */
  async checkUrl(url: string): Promise<UrlVerdict> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, url, host: '', code: 'invalid_url', reason: 'not a valid absolute URL', addresses: [] };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      return { ok: false, url, host: parsed.hostname, code: 'scheme', reason: `scheme ${parsed.protocol} is not http/https`, addresses: [] };
    }
    return { ...(await this.checkHost(parsed.hostname)), url };
  }

  /** Checks one host (name or IP literal), resolving names with every address. */
  checkHost(rawHost: string): Promise<HostVerdict> {
    const host = normalizeHost(rawHost);
    let verdict = this.cache.get(host);
    if (verdict === undefined) {
      verdict = this.decide(host);
      this.cache.set(host, verdict);
    }
    return verdict;
  }

  private async decide(host: string): Promise<HostVerdict> {
    const listed = hostAllowed(this.allow, host);
    const literal = parseIpLiteral(host);
    let resolved: Array<{ ip: ipaddr.IPv4 | ipaddr.IPv6; text: string }>;
    if (literal !== null) {
      resolved = [{ ip: literal, text: display(literal) }];
    } else if (!listed && (host === 'localhost' || host.endsWith('.localhost'))) {
      // Chromium answers *.localhost itself (RFC 6761) without asking DNS, so refuse by name.
      return { ok: false, host, code: 'forbidden_address', reason: 'localhost names always mean loopback', addresses: [] };
    } else {
      try {
        const answers = await this.lookup(host);
        resolved = answers.flatMap((a) => {
          const ip = parseIpLiteral(a.address);
          return ip === null ? [] : [{ ip, text: display(ip) }];
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'error';
        return { ok: false, host, code: 'dns_failed', reason: `DNS lookup failed (${code})`, addresses: [] };
      }
      if (resolved.length === 0) {
        return { ok: false, host, code: 'dns_failed', reason: 'DNS lookup returned no addresses', addresses: [] };
      }
    }
    const addresses = resolved.map((r) => r.text);
    if (!listed) {
      for (const { ip, text } of resolved) {
        if (addressAllowed(this.allow, ip)) continue;
        const verdict = classifyAddress(ip);
        if (!verdict.public) {
          return { ok: false, host, code: 'forbidden_address', reason: `${text} is ${withArticle(verdict.reason)}`, addresses };
        }
      }
    }
    const first = resolved[0]!;
    const allowedBy = listed || resolved.every((r) => addressAllowed(this.allow, r.ip)) ? 'allow-list' : 'public';
    return { ok: true, host, addresses, address: first.text, family: first.ip.kind() === 'ipv4' ? 4 : 6, allowedBy };
  }
}
