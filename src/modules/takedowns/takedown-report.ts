/**
 * The takedown report to iWIN through the WCPD (G6.2.1), as plain text: 事由, every full URL, the
 * evidence list (item, SHA-256, capture time) and what the implementing rules of Act Art. 8 ask a
 * notice to carry — the site's name, the URL of the content (and of the image), the poster's
 * account or IP, the notifying agency and a contact. Pure. No image is ever attached: the sealed
 * evidence is referred to by its hash.
 */
import { formatRocDateTime } from '../../core/time.ts';

export type TakedownReportFacts = {
  caseNumber: string;
  reason: string;
  siteName: string;
  url: string;
  imageUrls: readonly string[];
  posterAccount: string | null;
  posterIp: string | null;
  evidence: readonly { id: string; sha256: string; capturedAt: Date }[];
  agency: string;
  agencyContact: string;
};

export function takedownReportText(facts: TakedownReportFacts): string {
  const lines = [
    `事由：${facts.reason}`,
    `案號：${facts.caseNumber}`,
    '',
    `網站名稱：${facts.siteName}`,
    `內容網址：${facts.url}`,
    ...facts.imageUrls.map((u) => `圖片網址：${u}`),
    `張貼者帳號：${facts.posterAccount ?? '（未顯示）'}`,
    `張貼者 IP：${facts.posterIp ?? '（未顯示）'}`,
    '',
    '事證（已封存，依雜湊值查驗；本信不附影像）：',
    ...facts.evidence.map((e, i) => `  ${i + 1}. 證據編號 ${e.id}，擷取時間 ${formatRocDateTime(e.capturedAt)}，SHA-256 ${e.sha256}`),
    '',
    `通報機關：${facts.agency}`,
    `聯絡方式：${facts.agencyContact}`,
  ];
  return `${lines.join('\n')}\n`;
}

export type RpzRequestFacts = {
  caseNumber: string;
  domain: string;
  url: string;
  orderDocumentNumber: string | null;
  orderIssuedAt: Date | null;
  dueAt: Date | null;
  /** What the last removal check found (e.g. "仍可連線（內容仍在）"), when there was one. */
  lastCheck: { checkedAt: Date; finding: string } | null;
  agency: string;
  agencyContact: string;
};

/**
 * The letter asking the SAB to have TWNIC's members stop resolving the domain (DNS RPZ), because
 * the content is still online after the order's 24 hours (G5.2). Plain text; pure.
 */
export function rpzRequestText(facts: RpzRequestFacts): string {
  const lines = [
    `主旨：請轉請財團法人台灣網路資訊中心（TWNIC）通知會員停止解析網域 ${facts.domain}（案號 ${facts.caseNumber}）`,
    '',
    '說明：',
    `一、旨揭網域之網頁 ${facts.url} 含兒童及少年性剝削內容，經貴局以行政處分${facts.orderDocumentNumber ? `（文號 ${facts.orderDocumentNumber}）` : ''}命平臺業者於 24 小時內限制瀏覽或移除${facts.orderIssuedAt ? `（處分時間 ${formatRocDateTime(facts.orderIssuedAt)}` : ''}${facts.dueAt ? `，期限 ${formatRocDateTime(facts.dueAt)}）` : facts.orderIssuedAt ? '）' : ''}。`,
    facts.lastCheck
      ? `二、本局於 ${formatRocDateTime(facts.lastCheck.checkedAt)} 重新擷取查核，結果：${facts.lastCheck.finding}；逾期仍未移除。`
      : '二、期限屆滿後經查仍未移除。',
    `三、依兒童及少年性剝削防制條例第 8 條及本局工作指引伍、二，請轉請 TWNIC 通知所有會員停止解析網域 ${facts.domain}（DNS RPZ）。`,
    '',
    `通報機關：${facts.agency}`,
    `聯絡方式：${facts.agencyContact}`,
  ];
  return `${lines.join('\n')}\n`;
}
