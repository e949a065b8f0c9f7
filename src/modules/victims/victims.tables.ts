import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/cases.tables.ts';
import { evidenceItems } from '../evidence/evidence.tables.ts';
import { users } from '../users/users.tables.ts';

export const VICTIM_SEXES = ['female', 'male', 'other'] as const;
export type VictimSex = (typeof VICTIM_SEXES)[number];

/** An adult's answer to "social worker?" and "referral to counselling?" (G5.3.2); declining to answer is an answer. */
export const REFERRAL_ANSWERS = ['yes', 'no', 'refused_to_answer'] as const;
export type ReferralAnswer = (typeof REFERRAL_ANSWERS)[number];

/**
 * The identity fields of a victim, each sealed on its own (field-level encryption) under the
 * victim key with `victim:{id}:{field}` as associated data, so a ciphertext moved to another row
 * or another field does not open.
 */
export const VICTIM_IDENTITY_FIELDS = ['name', 'nationalId', 'dateOfBirth', 'contact', 'guardianName', 'guardianContact'] as const;
export type VictimIdentityField = (typeof VICTIM_IDENTITY_FIELDS)[number];

/**
 * A victim of a case (G5.3, G6.3.6). Who they are is sealed; what the case needs to act on is in
 * clear: masked forms (王O明, A12****789), the incident date, sex if given, notes, and the
 * minor/adult verdict with the age and the rule that decided it (the date of birth itself is
 * sealed). After the retention period of a closed case the sealed fields are purged (null), the
 * masked forms replaced by a marker, `purged_at` set; the facts remain.
 */
