/**
 * Suspects of a case (G6.3.4): who they are known as, the identifiers that point at them — a
 * platform account, an IP with its date, time and port, an e-mail, a phone — each with the evidence
 * that shows it, the subscriber-data requests made about each identifier (to whom, on what legal
 * basis, sent, answered, result) and the phone's calling-location comparison. Identifiers are
 * normalised so the department can see at once whether another case holds the same one; which case
 * it is stays hidden unless the actor may read it.
 */
import { createHash } from 'node:crypto';
import { domainToASCII } from 'node:url';
import ipaddr from 'ipaddr.js';
import { canAccessCase } from '../../core/access/policy.ts';
import type { Database, DbOrTx } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { casesRepository, type CaseWithUnit } from '../cases/cases.repository.ts';
import { assertCaseWritable, caseAccessFacts, loadCaseFor } from '../cases/cases.service.ts';
import { requireEvidenceRole } from '../evidence/evidence.service.ts';
import { platformsRepository } from '../platforms/platforms.repository.ts';
import { suspectsRepository, type IdentifierWithRefs, type SuspectWithIdentifiers } from './suspects.repository.ts';
import type { IdentifierKind, SubscriberRequestRow } from './suspects.tables.ts';

/**
 * G6.3.4: shown with every request that reaches communications records. The one place this
 * sentence lives.
 */
export const CSSA_REMINDER =
  '本調閱涉及通信紀錄或通信使用者資料，受通訊保障及監察法規範：應依該法第11條之1 報請檢察官許可並向法院聲請核發調取票（或依該法所定之其他程序）後始得調取。' +
  ' (This request reaches communications records, which the Communication Security and Surveillance Act (通訊保障及監察法) governs: ' +
  'obtain them only with a retrieval warrant (調取票) issued by the court on the prosecutor’s approval under Art. 11-1, or another procedure the Act provides.)';

/** The reminder for a response, or undefined when none of its requests touches communications. */
export function cssaReminderFor(requests: readonly Pick<SubscriberRequestRow, 'touchesCommunications'>[]): string | undefined {
  return requests.some((r) => r.touchesCommunications) ? CSSA_REMINDER : undefined;
}

/** Clock skew tolerated for times in the future (officers' phones drift). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const MAX_LABEL = 100;
const MAX_NOTES = 5000;
const MAX_ACCOUNT = 200;

export type IdentifierWarning = 'port_missing' | 'evidence_missing' | 'ip_not_public';

export type IdentifierInput = {
  kind: IdentifierKind;
  value: string;
  platformId?: string | null;
  observedAt?: Date | null;
  port?: number | null;
  evidenceIds: readonly string[];
};

export type IdentifierRef = { caseId: string; suspectId: string; identifierId: string };
export type RequestRef = IdentifierRef & { requestId: string };

function invalid(field: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('VALIDATION_FAILED', message, { field, ...extra });
}

function checkNotFuture(value: Date, field: string, now: Date): void {
  if (value.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw invalid(field, `${field} 不可晚於現在 (${field} is in the future)`);
}

function requiredText(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw invalid(field, `${field} 不可空白 (${field} is empty)`);
  if (trimmed.length > max) throw invalid(field, `${field} 過長，上限 ${max} 字 (${field} longer than ${max} characters)`);
  return trimmed;
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed.length === 0) return null;
  if (trimmed.length > max) throw invalid(field, `${field} 過長，上限 ${max} 字 (${field} longer than ${max} characters)`);
  return trimmed;
}

const echo = (raw: string) => raw.trim().slice(0, 60);

/** Address ranges an ISP cannot trace to a subscriber from outside (a private LAN, loopback, CGNAT inside). */
const NON_PUBLIC_RANGES = new Set(['unspecified', 'broadcast', 'multicast', 'linkLocal', 'loopback', 'carrierGradeNat', 'private', 'uniqueLocal']);

