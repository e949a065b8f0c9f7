/**
 * The platform registry (G3.1): everyone signed in reads it and resolves URLs against it; only
 * administrators change it, each change audited in its transaction.
 */
import { canPerform } from '../../core/access/policy.ts';
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAudit, recordAuditNow } from '../audit/audit.service.ts';
import { GUIDELINE_PLATFORMS, matchPlatformByHost, UNAVAILABLE_MARKERS } from './platform-registry.seed.ts';
import { platformsRepository, type PlatformFields } from './platforms.repository.ts';
import type { PlatformRow } from './platforms.tables.ts';

function requireSignedIn(ctx: ServiceContext): void {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', '請先登入 (sign in first)');
}

async function requireAdmin(db: Database, ctx: ServiceContext, action: string, objectId: string | null): Promise<void> {
  if (canPerform(ctx.actor, 'unit.manage')) return;
  await recordAuditNow(db, ctx, { action, objectType: 'platform', objectId, outcome: 'denied' });
  throw new AppError('FORBIDDEN', '僅系統管理員可維護平臺清單 (only administrators maintain the platform registry)');
}

/** A domain as stored: lower case, no scheme, path or leading "www.". */
function normaliseDomains(domains: readonly string[]): string[] {
  const cleaned = domains.map((d) => d.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/^www\./, ''));
  for (const d of cleaned) {
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) throw new AppError('VALIDATION_FAILED', `網域格式錯誤 (invalid domain): ${d}`);
  }
  return [...new Set(cleaned)];
}

function checkTemplates(templates: readonly string[]): void {
  for (const t of templates) {
    if (!/^https:\/\/[^\s]+$/.test(t) || !t.includes('{q}')) {
      throw new AppError('VALIDATION_FAILED', `搜尋網址須為 https 並含 {q} (a search template must be an https URL containing {q}): ${t}`);
    }
  }
}

/** Most markers a platform keeps, and their length: enough for several languages and layouts. */
export const MAX_UNAVAILABLE_MARKERS = 50;
const MARKER_LENGTH = { min: 2, max: 200 };

/**
 * "Content unavailable" phrases as stored: trimmed, inner whitespace collapsed, duplicates dropped.
 * A one-letter marker would match almost any page and mark live content removed (G5.2), hence the
 * minimum length.
 */
export function normaliseUnavailableMarkers(markers: readonly string[]): string[] {
  const cleaned = [...new Set(markers.map((m) => m.trim().replace(/\s+/g, ' ')))];
  if (cleaned.length > MAX_UNAVAILABLE_MARKERS) {
    throw new AppError('VALIDATION_FAILED', `下架判斷用語至多 ${MAX_UNAVAILABLE_MARKERS} 則 (at most ${MAX_UNAVAILABLE_MARKERS} unavailable markers)`, { field: 'unavailableMarkers' });
  }
  for (const marker of cleaned) {
    const length = [...marker].length;
    if (length < MARKER_LENGTH.min || length > MARKER_LENGTH.max) {
      throw new AppError('VALIDATION_FAILED', `下架判斷用語須為 ${MARKER_LENGTH.min}–${MARKER_LENGTH.max} 字 (each unavailable marker must be ${MARKER_LENGTH.min}–${MARKER_LENGTH.max} characters): ${marker.slice(0, 50)}`, {
        field: 'unavailableMarkers',
      });
    }
  }
  return cleaned;
}

/** Seeds the guideline's platforms on an empty registry (first start). */
export async function seedPlatformsIfEmpty(db: Database, ctx: ServiceContext): Promise<number> {
  return db.transaction(async (tx) => {
    if ((await platformsRepository.count(tx)) > 0) return 0;
    for (const platform of GUIDELINE_PLATFORMS) {
      await platformsRepository.insert(tx, { ...platform, notes: platform.notes ?? null, unavailableMarkers: [...(UNAVAILABLE_MARKERS[platform.code] ?? [])] });
    }
    await recordAudit(tx, ctx, { action: 'platform.seed', objectType: 'platform', details: { inserted: GUIDELINE_PLATFORMS.length } });
    return GUIDELINE_PLATFORMS.length;
  });
}

export async function listPlatforms(db: Database, ctx: ServiceContext): Promise<PlatformRow[]> {
  requireSignedIn(ctx);
  return platformsRepository.findAll(db);
}

/** The registered platform a URL belongs to, or null. */
export async function resolvePlatform(db: Database, ctx: ServiceContext, rawUrl: string): Promise<PlatformRow | null> {
  requireSignedIn(ctx);
  let host: string;
  try {
    host = new URL(rawUrl).hostname;
  } catch {
    throw new AppError('VALIDATION_FAILED', `網址格式錯誤 (not a valid URL): ${rawUrl.slice(0, 200)}`);
  }
  return matchPlatformByHost(host, await platformsRepository.findAll(db));
}

export async function createPlatform(db: Database, ctx: ServiceContext, input: PlatformFields): Promise<PlatformRow> {
  await requireAdmin(db, ctx, 'platform.create', null);
  const domains = normaliseDomains(input.domains);
  checkTemplates(input.searchUrlTemplates);
  const unavailableMarkers = normaliseUnavailableMarkers(input.unavailableMarkers ?? []);
  return db.transaction(async (tx) => {
    if (await platformsRepository.findByCode(tx, input.code)) throw new AppError('CONFLICT', `平臺代碼已存在 (platform code already exists): ${input.code}`);
    const created = await platformsRepository.insert(tx, { ...input, domains, unavailableMarkers });
    await recordAudit(tx, ctx, { action: 'platform.create', objectType: 'platform', objectId: created.id, details: { code: created.code } });
    return created;
  });
}

export async function updatePlatform(
  db: Database,
  ctx: ServiceContext,
  id: string,
  input: Partial<Omit<PlatformFields, 'code'> & { active: boolean }>,
): Promise<PlatformRow> {
  await requireAdmin(db, ctx, 'platform.update', id);
  const patch = {
    ...input,
    ...(input.domains && { domains: normaliseDomains(input.domains) }),
    ...(input.unavailableMarkers && { unavailableMarkers: normaliseUnavailableMarkers(input.unavailableMarkers) }),
  };
  if (input.searchUrlTemplates) checkTemplates(input.searchUrlTemplates);
  return db.transaction(async (tx) => {
    if (!(await platformsRepository.findById(tx, id))) throw notFound('platform');
    const updated = await platformsRepository.update(tx, id, patch);
    await recordAudit(tx, ctx, { action: 'platform.update', objectType: 'platform', objectId: id, details: { changed: Object.keys(input) } });
    return updated;
  });
}
