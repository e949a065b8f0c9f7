/**
 * The victims API's shapes (the schema is the contract). Lists and pages answer masked forms only;
 * the clear identity leaves the server in one JSON shape alone, the reveal answer (and, on request
 * with a reason, in the confidential PDF). Identity inputs carry length limits only: their format is
 * checked by the service, whose messages never repeat the value (G6.3.6).
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Literals, Nullable } from '../../core/contract.ts';
import { MAX_CONTACT_LENGTH, MAX_NAME_LENGTH, MAX_NOTES_LENGTH, MAX_REASON_LENGTH, MIN_REASON_LENGTH } from './victims.service.ts';
import { REFERRAL_ANSWERS, SERVICE_RESPONSES, SIPC_CHANNELS, SIPC_OUTCOMES, VICTIM_SERVICES, VICTIM_SEXES } from './victims.tables.ts';

const strict = <T extends Parameters<typeof Type.Object>[0]>(properties: T) => Type.Object(properties, { additionalProperties: false });
/** A civil date `YYYY-MM-DD` (checked by the service, which says which field without echoing it). */
const CivilDate = Type.String({ maxLength: 10, description: 'YYYY-MM-DD' });
const Reason = Type.String({ minLength: MIN_REASON_LENGTH, maxLength: MAX_REASON_LENGTH, description: 'Why; kept in the audit trail' });

export const CaseVictimsParams = strict({ caseId: Type.String({ format: 'uuid' }) });
export const VictimParams = strict({ id: Type.String({ format: 'uuid' }) });
export const ComplaintParams = strict({ id: Type.String({ format: 'uuid' }), complaintId: Type.String({ format: 'uuid' }) });
export const ServiceParams = strict({ id: Type.String({ format: 'uuid' }), service: Literals(VICTIM_SERVICES) });
export const HoldParams = strict({ holdId: Type.String({ format: 'uuid' }) });

export const VictimRightsSchema = Type.Object({
  create: Type.Boolean({ description: 'May record a victim on this case' }),
  seeIdentity: Type.Boolean({ description: 'May reveal identities and print documents with them (with a reason)' }),
  protect: Type.Boolean({ description: 'May change victims and record authorisation, complaints, referral and services' }),
  hold: Type.Boolean({ description: 'May set and clear legal holds' }),
});

/** A victim as every list shows it: masked, never the identity. */
export const VictimSummarySchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  maskedName: Type.String({ description: '王O明; the purge marker once purged' }),
  maskedNationalId: Nullable(Type.String({ description: 'A12****789' })),
  maskedGuardianName: Nullable(Type.String()),
  hasContact: Type.Boolean(),
  hasGuardianContact: Type.Boolean(),
  incidentDate: Type.String({ description: 'YYYY-MM-DD' }),
  sex: Nullable(Literals(VICTIM_SEXES)),
  notes: Nullable(Type.String()),
  isMinor: Type.Boolean({ description: 'Under 18 on the incident date' }),
  ageAtIncident: Type.Integer(),
  ageRule: Type.String({ description: 'The rule that decided isMinor, e.g. civil-code-124/v1' }),
  purgedAt: Nullable(DateTime),
  createdAt: DateTime,
  createdBy: Type.String({ description: 'Username of the officer who recorded the victim' }),
  updatedAt: DateTime,
  sipc: Type.Object({ filed: Type.Integer(), open: Type.Integer(), overdue: Type.Integer() }),
});
export type VictimSummaryDto = Static<typeof VictimSummarySchema>;

export const HoldSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  victimId: Nullable(Type.String({ description: 'null: the hold covers every victim of the case' })),
  reason: Type.String(),
  setBy: Type.String(),
  setAt: DateTime,
  active: Type.Boolean(),
  clearedBy: Nullable(Type.String()),
  clearedAt: Nullable(DateTime),
  clearReason: Nullable(Type.String()),
});

export const CaseVictimsSchema = Type.Object({
  items: Type.Array(VictimSummarySchema),
  holds: Type.Array(HoldSchema),
  can: VictimRightsSchema,
});

export const AuthorisationSchema = Type.Object({ id: Type.String(), evidenceId: Type.String(), signedOn: Type.String(), scope: Type.String(), recordedAt: DateTime });

const ComplaintContentSchema = Type.Object({
  caseNumber: Type.String(),
  grounds: Type.String(),
  urls: Type.Array(Type.Object({ targetId: Type.String(), url: Type.String(), evidenceId: Type.String() })),
  evidence: Type.Array(Type.Object({ id: Type.String(), sha256: Type.String(), capturedAt: DateTime })),
});

export const ComplaintSchema = Type.Object({
  id: Type.String(),
  filedAt: DateTime,
  channel: Literals(SIPC_CHANNELS),
  sipcReference: Nullable(Type.String()),
  minorAtFiling: Type.Boolean(),
  targetHours: Type.Integer({ description: '24 (minor) or 72 (adult)' }),
  dueAt: DateTime,
  overdue: Type.Boolean({ description: 'Not removed and past dueAt (server clock)' }),
  removedWithinTarget: Nullable(Type.Boolean()),
  authorisationId: Nullable(Type.String()),
  content: ComplaintContentSchema,
  outcome: Nullable(Literals(SIPC_OUTCOMES)),
  outcomeAt: Nullable(DateTime),
  outcomeNote: Nullable(Type.String()),
  createdAt: DateTime,
});