/**
 * An IP as an ISP is asked about it: dotted-quad IPv4 or IPv6 (an IPv4-mapped IPv6 address becomes
 * its IPv4), compressed. Shorthands such as `127.1` are refused: nobody writes them in a record.
 */
export function normaliseIp(raw: string): { value: string; isPublic: boolean } {
  const trimmed = raw.trim();
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(trimmed) ?? /^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(trimmed);
  if (withPort) throw invalid('value', `IP 請勿附帶連接埠，請將 ${withPort[2]} 填入 port 欄位 (value: give the port ${withPort[2]} in the port field, not after the IP)`);
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) address = ipaddr.IPv4.parse(trimmed);
  else if (ipaddr.IPv6.isValid(trimmed) && !trimmed.includes('%')) {
    const v6 = ipaddr.IPv6.parse(trimmed);
    address = v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
  } else throw invalid('value', `IP 格式錯誤，須為 IPv4（如 203.0.113.7）或 IPv6 位址 (value is not an IPv4 or IPv6 address): ${echo(raw)}`);
  return { value: address.toString(), isPublic: !NON_PUBLIC_RANGES.has(address.range()) };
}

const EMAIL_LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** An e-mail address, lower-cased (providers treat them case-insensitively), its domain in ASCII. */
export function normaliseEmail(raw: string): string {
  const value = raw.trim().toLowerCase();
  const at = value.lastIndexOf('@');
  const local = value.slice(0, at);
  const domain = at > 0 ? domainToASCII(value.slice(at + 1)) : '';
  if (at <= 0 || local.length > 64 || !EMAIL_LOCAL.test(local) || !DOMAIN.test(domain) || local.length + 1 + domain.length > 254) {
    throw invalid('value', `電子郵件格式錯誤 (value is not an e-mail address): ${echo(raw)}`);
  }
  return `${local}@${domain}`;
}

/**
 * A Taiwanese national significant number (without the trunk 0): mobiles 9 + 8 digits, Taipei's
 * 2 + 8, other areas and toll-free 3–8 followed by 7 or 8 digits, VoIP 70 + 8.
 */
const TW_NUMBER = /^(?:9\d{8}|2\d{8}|[3-8]\d{7,8}|70\d{8})$/;

/**
 * A phone number in E.164. Taiwanese numbers as officers write them — `0912-345-678`,
 * `(02) 2345-6789`, `+886 912 345 678`, `+886 (0)2 …`, `00886…`, `002 886…` — become `+886…`;
 * a foreign number must carry its `+` country code.
 */
export function normalisePhone(raw: string): string {
  const trimmed = raw.trim();
  const refuse = (zh: string, en: string) =>
    invalid('value', `電話號碼格式錯誤：${zh}；請填寫如 0912-345-678、02-2345-6789 或 +886912345678 (value is not a phone number: ${en}; write e.g. 0912-345-678, 02-2345-6789 or +886912345678): ${echo(raw)}`);
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) throw refuse('含有數字以外的字元', 'it holds characters other than digits');
  let digits = trimmed.replace(/[\s().-]/g, '');
  let international = false;
  if (digits.startsWith('+')) {
    international = true;
    digits = digits.slice(1);
  } else if (/^00[2-9]?886/.test(digits)) {
    // 00 (from abroad) or Taiwan's own international prefixes (002, 005, 006, 007, 009…) before 886.
    international = true;
    digits = digits.slice(digits.indexOf('886'));
  } else if (digits.startsWith('886') && digits.length >= 11) {
    international = true;
  }
  if (international && !digits.startsWith('886')) {
    if (/^[1-9]\d{7,14}$/.test(digits)) return `+${digits}`;
    throw refuse('國際號碼長度不正確', 'an international number has 8 to 15 digits after the +');
  }
  let national: string;
  if (international) national = digits.slice(3).replace(/^0/, '');
  else if (digits.startsWith('0')) national = digits.slice(1);
  else throw refuse('國內號碼須以 0 開頭，或加上 +886', 'a Taiwanese number starts with 0 or +886');
  if (!TW_NUMBER.test(national)) throw refuse('不是有效的臺灣手機或市話號碼', 'not a valid Taiwanese mobile or landline number');
  return `+886${national}`;
}

