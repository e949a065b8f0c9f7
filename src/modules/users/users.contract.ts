/** Request and response schemas of the user routes. */
import { Type, type Static } from '@sinclair/typebox';
import { ROLES } from '../../core/access/roles.ts';

export const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));
const Roles = Type.Array(RoleSchema, { minItems: 1, uniqueItems: true });
const Timestamp = Type.String({ format: 'date-time' });

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  unitId: Type.String({ format: 'uuid' }),
  roles: Type.Array(RoleSchema),
  active: Type.Boolean(),
  mfaEnrolled: Type.Boolean(),
  lockedUntil: Type.Union([Timestamp, Type.Null()]),
  lastLoginAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
});
export type UserDto = Static<typeof UserSchema>;

export const UserListQuery = Type.Object(
  {
    unitId: Type.Optional(Type.String({ format: 'uuid' })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 100 }),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    unitId: Type.String({ format: 'uuid' }),
    roles: Roles,
  },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    unitId: Type.Optional(Type.String({ format: 'uuid' })),
    roles: Type.Optional(Roles),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserInput = Static<typeof UpdateUserBody>;

export const CreatedUserSchema = Type.Object({ user: UserSchema, oneTimePassword: Type.String() });
export const OneTimePasswordSchema = Type.Object({ oneTimePassword: Type.String() });