export const victims = pgTable(
  'victims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    maskedName: text('masked_name').notNull(),
    maskedNationalId: text('masked_national_id'),
    maskedGuardianName: text('masked_guardian_name'),
    hasContact: boolean('has_contact').notNull().default(false),
    hasGuardianContact: boolean('has_guardian_contact').notNull().default(false),
    /** AES-256-GCM under the victim key, base64 of iv|tag|ciphertext; null when not given or purged. */
    nameSealed: text('name_sealed'),
    nationalIdSealed: text('national_id_sealed'),
    dateOfBirthSealed: text('date_of_birth_sealed'),
    contactSealed: text('contact_sealed'),
    guardianNameSealed: text('guardian_name_sealed'),
    guardianContactSealed: text('guardian_contact_sealed'),
    /** Id of the victim key the fields are sealed under (null once purged). */
    keyId: text('key_id'),
    incidentDate: date('incident_date').notNull(),
    sex: text('sex', { enum: VICTIM_SEXES }),
    notes: text('notes'),
    /** Age on the incident date (民法第 124 條) and the verdict it gives, with the rule's id (victim-age.ts). */
    isMinor: boolean('is_minor').notNull(),
    ageAtIncident: integer('age_at_incident').notNull(),
    ageRule: text('age_rule').notNull(),
    /** G5.3.2, a minor (or an adult who asked for one): the SAB social worker who came to the interview. */
    socialWorkerName: text('social_worker_name'),
    socialWorkerArrivedAt: timestamp('social_worker_arrived_at', { withTimezone: true, precision: 3 }),
    /** G5.3.2, an adult: the answers to "social worker?" and "referral to counselling?". */
    wantsSocialWorker: text('wants_social_worker', { enum: REFERRAL_ANSWERS }),
    wantsCounsellingReferral: text('wants_counselling_referral', { enum: REFERRAL_ANSWERS }),
    referralAnsweredAt: timestamp('referral_answered_at', { withTimezone: true, precision: 3 }),
    purgedAt: timestamp('purged_at', { withTimezone: true, precision: 3 }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [
    index('victims_case_idx').on(t.caseId, t.createdAt),
    // A purged row holds no ciphertext at all; a live one holds at least the name, under a named key.
    check('victims_sealed_or_purged', sql`(${t.purgedAt} is null and ${t.nameSealed} is not null and ${t.keyId} is not null) or (${t.purgedAt} is not null and ${t.nameSealed} is null and ${t.nationalIdSealed} is null and ${t.dateOfBirthSealed} is null and ${t.contactSealed} is null and ${t.guardianNameSealed} is null and ${t.guardianContactSealed} is null)`),
  ],
);

/**
 * An adult victim's own authorisation to complain to the SIPC (G5.3.1): the signed form, uploaded
 * as a sealed evidence item of the same case, its date and what it covers.
 */
export const victimAuthorisations = pgTable(
  'victim_authorisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    victimId: uuid('victim_id')
      .notNull()
      .references(() => victims.id),
    evidenceId: uuid('evidence_id')
      .notNull()
      .references(() => evidenceItems.id),
    signedOn: date('signed_on').notNull(),
    scope: text('scope').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [index('victim_authorisations_victim_idx').on(t.victimId), index('victim_authorisations_evidence_idx').on(t.evidenceId)],
);

export const SIPC_CHANNELS = ['online_form', 'email', 'phone', 'letter'] as const;
export type SipcChannel = (typeof SIPC_CHANNELS)[number];
export const SIPC_OUTCOMES = ['removed', 'not_removed'] as const;
export type SipcOutcome = (typeof SIPC_OUTCOMES)[number];

/** What a complaint carried when it was filed (G6.2.1: reason, full URLs, evidence); never an identity. */
export type SipcComplaintContent = {
  caseNumber: string;
  grounds: string;
  urls: { targetId: string; url: string; evidenceId: string }[];
  evidence: { id: string; sha256: string; capturedAt: string }[];
};

/**
 * A takedown complaint to the MOHW sexual image processing centre (SIPC) for one victim (G5.3.1):
 * filed when, how, the centre's reference, the target (24 h for a minor's images, 72 h for an
 * adult's) and its clock, the outcome. The content is kept as filed.
 */
export const victimSipcComplaints = pgTable(
  'victim_sipc_complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    victimId: uuid('victim_id')
      .notNull()
      .references(() => victims.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    filedAt: timestamp('filed_at', { withTimezone: true, precision: 3 }).notNull(),
    channel: text('channel', { enum: SIPC_CHANNELS }).notNull(),
    sipcReference: text('sipc_reference'),
    /** The victim's verdict when filed decides the target: 24 h (minor) or 72 h (adult). */
    minorAtFiling: boolean('minor_at_filing').notNull(),
    targetHours: integer('target_hours').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }).notNull(),
    /** The adult's authorisation the filing rests on (null for a minor). */
    authorisationId: uuid('authorisation_id').references(() => victimAuthorisations.id),
    content: jsonb('content').$type<SipcComplaintContent>().notNull(),
    outcome: text('outcome', { enum: SIPC_OUTCOMES }),
    outcomeAt: timestamp('outcome_at', { withTimezone: true, precision: 3 }),
    outcomeNote: text('outcome_note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [index('victim_sipc_victim_idx').on(t.victimId, t.filedAt), index('victim_sipc_open_due_idx').on(t.outcome, t.dueAt), check('victim_sipc_target_hours', sql`${t.targetHours} in (24, 72)`)],
);

/** The SAB's protective services (G5.3.2), in the guideline's order. */
export const VICTIM_SERVICES = ['single_window', 'psychological_support', 'judicial_accompaniment', 'legal_advice', 'placement_assessment', 'parenting_talks'] as const;
export type VictimService = (typeof VICTIM_SERVICES)[number];
export const SERVICE_RESPONSES = ['accepted', 'declined'] as const;
export type ServiceResponse = (typeof SERVICE_RESPONSES)[number];

/** One service per victim: offered on, accepted or declined on, given on (G5.3.2). */
export const victimServices = pgTable(
  'victim_services',
  {
    victimId: uuid('victim_id')
      .notNull()
      .references(() => victims.id),
    service: text('service', { enum: VICTIM_SERVICES }).notNull(),
    offeredOn: date('offered_on').notNull(),
    response: text('response', { enum: SERVICE_RESPONSES }),
    respondedOn: date('responded_on'),
    givenOn: date('given_on'),
    note: text('note'),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.victimId, t.service] })],
);

/**
 * A legal hold that stops the retention purge of a case's victims (victim_id null) or of one victim,
 * set and cleared with a reason by the WCPD or a supervisor of the case.
 */
export const victimLegalHolds = pgTable(
  'victim_legal_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    victimId: uuid('victim_id').references(() => victims.id),
    reason: text('reason').notNull(),
    setBy: uuid('set_by')
      .notNull()
      .references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true, precision: 3 }).notNull(),
    clearedBy: uuid('cleared_by').references(() => users.id),
    clearedAt: timestamp('cleared_at', { withTimezone: true, precision: 3 }),
    clearReason: text('clear_reason'),
  },
  (t) => [
    index('victim_legal_holds_case_idx').on(t.caseId),
    // One active hold per case, and per victim: a second would only be cleared by mistake.
    uniqueIndex('victim_legal_holds_case_active_uq')
      .on(t.caseId)
      .where(sql`${t.victimId} is null and ${t.clearedAt} is null`),
    uniqueIndex('victim_legal_holds_victim_active_uq')
      .on(t.victimId)
      .where(sql`${t.victimId} is not null and ${t.clearedAt} is null`),
  ],
);

export type VictimRow = typeof victims.$inferSelect;
export type VictimAuthorisationRow = typeof victimAuthorisations.$inferSelect;
export type VictimSipcComplaintRow = typeof victimSipcComplaints.$inferSelect;
export type VictimServiceRow = typeof victimServices.$inferSelect;
export type VictimLegalHoldRow = typeof victimLegalHolds.$inferSelect;
