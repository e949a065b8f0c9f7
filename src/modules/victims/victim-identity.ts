/**
 * Sealing and opening a victim's identity, field by field, under the victim key (G6.3.6). Each
 * field's ciphertext is bound to `victim:{id}:{field}`, so it opens neither on another row nor as
 * another field. The errors name the victim record and the problem, never a value.
 */
import { AppError } from '../../core/errors.ts';
import { openIdentity, sealIdentity } from '../../core/identity/identity-key.ts';
import type { VictimKey } from '../../core/identity/victim-key.ts';
import { maskName } from '../reporters/mask-name.ts';
import { maskNationalId } from './national-id.ts';
import type { VictimIdentityField, VictimRow } from './victims.tables.ts';

/** A victim's identity in clear: what a reveal answers and what an identity document prints. */
export type VictimIdentity = {
  name: string;
  nationalId: string | null;
  dateOfBirth: string;
  contact: string | null;
  guardianName: string | null;
  guardianContact: string | null;
};

/** Shown instead of the masked name once the identity was purged at the end of the retention period. */
export const PURGED_MARKER = '（已銷毀）';

const COLUMN: Record<VictimIdentityField, keyof VictimRow> = {
  name: 'nameSealed',
  nationalId: 'nationalIdSealed',
  dateOfBirth: 'dateOfBirthSealed',
  contact: 'contactSealed',
  guardianName: 'guardianNameSealed',
  guardianContact: 'guardianContactSealed',
};

function associatedData(victimId: string, field: VictimIdentityField): string {
  return `victim:${victimId}:${field}`;
}

/** The sealed columns and the clear masked forms for an identity (whole or partial: only the given fields). */
export function sealVictimFields(key: VictimKey, victimId: string, identity: Partial<VictimIdentity>) {
  const seal = (field: VictimIdentityField): string | null | undefined => {
    const value = identity[field];
    if (value === undefined) return undefined;
    return value === null ? null : sealIdentity(key, value, associatedData(victimId, field));
  };
  return {
    sealed: {
      nameSealed: seal('name'),
      nationalIdSealed: seal('nationalId'),
      dateOfBirthSealed: seal('dateOfBirth'),
      contactSealed: seal('contact'),
      guardianNameSealed: seal('guardianName'),
      guardianContactSealed: seal('guardianContact'),
    },
    masked: {
      maskedName: identity.name === undefined ? undefined : maskName(identity.name),
      maskedNationalId: identity.nationalId === undefined ? undefined : identity.nationalId === null ? null : maskNationalId(identity.nationalId),
      maskedGuardianName: identity.guardianName === undefined ? undefined : identity.guardianName === null ? null : maskName(identity.guardianName),
      hasContact: identity.contact === undefined ? undefined : identity.contact !== null,
      hasGuardianContact: identity.guardianContact === undefined ? undefined : identity.guardianContact !== null,
    },
  };
}

function unreadable(victimId: string, problem: 'victim_key_mismatch' | 'identity_unreadable' | 'identity_purged', detail: string): AppError {
  if (problem === 'identity_purged') {
    return new AppError('CONFLICT', '被害人身分資料已依保存期限銷毀 (the victim’s identity was purged at the end of the retention period)', { victimId, problem });
  }
  return new AppError('INTERNAL', `被害人身分資料無法解密，請通知系統管理員 (the victim’s sealed identity cannot be opened: ${detail})`, { victimId, problem });
}

/** Opens one sealed field; null when it was never given. */
export function openVictimField(key: VictimKey, row: VictimRow, field: VictimIdentityField): string | null {
  if (row.purgedAt) throw unreadable(row.id, 'identity_purged', 'purged');
  if (row.keyId !== key.id) throw unreadable(row.id, 'victim_key_mismatch', `sealed under victim key ${row.keyId ?? '—'}, the server holds ${key.id}`);
  const sealed = row[COLUMN[field]] as string | null;
  if (sealed === null) return null;
  try {
    return openIdentity(key, sealed, associatedData(row.id, field));
  } catch {
    throw unreadable(row.id, 'identity_unreadable', 'altered, moved to another record or field, or damaged');
  }
}

/**
 * Opens the whole identity. A purged identity is a CONFLICT (nothing left to open); a ciphertext
 * altered, moved or sealed under another key is INTERNAL (the stored data or the key is wrong).
 */
export function openVictimIdentity(key: VictimKey, row: VictimRow): VictimIdentity {
  const name = openVictimField(key, row, 'name');
  const dateOfBirth = openVictimField(key, row, 'dateOfBirth');
  if (name === null || dateOfBirth === null) throw unreadable(row.id, 'identity_unreadable', 'a required field is missing');
  return {
    name,
    nationalId: openVictimField(key, row, 'nationalId'),
    dateOfBirth,
    contact: openVictimField(key, row, 'contact'),
    guardianName: openVictimField(key, row, 'guardianName'),
    guardianContact: openVictimField(key, row, 'guardianContact'),
  };
}

/**
 * True when clear text (notes, a scope, a complaint's grounds) carries one of the victim's
 * identifying values, compared without spaces and case: such text would put the identity in clear.
 */
export function carriesIdentity(text: string, identity: Partial<VictimIdentity>): boolean {
  const flat = (value: string) => value.normalize('NFKC').replace(/[\s\-()]/gu, '').toUpperCase();
  const haystack = flat(text);
  const needles = [identity.name, identity.nationalId, identity.contact, identity.guardianName, identity.guardianContact]
    .filter((value): value is string => typeof value === 'string')
    .map(flat)
    // A one-character needle (a single-character name) would match too much to mean anything.
    .filter((value) => Array.from(value).length >= 2);
  return needles.some((needle) => haystack.includes(needle));
}
