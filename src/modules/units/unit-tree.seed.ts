/**
 * The department's unit tree as seeded on the first start (DESIGN.md "Who uses it"):
 * 臺北市政府警察局 → 婦幼警察隊, 刑事警察大隊 and the 14 precincts → their squads, sections and
 * stations. Codes are short and stable because case numbers carry them (`DA-114-000123`).
 * Station lists are representative, not the complete roster; administrators edit the tree.
 */
import type { UnitKind } from '../../core/access/roles.ts';

export type SeedUnit = { code: string; nameZh: string; nameEn: string; kind: UnitKind; children?: SeedUnit[] };

type PrecinctSeed = { code: string; zh: string; en: string; stations: [string, string][] };

const PRECINCTS: PrecinctSeed[] = [
  { code: 'ZZ1', zh: '中正第一分局', en: 'Zhongzheng First Precinct', stations: [['公園路', 'Gongyuan Rd.'], ['忠孝東路', 'Zhongxiao E. Rd.']] },
  { code: 'ZZ2', zh: '中正第二分局', en: 'Zhongzheng Second Precinct', stations: [['南昌街', 'Nanchang St.'], ['廈門街', 'Xiamen St.']] },
  { code: 'DT', zh: '大同分局', en: 'Datong Precinct', stations: [['延平', 'Yanping'], ['寧夏路', 'Ningxia Rd.']] },
  { code: 'WH', zh: '萬華分局', en: 'Wanhua Precinct', stations: [['西門町', 'Ximending'], ['桂林路', 'Guilin Rd.']] },
  { code: 'ZS', zh: '中山分局', en: 'Zhongshan Precinct', stations: [['中山一', 'Zhongshan 1st'], ['大直', 'Dazhi']] },
  { code: 'DA', zh: '大安分局', en: "Da'an Precinct", stations: [['和平東路', 'Heping E. Rd.'], ['仁愛路', 'Ren\'ai Rd.']] },
  { code: 'XY', zh: '信義分局', en: 'Xinyi Precinct', stations: [['三張犁', 'Sanzhangli'], ['福德街', 'Fude St.']] },
  { code: 'SS', zh: '松山分局', en: 'Songshan Precinct', stations: [['民生社區', 'Minsheng Community'], ['中崙', 'Zhonglun']] },
  { code: 'NG', zh: '南港分局', en: 'Nangang Precinct', stations: [['南港', 'Nangang'], ['舊莊', 'Jiuzhuang']] },
  { code: 'NH', zh: '內湖分局', en: 'Neihu Precinct', stations: [['內湖', 'Neihu'], ['東湖', 'Donghu']] },
  { code: 'SL', zh: '士林分局', en: 'Shilin Precinct', stations: [['士林', 'Shilin'], ['天母', 'Tianmu']] },
  { code: 'BT', zh: '北投分局', en: 'Beitou Precinct', stations: [['北投', 'Beitou'], ['石牌', 'Shipai']] },
  { code: 'WS1', zh: '文山第一分局', en: 'Wenshan First Precinct', stations: [['木柵', 'Muzha'], ['興隆', 'Xinglong']] },
  { code: 'WS2', zh: '文山第二分局', en: 'Wenshan Second Precinct', stations: [['景美', 'Jingmei'], ['萬芳', 'Wanfang']] },
];

function precinctUnit(p: PrecinctSeed): SeedUnit {
  return {
    code: p.code,
    nameZh: p.zh,
    nameEn: p.en,
    kind: 'precinct',
    children: [
      { code: `${p.code}-INV`, nameZh: `${p.zh}偵查隊`, nameEn: `${p.en} Investigation Squad`, kind: 'squad' },
      // The prevention section (防治組) is where the precinct's FPO (家防官) sits (G4.2.3).
      { code: `${p.code}-PRV`, nameZh: `${p.zh}防治組`, nameEn: `${p.en} Prevention Section`, kind: 'section' },
      ...p.stations.map(([zh, en], index) => ({
        code: `${p.code}-S${index + 1}`,
        nameZh: `${zh}派出所`,
        nameEn: `${en} Police Station`,
        kind: 'station' as const,
      })),
    ],
  };
}

export const DEPARTMENT_UNIT_TREE: SeedUnit = {
  code: 'TPD',
  nameZh: '臺北市政府警察局',
  nameEn: 'Taipei City Police Department',
  kind: 'department',
  children: [
    {
      code: 'WCPD',
      nameZh: '婦幼警察隊',
      nameEn: 'Women and Children Police Division',
      kind: 'division',
    },
    {
      code: 'CIB',
      nameZh: '刑事警察大隊',
      nameEn: 'Criminal Investigation Corps',
      kind: 'corps',
      children: [{ code: 'CIB-TECH', nameZh: '科技偵查隊', nameEn: 'Technology Crime Investigation Squad', kind: 'squad' }],
    },
    { code: 'IT', nameZh: '資訊室', nameEn: 'Information Technology Office', kind: 'section' },
    { code: 'INSP', nameZh: '督察室', nameEn: 'Inspection Office', kind: 'section' },
    ...PRECINCTS.map(precinctUnit),
  ],
};