/** A platform account as shown on the platform, trimmed. */
function normaliseAccount(raw: string): string {
  const value = raw.trim();
  if (value.length === 0) throw invalid('value', 'value 不可空白 (value is empty)');
  if (value.length > MAX_ACCOUNT) throw invalid('value', `帳號過長，上限 ${MAX_ACCOUNT} 字 (value longer than ${MAX_ACCOUNT} characters)`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw invalid('value', '帳號含有控制字元 (value holds control characters)');
  return value;
}

/** The stored, comparable form of an identifier's value (so the same phone written two ways matches). */
export function normaliseIdentifierValue(kind: IdentifierKind, raw: string): string {
  switch (kind) {
    case 'ip':
      return normaliseIp(raw).value;
    case 'email':
      return normaliseEmail(raw);
    case 'phone':
      return normalisePhone(raw);
    case 'platform_account':
      return normaliseAccount(raw);
  }
}

/** A write: `update` on the case (else 404, audited) and a case that still takes writes (else 409). */
async function loadWritableCase(db: Database, ctx: ServiceContext, caseId: string): Promise<CaseWithUnit> {
  const found = await loadCaseFor(db, ctx, caseId, 'update');
  assertCaseWritable(found);
  return found;
}

/**
 * Runs a write in one transaction that first locks the case row (touching it) and checks again
 * that the case is writable, so a transfer committed meanwhile wins over the write.
 */
function inCaseTransaction<T>(db: Database, caseId: string, work: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await casesRepository.touch(tx, caseId);
    const current = await casesRepository.findById(tx, caseId);
    if (!current) throw notFound('case');
    assertCaseWritable(current);
    return work(tx);
  });
}

async function loadSuspect(db: DbOrTx, caseId: string, suspectId: string): Promise<SuspectWithIdentifiers> {
  const found = await suspectsRepository.findSuspect(db, caseId, suspectId);
  if (!found) throw notFound('suspect');
  return found;
}

async function loadIdentifier(db: DbOrTx, ref: IdentifierRef): Promise<IdentifierWithRefs> {
  const found = await suspectsRepository.findIdentifier(db, ref.caseId, ref.suspectId, ref.identifierId);
  if (!found) throw notFound('identifier');
  return found;
}

async function loadRequest(db: DbOrTx, ref: RequestRef): Promise<SubscriberRequestRow> {
  const identifier = await loadIdentifier(db, ref);
  const request = identifier.requests.find((r) => r.id === ref.requestId);
  if (!request) throw notFound('subscriber request');
  return request;
}

/** The suspects of a case with their identifiers and requests; the read is audited (G6.3.6). */
export async function listSuspects(db: Database, ctx: ServiceContext, caseId: string): Promise<SuspectWithIdentifiers[]> {
  await loadCaseFor(db, ctx, caseId, 'read');
  const rows = await suspectsRepository.listForCase(db, caseId);
  await recordAuditNow(db, ctx, { action: 'suspect.list', objectType: 'case', objectId: caseId, details: { suspects: rows.length } });
  return rows;
}

/** Adds a suspect to a case, known by a label until identified. */
export async function createSuspect(db: Database, ctx: ServiceContext, caseId: string, input: { label: string; notes?: string | null }): Promise<SuspectWithIdentifiers> {
  const actor = requireEvidenceRole(ctx);
  await loadWritableCase(db, ctx, caseId);
  const label = requiredText(input.label, 'label', MAX_LABEL);
  const notes = optionalText(input.notes, 'notes', MAX_NOTES);
  const created = await inCaseTransaction(db, caseId, async (tx) => {
    const row = await suspectsRepository.insertSuspect(tx, { caseId, label, notes, createdBy: actor.userId });
    await recordAudit(tx, ctx, { action: 'suspect.create', objectType: 'suspect', objectId: row.id, details: { caseId } });
    return row;
  });
  return { suspect: created, identifiers: [] };
}

