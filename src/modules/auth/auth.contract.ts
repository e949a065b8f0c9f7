/** Request and response schemas of the sign-in routes. */
import { Type } from '@sinclair/typebox';
import { SESSION_STAGES } from './sessions.tables.ts';

export const StageSchema = Type.Union([Type.Literal('anonymous'), ...SESSION_STAGES.map((s) => Type.Literal(s))]);

export const SessionInfoSchema = Type.Object({
  authenticated: Type.Boolean(),
  stage: StageSchema,
  csrfToken: Type.String(),
  user: Type.Union([
    Type.Null(),
    Type.Object({
      id: Type.String(),
      username: Type.String(),
      displayName: Type.String(),
      unit: Type.Object({ id: Type.String(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
      roles: Type.Array(Type.String()),
    }),
  ]),
});

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const CodeBody = Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false });

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const EmptyBody = Type.Object({}, { additionalProperties: false });

export const StageResponse = Type.Object({ stage: StageSchema });

export const EnrollmentResponse = Type.Object({
  otpauthUrl: Type.String(),
  qrDataUrl: Type.String(),
  secret: Type.String(),
});

export const OkResponse = Type.Object({ ok: Type.Boolean() });
