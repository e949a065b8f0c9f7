/**
 * The documents a case sends out (pure: facts in, HTML out). The social-affairs notice (G4.2.2)
 * and the FPO case file (G4.2.3) carry case facts only: no reporter or informant identity ever
 * (G6.3.6, Act Art. 7) — the facts type has no field that could hold one — and no officer's
 * name: the notifying unit is the contact. Captured text is printed as text, never as markup.
 */
import { html, trustedHtml, type SafeHtml } from '../../core/documents/html.ts';
import { PAGE_X_OF_Y, printableDocument } from '../../core/documents/pdf-printer.ts';
import { formatRocDateLong, formatRocDateTime } from '../../core/time.ts';
import { OFFICIAL_FORM_CSS } from '../../core/documents/official-form-css.ts';

export type NoticeFinding = { url: string; platformName: string; accountName: string | null; accountId: string | null; posterIp: string | null; seenAt: Date };

export type SocialAffairsNoticeFacts = {
  caseNumber: string;
  unitName: string;
  confirmedAt: Date;
  subparagraphs: readonly number[];
  elementReasons: { publicDissemination: string; inducement: string; childAtRisk: string };
  findings: readonly NoticeFinding[];
  printedAt: Date;
};

export type CaseFileFacts = {
  caseNumber: string;
  title: string;
  unitName: string;
  status: string;
  art40ConfirmedAt: Date | null;
  transfer: { office: string; transferredOn: string; documentNumber: string } | null;
  evidence: readonly { id: string; kind: string; sha256: string; capturedAt: Date; mediaType: string }[];
  timeline: readonly { occurredAt: Date; action: string; unitCode: string | null }[];
  printedAt: Date;
};

const SUBPARAGRAPH_TEXT: Record<number, string> = {
  1: '第 1 款：使兒童或少年為有對價之性交或猥褻行為',
  2: '第 2 款：利用兒童或少年為性交、猥褻之行為，以供人觀覽',
  3: '第 3 款：拍攝、製造、重製、持有、散布、播送、交付、公然陳列、販賣或支付對價觀覽兒童或少年之性影像',
};

const OFFICE_NAMES: Record<string, string> = { taipei: '臺灣臺北地方檢察署', shilin: '臺灣士林地方檢察署' };

const STYLES = trustedHtml(OFFICIAL_FORM_CSS);

function footer(caseNumber: string): SafeHtml {
  return html`<div style="font-size:8pt;width:100%;text-align:center;">案號 ${caseNumber} · ${PAGE_X_OF_Y}</div>`;
}

export function socialAffairsNotice(facts: SocialAffairsNoticeFacts): { document: SafeHtml; footerHtml: SafeHtml } {
  const body = html`
    <h1>兒童及少年性剝削案件通報單</h1>
    <p class="note">依臺北市政府警察局辦理違反兒少性剝削網路平臺防範機制及工作指引（114 年 7 月 8 日）四、（二）2 辦理。本通報不含檢舉人或通報人之身分資料（兒童及少年性剝削防制條例第 7 條）。</p>
    <table>
      <tr><th>案號</th><td>${facts.caseNumber}</td></tr>
      <tr><th>通報單位（聯絡窗口）</th><td>${facts.unitName}</td></tr>
      <tr><th>確認為第 40 條案件</th><td>${formatRocDateTime(facts.confirmedAt)}</td></tr>
      <tr><th>兒少性剝削條例第 2 條第 1 項</th><td>${facts.subparagraphs.map((n) => html`<div>${SUBPARAGRAPH_TEXT[n] ?? `第 ${n} 款`}</div>`)}</td></tr>
    </table>
    <h2>第 40 條三要件</h2>
    <table>
      <tr><th>公然公開散布、傳送、刊登或張貼</th><td>${facts.elementReasons.publicDissemination}</td></tr>
      <tr><th>以引誘、媒介、暗示或其他方法</th><td>${facts.elementReasons.inducement}</td></tr>
      <tr><th>使兒童或少年有遭受第 2 條第 1 項之虞</th><td>${facts.elementReasons.childAtRisk}</td></tr>
    </table>
    <h2>網路訊息</h2>
    <table>
      <tr><th style="width:14%">平臺</th><th style="width:40%">網址</th><th style="width:26%">帳號／IP</th><th style="width:20%">發現時間</th></tr>
      ${facts.findings.map(
        (f) => html`<tr><td>${f.platformName}</td><td class="mono">${f.url}</td><td>${[f.accountName, f.accountId, f.posterIp].filter(Boolean).join(' / ') || '—'}</td><td>${formatRocDateTime(f.seenAt)}</td></tr>`,
      )}
    </table>
    <p class="note">列印時間：${formatRocDateTime(facts.printedAt)}</p>`;
  return { document: printableDocument({ title: `兒少性剝削案件通報單 ${facts.caseNumber}`, body, styles: STYLES }), footerHtml: footer(facts.caseNumber) };
}

export function caseFile(facts: CaseFileFacts): { document: SafeHtml; footerHtml: SafeHtml } {
  const body = html`
    <h1>移送案卷清冊（家防官通知）</h1>
    <table>
      <tr><th>案號</th><td>${facts.caseNumber}</td></tr>
      <tr><th>案由</th><td>${facts.title}</td></tr>
      <tr><th>承辦單位</th><td>${facts.unitName}</td></tr>
      <tr><th>狀態</th><td>${facts.status}</td></tr>
      <tr><th>確認為第 40 條案件</th><td>${facts.art40ConfirmedAt ? formatRocDateTime(facts.art40ConfirmedAt) : '—'}</td></tr>
      <tr><th>移送</th><td>${facts.transfer ? `${OFFICE_NAMES[facts.transfer.office] ?? facts.transfer.office}，${formatRocDateLong(new Date(`${facts.transfer.transferredOn}T12:00:00+08:00`))}，${facts.transfer.documentNumber}` : '—'}</td></tr>
    </table>
    <h2>證據清單（SHA-256）</h2>
    <table>
      <tr><th style="width:6%">#</th><th style="width:14%">類型</th><th style="width:20%">取得時間</th><th>SHA-256</th></tr>
      ${facts.evidence.map((e, i) => html`<tr><td>${i + 1}</td><td>${e.kind}</td><td>${formatRocDateTime(e.capturedAt)}</td><td class="mono">${e.sha256}</td></tr>`)}
    </table>
    <h2>案件歷程</h2>
    <table>
      <tr><th style="width:24%">時間</th><th style="width:16%">單位</th><th>事項</th></tr>
      ${facts.timeline.map((t) => html`<tr><td>${formatRocDateTime(t.occurredAt)}</td><td>${t.unitCode ?? '系統'}</td><td class="mono">${t.action}</td></tr>`)}
    </table>
    <p class="note">列印時間：${formatRocDateTime(facts.printedAt)}。本清冊不含檢舉人或通報人之身分資料。</p>`;
  return { document: printableDocument({ title: `移送案卷清冊 ${facts.caseNumber}`, body, styles: STYLES }), footerHtml: footer(facts.caseNumber) };
}
