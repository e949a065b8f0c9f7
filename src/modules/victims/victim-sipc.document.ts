/**
 * The SIPC takedown complaint as a document (G5.3.1, G6.2.1: reason, full URLs, evidence). Pure:
 * facts in, HTML out. By default it carries no identity of the victim — not even the masked name:
 * the victim is named by the record's reference and minor/adult only (G6.3.6, Act Art. 7). The
 * identity appears only when an authorised user asked for it with a reason; the document is then
 * marked 機密 on every page (header) and watermarked by the service with who printed it and when.
 */
import { html, trustedHtml, type SafeHtml } from '../../core/documents/html.ts';
import { PAGE_X_OF_Y, printableDocument } from '../../core/documents/pdf-printer.ts';
import { formatRocDateLong, formatRocDateTime } from '../../core/time.ts';
import type { VictimIdentity } from './victim-identity.ts';
import type { SipcComplaintContent } from './victims.tables.ts';
import { OFFICIAL_FORM_CSS } from '../../core/documents/official-form-css.ts';

export type SipcComplaintFacts = {
  unitName: string;
  victimReference: string;
  isMinor: boolean;
  ageAtIncident: number;
  incidentDate: string;
  filedAt: Date;
  channel: string;
  sipcReference: string | null;
  targetHours: number;
  dueAt: Date;
  content: SipcComplaintContent;
  printedAt: Date;
  /** Present only for a document an authorised user asked to carry the identity. */
  identity: VictimIdentity | null;
  /** Who printed it (named on every page of a confidential document). */
  printedBy: string;
};

const CHANNEL_ZH: Record<string, string> = { online_form: '線上申訴', email: '電子郵件', phone: '電話', letter: '書面' };

const STYLES = trustedHtml(`${OFFICIAL_FORM_CSS}
  .confidential { color: #a00; font-weight: 700; text-align: center; font-size: 14pt; border: 2px solid #a00; padding: 1mm; margin-bottom: 3mm; }
`);

function civilDateLong(date: string): string {
  return formatRocDateLong(new Date(`${date}T12:00:00+08:00`));
}

/** The header of a confidential document: 機密 on every page, with who printed it and when. */
function confidentialHeader(printedBy: string, printedAt: Date): SafeHtml {
  return html`<div style="text-align:center;color:#a00;font-weight:700;"><span style="font-size:11pt;letter-spacing:0.5em;">機密</span> <span style="font-size:7.5pt;">列印：${printedBy} ${formatRocDateTime(printedAt)}</span></div>`;
}

function footer(caseNumber: string): SafeHtml {
  return html`<div style="font-size:8pt;width:100%;text-align:center;">案號 ${caseNumber} · ${PAGE_X_OF_Y}</div>`;
}

export function sipcComplaintDocument(facts: SipcComplaintFacts): { document: SafeHtml; headerHtml: SafeHtml | undefined; footerHtml: SafeHtml } {
  const identity = facts.identity;
  const identitySection = identity
    ? html`
    <h2>被害人身分資料（機密）</h2>
    <table>
      <tr><th>姓名</th><td>${identity.name}</td></tr>
      <tr><th>身分證統一編號</th><td>${identity.nationalId ?? '—'}</td></tr>
      <tr><th>出生日期</th><td>${civilDateLong(identity.dateOfBirth)}</td></tr>
      <tr><th>聯絡方式</th><td>${identity.contact ?? '—'}</td></tr>
      <tr><th>法定代理人／監護人</th><td>${identity.guardianName ?? '—'}${identity.guardianContact ? html`（${identity.guardianContact}）` : null}</td></tr>
    </table>`
    : html`<p class="note">本文件不含被害人身分資料（兒童及少年性剝削防制條例、偵查不公開）；如需身分資料，請由承辦人另行提供。</p>`;
  const body = html`
    ${identity ? html`<div class="confidential">機密 — 含被害人身分資料，不得轉載或外流</div>` : null}
    <h1>性影像處理中心申訴下架資料</h1>
    <table>
      <tr><th>案號</th><td>${facts.content.caseNumber}</td></tr>
      <tr><th>申訴單位（聯絡窗口）</th><td>${facts.unitName}</td></tr>
      <tr><th>被害人代號</th><td class="mono">${facts.victimReference}</td></tr>
      <tr><th>被害人</th><td>${facts.isMinor ? '未成年' : '成年（已取得本人授權）'}，事件發生日 ${civilDateLong(facts.incidentDate)} 時 ${facts.ageAtIncident} 歲</td></tr>
      <tr><th>事由</th><td>${facts.content.grounds}</td></tr>
      <tr><th>申訴時間／方式</th><td>${formatRocDateTime(facts.filedAt)}，${CHANNEL_ZH[facts.channel] ?? facts.channel}</td></tr>
      <tr><th>處理中心案號</th><td>${facts.sipcReference ?? '—'}</td></tr>
      <tr><th>處理目標</th><td>${facts.targetHours} 小時內（${formatRocDateTime(facts.dueAt)} 前）</td></tr>
    </table>
    ${identitySection}
    <h2>網路內容之完整網址</h2>
    <table>
      <tr><th style="width:6%">#</th><th>網址</th><th style="width:30%">蒐證（證據編號）</th></tr>
      ${facts.content.urls.map((u, i) => html`<tr><td>${i + 1}</td><td class="mono">${u.url}</td><td class="mono">${u.evidenceId}</td></tr>`)}
    </table>
    <h2>事證（已封存，SHA-256）</h2>
    <table>
      <tr><th style="width:30%">證據編號</th><th style="width:20%">取得時間</th><th>SHA-256</th></tr>
      ${facts.content.evidence.map((e) => html`<tr><td class="mono">${e.id}</td><td>${formatRocDateTime(new Date(e.capturedAt))}</td><td class="mono">${e.sha256}</td></tr>`)}
    </table>
    <p class="note">列印時間：${formatRocDateTime(facts.printedAt)}</p>`;
  return {
    document: printableDocument({ title: `性影像處理中心申訴下架資料 ${facts.content.caseNumber}`, body, styles: STYLES }),
    headerHtml: identity ? confidentialHeader(facts.printedBy, facts.printedAt) : undefined,
    footerHtml: footer(facts.content.caseNumber),
  };
}
