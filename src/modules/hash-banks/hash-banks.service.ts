/**
 * Hash banks (issue #8; G5.1 hunting known child sexual images, G6.1 the toolkit): partners'
 * lists of known images, imported as CSV into a named bank by the WCPD or an administrator, who
 * imported what and when on record. A bad row refuses the whole import (one transaction); a bank
 * is disabled or enabled, never deleted. Every change writes its audit row in its transaction.
 */
import { createHash } from 'node:crypto';
import { hasAnyRole } from '../../core/access/policy.ts';
import type { Role } from '../../core/access/roles.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { Actor, ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { HashBankCsvError, parseHashBankCsv } from './hash-bank-csv.ts';
import { hashBanksRepository, type HashBankImportWithUser, type HashBankSummary } from './hash-banks.repository.ts';
import type { KnownImageIndex } from './known-image-index.ts';

/**
 * Who keeps the banks: the WCPD, which coordinates the department's work against these images
 * (G4.1.1), and administrators, who keep reference data without seeing case content.
 */
export const HASH_BANK_MANAGERS: readonly Role[] = ['wcpd_coordinator', 'admin'];

/** Rows one import may carry; larger lists are split (the whole import is one transaction). */
export const HASH_BANK_MAX_ROWS = 1_000_000;

export type HashBankDetail = { summary: HashBankSummary; imports: HashBankImportWithUser[] };
export type HashBankImportOutcome = { summary: HashBankSummary; rows: number; added: number; alreadyInBank: number; duplicatesInFile: number };

async function requireManager(db: Database, ctx: ServiceContext, action: string, objectId: string | null = null): Promise<Actor> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', '請先登入 (sign in first)');
  if (hasAnyRole(ctx.actor, HASH_BANK_MANAGERS)) return ctx.actor;
  await recordAuditNow(db, ctx, { action, objectType: 'hash_bank', objectId, outcome: 'denied' });
  throw new AppError('FORBIDDEN', '僅婦幼隊承辦與系統管理員可管理雜湊庫 (only the WCPD and administrators keep hash banks)');
}

async function summaryOf(db: Database, id: string): Promise<HashBankSummary> {
  const found = (await hashBanksRepository.summaries(db, id))[0];
  if (!found) throw notFound('hash bank');
  return found;
}

/** Every bank with its counts and latest import. */
export async function listHashBanks(db: Database, ctx: ServiceContext): Promise<HashBankSummary[]> {
  await requireManager(db, ctx, 'hash_bank.list');
  return hashBanksRepository.summaries(db);
}

/** One bank with every import into it. */
export async function getHashBank(db: Database, ctx: ServiceContext, id: string): Promise<HashBankDetail> {
  await requireManager(db, ctx, 'hash_bank.view', id);
  const summary = await summaryOf(db, id);
  return { summary, imports: await hashBanksRepository.imports(db, id) };
}

/** Creates an empty, enabled bank; names are unique. */
export async function createHashBank(db: Database, ctx: ServiceContext, input: { name: string; description?: string | null }): Promise<HashBankSummary> {
  const actor = await requireManager(db, ctx, 'hash_bank.create');
  const name = input.name.trim();
  if (name === '') throw new AppError('VALIDATION_FAILED', '請填寫雜湊庫名稱 (a bank needs a name)', { field: 'name' });
  const id = await db.transaction(async (tx) => {
    if (await hashBanksRepository.findBankByName(tx, name)) throw new AppError('CONFLICT', `已有同名雜湊庫 (a bank named "${name}" exists)`, { field: 'name' });
    const bank = await hashBanksRepository.insertBank(tx, { name, description: input.description?.trim() || null, createdBy: actor.userId });
    await recordAudit(tx, ctx, { action: 'hash_bank.create', objectType: 'hash_bank', objectId: bank.id, details: { name } });
    return bank.id;
  });
  return summaryOf(db, id);
}

/**
 * Imports a partner's CSV into a bank, all rows or none. Hashes already in the bank are kept once.
 * The process's index (when this process has one) catches up after the commit, so the next
 * match sees the new entries at once; other processes catch up before they match.
 */
export async function importHashBankCsv(
  db: Database,
  ctx: ServiceContext,
  input: { bankId: string; csv: string; note?: string | null },
  index: KnownImageIndex | null = null,
): Promise<HashBankImportOutcome> {
  const actor = await requireManager(db, ctx, 'hash_bank.import', input.bankId);
  if (!(await hashBanksRepository.findBank(db, input.bankId))) throw notFound('hash bank');
  let parsed;
  try {
    parsed = parseHashBankCsv(input.csv, { maxRows: HASH_BANK_MAX_ROWS });
  } catch (error) {
    if (error instanceof HashBankCsvError) throw new AppError('VALIDATION_FAILED', `CSV 第 ${error.row} 列錯誤 (row ${error.row}): ${error.reason}`, { row: error.row });
    throw error;
  }
  const csvSha256 = createHash('sha256').update(input.csv, 'utf8').digest('hex');
  const added = await db.transaction(async (tx) => {
    await hashBanksRepository.lockImports(tx);
    const record = await hashBanksRepository.insertImport(tx, { bankId: input.bankId, importedBy: actor.userId, rowCount: parsed.rows, addedCount: 0, csvSha256, note: input.note?.trim() || null });
    const count = await hashBanksRepository.insertEntries(tx, input.bankId, record.id, parsed.entries);
    await hashBanksRepository.setImportAddedCount(tx, record.id, count);
    await recordAudit(tx, ctx, {
      action: 'hash_bank.import',
      objectType: 'hash_bank',
      objectId: input.bankId,
      details: { importId: record.id, rows: parsed.rows, added: count, csvSha256 },
    });
    return count;
  });
  if (index) await index.catchUp(db);
  return {
    summary: await summaryOf(db, input.bankId),
    rows: parsed.rows,
    added,
    alreadyInBank: parsed.entries.length - added,
    duplicatesInFile: parsed.duplicates,
  };
}

/**
 * Enables or disables a bank. A disabled bank gives no new matches (filtered at query time);
 * its entries and the matches already recorded stay, as history.
 */
export async function setHashBankEnabled(db: Database, ctx: ServiceContext, id: string, enabled: boolean, index: KnownImageIndex | null = null): Promise<HashBankSummary> {
  const action = enabled ? 'hash_bank.enable' : 'hash_bank.disable';
  await requireManager(db, ctx, action, id);
  await db.transaction(async (tx) => {
    const updated = await hashBanksRepository.setEnabled(tx, id, enabled);
    if (!updated) throw notFound('hash bank');
    await recordAudit(tx, ctx, { action, objectType: 'hash_bank', objectId: id, details: { name: updated.name } });
  });
  index?.setBankEnabled(id, enabled);
  return summaryOf(db, id);
}
