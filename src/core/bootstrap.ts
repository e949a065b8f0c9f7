/**
 * What every start does after migrating: seed the unit tree, the platform registry (G3.1), the
 * department-wide keyword lexicon, the liaison directory and the default evaluation rule set
 * (G4.1.4) on an empty database, and create the first administrator, whose one-time password is
 * returned so the caller can print it once.
 */
import type { Database } from './db/client.ts';
import { systemContext } from './request-context.ts';
import { seedUnitTreeIfEmpty } from '../modules/units/units.bootstrap.ts';
import { createFirstAdministratorIfNone } from '../modules/users/users.bootstrap.ts';
import { seedPlatformsIfEmpty } from '../modules/platforms/platforms.service.ts';
import { seedLexiconIfEmpty } from '../modules/lexicons/lexicons.service.ts';
import { seedLiaisonIfEmpty } from '../modules/liaison/liaison.service.ts';
import { seedDefaultRuleSetIfEmpty } from '../modules/evaluation/rule-sets.service.ts';

export async function bootstrapSystem(db: Database): Promise<{ unitsSeeded: number; adminOneTimePassword: string | null }> {
  const ctx = systemContext('system');
  const unitsSeeded = await seedUnitTreeIfEmpty(db, ctx);
  await seedPlatformsIfEmpty(db, ctx);
  await seedLexiconIfEmpty(db, ctx);
  await seedLiaisonIfEmpty(db, ctx);
  // The evaluation plan's default scoring rules (G4.1.4), to be confirmed by CIB.
  await seedDefaultRuleSetIfEmpty(db, ctx);
  const adminOneTimePassword = await createFirstAdministratorIfNone(db, ctx);
  return { unitsSeeded, adminOneTimePassword };
}
