/**
 * The guideline's steps as data (issue #5): 臺北市政府警察局辦理違反兒少性剝削網路平臺防範機制及工作指引,
 * 114-07-08. Each step names the clause it carries out, the case event that creates it, who does it,
 * its due rule and the events that close it. Tasks are made from these rows by the playbook engine;
 * no deadline is written anywhere else in code.
 *
 * Where the guideline says "at once" (立即) the task is due one hour after its trigger, so the
 * reminder reaches the same shift; where it gives no time, the due rule is the department's
 * practice and says so (`practice: true`), to be confirmed by the WCPD.
 */
import type { Role } from '../../core/access/roles.ts';

export const PLAYBOOK_VERSION = '114-07-08';

export const CASE_EVENTS = [
  'case_opened',
  'assessment_submitted',
  'assessment_returned',
  'art40_confirmed',
  'harmful_confirmed',
  'not_target_confirmed',
  'serious_flagged',
  'cloud_registered',
  'cib_requested',
  'cib_answered',
  'social_affairs_notified',
  'child_protection_reported',
  'preservation_requested',
  'preservation_answered',
  'transferred',
  'fpo_notified',
  'case_closed',
  'case_reopened',
  'takedown_overdue',
  'takedown_rpz_requested',
  'takedown_retention_due',
  'takedown_data_requested',
  'victim_minor_recorded',
  'victim_social_worker_recorded',
  'victim_adult_recorded',
  'victim_referral_answered',
] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

/** Who does a step: a role in the case's owning unit, or in a named unit (the WCPD, CIB's technology squad). */
export type StepAssignee = { role: Role; unit: 'owning' } | { role: Role; unitCode: string };

export type PlaybookStep = {
  code: string;
  clause: string;
  titleZh: string;
  titleEn: string;
  trigger: CaseEvent;
  assignee: StepAssignee;
  /** Hours after the trigger; null = no deadline (tracked, never overdue). */
  dueHours: number | null;
  /** True when the due rule is department practice rather than the guideline's or the Act's text. */
  practice: boolean;
  closesOn: readonly CaseEvent[];
  /** Events that put a closed step back to open with a fresh deadline (a returned check is redone). */
  reopensOn?: readonly CaseEvent[];
};

