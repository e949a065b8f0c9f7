/**
 * The edit form of a finding, without React: its values, what changed, and a first check of the
 * poster IP. Kept pure so it is unit-tested alone.
 */
import type { Dayjs } from 'dayjs';
import { formatRocDateTime } from '../../lib/roc-date.ts';
import { taipeiWallClockIso } from '../evidence/evidence-format.ts';
import type { Finding, FindingPatch, TargetCategory, TargetKind } from './findings.api.ts';
import { taipeiPickerValue } from './period.ts';

export interface EditValues {
  targetCategory: TargetCategory;
  /** Undefined or null: not set (a cleared select gives undefined). */
  targetKind?: TargetKind | null;
  accountName?: string;
  accountId?: string;
  posterIp?: string;
  postedAt?: Dayjs | null;
  ephemeral: boolean;
  contentText?: string;
  notes?: string;
}

/** A picker value (a Taipei wall clock, to the minute) as a UTC instant. */
export const pickerIso = (value: Dayjs): string => taipeiWallClockIso(value.format('YYYY-MM-DDTHH:mm'));

// A first check only (the server normalises and decides): IPv4 dotted quad, or IPv6 hex groups.
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;

/** True when the text could be an IPv4 or IPv6 address. */
export function looksLikeIp(value: string): boolean {
  const v = value.trim();
  return IPV4.test(v) || (IPV6.test(v) && v.split(':').length >= 3);
}

/** The form's starting values: the finding as it is (empty text for missing fields). */
export function editInitialValues(f: Finding): EditValues {
  return {
    targetCategory: f.targetCategory,
    targetKind: f.targetKind,
    accountName: f.accountName ?? '',
    accountId: f.accountId ?? '',
    posterIp: f.posterIp ?? '',
    postedAt: taipeiPickerValue(f.postedAt),
    ephemeral: f.ephemeral,
    contentText: f.contentText ?? '',
    notes: f.notes ?? '',
  };
}

/** Only what changed goes to the server (it refuses an empty change); an emptied field is cleared. */
export function findingPatch(f: Finding, v: EditValues): FindingPatch {
  const patch: FindingPatch = {};
  const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);
  if (v.targetCategory !== f.targetCategory) patch.targetCategory = v.targetCategory;
  if ((v.targetKind ?? null) !== f.targetKind) patch.targetKind = v.targetKind ?? null;
  if (text(v.accountName) !== f.accountName) patch.accountName = text(v.accountName);
  if (text(v.accountId) !== f.accountId) patch.accountId = text(v.accountId);
  if (text(v.posterIp) !== f.posterIp) patch.posterIp = text(v.posterIp);
  if (text(v.notes) !== f.notes) patch.notes = text(v.notes);
  if (v.ephemeral !== f.ephemeral) patch.ephemeral = v.ephemeral;
  // Content keeps its own spacing; only whitespace-only content counts as empty.
  const content = v.contentText?.trim() ? v.contentText : null;
  if (content !== f.contentText) patch.contentText = content;
  // The picker works to the minute: an unchanged minute is no change.
  const postedAt = v.postedAt ? pickerIso(v.postedAt) : null;
  const before = f.postedAt ? formatRocDateTime(f.postedAt) : null;
  if ((postedAt ? formatRocDateTime(postedAt) : null) !== before) patch.postedAt = postedAt;
  return patch;
}
