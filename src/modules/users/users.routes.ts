/** User administration routes. */
import type { AppInstance } from '../../server/app-types.ts';
import { requireActiveUser } from '../../server/request-auth.ts';
import { EmptyBody } from '../auth/auth.contract.ts';
import { IdParams } from '../units/units.contract.ts';
import {
  CreatedUserSchema,
  CreateUserBody,
  OneTimePasswordSchema,
  UpdateUserBody,
  UserListQuery,
  UserSchema,
} from './users.contract.ts';
import { Type } from '@sinclair/typebox';
import { presentUser } from './users.presenter.ts';
import { createUser, getUser, listUsers, resetMfa, resetPassword, unlockUser, updateUser } from './users.service.ts';

export default async function usersRoutes(app: AppInstance): Promise<void> {
  const db = app.deps.database.db;
  const tags = ['users'];

  app.get(
    '/api/users',
    { schema: { tags, querystring: UserListQuery, response: { 200: Type.Object({ items: Type.Array(UserSchema) }) } } },
    async (request) => ({ items: (await listUsers(db, requireActiveUser(request), request.query)).map(presentUser) }),
  );

  app.get('/api/users/:id', { schema: { tags, params: IdParams, response: { 200: UserSchema } } }, async (request) =>
    presentUser(await getUser(db, requireActiveUser(request), request.params.id)),
  );

  app.post('/api/users', { schema: { tags, body: CreateUserBody, response: { 200: CreatedUserSchema } } }, async (request) => {
    const { user, oneTimePassword } = await createUser(db, requireActiveUser(request), request.body);
    return { user: presentUser(user), oneTimePassword };
  });

  app.patch(
    '/api/users/:id',
    { schema: { tags, params: IdParams, body: UpdateUserBody, response: { 200: UserSchema } } },
    async (request) => presentUser(await updateUser(db, requireActiveUser(request), request.params.id, request.body)),
  );

  app.post(
    '/api/users/:id/reset-password',
    { schema: { tags, params: IdParams, body: EmptyBody, response: { 200: OneTimePasswordSchema } } },
    async (request) => ({ oneTimePassword: await resetPassword(db, requireActiveUser(request), request.params.id) }),
  );

  app.post(
    '/api/users/:id/reset-mfa',
    { schema: { tags, params: IdParams, body: EmptyBody, response: { 200: UserSchema } } },
    async (request) => presentUser(await resetMfa(db, requireActiveUser(request), request.params.id)),
  );

  app.post(
    '/api/users/:id/unlock',
    { schema: { tags, params: IdParams, body: EmptyBody, response: { 200: UserSchema } } },
    async (request) => presentUser(await unlockUser(db, requireActiveUser(request), request.params.id)),
  );
}
