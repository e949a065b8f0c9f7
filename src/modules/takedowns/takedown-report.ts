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
