/**
 * Canonical form of a URL met on patrol, so the same post reached through a share link, the
 * mobile site or a tracking parameter is recognised as one URL department-wide (G5.1: "is it
 * already known?"). Pure: no I/O. Conservative: only differences that never change which
 * content a platform shows are removed.
 */

export class UrlRejectedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UrlRejectedError';
  }
}

export const MAX_URL_LENGTH = 2048;

/** Host prefixes that serve the same content as the bare domain. */
const SAME_CONTENT_HOST_PREFIXES = ['www.', 'm.', 'mobile.', 'mbasic.', 'web.'];

/** Host aliases of one platform (twitter.com and x.com show the same post). */
const HOST_ALIASES: Record<string, string> = {
  'twitter.com': 'x.com',
  'fb.com': 'facebook.com',
  'instagr.am': 'instagram.com',
};

/** Query parameters that only track who shared or clicked; never part of what the page shows. */
const TRACKING_PARAMETERS = new Set([
  'fbclid', 'gclid', 'dclid', 'msclkid', 'igshid', 'igsh', 'mibextid', 'ref', 'ref_src', 'ref_url', 'refsrc',
  'share_id', 'share_app_id', 'sender_device', 'sender_web_id', 'is_from_webapp', 'is_copy_url', 'xsec_source',
  'xmode', 'utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'utm_id', 'si', '_rdr', 'rdid',
  'share_source', 'share_medium', 'app_platform', 'apptime', 'appuid', 'wechatwv', 'from', 'feature',
]);

/** Per-host parameters that are tracking there but meaningful elsewhere (x.com `s`/`t` vs YouTube `t`). */
const HOST_TRACKING_PARAMETERS: Record<string, readonly string[]> = {
  'x.com': ['s', 't'],
  'threads.net': ['hl'],
  'instagram.com': ['hl', 'img_index'],
};

function stripHostPrefix(host: string): string {
  for (const prefix of SAME_CONTENT_HOST_PREFIXES) {
    if (host.startsWith(prefix) && host.split('.').length > 2) return host.slice(prefix.length);
  }
  return host;
}

/** Checks that `raw` is an http(s) URL an officer may record; returns the parsed URL. */
export function parsePatrolUrl(raw: string): URL {
  const trimmed = raw.trim();
  if (trimmed.length === 0) throw new UrlRejectedError('網址是空的 (the URL is empty)');
  if (trimmed.length > MAX_URL_LENGTH) throw new UrlRejectedError(`網址過長，超過 ${MAX_URL_LENGTH} 字元 (URL longer than ${MAX_URL_LENGTH} characters)`);
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new UrlRejectedError(`網址格式錯誤 (not a valid URL): ${trimmed.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UrlRejectedError(`只接受 http 或 https 網址 (only http and https URLs): ${url.protocol}`);
  }
  if (url.username || url.password) throw new UrlRejectedError('網址不可包含帳號密碼 (the URL must not carry credentials)');
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') throw new UrlRejectedError(`網址缺少完整網域 (the host is not a domain): ${url.hostname}`);
  return url;
}

/**
 * The canonical string: https scheme, lower-case host without www/m. prefixes and aliases
 * resolved, no default port, no fragment (except hash routes `#!`/`#/`), no tracking parameters,
 * remaining parameters sorted, no trailing slash. Paths keep their case (post ids are
 * case-sensitive).
 */
export function canonicalUrl(raw: string): { canonical: string; host: string } {
  const url = parsePatrolUrl(raw);
  let host = stripHostPrefix(url.hostname.toLowerCase().replace(/\.$/, ''));
  host = HOST_ALIASES[host] ?? host;
  let pathname = url.pathname.replace(/\/{2,}/g, '/');
  const params = new URLSearchParams(url.search);

  // youtu.be/ID and /shorts/ID are the same video as /watch?v=ID.
  if (host === 'youtu.be' && pathname.length > 1) {
    params.set('v', pathname.slice(1).split('/')[0]!);
    host = 'youtube.com';
    pathname = '/watch';
  }

  const hostSpecific = HOST_TRACKING_PARAMETERS[host] ?? [];
  const kept = [...params.entries()].filter(([key]) => {
    const lower = key.toLowerCase();
    return !TRACKING_PARAMETERS.has(lower) && !lower.startsWith('utm_') && !hostSpecific.includes(lower);
  });
  kept.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  const query = kept.length > 0 ? `?${new URLSearchParams(kept).toString()}` : '';
  if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.replace(/\/+$/, '');
  const port = url.port && !((url.protocol === 'https:' && url.port === '443') || (url.protocol === 'http:' && url.port === '80')) ? `:${url.port}` : '';
  const hashRoute = url.hash.startsWith('#!') || url.hash.startsWith('#/') ? url.hash : '';
  // One scheme: a page served on http and https is the same page for "already known?".
  return { canonical: `https://${host}${port}${pathname}${query}${hashRoute}`, host };
}
