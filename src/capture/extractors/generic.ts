/**
 * Generic page metadata: OpenGraph, author meta tags, canonical link and <title>. Computed for
 * every capture so that pages from platforms without a dedicated extractor still record the
 * G6.1 "content + URL" context and whatever author attribution the page declares.
 */
import { findAll, findFirst, metaContent, textContent } from './html.ts';
import type { HtmlElement } from './html.ts';
import type { GenericDetails, Sourced } from './types.ts';

function fromMeta(root: HtmlElement, key: string): Sourced | null {
  const found = metaContent(root, key);
  return found === null ? null : { value: found.value, source: found.source, raw: found.value };
}

/** Extracts the generic fields from a parsed page. */
export function extractGeneric(root: HtmlElement): GenericDetails {
  const titleEl = findFirst(root, (el) => el.tag === 'title');
  const titleText = titleEl === null ? '' : textContent(titleEl).replace(/\s+/g, ' ').trim();
  const canonicalEl = findAll(root, (el) => el.tag === 'link' && (el.attrs.get('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'))[0];
  const canonicalHref = canonicalEl?.attrs.get('href')?.trim() ?? '';
  return {
    title: titleText === '' ? null : { value: titleText, source: 'title', raw: titleText },
    og_title: fromMeta(root, 'og:title'),
    og_url: fromMeta(root, 'og:url'),
    og_site_name: fromMeta(root, 'og:site_name'),
    author: fromMeta(root, 'author'),
    article_author: fromMeta(root, 'article:author'),
    published_time: fromMeta(root, 'article:published_time'),
    canonical: canonicalHref === '' ? null : { value: canonicalHref, source: 'link[rel="canonical"]', raw: canonicalHref },
  };
}
