/**
 * A small, forgiving HTML tree builder for extractors. It is not a full HTML5 parser; it only has
 * to be robust on rendered DOM (what `page.content()` serialises) and on saved copies of the
 * same pages, and it must never throw — extraction runs on hostile pages.
 */

/** An element node. */
export interface HtmlElement {
  tag: string;
  attrs: Map<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

/** A node: an element or a decoded text run. */
export type HtmlNode = HtmlElement | string;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript']);
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  rsaquo: '\u203a',
  lsaquo: '\u2039',
  raquo: '\u00bb',
  laquo: '\u00ab',
  hellip: '\u2026',
  mdash: '\u2014',
  ndash: '\u2013',
  middot: '\u00b7',
  copy: '\u00a9',
};

/** Decodes numeric and the common named character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function parseAttrs(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(ATTR)) {
    const name = m[1]!.toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

/** Parses `html` into a tree rooted at a synthetic `#document` element. */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: '#document', attrs: new Map(), children: [], parent: null };
  let current = root;
  let pos = 0;
  const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/y;
  while (pos < html.length) {
    const lt = html.indexOf('<', pos);
    if (lt < 0) {
      current.children.push(decodeEntities(html.slice(pos)));
      break;
    }
    if (lt > pos) current.children.push(decodeEntities(html.slice(pos, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      pos = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith('<!', lt) || html.startsWith('<?', lt)) {
      const end = html.indexOf('>', lt);
      pos = end < 0 ? html.length : end + 1;
      continue;
    }
    TAG.lastIndex = lt;
    const m = TAG.exec(html);
    if (m === null) {
      current.children.push('<');
      pos = lt + 1;
      continue;
    }
    pos = lt + m[0].length;
    const tag = m[2]!.toLowerCase();
    if (m[1] === '/') {
      // Close the nearest open element with this name; a stray end tag is ignored.
      for (let node: HtmlElement | null = current; node !== null && node !== root; node = node.parent) {
        if (node.tag === tag) {
          current = node.parent ?? root;
          break;
        }
      }
      continue;
    }
    const element: HtmlElement = { tag, attrs: parseAttrs(m[3] ?? ''), children: [], parent: current };
    current.children.push(element);
    if (VOID.has(tag) || /\/\s*$/.test(m[3] ?? '')) continue;
    if (RAW_TEXT.has(tag)) {
      const closer = new RegExp(`</${tag}`, 'ig');
      closer.lastIndex = pos;
      const close = closer.exec(html)?.index ?? -1;
      const end = close < 0 ? html.length : close;
      const text = html.slice(pos, end);
      element.children.push(tag === 'title' || tag === 'textarea' ? decodeEntities(text) : text);
      const gt = close < 0 ? -1 : html.indexOf('>', close);
      pos = gt < 0 ? html.length : gt + 1;
      continue;
    }
    current = element;
  }
  return root;
}

/** Every element under `root` (document order) for which `predicate` holds. */
export function findAll(root: HtmlElement, predicate: (el: HtmlElement) => boolean): HtmlElement[] {
  const out: HtmlElement[] = [];
  const stack: HtmlNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') continue;
    if (predicate(node)) out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** The first element matching `predicate`, or null. */
export function findFirst(root: HtmlElement, predicate: (el: HtmlElement) => boolean): HtmlElement | null {
  return findAll(root, predicate)[0] ?? null;
}

/** True when the element's class list contains `name`. */
export function hasClass(el: HtmlElement, name: string): boolean {
  return (el.attrs.get('class') ?? '').split(/\s+/).includes(name);
}

/** Concatenated text of `el`, skipping elements for which `skip` returns true. */
export function textContent(el: HtmlElement, skip?: (el: HtmlElement) => boolean): string {
  let out = '';
  const visit = (node: HtmlNode): void => {
    if (typeof node === 'string') {
      out += node;
      return;
    }
    if (node.tag === 'script' || node.tag === 'style') return;
    if (skip?.(node) === true) return;
    if (node.tag === 'br') out += '\n';
    for (const child of node.children) visit(child);
  };
  for (const child of el.children) visit(child);
  return out;
}

/** `content` of `<meta name|property=key>` (first match), with the attribute that matched. */
export function metaContent(root: HtmlElement, key: string): { value: string; source: string } | null {
  const want = key.toLowerCase();
  for (const meta of findAll(root, (el) => el.tag === 'meta')) {
    for (const attr of ['property', 'name', 'itemprop']) {
      if ((meta.attrs.get(attr) ?? '').toLowerCase() === want) {
        const value = (meta.attrs.get('content') ?? '').trim();
        if (value !== '') return { value, source: `meta[${attr}="${key}"]` };
      }
    }
  }
  return null;
}
