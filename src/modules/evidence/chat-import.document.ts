/**
 * The printed chat record (G6.3.3: online conversation records are printed completely as
 * evidence and archived). Pure: facts in, HTML out. Every message of the sealed export is
 * printed, in order, with its ROC date-time, sender and text; every page's footer carries the page
 * number, the case number and the source file's SHA-256 so a loose page still names its origin.
 */
import { html, trustedHtml, type SafeHtml } from '../../core/documents/html.ts';
import { PAGE_X_OF_Y, printableDocument } from '../../core/documents/pdf-printer.ts';
import { formatRocDateTime, taipeiParts } from '../../core/time.ts';
import type { ChatMessage, ChatMessageKind, ChatTranscript } from '../../chat/index.ts';

/** What the printed record states about its source; all of it is printed as text. */
export type ChatRecordFacts = {
  itemId: string;
  /** The item's case, or null before a case is opened (printed as 「未立案」). */
  caseNumber: string | null;
  owningUnitCode: string;
  sourceFileName: string;
  sourceSha256: string;
  sourceSizeBytes: number;
  importedAt: Date;
  printedAt: Date;
  /** Who printed it, as the audit trail names them. */
  printedBy: string;
  participants: readonly string[];
  transcript: ChatTranscript;
};

/** Non-text kinds are shown in brackets before the exported text (which is kept as it was). */
const KIND_LABELS: Record<Exclude<ChatMessageKind, 'text'>, string> = {
  sticker: '貼圖 sticker',
  photo: '照片 photo',
  video: '影片 video',
  file: '檔案 file',
  unsent: '已收回 unsent',
  call: '通話 call',
  system: '系統訊息 system',
};

const CASE_NOT_OPENED = '未立案';

/** `114/11/20 21:15`, with `:ss` when the export recorded seconds. */
function rocDateTime(instant: Date, alwaysSeconds = false): string {
  const seconds = taipeiParts(instant).second;
  return alwaysSeconds || seconds !== 0 ? `${formatRocDateTime(instant)}:${String(seconds).padStart(2, '0')}` : formatRocDateTime(instant);
}

/** The case number as printed. */
export function caseLabel(caseNumber: string | null): string {
  return caseNumber ?? CASE_NOT_OPENED;
}

const STYLES = trustedHtml(`
h1 { font-size: 18pt; margin: 0 0 2mm; letter-spacing: 0.2em; text-align: center; }
h1 small { display: block; font-size: 10pt; letter-spacing: normal; font-weight: 400; color: #444; }
table { width: 100%; border-collapse: collapse; }
.facts { margin: 4mm 0 3mm; table-layout: fixed; }
.facts th { width: 40mm; text-align: left; vertical-align: top; font-weight: 700; padding: 1mm 2mm; background: #f1f1f1; border: 0.3mm solid #bbb; }
.facts td { padding: 1mm 2mm; border: 0.3mm solid #bbb; overflow-wrap: anywhere; }
.hash { font-family: 'Noto Sans Mono CJK TC', monospace; font-size: 9pt; overflow-wrap: anywhere; }
.statement { margin: 0 0 3mm; font-size: 9.5pt; }
.messages { table-layout: fixed; }
.messages thead { display: table-header-group; }
.messages th { background: #e6e6e6; border: 0.3mm solid #999; padding: 1mm 1.5mm; font-size: 9pt; text-align: left; }
.messages td { border: 0.3mm solid #bbb; padding: 1mm 1.5mm; vertical-align: top; }
.messages tr { break-inside: avoid; }
.seq { width: 15mm; text-align: right; }
.seq .line { display: block; font-size: 7pt; color: #666; }
.time { width: 30mm; white-space: nowrap; }
.sender { width: 30mm; overflow-wrap: anywhere; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.kind { font-weight: 700; color: #333; }
.end { text-align: center; margin-top: 4mm; color: #444; }
`);

function messageRow(message: ChatMessage, index: number): SafeHtml {
  const kind = message.kind === 'text' ? null : html`<span class="kind">[${KIND_LABELS[message.kind]}]</span> `;
  return html`<tr>
<td class="seq">${index + 1}<span class="line">第${message.line}行</span></td>
<td class="time">${rocDateTime(new Date(message.time))}</td>
<td class="sender">${message.sender === '' ? '—' : message.sender}</td>
<td class="text">${kind}${message.text}</td>
</tr>
`;
}

/** The document and the header and footer repeated on every page. */
export function chatRecordDocument(facts: ChatRecordFacts): { document: SafeHtml; headerHtml: SafeHtml; footerHtml: SafeHtml } {
  const { transcript } = facts;
  const messages = transcript.messages;
  const first = messages[0];
  const last = messages[messages.length - 1];
  const period = first && last ? `${rocDateTime(new Date(first.time))} ～ ${rocDateTime(new Date(last.time))}` : '—';
  const body = html`
<h1>對話紀錄<small>Chat record</small></h1>
<table class="facts">
<tr><th>案號 Case</th><td>${caseLabel(facts.caseNumber)}</td></tr>
<tr><th>證據編號 Item</th><td class="hash">${facts.itemId}</td></tr>
<tr><th>保管單位 Unit</th><td>${facts.owningUnitCode}</td></tr>
<tr><th>來源檔案 Source file</th><td>${facts.sourceFileName}（${facts.sourceSizeBytes} 位元組 bytes）</td></tr>
<tr><th>SHA-256</th><td class="hash">${facts.sourceSha256}</td></tr>
<tr><th>匯入時間 Imported</th><td>${rocDateTime(facts.importedAt, true)}（臺北時間 Asia/Taipei）</td></tr>
<tr><th>對話名稱 Chat</th><td>${transcript.chatName ?? '—'}（${transcript.format === 'line' ? 'LINE 匯出檔 LINE export' : 'CSV'}）</td></tr>
<tr><th>參與者 Participants</th><td>${facts.participants.length > 0 ? facts.participants.join('、') : '—'}</td></tr>
<tr><th>對話期間 Period</th><td>${period}</td></tr>
<tr><th>列印 Printed</th><td>${rocDateTime(facts.printedAt, true)}，${facts.printedBy}</td></tr>
</table>
<p class="statement">本紀錄依封存之原始匯出檔完整列印，共 ${messages.length} 則訊息；時間為臺北時間（民國紀年）。
This record prints every one of the ${messages.length} messages of the sealed original export; times are Taipei time (ROC years).</p>
<table class="messages">
<thead><tr><th class="seq">序號 No.<span class="line">原檔行 line</span></th><th class="time">時間 Time</th><th class="sender">傳送者 Sender</th><th>內容 Text</th></tr></thead>
<tbody>
${messages.map(messageRow)}
</tbody>
</table>
<p class="end">（以下空白 End of record）</p>
`;
  const headerHtml = html`<div style="display: flex; justify-content: space-between;"><span>對話紀錄 Chat record</span><span>證據編號 ${facts.itemId}</span></div>`;
  const footerHtml = html`<div style="display: flex; justify-content: space-between; gap: 4mm;"><span>案號 ${caseLabel(facts.caseNumber)}</span><span>${PAGE_X_OF_Y}</span></div>
<div>來源檔 SHA-256：<span style="font-family: monospace;">${facts.sourceSha256}</span></div>`;
  return {
    document: printableDocument({ title: `對話紀錄 ${caseLabel(facts.caseNumber)}`, body, styles: STYLES }),
    headerHtml,
    footerHtml,
  };
}
