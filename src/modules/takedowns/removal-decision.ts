/**
 * Whether a takedown target's content is gone, decided from what one removal check saw (G5.2: an
 * order's content must be removed within 24 hours; still online at T + 24 h it is overdue and goes
 * to the DNS RPZ). Pure: no database, no network.
 *
 * The decision errs towards "not removed": a wrong "removed" ends the follow-up of content that is
 * still up (no overdue, no RPZ), while a wrong "online" only puts the target in front of an officer.
 * So "removed" needs positive evidence (a DNS NXDOMAIN, a 404/410, the platform's own "unavailable"
 * page, or the content's key text and images gone from a page that answered normally), and a page
 * that could not be judged is "inconclusive", never "removed".
 */

export type RemovalOutcome = 'removed' | 'online' | 'inconclusive';

/** Stable codes for what decided the outcome. */
export type RemovalReason =
  | 'dns_unresolved'
  | 'dns_error'
  | 'capture_failed'
  | 'http_404'
  | 'http_410'
  | 'platform_marker'
  | 'content_gone'
  | 'content_present'
  | 'no_reference'
  | 'http_error'
  | 'redirected'
  | 'empty_page';

export type RemovalDecision = { outcome: RemovalOutcome; reason: RemovalReason; detail: string };

export type RemovalObservation = {
  /** The main document's final HTTP status; null when no page was captured. */
  httpStatus: number | null;
  /** The resolver's error code for the URL's host (ENOTFOUND …), or null when it resolved. */
  dnsError: string | null;
  /** Why the capture failed, when it did (shown in the detail). */
  captureError?: string | null;
  /** The captured page's visible text (scripts and styles excluded). */
  pageText: string;
  /** The URL asked for and the one the browser ended on (after redirects). */
  requestedUrl?: string | null;
  finalUrl?: string | null;
  /** The platform's "content unavailable" phrases (data, kept per platform). */
  markers: readonly string[];
  /** Fragments of the original content's text. */
  keyTexts: readonly string[];
  /** SHA-256 of the original content's images, and of the images the check's page loaded. */
  originalImageHashes: readonly string[];
  currentImageHashes: readonly string[];
  /** The original capture's page text: a marker already on it tells nothing (e.g. a footer phrase). */
  originalPageText?: string | null;
  /**
   * The domain is under a DNS RPZ request: resolvers applying TWNIC's RPZ answer NXDOMAIN for it,
   * so a host that does not resolve proves nothing about the content itself.
   */
  rpzInEffect?: boolean;
};

/** Resolver answers meaning the name does not exist (or has no address), as opposed to a failure to ask. */
export const UNRESOLVED_DNS_CODES: ReadonlySet<string> = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN', 'ENONAME']);

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
// Platforms draw emoji as images (their alt text is not page text), so emoji count on neither side.
const EMOJI = /\p{Extended_Pictographic}|[\u{1f3fb}-\u{1f3ff}]|\ufe0e|\ufe0f|\u20e3/gu;
const WHITESPACE = /\s+/gu;

/**
 * The form texts are compared in: NFKC (full-width letters and compatibility forms folded), case
 * folded, typographic quotes made plain, and every space removed. Spaces are removed rather than
 * collapsed because a page's extracted text breaks lines at element boundaries where the officer's
 * copy of the post (or the platform's marker) has none, and Chinese text has no spaces to lose.
 * Emoji are dropped as well.
 */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(EMOJI, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032\u02bc]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(WHITESPACE, '');
}

/**
 * The same document for the purpose of "was the browser sent elsewhere": the scheme, a leading
 * "www.", the fragment and a trailing slash do not count (http → https and www redirects are routine).
 */
function sameDocument(a: string, b: string): boolean {
  const key = (u: string) => {
    try {
      const url = new URL(u);
      return `${url.hostname.replace(/^www\./, '')}:${url.port}${url.pathname.replace(/\/$/, '')}${url.search}`;
    } catch {
      return u;
    }
  };
  return key(a) === key(b);
}

const quote = (text: string, max = 80) => `「${text.length > max ? `${text.slice(0, max)}…` : text}」`;

