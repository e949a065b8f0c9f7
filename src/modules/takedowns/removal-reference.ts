/**
 * What a removal check looks for (G5.2): the key texts and image hashes of the content as it was
 * when the target was reported. Pure: the caller reads the finding and the sealed capture.
 */
import { createHash } from 'node:crypto';
import { httpPayload, readWarc } from '../../capture/warc.ts';
import { normaliseForMatch } from './removal-decision.ts';

/** How many key texts are kept, and their length in characters once normalised. */
export const KEY_TEXT_LIMITS = { count: 5, minLength: 6, maxLength: 60 } as const;

/**
 * Images smaller than this are left out: tracking pixels, spacers and icons are on every page of a
 * site, so they would keep a removed post "online" forever.
 */
export const MIN_IMAGE_BYTES = 2048;

// Sentence ends in Chinese and English text, and line breaks; a '.' only when a space or the end follows (not "3.5" or "a.b.c").
const SENTENCE_END = /[\r\n。！？!?；;…]+|\.(?=\s|$)/u;

/**
 * Sentence-like fragments of a text, the longest first. Each is cut to its first
 * {@link KEY_TEXT_LIMITS.maxLength} characters, because platforms shorten long posts on the page
 * ("…more") and the beginning of a sentence survives that.
 */
export function keyTextsFrom(text: string, limits: { count: number; minLength: number; maxLength: number } = KEY_TEXT_LIMITS): string[] {
  const seen = new Set<string>();
  const fragments: { text: string; length: number }[] = [];
  for (const piece of text.split(SENTENCE_END)) {
    const trimmed = piece.replace(/\s+/g, ' ').trim();
    const chars = [...trimmed];
    const cut = chars.length > limits.maxLength ? chars.slice(0, limits.maxLength).join('') : trimmed;
    const norm = normaliseForMatch(cut);
    if ([...norm].length < limits.minLength || seen.has(norm)) continue;
    seen.add(norm);
    fragments.push({ text: cut, length: [...norm].length });
  }
  return fragments
    .sort((a, b) => b.length - a.length)
    .slice(0, limits.count)
    .map((f) => f.text);
}

export type KeyTextSource = 'finding' | 'capture' | 'none';

/**
 * The key texts of the original content. The finding's content text comes first, but only the
 * fragments that the sealed capture's page really showed: an officer's summary or note ("見附件")
 * is not the post's wording and would never be found, which would read as "removed". Without the
 * capture's text the finding's fragments are taken as they are; without usable finding text, the
 * capture's own longest sentences (the post body is usually the longest text on its page).
 */
export function selectKeyTexts(input: { contentText: string | null; originalPageText: string | null }): { keyTexts: string[]; source: KeyTextSource } {
  const original = input.originalPageText ? normaliseForMatch(input.originalPageText) : null;
  const fromFinding = keyTextsFrom(input.contentText ?? '', { ...KEY_TEXT_LIMITS, count: Number.POSITIVE_INFINITY })
    .filter((t) => original === null || original.includes(normaliseForMatch(t)))
    .slice(0, KEY_TEXT_LIMITS.count);
  if (fromFinding.length > 0) return { keyTexts: fromFinding, source: 'finding' };
  const fromCapture = input.originalPageText ? keyTextsFrom(input.originalPageText) : [];
  return fromCapture.length > 0 ? { keyTexts: fromCapture, source: 'capture' } : { keyTexts: [], source: 'none' };
}

/** Status and Content-Type of an `application/http` response block. */
function responseHead(block: Buffer): { status: number; contentType: string } | null {
  const end = block.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [statusLine, ...headerLines] = block.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine ?? '')?.[1]);
  if (!Number.isInteger(status)) return null;
  const contentType = headerLines.find((line) => /^content-type\s*:/i.test(line))?.replace(/^[^:]*:\s*/, '') ?? '';
  return { status, contentType: contentType.toLowerCase() };
}

/** One complete image response of a capture's WARC: where the page fetched it, and its bytes. */
export type WarcImage = { targetUri: string | null; contentType: string; payload: Buffer };

/**
 * Every complete image the capture received (2xx `image/*` responses of at least `minBytes`, not
 * truncated), in WARC order. A malformed WARC yields none rather than an error. Shared by the
 * removal check and known-image matching (issue #8), which hashes each one.
 */
export function imagesFromWarc(warc: Buffer, minBytes = MIN_IMAGE_BYTES): WarcImage[] {
  let records;
  try {
    records = readWarc(warc);
  } catch {
    return [];
  }
  const images: WarcImage[] = [];
  for (const record of records) {
    if (record.headers.get('warc-type') !== 'response' || record.headers.has('warc-truncated')) continue;
    const head = responseHead(record.block);
    if (!head || head.status < 200 || head.status >= 300 || !head.contentType.startsWith('image/')) continue;
    const payload = httpPayload(record.block);
    if (payload.length < minBytes) continue;
    images.push({ targetUri: record.headers.get('warc-target-uri') ?? null, contentType: head.contentType, payload });
  }
  return images;
}

/**
 * SHA-256 (hex) of every complete image the capture received (see {@link imagesFromWarc}), from the
 * capture's WARC. A malformed WARC yields no hashes rather than an error: the check still decides by text.
 */
export function imageHashesFromWarc(warc: Buffer, minBytes = MIN_IMAGE_BYTES): string[] {
  return [...new Set(imagesFromWarc(warc, minBytes).map((image) => createHash('sha256').update(image.payload).digest('hex')))];
}