/** Renames a suspect or changes the notes (`notes: null` clears them). */
export async function updateSuspect(
  db: Database,
  ctx: ServiceContext,
  caseId: string,
  suspectId: string,
  patch: { label?: string; notes?: string | null },
): Promise<SuspectWithIdentifiers> {
  await loadWritableCase(db, ctx, caseId);
  await loadSuspect(db, caseId, suspectId);
  const changes: { label?: string; notes?: string | null } = {};
  if (patch.label !== undefined) changes.label = requiredText(patch.label, 'label', MAX_LABEL);
  if (patch.notes !== undefined) changes.notes = optionalText(patch.notes, 'notes', MAX_NOTES);
  if (Object.keys(changes).length === 0) throw new AppError('VALIDATION_FAILED', '沒有要變更的欄位 (nothing to change)');
  await inCaseTransaction(db, caseId, async (tx) => {
    await suspectsRepository.updateSuspect(tx, suspectId, changes);
    await recordAudit(tx, ctx, { action: 'suspect.update', objectType: 'suspect', objectId: suspectId, details: { caseId, fields: Object.keys(changes) } });
  });
  return loadSuspect(db, caseId, suspectId);
}

/** Every evidence id must be evidence of this case; the first that is not is named. */
async function checkEvidenceOfCase(db: DbOrTx, caseId: string, evidenceIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(evidenceIds.map((id) => id.toLowerCase()))];
  if (ids.length === 0) return [];
  const ofCase = new Set(await casesRepository.evidenceIdsOf(db, caseId));
  const stranger = ids.find((id) => !ofCase.has(id));
  if (stranger) throw invalid('evidenceIds', `evidenceIds 中的 ${stranger} 不是本案證據 (evidenceIds: ${stranger} is not evidence of this case)`, { evidenceId: stranger });
  return ids;
}

/**
 * Adds an identifier to a suspect (G6.3.4). The value is normalised per kind; an IP needs the date
 * and time it was used (ISPs answer for an instant, not an address), and without its port the
 * answer may name every subscriber behind a carrier-grade NAT — so a missing port is a warning.
 */
export async function addIdentifier(
  db: Database,
  ctx: ServiceContext,
  caseId: string,
  suspectId: string,
  input: IdentifierInput,
  now = new Date(),
): Promise<{ identifier: IdentifierWithRefs; warnings: IdentifierWarning[] }> {
  const actor = requireEvidenceRole(ctx);
  await loadWritableCase(db, ctx, caseId);
  const suspect = await loadSuspect(db, caseId, suspectId);
  const warnings: IdentifierWarning[] = [];

  let value: string;
  if (input.kind === 'ip') {
    const ip = normaliseIp(input.value);
    value = ip.value;
    if (!ip.isPublic) warnings.push('ip_not_public');
  } else value = normaliseIdentifierValue(input.kind, input.value);

  const observedAt = input.observedAt ?? null;
  const port = input.port ?? null;
  if (input.kind === 'ip') {
    if (!observedAt) throw invalid('observedAt', 'IP 須填寫使用之日期與時間（含時區）(observedAt: an IP needs the date and time it was used, with its offset)');
    if (port === null) warnings.push('port_missing');
  } else if (port !== null) {
    throw invalid('port', 'port 僅適用於 IP (port applies to an IP only)');
  }
  if (observedAt) checkNotFuture(observedAt, 'observedAt', now);

  const platformId = input.platformId ?? null;
  if (input.kind === 'platform_account' && !platformId) throw invalid('platformId', '平臺帳號須選擇平臺 (platformId: a platform account needs its platform)');
  if (platformId && !(await platformsRepository.findById(db, platformId))) throw invalid('platformId', `未知的平臺 (platformId: unknown platform): ${platformId}`);

  const evidenceIds = await checkEvidenceOfCase(db, caseId, input.evidenceIds);
  if (evidenceIds.length === 0) warnings.push('evidence_missing');

  const duplicate = suspect.identifiers.find(
    ({ identifier: i }) => i.kind === input.kind && i.value === value && i.platformId === platformId && i.observedAt?.getTime() === observedAt?.getTime() && i.port === port,
  );
  if (duplicate) throw new AppError('CONFLICT', '此嫌疑人已有相同識別資料 (the suspect already has this identifier)', { identifierId: duplicate.identifier.id });

  const created = await inCaseTransaction(db, caseId, async (tx) => {
    const row = await suspectsRepository.insertIdentifier(tx, { suspectId, kind: input.kind, value, platformId, observedAt, port, evidenceIds, createdBy: actor.userId });
    // The value itself is case content and stays out of the audit trail (auditors never see case content).
    await recordAudit(tx, ctx, {
      action: 'suspect.identifier_add',
      objectType: 'suspect_identifier',
      objectId: row.id,
      details: { caseId, suspectId, kind: input.kind, evidence: evidenceIds.length, warnings },
    });
    return row;
  });
  return { identifier: await loadIdentifier(db, { caseId, suspectId, identifierId: created.id }), warnings };
}

