/**
 * HTML for printed documents, escaped by default. Templates are built with the `html` tag: every
 * interpolated value is escaped unless it is itself `SafeHtml` made by the tag, so a message text,
 * a file name or a sender's display name (all attacker-made, STYLE rule 13) can never become markup.
 */

/** A fragment of markup known to be safe: made by the `html` tag or, deliberately, by `trustedHtml`. */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What a template may interpolate: text (escaped), safe fragments, and lists of either. */
export type HtmlValue = string | number | SafeHtml | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value as string | number);
}

/** Tagged template: `html\`<td>${sender}</td>\`` escapes `sender`; nested `html` fragments pass through. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Marks constant markup written in the source (a stylesheet) as safe. Never pass input to it. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
