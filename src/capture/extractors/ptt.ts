/**
 * PTT (批踢踢實業坊) article extractor. G6.1 asks patrol evidence to record the account and the
 * poster's IP where the platform shows it; PTT prints both in the article: the `作者` header and
 * the `※ 發信站: 批踢踢實業坊(ptt.cc), 來自: <ip>` line, plus `※ 編輯:` lines and push IPs.
 *
 * Recognised by domain (ptt.cc) or by the page's own structure, so mirrors and saved copies work.
 * PTT times are Taiwan local time, so ISO values carry +08:00.
 */
import ipaddr from 'ipaddr.js';
import { findAll, findFirst, hasClass, textContent } from './html.ts';
import type { HtmlElement } from './html.ts';
import type { Extracted, PttDetails, PttEdit, PttPush, Sourced } from './types.ts';

const PTT_HOSTS = new Set(['ptt.cc', 'www.ptt.cc']);
const MONTHS: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };
const SENDER = /^※ 發信站:\s*批踢踢實業坊\(ptt\.cc\),?\s*來自:\s*([0-9A-Fa-f:.]+)(?:\s*\(([^)]*)\))?/;
const OLD_SENDER = /^◆ From:\s*([0-9A-Fa-f:.]+)/;
const EDIT = /^※ 編輯:\s*([A-Za-z0-9_]+)\s*\(([0-9A-Fa-f:.]+)(?:\s+([^)]*?))?\)\s*,?\s*(\d{1,2}\/\d{1,2}\/\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?)?/;
const ARTICLE_URL = /^※ 文章網址:\s*(https?:\/\/\S+)/;
const ARTICLE_PATH = /\/bbs\/([A-Za-z0-9_-]+)\/(M\.(\d+)\.A(?:\.[0-9A-F]{3})?)\.html/;
const PUSH_IPDATETIME = /^(?:([0-9A-Fa-f:.]+)\s+)?(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const PLAIN_PUSH = /^(推|噓|→)\s*([A-Za-z0-9_]+)\s*:\s?(.*?)\s+(?:([0-9A-Fa-f:.]+)\s+)?(\d{1,2}\/\d{1,2}(?:\s+\d{1,2}:\d{2})?)\s*$/;

const pad = (n: number): string => String(n).padStart(2, '0');
const tw = (y: number, mo: number, d: number, h: number, mi: number, s: number): string =>
  `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+08:00`;

function validIp(text: string): boolean {
  return ipaddr.isValid(text) && (text.includes(':') || /^\d{1,3}(\.\d{1,3}){3}$/.test(text));
}

/** Parses PTT's header time `Thu Nov 20 21:10:33 2025` to ISO +08:00. */
export function parsePttHeaderTime(text: string): string | null {
  const m = /^(?:[A-Z][a-z]{2}\s+)?([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$/.exec(text.trim());
  const month = m === null ? undefined : MONTHS[m[1]!];
  if (m === null || month === undefined) return null;
  return tw(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

/** Parses `11/20/2025 21:15:00` (edit lines) to ISO +08:00. */
export function parsePttEditTime(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (m === null) return null;
  return tw(Number(m[3]), Number(m[1]), Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}

/** True for the PTT web hosts. */
export function isPttHost(host: string): boolean {
  return PTT_HOSTS.has(host.toLowerCase());
}

/** Returns how the page was recognised as PTT, or null. */
export function detectPtt(root: HtmlElement, host: string): string | null {
  if (isPttHost(host)) return `domain:${host.toLowerCase()}`;
  const main = findFirst(root, (el) => el.attrs.get('id') === 'main-content');
  const hasMeta = findFirst(root, (el) => hasClass(el, 'article-metaline')) !== null;
  if (main !== null && hasMeta) return 'structure:#main-content+.article-metaline';
  const text = textContent(main ?? root);
  const sender = text.split('\n').some((line) => SENDER.test(line.trim()));
  if (main !== null && sender) return 'structure:#main-content+※ 發信站';
  if (sender) return 'structure:※ 發信站 line';
  return null;
}

interface Line {
  n: number;
  text: string;
}

function lineSource(line: Line, scope: string): string {
  return `${scope} line ${line.n}`;
}

/** Extracts the PTT fields from a parsed page. `detectedBy` comes from {@link detectPtt}. */
export function extractPtt(root: HtmlElement, pageUrl: string, detectedBy: string): Omit<Extracted, 'generic'> {
  const main = findFirst(root, (el) => el.attrs.get('id') === 'main-content');
  const scopeEl = main ?? root;
  const scope = main !== null ? '#main-content text' : 'page text';

  // Header lines (作者/看板/標題/時間) from the metaline elements.
  const meta = new Map<string, Sourced>();
  for (const el of findAll(scopeEl, (e) => hasClass(e, 'article-metaline') || hasClass(e, 'article-metaline-right'))) {
    const tagEl = findFirst(el, (e) => hasClass(e, 'article-meta-tag'));
    const valueEl = findFirst(el, (e) => hasClass(e, 'article-meta-value'));
    if (tagEl === null || valueEl === null) continue;
    const tag = textContent(tagEl).trim();
    const value = textContent(valueEl).trim();
    if (!meta.has(tag)) {
      const cls = hasClass(el, 'article-metaline-right') ? 'article-metaline-right' : 'article-metaline';
      meta.set(tag, { value, source: `.${cls}[.article-meta-tag="${tag}"] .article-meta-value`, raw: value });
    }
  }

  const skip = (e: HtmlElement): boolean => hasClass(e, 'push') || hasClass(e, 'article-metaline') || hasClass(e, 'article-metaline-right');
  const lines: Line[] = textContent(scopeEl, skip)
    .split('\n')
    .map((text, i) => ({ n: i + 1, text: text.replace(/\u00a0/g, ' ').trimEnd() }));

  // Saved plain-text copies carry the header as text lines instead of metaline elements.
  if (meta.size === 0) {
    for (const line of lines.slice(0, 12)) {
      const author = /^作者[:：\s]\s*(\S+(?:\s*\([^)]*\))?)(?:\s+(?:看板|站內)[:：\s]\s*(\S+))?\s*$/.exec(line.text.trim());
      if (author !== null) {
        meta.set('作者', { value: author[1]!, source: lineSource(line, scope), raw: line.text });
        if (author[2] !== undefined) meta.set('看板', { value: author[2], source: lineSource(line, scope), raw: line.text });
      }
      const header = /^(標題|時間)[:：\s]\s*(.+)$/.exec(line.text.trim());
      if (header !== null && !meta.has(header[1]!)) meta.set(header[1]!, { value: header[2]!.trim(), source: lineSource(line, scope), raw: line.text });
    }
  }

  let accountId: Sourced | null = null;
  let accountName: Sourced | null = null;
  const author = meta.get('作者');
  if (author !== undefined) {
    const m = /^([A-Za-z0-9_]+)\s*(?:\((.*)\))?\s*$/.exec(author.value);
    if (m !== null) {
      accountId = { value: m[1]!, source: author.source, raw: author.raw };
      if (m[2] !== undefined && m[2] !== '') accountName = { value: m[2], source: author.source, raw: author.raw };
    }
  }

  let posterIp: Sourced | null = null;
  let location: string | null = null;
  let articleUrl: Sourced | null = null;
  const edits: PttEdit[] = [];
  for (const line of lines) {
    const text = line.text.trim();
    const sender = SENDER.exec(text) ?? OLD_SENDER.exec(text);
    if (sender !== null && posterIp === null && validIp(sender[1]!)) {
      posterIp = { value: sender[1]!, source: lineSource(line, scope), raw: text };
      location = sender[2]?.trim() ?? null;
      continue;
    }
    const edit = EDIT.exec(text);
    if (edit !== null && validIp(edit[2]!)) {
      const timeRaw = edit[4]?.trim() ?? '';
      edits.push({
        user_id: edit[1]!,
        ip: edit[2]!,
        location: edit[3]?.trim() || null,
        time_raw: timeRaw,
        time: timeRaw === '' ? null : parsePttEditTime(timeRaw),
        source: lineSource(line, scope),
        raw: text,
      });
      continue;
    }
    const url = ARTICLE_URL.exec(text);
    if (url !== null && articleUrl === null) articleUrl = { value: url[1]!, source: lineSource(line, scope), raw: text };
  }

  // Article id and board from the page URL, else from the 文章網址 line.
  let board: Sourced | null = meta.get('看板') ?? null;
  let articleId: Sourced | null = null;
  let idTimestamp: number | null = null;
  for (const candidate of [{ url: pageUrl, source: 'page URL path' }, ...(articleUrl === null ? [] : [{ url: articleUrl.value, source: articleUrl.source }])]) {
    const m = ARTICLE_PATH.exec(candidate.url);
    if (m === null) continue;
    articleId = { value: m[2]!, source: candidate.source, raw: candidate.url };
    idTimestamp = Number(m[3]);
    board ??= { value: m[1]!, source: candidate.source, raw: candidate.url };
    break;
  }

  let postedAt: Sourced | null = null;
  const time = meta.get('時間');
  const headerIso = time === undefined ? null : parsePttHeaderTime(time.value);
  if (time !== undefined && headerIso !== null) {
    postedAt = { value: headerIso, source: time.source, raw: time.raw };
  } else if (articleId !== null && idTimestamp !== null) {
    // The M.<unix>.A id is the post's creation time in epoch seconds.
    const d = new Date((idTimestamp + 8 * 3600) * 1000);
    postedAt = {
      value: tw(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()),
      source: `${articleId.source} (article id epoch seconds)`,
      raw: articleId.value,
    };
  }
  const postYear = postedAt === null ? null : Number(postedAt.value.slice(0, 4));
  const postMonth = postedAt === null ? null : Number(postedAt.value.slice(5, 7));

  const pushTime = (month: number, day: number, h: number | null, mi: number | null, s: number | null): string | null => {
    if (postYear === null || postMonth === null || h === null || mi === null) return null;
    // Push lines have no year: a push in an earlier month than the post happened the next year.
    const year = month < postMonth ? postYear + 1 : postYear;
    return tw(year, month, day, h, mi, s ?? 0);
  };

  const pushes: PttPush[] = [];
  const pushEls = findAll(scopeEl, (e) => hasClass(e, 'push'));
  pushEls.forEach((el, index) => {
    const part = (cls: string): string => {
      const found = findFirst(el, (e) => hasClass(e, cls));
      return found === null ? '' : textContent(found).replace(/\u00a0/g, ' ');
    };
    const tag = part('push-tag').trim();
    const userId = part('push-userid').trim();
    if (userId === '') return;
    const text = part('push-content').replace(/^:\s?/, '').trimEnd();
    const ipdt = part('push-ipdatetime').trim();
    const m = PUSH_IPDATETIME.exec(ipdt);
    const ip = m?.[1] !== undefined && validIp(m[1]) ? m[1] : null;
    pushes.push({
      tag,
      user_id: userId,
      text,
      ip,
      time_raw: ipdt,
      time:
        m === null ? null : pushTime(Number(m[2]), Number(m[3]), m[4] === undefined ? null : Number(m[4]), m[5] === undefined ? null : Number(m[5]), m[6] === undefined ? null : Number(m[6])),
      source: `div.push #${index + 1} (document order)`,
    });
  });
  if (pushEls.length === 0) {
    for (const line of lines) {
      const m = PLAIN_PUSH.exec(line.text.trim());
      if (m === null) continue;
      const dt = /^(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(m[5]!);
      const ip = m[4] !== undefined && validIp(m[4]) ? m[4] : null;
      pushes.push({
        tag: m[1]!,
        user_id: m[2]!,
        text: m[3]!.trimEnd(),
        ip,
        time_raw: `${m[4] === undefined ? '' : `${m[4]} `}${m[5]!}`,
        time: dt === null ? null : pushTime(Number(dt[1]), Number(dt[2]), dt[3] === undefined ? null : Number(dt[3]), dt[4] === undefined ? null : Number(dt[4]), null),
        source: lineSource(line, scope),
      });
    }
  }

  const title = meta.get('標題') ?? null;
  const ptt: PttDetails = {
    board,
    article_id: articleId,
    article_url: articleUrl,
    poster_ip_location: location,
    edits,
    pushes,
    push_counts: {
      push: pushes.filter((p) => p.tag === '推').length,
      boo: pushes.filter((p) => p.tag === '噓').length,
      arrow: pushes.filter((p) => p.tag === '→').length,
    },
  };
  return {
    platform: 'ptt',
    detected_by: detectedBy,
    account_name: accountName,
    account_id: accountId,
    poster_ip: posterIp,
    posted_at: postedAt,
    title,
    ptt,
    dcard: null,
  };
}
