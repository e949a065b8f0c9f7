/**
 * Dates as police paperwork writes them: the ROC calendar (民國, Gregorian year − 1911) in
 * Asia/Taipei. The database keeps UTC; only display goes through here.
 */
const TAIPEI = 'Asia/Taipei';

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TAIPEI,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

type TaipeiParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The wall-clock fields of an instant in Asia/Taipei. */
export function taipeiParts(instant: Date): TaipeiParts {
  const out: Record<string, number> = {};
  for (const part of partsFormatter.formatToParts(instant)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 0,
    day: out.day ?? 0,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `114/07/08` for 2025-07-08 in Taipei. */
export function formatRocDate(instant: Date): string {
  const p = taipeiParts(instant);
  return `${p.year - 1911}/${pad(p.month)}/${pad(p.day)}`;
}

/** `114/07/08 14:05` in Taipei. */
export function formatRocDateTime(instant: Date): string {
  const p = taipeiParts(instant);
  return `${formatRocDate(instant)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `114年7月8日` in Taipei, the long form used in letters and notices. */
export function formatRocDateLong(instant: Date): string {
  const p = taipeiParts(instant);
  return `${p.year - 1911}年${p.month}月${p.day}日`;
}

/** ISO 8601 with the Taipei offset (`2025-07-08T14:05:00+08:00`), for documents and manifests. */
export function toTaipeiIso(instant: Date): string {
  const p = taipeiParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}+08:00`;
}
