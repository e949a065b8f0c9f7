/**
 * Keyword lexicons of the toolkit (G6.1): department-wide or per unit, versioned, imported and
 * exported as CSV (`term,category,weight,note`). A bad row stops an import with its row number and
 * nothing is imported. Triage scores text against a lexicon's latest version.
 */
import { hasAnyRole, hasRole, isWithinUnit } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { Actor, ServiceContext } from '../../core/request-context.ts';
import { compileLexicon, LexiconCsvError, loadDefaultLexicon, parseLexiconCsv, scoreText, serializeLexiconCsv, type TriageMatcher, type TriageResult } from '../../triage/index.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { lexiconsRepository, type LexiconWithLatest } from './lexicons.repository.ts';
import type { LexiconScope } from './lexicons.tables.ts';

export const DEPARTMENT_LEXICON_NAME = '全局共用關鍵字 (department-wide keywords)';

function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', '請先登入 (sign in first)');
  return ctx.actor;
}

/** Department lists: everyone reads. A unit's list: its members and sub-units, the WCPD and administrators. */
function canRead(actor: Actor, found: LexiconWithLatest): boolean {
  if (found.lexicon.scope === 'department') return true;
  if (hasAnyRole(actor, ['admin', 'wcpd_coordinator'])) return true;
  return found.unit !== null && isWithinUnit(found.unit.path, actor.unitPath);
}

/** Department lists: administrators and the WCPD. A unit's list: its supervisors and administrators. */
function canEdit(actor: Actor, found: LexiconWithLatest): boolean {
  if (hasRole(actor, 'admin')) return true;
  if (found.lexicon.scope === 'department') return hasRole(actor, 'wcpd_coordinator');
  return hasRole(actor, 'supervisor') && found.unit !== null && isWithinUnit(actor.unitPath, found.unit.path);
}

async function loadReadable(db: Database, ctx: ServiceContext, id: string): Promise<LexiconWithLatest> {
  const actor = requireActor(ctx);
  const found = await lexiconsRepository.findWithLatest(db, id);
  if (found && canRead(actor, found)) return found;
  await recordAuditNow(db, ctx, { action: 'lexicon.view', objectType: 'lexicon', objectId: id, outcome: 'denied' });
  throw notFound('lexicon');
}

/** Seeds the department-wide lexicon from the shipped seed list on the first start. */
export async function seedLexiconIfEmpty(db: Database, ctx: ServiceContext): Promise<void> {
  const entries = await loadDefaultLexicon();
  await db.transaction(async (tx) => {
    if ((await lexiconsRepository.count(tx)) > 0) return;
    const lexicon = await lexiconsRepository.insert(tx, { name: DEPARTMENT_LEXICON_NAME, scope: 'department', unitId: null, createdBy: null });
    await lexiconsRepository.addVersion(tx, lexicon.id, entries, null, 'seed');
    await recordAudit(tx, ctx, { action: 'lexicon.seed', objectType: 'lexicon', objectId: lexicon.id, details: { entries: entries.length } });
  });
}

export async function listLexicons(db: Database, ctx: ServiceContext): Promise<LexiconWithLatest[]> {
  const actor = requireActor(ctx);
  return (await lexiconsRepository.listWithLatest(db)).filter((found) => canRead(actor, found));
}

export function getLexicon(db: Database, ctx: ServiceContext, id: string): Promise<LexiconWithLatest> {
  return loadReadable(db, ctx, id);
}

/** Creates an empty lexicon: department-wide (administrators, WCPD) or for the actor's own unit (supervisors). */
export async function createLexicon(db: Database, ctx: ServiceContext, input: { name: string; scope: LexiconScope }): Promise<LexiconWithLatest> {
  const actor = requireActor(ctx);
  const allowed = input.scope === 'department' ? hasAnyRole(actor, ['admin', 'wcpd_coordinator']) : hasAnyRole(actor, ['admin', 'supervisor']);
  if (!allowed) {
    await recordAuditNow(db, ctx, { action: 'lexicon.create', objectType: 'lexicon', outcome: 'denied' });
    throw new AppError('FORBIDDEN', '無權建立此範圍的關鍵字清單 (not allowed to create a lexicon of this scope)');
  }
  const id = await db.transaction(async (tx) => {
    const lexicon = await lexiconsRepository.insert(tx, {
      name: input.name,
      scope: input.scope,
      unitId: input.scope === 'unit' ? actor.unitId : null,
      createdBy: actor.userId,
    });
    await lexiconsRepository.addVersion(tx, lexicon.id, [], actor.userId, 'created');
    await recordAudit(tx, ctx, { action: 'lexicon.create', objectType: 'lexicon', objectId: lexicon.id, details: { scope: input.scope } });
    return lexicon.id;
  });
  return (await lexiconsRepository.findWithLatest(db, id))!;
}

