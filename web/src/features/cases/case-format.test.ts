import { describe, expect, it } from 'vitest';
import zhTW from '../../i18n/zh-TW.json';
import type { Assessment, TimelineEvent } from './cases.api.ts';
import {
  actionKey,
  actorOf,
  assessmentBody,
  assessmentInitialValues,
  cleanRecipients,
  isCaseWritable,
  isEmailAddress,
  isReadEvent,
  pendingAssessment,
  proposedOutcome,
  serverField,
  taipeiToday,
  taipeiWallClock,
  type AssessmentFormValues,
} from './case-format.ts';

const element = (held: boolean, evidenceIds: string[] = []) => ({ held, reasons: `  reasons ${held}  `, evidenceIds });

function assessment(overrides: Partial<Assessment>): Assessment {
  return {
    id: 'a1',
    elements: { publicDissemination: element(true, ['e1']), inducement: element(true, ['e1']), childAtRisk: { ...element(true, ['e1']), subparagraphs: [1] } },
    proposedOutcome: 'art40',
    submittedBy: 'u1',
    submittedAt: '2025-07-08T01:00:00.000Z',
    decision: null,
    reviewNote: null,
    reviewedBy: null,
    reviewedAt: null,
    ...overrides,
  };
}

describe('Taipei wall clocks for the pickers', () => {
  it('reads an instant in Taipei, whatever the machine zone', () => {
    // 2025-07-08 16:30 UTC is 2025-07-09 00:30 in Taipei.
    expect(taipeiWallClock('2025-07-08T16:30:00.000Z')).toBe('2025-07-09T00:30');
    expect(taipeiToday('2025-07-08T16:30:00.000Z')).toBe('2025-07-09');
    expect(taipeiToday('2025-07-08T15:59:00.000Z')).toBe('2025-07-08');
  });
});

describe('case writability', () => {
  it('is read-only once transferred or closed', () => {
    expect(isCaseWritable('open')).toBe(true);
    expect(isCaseWritable('investigating')).toBe(true);
    expect(isCaseWritable('transferred')).toBe(false);
    expect(isCaseWritable('closed')).toBe(false);
  });
});

describe('the Art. 40 form', () => {
  const allHeld: AssessmentFormValues = {
    publicDissemination: element(true, ['e1', 'e1']),
    inducement: element(true, ['e2']),
    childAtRisk: { ...element(true, ['e1']), subparagraphs: [3, 1, 1] },
  };

  it('proposes Art. 40 exactly when all three elements hold (G6.3.1)', () => {
    expect(proposedOutcome(allHeld)).toBe('art40');
    expect(proposedOutcome({ ...allHeld, inducement: element(false) })).toBeNull();
    expect(proposedOutcome({ ...allHeld, inducement: element(false), otherOutcome: 'harmful' })).toBe('harmful');
  });

  it('sends trimmed reasons, each evidence once, sorted subparagraphs and no other outcome when all hold', () => {
    const body = assessmentBody({ ...allHeld, otherOutcome: 'not_target' });
    expect(body.publicDissemination).toEqual({ held: true, reasons: 'reasons true', evidenceIds: ['e1'] });
    expect(body.childAtRisk.subparagraphs).toEqual([1, 3]);
    expect(body.otherOutcome).toBeUndefined();
  });

  it('drops subparagraphs when the child-at-risk element does not hold, and keeps the other outcome', () => {
    const body = assessmentBody({ ...allHeld, childAtRisk: { ...element(false), subparagraphs: [2] }, otherOutcome: 'harmful' });
    expect(body.childAtRisk.subparagraphs).toEqual([]);
    expect(body.otherOutcome).toBe('harmful');
  });

  it('starts empty, or from the returned check it redoes', () => {
    expect(assessmentInitialValues(undefined).childAtRisk).toEqual({ held: false, reasons: '', evidenceIds: [], subparagraphs: [] });
    const returned = assessment({ proposedOutcome: 'harmful', decision: 'returned', elements: { ...assessment({}).elements, inducement: element(false) } });
    const initial = assessmentInitialValues(returned);
    expect(initial.inducement.held).toBe(false);
    expect(initial.otherOutcome).toBe('harmful');
    expect(initial.childAtRisk.subparagraphs).toEqual([1]);
  });

  it('finds the newest undecided submission', () => {
    const older = assessment({ id: 'old', submittedAt: '2025-07-08T01:00:00.000Z', decision: 'returned' });
    const newer = assessment({ id: 'new', submittedAt: '2025-07-08T02:00:00.000Z' });
    expect(pendingAssessment([older, newer])?.id).toBe('new');
    expect(pendingAssessment([older])).toBeUndefined();
  });
});

