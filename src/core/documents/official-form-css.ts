/**
 * The look of the department's official forms printed as PDF (the social-affairs notice, the
 * FPO's case file, the SIPC complaint): a centred title, ruled sections and key–value tables.
 * Plain CSS: printableDocument puts it inside its own <style> element.
 */
export const OFFICIAL_FORM_CSS = `
  h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
  h2 { font-size: 13pt; margin: 6mm 0 2mm; border-bottom: 1px solid #444; }
  table { width: 100%; border-collapse: collapse; font-size: 10pt; }
  th, td { border: 1px solid #666; padding: 1.5mm 2mm; vertical-align: top; text-align: left; word-break: break-all; }
  th { background: #eee; width: 28%; }
  .mono { font-family: 'Noto Sans Mono CJK TC', monospace; font-size: 8.5pt; }
  .note { font-size: 9pt; color: #333; }
`;
