/** Pure helpers of the evidence pages: hashes, sizes, URLs, paging. */

/** `3f2a9c01d4…9be1c0`: enough of a hash to tell items apart in a table; empty stays empty. */
export function shortHash(hash: string, head = 10, tail = 6): string {
  return hash.length > head + tail + 1 ? `${hash.slice(0, head)}…${hash.slice(-tail)}` : hash;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** `512 B`, `1.5 KB`, `12.3 MB` (binary multiples, one decimal below 100). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${value} B`;
  const text = value < 100 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
  return `${text} ${UNITS[unit]}`;
}

/** True for an absolute http(s) URL, the only kind the server accepts as a source. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The UTC instant of a Taipei wall-clock time `YYYY-MM-DDTHH:mm[:ss]` (a picker's value read with
 * `format()`). Taipei has no daylight saving time, so the offset is always +08:00.
 */
export function taipeiWallClockIso(localDateTime: string): string {
  const withSeconds = /T\d{2}:\d{2}$/.test(localDateTime) ? `${localDateTime}:00` : localDateTime;
  const date = new Date(`${withSeconds}+08:00`);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

interface Recorded {
  id: string;
  recordedAt: string;
}

/**
 * The `before` bound of the page after `page`, or undefined when there is none.
 *
 * The server pages by `recordedAt < before`, and every file of one upload shares one recorded-at
 * instant (one transaction), so a strict bound at the last item's time could skip the rest of a
 * batch cut by the page boundary. The bound is therefore one millisecond later (the repeated items
 * are dropped by {@link mergePages}); if that bound would fetch the same page again (a page made
 * only of one instant), the strict bound is used so the list still moves on.
 */
export function nextBefore(page: readonly Recorded[], pageSize: number, usedBefore: string | null): string | undefined {
  const last = page.at(-1);
  if (!last || page.length < pageSize) return undefined;
  const lastMs = Date.parse(last.recordedAt);
  if (Number.isNaN(lastMs)) return undefined;
  const inclusive = new Date(lastMs + 1).toISOString();
  if (usedBefore === null || inclusive !== new Date(Date.parse(usedBefore)).toISOString()) return inclusive;
  return new Date(lastMs).toISOString();
}

/** The pages as one list, each item once, in page order. */
export function mergePages<T extends { id: string }>(pages: readonly (readonly T[])[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const page of pages) {
    for (const item of page) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push(item);
    }
  }
  return out;
}

/**
 * The file name of a `Content-Disposition` header (`filename*=UTF-8''…` preferred, then
 * `filename="…"`), without any path; null when the header names none.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  let name: string | null = null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(header);
    name = plain?.[1] ?? plain?.[2] ?? null;
  }
  const base = name?.split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' || base === '.' || base === '..' ? null : base;
}