/** G6.3.4: the phone's calling-location comparison (通聯位置比對), recorded on a phone identifier. */
export async function recordLocationComparison(
  db: Database,
  ctx: ServiceContext,
  ref: IdentifierRef,
  input: { locationComparison: string; comparedAt: Date },
  now = new Date(),
): Promise<IdentifierWithRefs> {
  await loadWritableCase(db, ctx, ref.caseId);
  const found = await loadIdentifier(db, ref);
  if (found.identifier.kind !== 'phone') throw invalid('kind', `通聯位置比對僅適用於電話 (kind: a calling-location comparison applies to a phone identifier, not ${found.identifier.kind})`);
  const locationComparison = requiredText(input.locationComparison, 'locationComparison', 10_000);
  checkNotFuture(input.comparedAt, 'comparedAt', now);
  await inCaseTransaction(db, ref.caseId, async (tx) => {
    await suspectsRepository.updateIdentifier(tx, ref.identifierId, { locationComparison, locationComparedAt: input.comparedAt });
    await recordAudit(tx, ctx, {
      action: 'suspect.location_comparison',
      objectType: 'suspect_identifier',
      objectId: ref.identifierId,
      details: { caseId: ref.caseId, replaced: found.identifier.locationComparison !== null },
    });
  });
  return loadIdentifier(db, ref);
}

/** A subscriber-data request (調閱用戶資料) about an identifier: to whom and on what legal basis. */
export async function createSubscriberRequest(
  db: Database,
  ctx: ServiceContext,
  ref: IdentifierRef,
  input: { recipient: string; legalBasis: string; touchesCommunications: boolean },
): Promise<SubscriberRequestRow> {
  const actor = requireEvidenceRole(ctx);
  await loadWritableCase(db, ctx, ref.caseId);
  await loadIdentifier(db, ref);
  const recipient = requiredText(input.recipient, 'recipient', 200);
  const legalBasis = requiredText(input.legalBasis, 'legalBasis', 1000);
  return inCaseTransaction(db, ref.caseId, async (tx) => {
    const row = await suspectsRepository.insertRequest(tx, { identifierId: ref.identifierId, recipient, legalBasis, touchesCommunications: input.touchesCommunications, createdBy: actor.userId });
    await recordAudit(tx, ctx, {
      action: 'suspect.request_create',
      objectType: 'subscriber_request',
      objectId: row.id,
      details: { caseId: ref.caseId, identifierId: ref.identifierId, touchesCommunications: row.touchesCommunications },
    });
    return row;
  });
}

