/**
 * The liaison directory (G4.1.2): the partner bodies' windows. Everyone with a case role and the
 * administrators read it; the WCPD (and administrators) keep it; each change is audited.
 */
import { hasAnyRole } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { isValidMailAddress } from '../mail/mail.service.ts';
import { liaisonRepository } from './liaison.repository.ts';
import type { LiaisonBody, LiaisonChannel, LiaisonContactRow } from './liaison.tables.ts';

/** The bodies the guideline names, seeded without people: the WCPD fills in the windows. */
const SEED: readonly { body: LiaisonBody; organisation: string; channels: LiaisonChannel[]; notes: string }[] = [
  { body: 'iwin', organisation: 'iWIN 網路內容防護機構', channels: ['email', 'online_system', 'phone'], notes: '下架通報經婦幼警察隊轉知 (G6.2.1)' },
  { body: 'sab', organisation: '臺北市政府社會局', channels: ['email', 'letter', 'phone'], notes: '第 40 條案件立即通報；行政處分（限期移除）(G4.2.2, G5.2)' },
  { body: 'edb', organisation: '臺北市政府教育局', channels: ['email', 'letter', 'phone'], notes: '校園宣導聯繫 (G5.1, G5.4.1)' },
  { body: 'sipc', organisation: '衛生福利部性影像處理中心', channels: ['email', 'online_system', 'phone'], notes: '性影像移除申訴 (G5.3.1)' },
  { body: 'twnic', organisation: '財團法人台灣網路資訊中心（TWNIC）', channels: ['letter', 'email'], notes: 'DNS RPZ 阻斷，經社會局函轉 (G5.2)' },
  { body: 'prosecutor_taipei', organisation: '臺灣臺北地方檢察署', channels: ['letter', 'phone', 'fax'], notes: '證據保全、移送 (G6.3.2, G4.2.3)' },
  { body: 'prosecutor_shilin', organisation: '臺灣士林地方檢察署', channels: ['letter', 'phone', 'fax'], notes: '證據保全、移送 (G6.3.2, G4.2.3)' },
];

export type LiaisonInput = {
  body: LiaisonBody;
  organisation: string;
  windowName?: string | null;
  email?: string | null;
  phone?: string | null;
  channels: LiaisonChannel[];
  notes?: string | null;
  active?: boolean;
};

function requireReader(ctx: ServiceContext): void {
  if (!hasAnyRole(ctx.actor, ['officer', 'supervisor', 'wcpd_coordinator', 'cib_investigator', 'admin'])) {
    throw new AppError('FORBIDDEN', '無權查閱聯繫窗口 (not allowed to read the liaison directory)');
  }
}

async function requireKeeper(db: Database, ctx: ServiceContext, objectId: string | null): Promise<void> {
  if (hasAnyRole(ctx.actor, ['wcpd_coordinator', 'admin'])) return;
  await recordAuditNow(db, ctx, { action: 'liaison.edit', objectType: 'liaison', objectId, outcome: 'denied' });
  throw new AppError('FORBIDDEN', '聯繫窗口由婦幼警察隊維護 (the WCPD keeps the liaison directory)');
}

function clean(input: Partial<LiaisonInput>, existingEmail: string | null = null): Partial<LiaisonInput> {
  const text = (value: string | null | undefined, field: string, max: number) => {
    const trimmed = value?.trim() ?? '';
    if (trimmed.length > max) throw new AppError('VALIDATION_FAILED', `${field} 過長 (${field} longer than ${max} characters)`, { field });
    return trimmed === '' ? null : trimmed;
  };
  const out: Partial<LiaisonInput> = { ...input };
  if (input.organisation !== undefined) {
    const organisation = text(input.organisation, 'organisation', 200);
    if (!organisation) throw new AppError('VALIDATION_FAILED', '機關名稱必填 (organisation is required)', { field: 'organisation' });
    out.organisation = organisation;
  }
  if (input.windowName !== undefined) out.windowName = text(input.windowName, 'windowName', 100);
  if (input.phone !== undefined) {
    out.phone = text(input.phone, 'phone', 50);
    if (out.phone && !/^[0-9+()#\- ]{6,50}$/.test(out.phone)) throw new AppError('VALIDATION_FAILED', `電話格式錯誤 (phone is not a phone number): ${out.phone}`, { field: 'phone' });
  }
  if (input.email !== undefined) {
    out.email = text(input.email, 'email', 254);
    if (out.email && !isValidMailAddress(out.email)) throw new AppError('VALIDATION_FAILED', `電子郵件格式錯誤 (invalid e-mail address): ${out.email}`, { field: 'email' });
  }
  if (input.notes !== undefined) out.notes = text(input.notes, 'notes', 2000);
  if (input.channels !== undefined) {
    out.channels = [...new Set(input.channels)];
    if (out.channels.length === 0) throw new AppError('VALIDATION_FAILED', '至少一種聯繫方式 (at least one channel)', { field: 'channels' });
    // Seeded bodies start without windows; the rule bites when channels or the address change.
    if (out.channels.includes('email') && !(input.email !== undefined ? out.email : existingEmail)) {
      throw new AppError('VALIDATION_FAILED', '以電子郵件聯繫須填寫電子郵件 (an e-mail channel needs an address)', { field: 'email' });
    }
  }
  return out;
}

export async function seedLiaisonIfEmpty(db: Database, ctx: ServiceContext): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await liaisonRepository.isEmpty(tx))) return;
    await liaisonRepository.insertMany(tx, SEED.map((row) => ({ ...row })));
    await recordAudit(tx, ctx, { action: 'liaison.seed', objectType: 'liaison', details: { inserted: SEED.length } });
  });
}

export async function listLiaison(db: Database, ctx: ServiceContext): Promise<LiaisonContactRow[]> {
  requireReader(ctx);
  return liaisonRepository.list(db);
}

export async function createLiaison(db: Database, ctx: ServiceContext, input: LiaisonInput): Promise<LiaisonContactRow> {
  await requireKeeper(db, ctx, null);
  const values = clean(input) as LiaisonInput;
  return db.transaction(async (tx) => {
    const [row] = await liaisonRepository.insertMany(tx, [{ ...values, updatedBy: ctx.actor!.userId }]);
    await recordAudit(tx, ctx, { action: 'liaison.create', objectType: 'liaison', objectId: row!.id, details: { body: row!.body } });
    return row!;
  });
}

export async function updateLiaison(db: Database, ctx: ServiceContext, id: string, patch: Partial<LiaisonInput>): Promise<LiaisonContactRow> {
  await requireKeeper(db, ctx, id);
  const existing = await liaisonRepository.findById(db, id);
  if (!existing) throw notFound('liaison contact');
  const values = clean(patch.email !== undefined && patch.channels === undefined ? { ...patch, channels: existing.channels } : patch, existing.email);
  return db.transaction(async (tx) => {
    const row = await liaisonRepository.update(tx, id, { ...values, updatedBy: ctx.actor!.userId });
    await recordAudit(tx, ctx, { action: 'liaison.update', objectType: 'liaison', objectId: id, details: { fields: Object.keys(patch) } });
    return row;
  });
}