/** Decides one check; the rules are applied in order and the first that applies wins. */
export function decideRemoval(input: RemovalObservation): RemovalDecision {
  // 1. The host is gone. Under RPZ a non-resolving name is the block we asked for, not a removal.
  if (input.dnsError !== null) {
    if (UNRESOLVED_DNS_CODES.has(input.dnsError)) {
      if (input.rpzInEffect) {
        return { outcome: 'inconclusive', reason: 'dns_unresolved', detail: `DNS ${input.dnsError}, but the domain is under a DNS RPZ request: a resolver applying RPZ answers so whether or not the content is still up` };
      }
      return { outcome: 'removed', reason: 'dns_unresolved', detail: `DNS ${input.dnsError}: the host no longer resolves` };
    }
    return { outcome: 'inconclusive', reason: 'dns_error', detail: `DNS lookup failed (${input.dnsError}); not a proof either way` };
  }
  if (input.httpStatus === null) {
    return { outcome: 'inconclusive', reason: 'capture_failed', detail: `no page captured${input.captureError ? `: ${input.captureError.slice(0, 300)}` : ''}` };
  }
  // 2. The server says the document is gone.
  if (input.httpStatus === 404) return { outcome: 'removed', reason: 'http_404', detail: 'HTTP 404 Not Found' };
  if (input.httpStatus === 410) return { outcome: 'removed', reason: 'http_410', detail: 'HTTP 410 Gone' };

  const page = normaliseForMatch(input.pageText);
  const keyTexts = input.keyTexts.map((text) => ({ text, norm: normaliseForMatch(text) })).filter((k) => k.norm.length > 0);
  const originalImages = new Set(input.originalImageHashes);
  const foundText = keyTexts.find((k) => page.includes(k.norm));
  const foundImage = input.currentImageHashes.find((hash) => originalImages.has(hash));

  // 3. The content is still served. Checked before the markers because a captured page is hostile:
  // a post that quotes a platform's "unavailable" phrase must not get itself marked removed.
  if (foundText || foundImage) {
    const what = foundText ? `key text ${quote(foundText.text)} still on the page` : `an original image (sha256 ${foundImage!.slice(0, 16)}…) still served`;
    const marker = matchMarker(input, page);
    return { outcome: 'online', reason: 'content_present', detail: `HTTP ${input.httpStatus}; ${what}${marker ? `; the page also shows ${quote(marker)}, which the content itself may quote` : ''}` };
  }

  // 4. A server error page says nothing about the content, whatever phrases it shows.
  if (input.httpStatus >= 500) return { outcome: 'inconclusive', reason: 'http_error', detail: `HTTP ${input.httpStatus}: server error, the content may be back later` };

  // 5. The platform's own "content unavailable" page.
  const marker = matchMarker(input, page);
  if (marker) return { outcome: 'removed', reason: 'platform_marker', detail: `HTTP ${input.httpStatus}; the platform shows ${quote(marker)}` };

  // 6. Pages that cannot be judged by their content: login walls (401/403), rate limits (429), a
  // redirect elsewhere (often to a sign-in page), a page without visible text.
  if (input.httpStatus < 200 || input.httpStatus >= 300) {
    return { outcome: 'inconclusive', reason: 'http_error', detail: `HTTP ${input.httpStatus}: the page cannot show whether the content is gone` };
  }
  if (input.requestedUrl && input.finalUrl && !sameDocument(input.requestedUrl, input.finalUrl)) {
    return { outcome: 'inconclusive', reason: 'redirected', detail: `HTTP ${input.httpStatus} after a redirect to ${input.finalUrl.slice(0, 300)}; the content is not there, but a redirect (e.g. to a sign-in page) does not prove removal` };
  }
  if (page.length === 0) {
    return { outcome: 'inconclusive', reason: 'empty_page', detail: `HTTP ${input.httpStatus} with no visible text (the page may not have rendered)` };
  }

  // 7. A normal page without any of the content we know.
  if (keyTexts.length > 0 || originalImages.size > 0) {
    return {
      outcome: 'removed',
      reason: 'content_gone',
      detail: `HTTP ${input.httpStatus}; none of ${keyTexts.length} key text(s) and none of ${originalImages.size} original image(s) on the page`,
    };
  }
  // 8. Nothing to compare with: the page answers, and presence can neither be proven nor ruled out.
  // "online" rather than "removed", because removal needs positive evidence (see the module note).
  return { outcome: 'online', reason: 'no_reference', detail: `HTTP ${input.httpStatus}; no key text or image of the original content to compare with, so presence is assumed, not proven` };
}

/** The first marker on the page that was not already on the original page. */
function matchMarker(input: RemovalObservation, page: string): string | null {
  const original = input.originalPageText ? normaliseForMatch(input.originalPageText) : '';
  for (const marker of input.markers) {
    const norm = normaliseForMatch(marker);
    if (norm.length < 2) continue;
    if (page.includes(norm) && !original.includes(norm)) return marker;
  }
  return null;
}
