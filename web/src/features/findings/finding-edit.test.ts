import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { editInitialValues, findingPatch, looksLikeIp } from './finding-edit.ts';
import type { Finding } from './findings.api.ts';

const ref = { id: 'p', code: 'ptt', nameZh: 'PTT 批踢踢', nameEn: 'PTT' };
const finding: Finding = {
  id: 'f1',
  url: 'https://www.ptt.cc/bbs/Gossiping/M.1.A.F2E.html',
  canonicalUrl: 'https://www.ptt.cc/bbs/Gossiping/M.1.A.F2E.html',
  host: 'www.ptt.cc',
  platform: ref,
  unit: { id: 'u', code: 'DA', nameZh: '大安分局', nameEn: 'Da-an Precinct' },
  recordedBy: 'e2e.officer',
  patrolSessionId: null,
  accountName: 'someone',
  accountId: null,
  posterIp: '203.0.113.5',
  identitySource: 'officer',
  contentText: '  synthetic text  ',
  postedAt: '2025-07-07T16:05:30.000Z',
  seenAt: '2025-07-08T01:00:00.000Z',
  ephemeral: false,
  targetCategory: 'unassessed',
  targetKind: null,
  triageScore: 0,
  triage: null,
  pageTriage: null,
  notes: null,
  case: null,
  createdAt: '2025-07-08T01:00:00.000Z',
  updatedAt: '2025-07-08T01:00:00.000Z',
};

describe('findingPatch', () => {
  it('sends nothing when nothing changed (the server refuses an empty change)', () => {
    expect(findingPatch(finding, editInitialValues(finding))).toEqual({});
  });

  it('sends only the changed fields, trimmed, and clears emptied ones', () => {
    const values = { ...editInitialValues(finding), targetCategory: 'art2_1_3' as const, accountName: '', accountId: '  id-9 ', notes: ' note ' };
    expect(findingPatch(finding, values)).toEqual({ targetCategory: 'art2_1_3', accountName: null, accountId: 'id-9', notes: 'note' });
  });

  it('sets and clears the patrol target kind', () => {
    expect(findingPatch(finding, { ...editInitialValues(finding), targetKind: 'live_stream' })).toEqual({ targetKind: 'live_stream' });
    const streamed = { ...finding, targetKind: 'live_stream' as const };
    expect(findingPatch(streamed, editInitialValues(streamed))).toEqual({});
    // A cleared select gives undefined: the kind is cleared on the server.
    expect(findingPatch(streamed, { ...editInitialValues(streamed), targetKind: undefined })).toEqual({ targetKind: null });
  });

  it('keeps content spacing, and treats whitespace-only content as empty', () => {
    expect(findingPatch(finding, { ...editInitialValues(finding), contentText: '   ' })).toEqual({ contentText: null });
    expect(findingPatch(finding, { ...editInitialValues(finding), contentText: ' new ' })).toEqual({ contentText: ' new ' });
  });

  it('compares the posting time to the minute, in Taipei', () => {
    const initial = editInitialValues(finding);
    expect(initial.postedAt?.format('YYYY-MM-DD HH:mm')).toBe('2025-07-08 00:05');
    expect(findingPatch(finding, { ...initial, postedAt: dayjs('2025-07-08T00:06') })).toEqual({ postedAt: '2025-07-07T16:06:00.000Z' });
    expect(findingPatch(finding, { ...initial, postedAt: null })).toEqual({ postedAt: null });
  });
});

describe('looksLikeIp', () => {
  it('accepts IPv4 and IPv6, refuses the rest', () => {
    expect(looksLikeIp('203.0.113.5')).toBe(true);
    expect(looksLikeIp(' 2001:db8::1 ')).toBe(true);
    expect(looksLikeIp('256.1.1.1')).toBe(false);
    expect(looksLikeIp('ptt.cc')).toBe(false);
    expect(looksLikeIp('1:2')).toBe(false);
  });
});
