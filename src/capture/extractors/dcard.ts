/**
 * Dcard post extractor. Dcard shows no poster IP; what identifies the poster is the school (and
 * department, when the author chose to show it) or a persona handle, which the post page declares
 * in JSON-LD and meta tags. The post id comes from the URL `dcard.tw/f/<forum>/p/<id>`.
 */
import { findAll, metaContent, textContent } from './html.ts';
import type { HtmlElement } from './html.ts';
import type { DcardDetails, Extracted, Sourced } from './types.ts';

const POST_PATH = /dcard\.tw\/f\/([A-Za-z0-9_-]+)\/p\/(\d+)/;
const POSTING_TYPES = new Set(['DiscussionForumPosting', 'SocialMediaPosting', 'Article', 'BlogPosting', 'NewsArticle']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every JSON-LD object on the page (flattening arrays and @graph), with its script index. */
export function jsonLdObjects(root: HtmlElement): Array<{ index: number; value: Record<string, Json> }> {
  const out: Array<{ index: number; value: Record<string, Json> }> = [];
  const scripts = findAll(root, (el) => el.tag === 'script' && (el.attrs.get('type') ?? '').toLowerCase() === 'application/ld+json');
  scripts.forEach((script, index) => {
    let parsed: Json;
    try {
      parsed = JSON.parse(textContent(script)) as Json;
    } catch {
      return;
    }
    const stack: Json[] = [parsed];
    while (stack.length > 0) {
      const item = stack.pop();
      if (Array.isArray(item)) stack.push(...item);
      else if (item !== null && typeof item === 'object') {
        out.push({ index, value: item });
        const graph = item['@graph'];
        if (Array.isArray(graph)) stack.push(...graph);
      }
    }
  });
  return out;
}

function str(value: Json | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function isPosting(value: Record<string, Json>): boolean {
  const type = value['@type'];
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && POSTING_TYPES.has(t));
}

/** Returns how the page was recognised as Dcard, or null. */
export function detectDcard(root: HtmlElement, host: string): string | null {
  const h = host.toLowerCase();
  if (h === 'dcard.tw' || h.endsWith('.dcard.tw')) return `domain:${h}`;
  const site = metaContent(root, 'og:site_name');
  if (site !== null && site.value.toLowerCase() === 'dcard') return `structure:${site.source}=Dcard`;
  const og = metaContent(root, 'og:url');
  if (og !== null && POST_PATH.test(og.value)) return `structure:${og.source} is a dcard.tw post URL`;
  return null;
}

/** Extracts the Dcard fields from a parsed page. */
export function extractDcard(root: HtmlElement, pageUrl: string, detectedBy: string): Omit<Extracted, 'generic'> {
  const postings = jsonLdObjects(root).filter((o) => isPosting(o.value));
  const posting = postings[0];
  const ldPath = posting === undefined ? '' : `script[type="application/ld+json"] #${posting.index + 1}`;
  const ld = posting?.value;

  // Post id/forum: the page URL first, then declared URLs.
  let forum: Sourced | null = null;
  let postId: Sourced | null = null;
  const candidates: Array<{ url: string | null; source: string }> = [
    { url: pageUrl, source: 'page URL path /f/<forum>/p/<id>' },
    { url: str(ld?.url), source: `${ldPath} .url` },
    { url: metaContent(root, 'og:url')?.value ?? null, source: 'meta[property="og:url"]' },
  ];
  for (const { url, source } of candidates) {
    const m = url === null ? null : POST_PATH.exec(url);
    if (m === null || url === null) continue;
    forum = { value: m[1]!, source, raw: url };
    postId = { value: m[2]!, source, raw: url };
    break;
  }

  let accountName: Sourced | null = null;
  let accountId: Sourced | null = null;
  let school: Sourced | null = null;
  let department: Sourced | null = null;
  const authorLd = ld?.author;
  const authorObj = Array.isArray(authorLd) ? authorLd[0] : authorLd;
  if (authorObj !== undefined && authorObj !== null && typeof authorObj === 'object' && !Array.isArray(authorObj)) {
    const name = str(authorObj.name);
    if (name !== null) {
      accountName = { value: name, source: `${ldPath} .author.name`, raw: name };
      // Dcard renders anonymous authors as "<school> <department>".
      const [first, ...rest] = name.split(/\s+/);
      school = { value: first!, source: `${ldPath} .author.name (first word)`, raw: name };
      if (rest.length > 0) department = { value: rest.join(' '), source: `${ldPath} .author.name (after first word)`, raw: name };
    }
    const url = str(authorObj.url);
    const persona = url === null ? null : /dcard\.tw\/@([A-Za-z0-9_.-]+)/.exec(url);
    if (persona !== null && url !== null) accountId = { value: persona[1]!, source: `${ldPath} .author.url`, raw: url };
    const schoolLd = str(authorObj.affiliation as Json) ?? (typeof authorObj.affiliation === 'object' && authorObj.affiliation !== null && !Array.isArray(authorObj.affiliation) ? str(authorObj.affiliation.name) : null);
    if (schoolLd !== null) school = { value: schoolLd, source: `${ldPath} .author.affiliation`, raw: schoolLd };
  } else if (typeof authorObj === 'string' && authorObj.trim() !== '') {
    accountName = { value: authorObj.trim(), source: `${ldPath} .author`, raw: authorObj };
  }
  if (accountName === null) {
    const meta = metaContent(root, 'article:author') ?? metaContent(root, 'author');
    if (meta !== null) accountName = { value: meta.value, source: meta.source, raw: meta.value };
  }

  let postedAt: Sourced | null = null;
  const published = str(ld?.datePublished);
  if (published !== null) postedAt = { value: published, source: `${ldPath} .datePublished`, raw: published };
  else {
    const meta = metaContent(root, 'article:published_time');
    if (meta !== null) postedAt = { value: meta.value, source: meta.source, raw: meta.value };
  }

  let title: Sourced | null = null;
  const headline = str(ld?.headline);
  if (headline !== null) title = { value: headline, source: `${ldPath} .headline`, raw: headline };
  else {
    const og = metaContent(root, 'og:title');
    if (og !== null) title = { value: og.value, source: og.source, raw: og.value };
  }

  const dcard: DcardDetails = { forum, post_id: postId, school, department };
  return {
    platform: 'dcard',
    detected_by: detectedBy,
    account_name: accountName,
    account_id: accountId,
    poster_ip: null,
    posted_at: postedAt,
    title,
    ptt: null,
    dcard,
  };
}