/** Replaces the entries with a CSV import as a new version; a bad row refuses the whole import. */
export async function importLexiconCsv(db: Database, ctx: ServiceContext, id: string, csv: string, note: string | null): Promise<LexiconWithLatest> {
  const actor = requireActor(ctx);
  const found = await loadReadable(db, ctx, id);
  if (!canEdit(actor, found)) {
    await recordAuditNow(db, ctx, { action: 'lexicon.import', objectType: 'lexicon', objectId: id, outcome: 'denied' });
    throw new AppError('FORBIDDEN', '無權修改此關鍵字清單 (not allowed to change this lexicon)');
  }
  let entries;
  try {
    entries = parseLexiconCsv(csv);
  } catch (error) {
    if (error instanceof LexiconCsvError) throw new AppError('VALIDATION_FAILED', `CSV 第 ${error.row} 列錯誤 (row ${error.row}): ${error.reason}`, { row: error.row });
    throw new AppError('VALIDATION_FAILED', `CSV 格式錯誤 (malformed CSV): ${(error as Error).message}`);
  }
  await db.transaction(async (tx) => {
    const version = await lexiconsRepository.addVersion(tx, id, entries, actor.userId, note);
    await recordAudit(tx, ctx, { action: 'lexicon.import', objectType: 'lexicon', objectId: id, details: { version: version.version, entries: entries.length } });
  });
  return (await lexiconsRepository.findWithLatest(db, id))!;
}

/** The latest version as CSV. */
export async function exportLexiconCsv(db: Database, ctx: ServiceContext, id: string): Promise<{ csv: string; name: string; version: number }> {
  const found = await loadReadable(db, ctx, id);
  return { csv: serializeLexiconCsv(found.latest.entries), name: found.lexicon.name, version: found.latest.version };
}

export async function lexiconHistory(db: Database, ctx: ServiceContext, id: string) {
  await loadReadable(db, ctx, id);
  return lexiconsRepository.versions(db, id);
}

// Compiling a lexicon loads the OpenCC dictionaries and builds the automaton: do it once per version.
const compiled = new Map<string, TriageMatcher>();

function matcherFor(found: LexiconWithLatest): TriageMatcher {
  let matcher = compiled.get(found.latest.id);
  if (!matcher) {
    matcher = compileLexicon(found.latest.entries);
    compiled.set(found.latest.id, matcher);
  }
  return matcher;
}

export type LexiconTriage = TriageResult & { lexiconId: string; version: number };

/** Scores text against a lexicon's latest version (default: the first department-wide lexicon). */
export async function triageText(db: Database, ctx: ServiceContext, input: { text: string; lexiconId?: string }): Promise<LexiconTriage> {
  const actor = requireActor(ctx);
  let found: LexiconWithLatest | undefined;
  if (input.lexiconId) found = await loadReadable(db, ctx, input.lexiconId);
  else found = (await lexiconsRepository.listWithLatest(db)).find((l) => l.lexicon.scope === 'department' && canRead(actor, l));
  if (!found) throw new AppError('NOT_FOUND', '沒有可用的關鍵字清單 (no lexicon available)');
  return { ...scoreText(matcherFor(found), input.text), lexiconId: found.lexicon.id, version: found.latest.version };
}

/**
 * The system's own triage (a sealed capture's page text, G6.1): the department-wide lexicon,
 * no actor. Null when the department has no lexicon.
 */
export async function triageWithDepartmentLexicon(db: Database, text: string): Promise<LexiconTriage | null> {
  const found = (await lexiconsRepository.listWithLatest(db)).find((l) => l.lexicon.scope === 'department');
  if (!found) return null;
  return { ...scoreText(matcherFor(found), text), lexiconId: found.lexicon.id, version: found.latest.version };
}