describe('recipients', () => {
  it('splits pasted lists and keeps each address once', () => {
    expect(cleanRecipients(['a@x.gov.tw, b@x.gov.tw', 'A@x.gov.tw', ' c@y.org ;'])).toEqual(['a@x.gov.tw', 'b@x.gov.tw', 'c@y.org']);
  });

  it('tells addresses from other text', () => {
    expect(isEmailAddress('sab@gov.taipei')).toBe(true);
    expect(isEmailAddress('not an address')).toBe(false);
    expect(isEmailAddress('a@b')).toBe(false);
  });
});

describe('the timeline', () => {
  const event = (action: string, details: Record<string, unknown> | null, outcome = 'success'): TimelineEvent => ({
    seq: 1,
    occurredAt: '2025-07-08T01:00:00.000Z',
    actorUsername: 'da.supervisor',
    actorUnitCode: 'DA',
    action,
    objectType: 'case',
    objectId: 'c1',
    outcome,
    details,
  });

  it('has a label for every step the case workflow records', () => {
    const actions = zhTW.cases.timeline.actions as Record<string, string>;
    for (const action of ['case.create', 'case.assessment_submit', 'case.assessment_review', 'case.notice', 'case.transfer', 'task.open', 'task.done', 'evidence.upload']) {
      expect(actions[actionKey(action)], action).toBeTruthy();
    }
  });

  it('hides reads unless asked for', () => {
    expect(isReadEvent('case.view')).toBe(true);
    expect(isReadEvent('case.timeline_view')).toBe(true);
    expect(isReadEvent('suspect.list')).toBe(true);
    expect(isReadEvent('case.transfer')).toBe(false);
    expect(isReadEvent('reporter.reveal')).toBe(false);
  });

  it('names who did a step by the object in its details, successful events only', () => {
    const events = [event('case.assessment_submit', { assessmentId: 'a1' }, 'denied'), event('case.assessment_submit', { assessmentId: 'a1' })];
    expect(actorOf(events, 'case.assessment_submit', 'assessmentId', 'a1')).toBe('da.supervisor');
    expect(actorOf(events, 'case.assessment_submit', 'assessmentId', 'a2')).toBeNull();
    expect(actorOf(undefined, 'case.follow_up', 'followUpId', 'f1')).toBeNull();
  });
});

describe('serverField', () => {
  const fields = ['value', 'port', 'observedAt', 'platformId', 'evidenceIds'] as const;

  it('takes the field the English part of the message starts with', () => {
    expect(serverField('IP 請勿附帶連接埠，請將 8080 填入 port 欄位 (value: give the port 8080 in the port field, not after the IP)', fields)).toBe('value');
    expect(serverField('IP 須填寫使用之日期與時間（含時區）(observedAt: an IP needs the date and time it was used, with its offset)', fields)).toBe('observedAt');
    expect(serverField('電子郵件格式錯誤 (value is not an e-mail address): x', fields)).toBe('value');
  });

  it('names no field when the message names none', () => {
    expect(serverField('此嫌疑人已有相同識別資料 (the suspect already has this identifier)', fields)).toBeNull();
    expect(serverField('publicDissemination.reasons 必須填寫 (publicDissemination.reasons is required)', ['reasons'])).toBeNull();
  });
});
