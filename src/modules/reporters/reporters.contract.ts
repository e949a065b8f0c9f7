/**
 * The reporters API's shapes (the schema is the contract). Lists and creations answer with the
 * masked name only; the clear identity leaves the server in one shape alone, the reveal answer.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../core/contract.ts';
import { MAX_CONTACT_LENGTH, MAX_NAME_LENGTH, MAX_REASON_LENGTH, MAX_RELATION_LENGTH, MIN_REASON_LENGTH } from './reporters.service.ts';


export const CaseReportersParams = Type.Object({ caseId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const CaseReporterParams = Type.Object({ caseId: Type.String({ format: 'uuid' }), id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** A reporter as every screen shows it: masked (王O明), never the name. */
export const MaskedReporterSchema = Type.Object({
  id: Type.String(),
  maskedName: Type.String(),
  relation: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String({ description: 'Username of the officer who recorded the reporter' }),
});
export type MaskedReporterDto = Static<typeof MaskedReporterSchema>;

export const ReporterListSchema = Type.Object({ items: Type.Array(MaskedReporterSchema) });

export const CreateReporterBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH, description: 'Sealed with the identity key; only the masked form is stored in clear' }),
    contact: Type.Optional(Nullable(Type.String({ maxLength: MAX_CONTACT_LENGTH, description: 'Sealed with the name' }))),
    relation: Type.Optional(Nullable(Type.String({ maxLength: MAX_RELATION_LENGTH, description: 'Relation to the child or the case (母親, 老師 …), kept in clear' }))),
  },
  { additionalProperties: false },
);

export const RevealReporterBody = Type.Object(
  { reason: Type.String({ minLength: MIN_REASON_LENGTH, maxLength: MAX_REASON_LENGTH, description: 'Why the identity is needed; kept in the audit trail' }) },
  { additionalProperties: false },
);

/** The only shape that carries a reporter's clear identity (answered with Cache-Control: no-store). */
export const RevealedReporterSchema = Type.Object({ name: Type.String(), contact: Nullable(Type.String()) });
