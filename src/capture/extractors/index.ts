/**
 * Platform extractors over captured DOM HTML. They take the HTML string (not a live page) so they
 * run the same on a fresh capture, a saved copy or a unit-test fixture, and never throw.
 */
import { detectDcard, extractDcard } from './dcard.ts';
import { extractGeneric } from './generic.ts';
import { parseHtml, textContent } from './html.ts';
import { detectPtt, extractPtt } from './ptt.ts';
import type { Extracted } from './types.ts';

export type { Extracted, Sourced, PttPush, PttEdit, PttDetails, DcardDetails, GenericDetails } from './types.ts';

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Runs platform detection and the matching extractor; generic metadata is always included. */
export function extractFromHtml(html: string, pageUrl: string): Extracted {
  const root = parseHtml(html);
  const host = hostOf(pageUrl);
  const generic = extractGeneric(root);
  const ptt = detectPtt(root, host);
  if (ptt !== null) return { ...extractPtt(root, pageUrl, ptt), generic };
  const dcard = detectDcard(root, host);
  if (dcard !== null) return { ...extractDcard(root, pageUrl, dcard), generic };
  const authorSource = generic.author ?? generic.article_author;
  return {
    platform: 'generic',
    detected_by: 'fallback:no platform matched',
    account_name: authorSource,
    account_id: null,
    poster_ip: null,
    posted_at: generic.published_time,
    title: generic.og_title ?? generic.title,
    ptt: null,
    dcard: null,
    generic,
  };
}

/** Elements whose text a reader never sees (scripts, styles, templates): left out of the page text. */
const INVISIBLE_TAGS = new Set(['noscript', 'template', 'head', 'svg']);

/**
 * The readable text of a captured page, whitespace collapsed, for keyword triage (G6.1). Parsed
 * from the saved DOM, never executed.
 */
export function pageTextFromHtml(html: string): string {
  const root = parseHtml(html);
  return textContent(root, (el) => INVISIBLE_TAGS.has(el.tag))
    .replace(/[ \t\r\f\v]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
