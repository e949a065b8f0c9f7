/**
 * Canonical JSON — the exact byte string the capture manifest signature covers.
 *
 * Definition (also in docs/capture-manifest.md):
 *
 *  1. `null`, `true`, `false` are written as those literals.
 *  2. Strings are written exactly as `JSON.stringify` writes them (ES2019+ "well-formed" escaping:
 *     `"` `\` and U+0000–U+001F escaped, `\b \f \n \r \t` short forms, lone surrogates as `\uXXXX`,
 *     every other character — including non-ASCII such as 批踢踢 — written literally).
 *  3. Numbers must be finite and are written exactly as `JSON.stringify` prints them
 *     (shortest round-trip form, `-0` becomes `0`, exponent form for very large/small values).
 *  4. Arrays keep their order: `[` elements joined by `,` `]`.
 *  5. Objects: every own enumerable key, sorted ascending by UTF-16 code units (the default
 *     `Array.prototype.sort` order, NOT locale order), each written as `"key":value`,
 *     joined by `,` inside `{` `}`. This applies at every depth.
 *  6. No whitespace anywhere outside strings.
 *  7. `undefined`, functions, symbols, bigints, NaN/Infinity and non-plain objects (Date, Map,
 *     class instances, Buffers) are rejected with a TypeError instead of being silently
 *     dropped or coerced — a signed evidence record must never lose a field without anyone
 *     noticing. `toJSON` is not consulted.
 *  8. The signed bytes are the UTF-8 encoding of the resulting string.
 *
 * For the values a manifest holds this is the same output as RFC 8785 (JCS), so independent
 * verifiers can use an off-the-shelf JCS implementation.
 */

/** A value that canonical JSON can represent. */
export type CanonicalValue =
  | null
  | boolean
  | number
  | string
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue };

/** Serialises `value` in the canonical form described in this module's header comment. */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

/** The UTF-8 bytes of `canonicalJson(value)` — what Ed25519 signs. */
export function canonicalJsonBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: non-finite number at ${path}`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonical JSON: ${typeof value} is not representable (at ${path})`);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item, index) => write(item, `${path}[${index}]`)).join(',')}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`canonical JSON: only plain objects are allowed (at ${path})`);
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, which is exactly rule 5 (and RFC 8785 §3.2.3).
  const keys = Object.keys(record).sort();
  const members = keys.map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`);
  return `{${members.join(',')}}`;
}
