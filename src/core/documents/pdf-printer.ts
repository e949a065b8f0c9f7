/**
 * HTML → PDF on the system Chromium (playwright-core; a browser is never downloaded). One browser
 * is launched on the first job and reused; every job gets a context and page of its own, with
 * JavaScript disabled and the network cut off: templates are static, and the text they carry
 * (chat messages, file names) is hostile input that must not make the printer fetch anything.
 *
 * Page numbers, case numbers and hashes go in Chromium's header and footer templates, which it
 * repeats on every page (`<span class="pageNumber">`, `<span class="totalPages">`).
 */
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../errors.ts';
import { CHROMIUM_ARGS } from '../../capture/capture.ts';
import { html, trustedHtml, type SafeHtml } from './html.ts';

/** The flags the platform runs Chromium with: the same as web capture, one list to maintain. */
export const PDF_CHROMIUM_ARGS = CHROMIUM_ARGS;

/** Traditional Chinese first; fonts-noto-cjk provides it on the servers. */
export const DOCUMENT_FONT_FAMILY = "'Noto Sans CJK TC', 'Noto Sans TC', sans-serif";

/**
 * No fetch of any kind from a printed document: styles inline, images only as data: URLs. The
 * context is offline and routes nothing as well; this is the third lock.
 */
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** The standard "第 x 頁／共 y 頁" (page x of y), filled in by Chromium on every page. */
export const PAGE_X_OF_Y = trustedHtml('第 <span class="pageNumber"></span> 頁／共 <span class="totalPages"></span> 頁');

export type PageMargins = { top: string; bottom: string; left: string; right: string };

export type PrintOptions = {
  /** Repeated at the top of every page; leave room for it in `margin.top`. */
  headerHtml?: SafeHtml;
  /** Repeated at the bottom of every page; leave room for it in `margin.bottom`. */
  footerHtml?: SafeHtml;
  /** Text printed diagonally across every page (e.g. "僅供偵查使用"), for exports that leave the unit. */
  watermark?: string | null;
  /** Default 18 mm top and bottom (header and footer), 14 mm at the sides. */
  margin?: PageMargins;
  landscape?: boolean;
};

export type PdfPrinterOptions = {
  /** Chromium executable; default `/usr/bin/chromium` (`config.chromiumPath` in the app). */
  chromiumPath?: string;
  /** Jobs printed at once; more wait their turn (each page holds a renderer's memory). Default 2. */
  maxConcurrentJobs?: number;
  /** Limit for loading one document, in milliseconds. Default 60 s. */
  jobTimeoutMs?: number;
};