export const ComplaintDraftSchema = Type.Object({
  targetHours: Type.Integer(),
  blockedBy: Nullable(Literals(['authorisation_required', 'no_sealed_evidence'] as const)),
  content: ComplaintContentSchema,
  unsealedUrls: Type.Array(Type.String()),
});

export const ServiceStateSchema = Type.Object({
  service: Literals(VICTIM_SERVICES),
  offeredOn: Nullable(Type.String()),
  response: Nullable(Literals(SERVICE_RESPONSES)),
  respondedOn: Nullable(Type.String()),
  givenOn: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

export const VictimDetailSchema = Type.Intersect([
  VictimSummarySchema,
  Type.Object({
    caseNumber: Type.String(),
    socialWorker: Nullable(Type.Object({ name: Type.String(), arrivedAt: DateTime })),
    referral: Nullable(Type.Object({ wantsSocialWorker: Literals(REFERRAL_ANSWERS), wantsCounsellingReferral: Literals(REFERRAL_ANSWERS), answeredAt: DateTime })),
    authorisations: Type.Array(AuthorisationSchema),
    sipcComplaints: Type.Array(ComplaintSchema),
    services: Type.Array(ServiceStateSchema, { description: 'Always the six services, in the guideline’s order' }),
    holds: Type.Array(HoldSchema),
    can: VictimRightsSchema,
  }),
]);

const identityProperties = {
  name: Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH, description: 'Sealed with the victim key; only the masked form is kept in clear' }),
  nationalId: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'Sealed; masked A12****789 in clear' }))),
  dateOfBirth: CivilDate,
  contact: Type.Optional(Nullable(Type.String({ maxLength: MAX_CONTACT_LENGTH }))),
  guardianName: Type.Optional(Nullable(Type.String({ maxLength: MAX_NAME_LENGTH }))),
  guardianContact: Type.Optional(Nullable(Type.String({ maxLength: MAX_CONTACT_LENGTH }))),
};

const factProperties = {
  incidentDate: CivilDate,
  sex: Type.Optional(Nullable(Literals(VICTIM_SEXES))),
  notes: Type.Optional(Nullable(Type.String({ maxLength: MAX_NOTES_LENGTH, description: 'Clear text; must not carry the victim’s identity' }))),
};

export const CreateVictimBody = strict({ ...identityProperties, ...factProperties });

export const UpdateVictimBody = strict({
  name: Type.Optional(identityProperties.name),
  nationalId: identityProperties.nationalId,
  dateOfBirth: Type.Optional(CivilDate),
  contact: identityProperties.contact,
  guardianName: identityProperties.guardianName,
  guardianContact: identityProperties.guardianContact,
  incidentDate: Type.Optional(CivilDate),
  sex: factProperties.sex,
  notes: factProperties.notes,
});

export const ReasonBody = strict({ reason: Reason });

/** The only JSON shape that carries a victim's clear identity (answered with Cache-Control: no-store). */
export const RevealedVictimSchema = Type.Object({
  name: Type.String(),
  nationalId: Nullable(Type.String()),
  dateOfBirth: Type.String(),
  contact: Nullable(Type.String()),
  guardianName: Nullable(Type.String()),
  guardianContact: Nullable(Type.String()),
});

export const AuthorisationBody = strict({
  evidenceId: Type.String({ format: 'uuid', description: 'The signed form, uploaded as evidence of the same case' }),
  signedOn: CivilDate,
  scope: Type.String({ minLength: 1, maxLength: 1000 }),
});

export const ComplaintBody = strict({
  filedAt: DateTime,
  channel: Literals(SIPC_CHANNELS),
  sipcReference: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  grounds: Type.Optional(Nullable(Type.String({ maxLength: 1000, description: '事由; default text by minor/adult' }))),
});

export const OutcomeBody = strict({
  outcome: Literals(SIPC_OUTCOMES),
  outcomeAt: DateTime,
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  sipcReference: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
});

export const DocumentQuery = strict({
  includeIdentity: Type.Optional(Type.Boolean({ default: false })),
  reason: Type.Optional(Type.String({ maxLength: MAX_REASON_LENGTH })),
});

export const SocialWorkerBody = strict({ name: Type.String({ minLength: 1, maxLength: 100 }), arrivedAt: DateTime });

export const ReferralBody = strict({
  wantsSocialWorker: Literals(REFERRAL_ANSWERS),
  wantsCounsellingReferral: Literals(REFERRAL_ANSWERS),
  answeredAt: DateTime,
});

export const ServiceBody = strict({
  offeredOn: CivilDate,
  response: Type.Optional(Nullable(Literals(SERVICE_RESPONSES))),
  respondedOn: Type.Optional(Nullable(CivilDate)),
  givenOn: Type.Optional(Nullable(CivilDate)),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
});

export const FiguresSchema = Type.Object({ total: Type.Integer(), minors: Type.Integer(), adults: Type.Integer() });

export const RevealsQuery = strict({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })), beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })) });

export const RevealsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      seq: Type.Integer({ description: 'Audit sequence; pass as beforeSeq for the next page' }),
      victimId: Type.String(),
      caseId: Type.String(),
      caseNumber: Type.String(),
      maskedName: Type.String(),
      action: Literals(['victim.reveal', 'victim.identity_export'] as const),
      actorUsername: Nullable(Type.String()),
      actorUnitCode: Nullable(Type.String()),
      occurredAt: DateTime,
      reason: Nullable(Type.String()),
    }),
  ),
});