/** Marks a request sent; it is sent once. */
export async function markRequestSent(db: Database, ctx: ServiceContext, ref: RequestRef, input: { sentAt: Date }, now = new Date()): Promise<SubscriberRequestRow> {
  await loadWritableCase(db, ctx, ref.caseId);
  const request = await loadRequest(db, ref);
  if (request.sentAt) throw new AppError('WORKFLOW_STEP_REFUSED', `此調閱已於 ${request.sentAt.toISOString()} 發出 (the request was already sent)`);
  checkNotFuture(input.sentAt, 'sentAt', now);
  return inCaseTransaction(db, ref.caseId, async (tx) => {
    const row = await suspectsRepository.updateRequest(tx, ref.requestId, { sentAt: input.sentAt });
    await recordAudit(tx, ctx, { action: 'suspect.request_sent', objectType: 'subscriber_request', objectId: ref.requestId, details: { caseId: ref.caseId, sentAt: input.sentAt.toISOString() } });
    return row;
  });
}

/** Records the answer to a sent request: when, and what it said. */
export async function recordRequestAnswer(
  db: Database,
  ctx: ServiceContext,
  ref: RequestRef,
  input: { answeredAt: Date; result: string },
  now = new Date(),
): Promise<SubscriberRequestRow> {
  await loadWritableCase(db, ctx, ref.caseId);
  const request = await loadRequest(db, ref);
  if (!request.sentAt) throw new AppError('WORKFLOW_STEP_REFUSED', '請先登錄發文時間 (mark the request sent first)');
  if (request.answeredAt) throw new AppError('WORKFLOW_STEP_REFUSED', `此調閱已於 ${request.answeredAt.toISOString()} 回覆 (the answer was already recorded)`);
  checkNotFuture(input.answeredAt, 'answeredAt', now);
  if (input.answeredAt.getTime() < request.sentAt.getTime()) {
    throw invalid('answeredAt', `answeredAt 不可早於發文時間 ${request.sentAt.toISOString()} (answeredAt precedes sentAt)`);
  }
  const result = requiredText(input.result, 'result', 20_000);
  return inCaseTransaction(db, ref.caseId, async (tx) => {
    const row = await suspectsRepository.updateRequest(tx, ref.requestId, { answeredAt: input.answeredAt, result });
    await recordAudit(tx, ctx, { action: 'suspect.request_answer', objectType: 'subscriber_request', objectId: ref.requestId, details: { caseId: ref.caseId, answeredAt: input.answeredAt.toISOString() } });
    return row;
  });
}

export type IdentifierMatches = {
  kind: IdentifierKind;
  value: string;
  total: number;
  cases: { id: string; number: string; unitCode: string }[];
  hidden: number;
};

/**
 * Does another case hold this identifier? Department-wide, so two units chasing the same phone find
 * each other — but a case is named only to an actor who may read it; the rest are a count
 * (need-to-know, G6.3.6). Every lookup is audited: probing for an identifier is itself a read.
 */
export async function lookupIdentifierMatches(
  db: Database,
  ctx: ServiceContext,
  query: { kind: IdentifierKind; value: string; platformId?: string | null; caseId?: string | null },
): Promise<IdentifierMatches> {
  const actor = requireEvidenceRole(ctx);
  if (query.caseId) await loadCaseFor(db, ctx, query.caseId, 'read');
  const value = normaliseIdentifierValue(query.kind, query.value);
  const holding = await suspectsRepository.casesHoldingIdentifier(db, { kind: query.kind, value, platformId: query.platformId, excludeCaseId: query.caseId });
  const readable = holding.filter((row) => canAccessCase(actor, caseAccessFacts(row), 'read'));
  const result = {
    kind: query.kind,
    value,
    total: holding.length,
    cases: readable.map((row) => ({ id: row.case.id, number: row.case.number, unitCode: row.unit.code })),
    hidden: holding.length - readable.length,
  };
  // A hash, not the value: auditors may correlate repeated lookups without reading case content.
  const valueSha256 = createHash('sha256').update(`${query.kind}:${value}`).digest('hex');
  await recordAuditNow(db, ctx, {
    action: 'suspect.identifier_lookup',
    objectType: query.caseId ? 'case' : 'suspect_identifier',
    objectId: query.caseId ?? null,
    details: { kind: query.kind, valueSha256, total: result.total, hidden: result.hidden },
  });
  return result;
}
