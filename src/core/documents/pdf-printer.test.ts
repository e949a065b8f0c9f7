/**
 * The printer against the system Chromium (one launch for the file): A4 pages, header and footer
 * on every page with "第 x 頁／共 y 頁", CJK text, the watermark, hostile text printed as text, and
 * neither scripts nor network requests from a printed document.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, trustedHtml } from './html.ts';
import { PAGE_X_OF_Y, PdfPrinter, printableDocument } from './pdf-printer.ts';

const hasPdfToText = spawnSync('pdftotext', ['-v']).status === 0;

/** The PDF's text, one string per page (pdftotext separates pages with a form feed). */
function pdfPages(pdf: Buffer): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csep-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return text.split('\f').filter((page) => page.trim() !== '');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('PdfPrinter', () => {
  const printer = new PdfPrinter();
  let server: http.Server;
  let serverUrl = '';
  let requestsSeen = 0;

  beforeAll(async () => {
    // A loopback server the document tries to reach; it must never be asked for anything.
    server = http.createServer((_request, response) => {
      requestsSeen += 1;
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await printer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('prints A4 pages with the header and "第 x 頁／共 y 頁" on every page, hostile text as text, and a watermark', async () => {
    const hostile = '<script>document.title="pwned"</script><b>粗體?</b>';
    const rows = Array.from({ length: 150 }, (_, i) => html`<p>第 ${i + 1} 則訊息：${i === 7 ? hostile : '哈囉 看到你在Dcard的貼文'}</p>`);
    const document = printableDocument({
      title: '測試文件',
      body: html`<h1>對話紀錄</h1>${rows}
${trustedHtml(`<script>document.body.insertAdjacentText('beforeend', 'JS-RAN')</script>`)}
${trustedHtml(`<img src="${serverUrl}/pixel.png" alt=""><link rel="stylesheet" href="${serverUrl}/style.css">`)}`,
    });
    const pdf = await printer.print(document, {
      headerHtml: html`案號 ${'<i>113-0001</i>'}`,
      footerHtml: html`${PAGE_X_OF_Y} ｜ SHA-256 ${'ab'.repeat(32)}`,
      watermark: '僅供偵查 <TEST>',
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 is 595 × 842 points (Chromium rounds to whole CSS pixels: 595.92 × 842.88).
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(1);
    for (const [width, height] of boxes) {
      expect(Math.abs(width! - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(height! - 841.9)).toBeLessThan(1.5);
    }
    expect(requestsSeen).toBe(0);
    if (!hasPdfToText) return;
    const pages = pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page).toContain(`第 ${index + 1} 頁／共 ${pages.length} 頁`);
      expect(page).toContain('ab'.repeat(32));
      expect(page).toContain('案號 <i>113-0001</i>');
    });
    const all = pages.join('\n');
    expect(all).toContain('<script>document.title="pwned"</script><b>粗體?</b>');
    expect(all).toContain('第 150 則訊息');
    expect(all).not.toContain('JS-RAN');
    // The watermark is rotated: its letters come out of pdftotext one run per page in raw order.
    const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
    expect(raw.split('僅供偵查 <TEST>').length - 1).toBe(pages.length);
  });

  it('reuses one browser across jobs and runs jobs side by side', async () => {
    const docs = ['甲', '乙', '丙'].map((name) => printableDocument({ title: name, body: html`<p>${name}</p>` }));
    const pdfs = await Promise.all(docs.map((doc) => printer.print(doc)));
    for (const pdf of pdfs) expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('answers SERVICE_UNAVAILABLE when Chromium cannot start', async () => {
    const broken = new PdfPrinter({ chromiumPath: '/nonexistent/chromium' });
    await expect(broken.print(html`<p>x</p>`)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await broken.close();
  });
});