export const PLAYBOOK: readonly PlaybookStep[] = [
  {
    code: 'art40_check',
    clause: 'G6.3.1',
    titleZh: '辦理兒少性剝削條例第 40 條三要件檢核',
    titleEn: 'Complete the Art. 40 three-element check',
    trigger: 'case_opened',
    assignee: { role: 'officer', unit: 'owning' },
    dueHours: 72,
    practice: true,
    closesOn: ['assessment_submitted'],
    reopensOn: ['assessment_returned'],
  },
  {
    code: 'art40_review',
    clause: 'G6.3.1',
    titleZh: '主管覆核第 40 條檢核',
    titleEn: 'Supervisor reviews the Art. 40 check',
    trigger: 'assessment_submitted',
    assignee: { role: 'supervisor', unit: 'owning' },
    dueHours: 24,
    practice: true,
    closesOn: ['art40_confirmed', 'harmful_confirmed', 'not_target_confirmed', 'assessment_returned'],
    reopensOn: ['assessment_submitted'],
  },
  {
    code: 'social_affairs_notice',
    clause: 'G4.2.2',
    titleZh: '立即通報社政主管機關',
    titleEn: 'Notify the social affairs authority at once',
    trigger: 'art40_confirmed',
    assignee: { role: 'officer', unit: 'owning' },
    dueHours: 1,
    practice: false,
    closesOn: ['social_affairs_notified'],
  },
  {
    code: 'child_protection_report',
    clause: 'Act Art. 7',
    titleZh: '24 小時內完成兒少保護通報',
    titleEn: 'File the child-protection report within 24 hours',
    trigger: 'art40_confirmed',
    assignee: { role: 'officer', unit: 'owning' },
    dueHours: 24,
    practice: false,
    closesOn: ['child_protection_reported'],
  },
  {
    code: 'transfer',
    clause: 'G4.2.3',
    titleZh: '偵查完畢移送地檢署',
    titleEn: 'Transfer the case to the prosecutors',
    trigger: 'art40_confirmed',
    assignee: { role: 'supervisor', unit: 'owning' },
    dueHours: null,
    practice: false,
    closesOn: ['transferred'],
  },
  {
    code: 'cloud_registration',
    clause: 'G4.1.3',
    titleZh: '重大（特殊）案件登錄雲端治安管制系統',
    titleEn: 'Register the serious case in the cloud crime-control system',
    trigger: 'serious_flagged',
    assignee: { role: 'supervisor', unit: 'owning' },
    dueHours: 24,
    practice: true,
    closesOn: ['cloud_registered'],
  },
  {
    code: 'cib_request',
    clause: 'G4.1.3',
    titleZh: '重大（特殊）案件請刑事警察大隊協助',
    titleEn: 'Ask the CIB to assist with the serious case',
    trigger: 'serious_flagged',
    assignee: { role: 'supervisor', unit: 'owning' },
    dueHours: 24,
    practice: true,
    closesOn: ['cib_requested'],
  },
  {
    code: 'cib_response',
    clause: 'G6.3.5',
    titleZh: '刑事警察大隊回覆協助請求',
    titleEn: 'CIB answers the assistance request',
    trigger: 'cib_requested',
    assignee: { role: 'cib_investigator', unitCode: 'CIB-TECH' },
    dueHours: 24,
    practice: true,
    closesOn: ['cib_answered'],
  },
  {
    code: 'preservation_outcome',
    clause: 'G6.3.2',
    titleZh: '追蹤證據保全聲請結果',
    titleEn: 'Follow up the evidence preservation request',
    trigger: 'preservation_requested',
    assignee: { role: 'officer', unit: 'owning' },
    dueHours: 48,
    practice: true,
    closesOn: ['preservation_answered'],
    reopensOn: ['preservation_requested'],
  },
  {
    code: 'fpo_notice',
    clause: 'G4.2.3',
    titleZh: '通知分局家防官並檢送案卷',
    titleEn: "Notify the precinct's FPO with the case file",
    trigger: 'transferred',
    assignee: { role: 'officer', unit: 'owning' },
    dueHours: 24,
    practice: true,
    closesOn: ['fpo_notified'],
  },
  {
    code: 'takedown_rpz',
    clause: 'G5.2',
    titleZh: '下架逾 24 小時未移除：請社會局轉請 TWNIC 停止解析（DNS RPZ）',
    titleEn: 'Not removed within 24 hours: ask the SAB to have TWNIC stop resolving the domain (DNS RPZ)',
    trigger: 'takedown_overdue',
    assignee: { role: 'officer', unit: 'owning' },
    dueHours: 24,
    practice: true,
    closesOn: ['takedown_rpz_requested'],
    reopensOn: ['takedown_overdue'],
  },
  {
    // Created at day 150 of the 180-day window; due at day 170, when the overdue reminder mails again.
    code: 'takedown_data_request',
    clause: 'G5.2',
    titleZh: '於 180 日保存期限內向平臺調取保存資料',
    titleEn: 'Request the data the platform keeps before the 180-day window ends',
    trigger: 'takedown_retention_due',
    assignee: { role: 'officer', unit: 'owning' },
    dueHours: 20 * 24,
    practice: true,
    closesOn: ['takedown_data_requested'],
    reopensOn: ['takedown_retention_due'],
  },
  {
    // Per case: a new minor victim reopens it; it closes once every minor victim of the case has their social worker recorded.
    code: 'victim_social_worker',
    clause: 'G5.3.2',
    titleZh: '通報社會局指派社工到場陪同未成年被害人偵訊',
    titleEn: 'Have the SAB send a social worker to accompany the minor victim’s interview',
    trigger: 'victim_minor_recorded',
    assignee: { role: 'officer', unit: 'owning' },
    dueHours: 24,
    practice: true,
    closesOn: ['victim_social_worker_recorded'],
    reopensOn: ['victim_minor_recorded'],
  },
  {
    // Per case: closes once every adult victim of the case has answered (a refusal to answer is an answer).
    code: 'victim_adult_referral',
    clause: 'G5.3.2',
    titleZh: '詢問成年被害人是否需社工陪同及轉介輔導服務',
    titleEn: 'Ask the adult victim whether they want a social worker and a referral to counselling',
    trigger: 'victim_adult_recorded',
    assignee: { role: 'officer', unit: 'owning' },
    dueHours: 72,
    practice: true,
    closesOn: ['victim_referral_answered'],
    reopensOn: ['victim_adult_recorded'],
  },
];

export function playbookStep(code: string): PlaybookStep | undefined {
  return PLAYBOOK.find((step) => step.code === code);
}
