/** Request and response schemas of the unit routes: the contract (STYLE rule 2). */
import { Type, type Static } from '@sinclair/typebox';
import { UNIT_KINDS } from '../../core/access/roles.ts';

export const UnitKindSchema = Type.Union(UNIT_KINDS.map((kind) => Type.Literal(kind)));

export const UnitSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    kind: UnitKindSchema,
    parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    active: Type.Boolean(),
  },
  { $id: 'Unit' },
);
export type UnitDto = Static<typeof UnitSchema>;

export const UnitListSchema = Type.Object({ items: Type.Array(UnitSchema) });

export const CreateUnitBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z][A-Z0-9-]{0,15}$', description: 'Upper-case code, used in case numbers' }),
    nameZh: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ minLength: 1, maxLength: 200 }),
    kind: UnitKindSchema,
    parentId: Type.String({ format: 'uuid' }),
  },
  { additionalProperties: false },
);
export type CreateUnitInput = Static<typeof CreateUnitBody>;

export const UpdateUnitBody = Type.Object(
  {
    nameZh: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    kind: Type.Optional(UnitKindSchema),
    parentId: Type.Optional(Type.String({ format: 'uuid' })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUnitInput = Static<typeof UpdateUnitBody>;

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
