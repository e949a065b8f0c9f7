/** Pure helpers of the patrol pages: search links, highlighted spans, durations, log periods. */
import { formatRocDate, taipeiParts } from '../../lib/roc-date.ts';

/** A platform's or unit's name in the UI language (the Chinese name when no English one is recorded). */
export function nameIn(language: string, named: { code: string; nameZh: string; nameEn: string }): string {
  if (language === 'en') return named.nameEn || named.nameZh || named.code;
  return named.nameZh || named.code;
}

/**
 * The search URL of a template for one keyword (`{q}` replaced by the URL-encoded keyword, as the
 * server's searchUrl() does). Null unless the result is an https/http URL: templates are kept by
 * administrators, and a link must never carry a `javascript:` or other scheme into the page.
 */
export function searchLink(template: string, keyword: string): string | null {
  const href = template.replaceAll('{q}', encodeURIComponent(keyword));
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? href : null;
  } catch {
    return null;
  }
}

/** The host of a search template, to tell apart two templates of one platform (TikTok / Douyin). */
export function templateHost(template: string): string {
  try {
    return new URL(template.replaceAll('{q}', 'q')).hostname.replace(/^www\./, '');
  } catch {
    return template;
  }
}

export interface SearchLink {
  keyword: string;
  /** Host of the template, set only when the platform has more than one template. */
  host: string | null;
  href: string;
}

/** Every search link of a platform: each keyword against each of its templates, in keyword order. */
export function platformSearchLinks(templates: readonly string[], keywords: readonly string[]): SearchLink[] {
  const links: SearchLink[] = [];
  for (const keyword of keywords) {
    for (const template of templates) {
      const href = searchLink(template, keyword);
      if (href) links.push({ keyword, host: templates.length > 1 ? templateHost(template) : null, href });
    }
  }
  return links;
}

/** One piece of a text: plain, or a highlighted span with the lexicon terms that matched there. */
export interface TextSegment {
  text: string;
  start: number;
  terms: string[] | null;
}

/**
 * Splits a text into plain and highlighted segments from match offsets (UTF-16, end exclusive).
 * Overlapping matches (學生妹 and 妹) are merged into one highlighted span naming every term;
 * offsets outside the text are ignored, so a stale result can never slice past the end.
 */
export function highlightSegments(text: string, matches: readonly { term: string; start: number; end: number }[]): TextSegment[] {
  const spans = matches
    .filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end > m.start && m.end <= text.length)
    .map((m) => ({ start: m.start, end: m.end, term: m.term }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: { start: number; end: number; terms: string[] }[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      if (!last.terms.includes(span.term)) last.terms.push(span.term);
    } else {
      merged.push({ start: span.start, end: span.end, terms: [span.term] });
    }
  }
  const segments: TextSegment[] = [];
  let at = 0;
  for (const span of merged) {
    if (span.start > at) segments.push({ text: text.slice(at, span.start), start: at, terms: null });
    segments.push({ text: text.slice(span.start, span.end), start: span.start, terms: span.terms });
    at = span.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), start: at, terms: null });
  return segments;
}

/** `1:05` for 65 minutes; `0:00` for nothing or nonsense. */
export function formatMinutes(minutes: number): string {
  const total = Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes) : 0;
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** `1:02:03` — elapsed time between two instants (never negative). */
export function formatElapsed(fromMs: number, toMs: number): string {
  const seconds = Math.max(0, Math.floor((toMs - fromMs) / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/**
 * A patrol-log period in the ROC calendar: `2026-11-28` → `115/11/28`, `2026-11` → `115/11`.
 * Anything else is shown as received.
 */
export function formatRocPeriod(period: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(period)) return formatRocDate(`${period}T12:00:00+08:00`) || period;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${Number(month[1]) - 1911}/${month[2]}`;
  return period;
}

/** Today's Taipei calendar date as `YYYY-MM-DD`, whatever the browser's own time zone is. */
export function taipeiToday(now: Date = new Date()): string {
  const p = taipeiParts(now);
  if (!p) return '';
  return `${p.rocYear + 1911}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The Taipei wall clock of an instant as `YYYY-MM-DDTHH:mm`, for a date-time picker's value. */
export function taipeiWallClock(now: Date = new Date()): string {
  const p = taipeiParts(now);
  if (!p) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.rocYear + 1911}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** The calendar day after `YYYY-MM-DD`. */
export function nextDay(ymd: string): string {
  const date = new Date(`${ymd}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The first day of the month after the month of `YYYY-MM-DD` (or `YYYY-MM`). */
export function nextMonthStart(ymd: string): string {
  const [year, month] = ymd.split('-').map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}
