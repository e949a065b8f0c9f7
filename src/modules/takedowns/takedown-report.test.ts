import { describe, expect, it } from 'vitest';
import { rpzRequestText, takedownReportText } from './takedown-report.ts';

describe('takedown letters (G6.2.1, G5.2)', () => {
  it('reports to iWIN with the reason, the full URL, every evidence hash and no image', () => {
    const text = takedownReportText({
      caseNumber: 'DA-S1-115-0001',
      reason: '疑似媒介兒少性交易（合成）',
      siteName: 'PTT 批踢踢',
      url: 'https://www.ptt.cc/bbs/Sex/M.1.A.1.html',
      imageUrls: ['https://i.example.org/a.png'],
      posterAccount: 'demo_account',
      posterIp: '203.0.113.9',
      evidence: [{ id: 'e1', sha256: 'a'.repeat(64), capturedAt: new Date('2026-07-08T06:05:00Z') }],
      agency: '臺北市政府警察局婦幼警察隊',
      agencyContact: '婦幼警察隊（案號 DA-S1-115-0001）',
    });
    for (const part of ['事由：疑似媒介兒少性交易（合成）', '內容網址：https://www.ptt.cc/bbs/Sex/M.1.A.1.html', '圖片網址：https://i.example.org/a.png', `SHA-256 ${'a'.repeat(64)}`, '115/07/08 14:05', '張貼者 IP：203.0.113.9']) {
      expect(text).toContain(part);
    }
  });

  it('asks the SAB to have TWNIC stop resolving the domain, with the order and the last check', () => {
    const text = rpzRequestText({
      caseNumber: 'DA-S1-115-0002',
      domain: 'bad.example.tw',
      url: 'https://bad.example.tw/p/1',
      orderDocumentNumber: '北市社兒字第1150000001號',
      orderIssuedAt: new Date('2026-07-08T02:00:00Z'),
      dueAt: new Date('2026-07-09T02:00:00Z'),
      lastCheck: { checkedAt: new Date('2026-07-09T02:05:00Z'), finding: '仍可連線，內容仍在' },
      agency: '臺北市政府警察局大安分局',
      agencyContact: '大安分局（案號 DA-S1-115-0002）',
    });
    expect(text.split('\n')[0]).toBe('主旨：請轉請財團法人台灣網路資訊中心（TWNIC）通知會員停止解析網域 bad.example.tw（案號 DA-S1-115-0002）');
    for (const part of ['https://bad.example.tw/p/1', '文號 北市社兒字第1150000001號', '處分時間 115/07/08 10:00', '期限 115/07/09 10:00', '115/07/09 10:05 重新擷取查核，結果：仍可連線，內容仍在', 'DNS RPZ']) {
      expect(text).toContain(part);
    }
    expect(rpzRequestText({ caseNumber: 'X', domain: 'd.tw', url: 'https://d.tw/', orderDocumentNumber: null, orderIssuedAt: null, dueAt: null, lastCheck: null, agency: 'A', agencyContact: 'B' })).toContain('期限屆滿後經查仍未移除');
  });
});