const DEFAULT_MARGINS: PageMargins = { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' };

/**
 * A complete printable document: UTF-8, the no-fetch CSP, the CJK font stack and A4 pages. `styles`
 * must be constant CSS from the source (see `trustedHtml`); `body` is built with the `html` tag.
 */
export function printableDocument(input: { title: string; body: SafeHtml; styles?: SafeHtml; lang?: string }): SafeHtml {
  return html`<!doctype html>
<html lang="${input.lang ?? 'zh-Hant-TW'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">
<title>${input.title}</title>
<style>
@page { size: A4; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${trustedHtml(DOCUMENT_FONT_FAMILY)}; font-size: 10.5pt; line-height: 1.5; color: #111; }
</style>
${input.styles ? html`<style>${input.styles}</style>` : null}
</head>
<body>
${input.body}
</body>
</html>`;
}

/**
 * The watermark: a fixed element, which Chromium repeats on every printed page. Appended after
 * the document's end, where the HTML parser still places it in the body.
 */
function watermarkMarkup(text: string): SafeHtml {
  return html`<div aria-hidden="true" style="position: fixed; top: 50%; left: -25%; width: 150%; transform: translateY(-50%) rotate(-35deg); text-align: center; font-family: ${trustedHtml(DOCUMENT_FONT_FAMILY)}; font-size: 54pt; font-weight: 700; letter-spacing: 0.1em; color: rgba(160, 0, 0, 0.13); white-space: nowrap; z-index: 2147483647; pointer-events: none;">${text}</div>`;
}

/** Header and footer templates do not inherit the page's styles: give them the font and a readable size. */
function marginBox(content: SafeHtml | undefined): string {
  if (!content) return '<span></span>';
  return html`<div style="box-sizing: border-box; width: 100%; padding: 0 14mm; font-family: ${trustedHtml(DOCUMENT_FONT_FAMILY)}; font-size: 7.5pt; line-height: 1.35; color: #333; -webkit-print-color-adjust: exact;">${content}</div>`.markup;
}

/** Prints HTML to PDF with one lazily launched, reused Chromium; `close()` ends it. */
export class PdfPrinter {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: PdfPrinterOptions = {}) {}

  /** Prints one document (from `printableDocument` or the `html` tag) to an A4 PDF. */
  async print(document: SafeHtml, options: PrintOptions = {}): Promise<Buffer> {
    await this.acquireSlot();
    try {
      const browser = await this.launched();
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true, acceptDownloads: false });
      try {
        await context.route('**/*', (route) => route.abort('blockedbyclient'));
        const page = await context.newPage();
        page.setDefaultTimeout(this.options.jobTimeoutMs ?? 60_000);
        const markup = options.watermark ? document.markup + watermarkMarkup(options.watermark).markup : document.markup;
        await page.setContent(markup, { waitUntil: 'load' });
        const withMargins = Boolean(options.headerHtml ?? options.footerHtml);
        return await page.pdf({
          format: 'A4',
          landscape: options.landscape ?? false,
          printBackground: true,
          preferCSSPageSize: false,
          tagged: true,
          displayHeaderFooter: withMargins,
          headerTemplate: marginBox(options.headerHtml),
          footerTemplate: marginBox(options.footerHtml),
          margin: options.margin ?? DEFAULT_MARGINS,
        });
      } finally {
        await context.close().catch(() => undefined);
      }
    } finally {
      this.releaseSlot();
    }
  }

  /** Closes the browser, if one was launched. A later job launches a new one. */
  async close(): Promise<void> {
    const pending = this.browser;
    this.browser = null;
    if (!pending) return;
    const browser = await pending.catch(() => null);
    await browser?.close().catch(() => undefined);
  }

  private launched(): Promise<Browser> {
    if (this.browser) return this.browser;
    const chromiumPath = this.options.chromiumPath ?? '/usr/bin/chromium';
    const launching = chromium.launch({ executablePath: chromiumPath, headless: true, args: PDF_CHROMIUM_ARGS }).then(
      (browser) => {
        // A crashed browser is forgotten, so the next job launches a fresh one.
        browser.on('disconnected', () => {
          if (this.browser === launching) this.browser = null;
        });
        return browser;
      },
      (error: unknown) => {
        if (this.browser === launching) this.browser = null;
        throw new AppError('SERVICE_UNAVAILABLE', '無法啟動 PDF 列印 (the PDF printer cannot start)', {
          chromiumPath,
          cause: error instanceof Error ? error.message : String(error),
        });
      },
    );
    this.browser = launching;
    return launching;
  }

  private async acquireSlot(): Promise<void> {
    const limit = Math.max(1, this.options.maxConcurrentJobs ?? 2);
    if (this.active < limit) {
      this.active += 1;
      return;
    }
    // The slot is handed over by `releaseSlot`, so `active` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

let sharedPrinter: PdfPrinter | null = null;

/**
 * Prints with a process-wide printer on the default Chromium (for the CLI and scripts); the HTTP
 * app keeps its own `PdfPrinter`, closed with the app. `closeSharedPdfPrinter()` ends it.
 */
export function printHtmlToPdf(document: SafeHtml, options: PrintOptions = {}): Promise<Buffer> {
  sharedPrinter ??= new PdfPrinter();
  return sharedPrinter.print(document, options);
}

/** Closes the process-wide printer's browser, if it was started. */
export async function closeSharedPdfPrinter(): Promise<void> {
  const printer = sharedPrinter;
  sharedPrinter = null;
  await printer?.close();
}
