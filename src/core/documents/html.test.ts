import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml, trustedHtml } from './html.ts';

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or close an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>Tom & Jerry</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;');
  });

  it('leaves text without them unchanged, CJK and line breaks included', () => {
    expect(escapeHtml('哈囉 看到你在Dcard的貼文\n第二行')).toBe('哈囉 看到你在Dcard的貼文\n第二行');
  });

  it('escapes already escaped text again (text is text, not markup)', () => {
    expect(escapeHtml('&lt;script&gt;')).toBe('&amp;lt;script&amp;gt;');
  });

  it('formats numbers', () => {
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('html tag', () => {
  it('escapes every interpolated string, in content and in attributes', () => {
    const sender = '"><script>alert(1)</script>';
    const out = html`<td title="${sender}">${sender}</td>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.markup).toBe('<td title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(out.markup).not.toContain('<script');
  });

  it('passes nested fragments through once and joins lists', () => {
    const rows = ['<b>', '&'].map((text) => html`<li>${text}</li>`);
    expect(html`<ul>${rows}</ul>`.markup).toBe('<ul><li>&lt;b&gt;</li><li>&amp;</li></ul>');
  });

  it('prints null and undefined as nothing', () => {
    expect(html`[${null}${undefined}]`.markup).toBe('[]');
  });

  it('trusts only what is marked as trusted', () => {
    expect(html`<style>${trustedHtml('a > b { color: red }')}</style>`.markup).toBe('<style>a > b { color: red }</style>');
    expect(html`<style>${'a > b'}</style>`.markup).toBe('<style>a &gt; b</style>');
  });
});
