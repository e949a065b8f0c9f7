/**
 * The platform registry's input rules (G3.1), mirrored from the server
 * (src/modules/platforms/platforms.routes.ts and platforms.service.ts) so that the form refuses
 * what the server would refuse, before anything is sent. The server stays the authority.
 */

/** The kinds the server accepts (PLATFORM_KINDS in platforms.tables.ts), in its order. */
export const PLATFORM_KINDS = ['social', 'forum', 'messaging', 'video', 'game', 'other'] as const;
export type PlatformKind = (typeof PLATFORM_KINDS)[number];

/** Narrows a kind string from the server to a known kind. */
export function isPlatformKind(value: string): value is PlatformKind {
  return (PLATFORM_KINDS as readonly string[]).includes(value);
}

/** The server's limits: lengths in characters, counts per platform. */
export const PLATFORM_LIMITS = {
  name: 100,
  notes: 1000,
  domain: { min: 3, max: 253 },
  domains: 20,
  template: 500,
  templates: 10,
  marker: { min: 2, max: 200 },
  markers: 50,
} as const;

/** A code is permanent and appears in URLs and exports: lower case, digits and hyphens, at most 32. */
export const PLATFORM_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** A host name as the server stores it: at least two dot-separated labels of a–z, 0–9 and '-'. */
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** A search template: an https URL without spaces, with `{q}` where the keyword goes. */
const TEMPLATE = /^https:\/\/\S+$/;

/** A domain as stored: lower case, no scheme, path or leading "www." (as the server normalises it). */
export function normaliseDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/^www\./, '');
}

export function isValidDomain(domain: string): boolean {
  return domain.length >= PLATFORM_LIMITS.domain.min && domain.length <= PLATFORM_LIMITS.domain.max && DOMAIN.test(domain);
}

export function isValidTemplate(template: string): boolean {
  return template.length <= PLATFORM_LIMITS.template && TEMPLATE.test(template) && template.includes('{q}');
}

/** A marker as stored: trimmed, inner whitespace collapsed to one space. */
export function normaliseMarker(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

/**
 * Whether a (normalised) marker has an acceptable length, counted in characters as the server
 * does: a one-letter marker would match almost any page and mark live content removed (G5.2).
 */
export function isValidMarker(marker: string): boolean {
  const length = [...marker].length;
  return length >= PLATFORM_LIMITS.marker.min && length <= PLATFORM_LIMITS.marker.max;
}

/** Normalises every entry of a tags field, dropping empties and duplicates (first one kept). */
export function normaliseList(values: readonly string[] | undefined, normalise: (value: string) => string): string[] {
  return [...new Set((values ?? []).map(normalise).filter((value) => value.length > 0))];
}

/** True when two string lists hold the same entries in the same order. */
export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
