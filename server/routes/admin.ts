import type { FastifyInstance } from 'fastify';
import type {
  CreateUserRequest,
  OrgSettings,
  ResetPasswordRequest,
  SyncUser,
  UpdateUserRequest,
} from '../../shared/sync/protocol';
import { VISIBILITY_MODES } from '../../shared/rules/visibility';
import { ROLES } from '../../shared/sync/protocol';
import { requireRole } from '../auth/hook';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords';
import { checkName, createUserAccount, firmOf, toSyncUser } from '../auth/users';
import { HttpError } from '../errors';
import type { SyncStore, UserRow } from '../store/types';

export interface AdminRoutesOptions {
  store: SyncStore;
  now: () => number;
}

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const createSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['username', 'name', 'role', 'password'],
    properties: {
      username: { type: 'string', maxLength: 256 },
      name: { type: 'string', maxLength: 256 },
      role: { type: 'string', enum: ROLES },
      password: { type: 'string', maxLength: 1024 },
    },
  },
} as const;

const updateSchema = {
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', maxLength: 256 },
      role: { type: 'string', enum: ROLES },
      disabled: { type: 'boolean' },
      managerId: { type: ['string', 'null'], minLength: 1, maxLength: 64 },
    },
  },
} as const;

const settingsSchema = {
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['visibility'],
    properties: { visibility: { type: 'string', enum: VISIBILITY_MODES } },
  },
} as const;

const passwordSchema = {
  params: idParams,
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['password'],
    properties: { password: { type: 'string', maxLength: 1024 } },
  },
} as const;

const isActiveAdmin = (user: Pick<UserRow, 'role' | 'disabled'>) =>
  user.role === 'admin' && !user.disabled;

/**
 * User administration within the admin's own organisation. Every lookup goes through the store
 * with the admin's orgId, so a user id of another organisation is simply not found (404).
 */
export function adminRoutes(app: FastifyInstance, options: AdminRoutesOptions): void {
  const { store, now } = options;

  async function findInOrg(orgId: string, id: string): Promise<UserRow> {
    const user = await store.getUser(orgId, id);
    if (!user) throw new HttpError(404, 'notFound', 'No such user in your organisation');
    return user;
  }

  /** A manager must be a manager or admin of the organisation, and not the user themself. */
  async function checkManager(orgId: string, user: UserRow, managerId: string | null) {
    if (managerId === null) return null;
    const manager = await store.getUser(orgId, managerId);
    if (!manager || manager.id === user.id || manager.role === 'rep') {
      throw new HttpError(
        400,
        'validation',
        'managerId must name a manager or admin of the organisation other than the user',
        'managerId',
      );
    }
    return manager.id;
  }

  app.get('/admin/settings', async (request): Promise<OrgSettings> => {
    const { user: admin } = requireRole(request, 'admin');
    const org = await store.getOrganisation(admin.orgId);
    return { visibility: org?.visibility ?? 'everyone' };
  });

  app.patch<{ Body: OrgSettings }>(
    '/admin/settings',
    { schema: settingsSchema },
    async (request): Promise<OrgSettings> => {
      const { user: admin } = requireRole(request, 'admin');
      const org = await store.getOrganisation(admin.orgId);
      const visibility = request.body.visibility;
      if ((org?.visibility ?? 'everyone') !== visibility) {
        await store.setVisibility(admin.orgId, visibility);
        // What everyone sees changes: every device of the firm pulls again and drops what is gone.
        await store.bumpViews(admin.orgId);
      }
      return { visibility };
    },
  );

  app.get('/admin/users', async (request): Promise<SyncUser[]> => {
    const { user: admin } = requireRole(request, 'admin');
    const [users, firm] = await Promise.all([
      store.listUsers(admin.orgId),
      firmOf(store, admin.orgId),
    ]);
    return users
      .map((u) => toSyncUser(u, firm))
      .sort((a, b) => a.username.localeCompare(b.username));
  });

  app.post<{ Body: CreateUserRequest }>(
    '/admin/users',
    { schema: createSchema },
    async (request, reply) => {
      const { user: admin } = requireRole(request, 'admin');
      const user = await createUserAccount(store, { ...request.body, orgId: admin.orgId }, now());
      return reply.code(201).send(toSyncUser(user, await firmOf(store, admin.orgId)));
    },
  );

  app.patch<{ Params: { id: string }; Body: UpdateUserRequest }>(
    '/admin/users/:id',
    { schema: updateSchema },
    async (request): Promise<SyncUser> => {
      const { user: admin } = requireRole(request, 'admin');
      const target = await findInOrg(admin.orgId, request.params.id);
      const patch: UpdateUserRequest = {};
      if (request.body.name !== undefined) patch.name = checkName(request.body.name);
      if (request.body.role !== undefined) patch.role = request.body.role;
      if (request.body.disabled !== undefined) patch.disabled = request.body.disabled;
      if (request.body.managerId !== undefined) {
        patch.managerId = await checkManager(admin.orgId, target, request.body.managerId);
      }

      const after = { ...target, ...patch };
      if (isActiveAdmin(target) && !isActiveAdmin(after)) {
        const activeAdmins = (await store.listUsers(admin.orgId)).filter(isActiveAdmin);
        if (activeAdmins.length <= 1) {
          const field = after.disabled ? 'disabled' : 'role';
          throw new HttpError(
            409,
            'conflict',
            `${target.username} is the last active admin of the organisation; make someone else an admin first`,
            field,
          );
        }
      }
      const updated = await store.updateUser(admin.orgId, target.id, patch);
      if (!updated) throw new HttpError(404, 'notFound', 'No such user in your organisation');
      // A team changed: the managers' views (who sees whose records) change with it.
      if (patch.managerId !== undefined && patch.managerId !== (target.managerId ?? null)) {
        const managers = [target.managerId, patch.managerId].filter((id): id is string => !!id);
        await store.bumpViews(admin.orgId, managers);
      }
      // A disabled user's tokens already stop working (checked per request); revoking them too
      // means re-enabling the account does not bring old sessions back.
      if (patch.disabled === true) await store.revokeUserTokens(admin.orgId, target.id, now());
      return toSyncUser(updated, await firmOf(store, admin.orgId));
    },
  );

  // An admin ends every session of a person of the firm (a stolen phone), without disabling them.
  app.post<{ Params: { id: string } }>(
    '/admin/users/:id/sign-out',
    { schema: { params: idParams } },
    async (request, reply) => {
      const { user: admin } = requireRole(request, 'admin');
      const target = await findInOrg(admin.orgId, request.params.id);
      await store.revokeUserTokens(admin.orgId, target.id, now());
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: ResetPasswordRequest }>(
    '/admin/users/:id/password',
    { schema: passwordSchema },
    async (request, reply) => {
      const { user: admin } = requireRole(request, 'admin');
      const target = await findInOrg(admin.orgId, request.params.id);
      checkPasswordPolicy(request.body.password, [target.username, target.name]);
      await store.updateUser(admin.orgId, target.id, {
        passwordHash: await hashPassword(request.body.password),
      });
      await store.revokeUserTokens(admin.orgId, target.id, now());
      return reply.code(204).send();
    },
  );
}
