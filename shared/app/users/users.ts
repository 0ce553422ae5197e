/**
 * The users of an organisation as the identity provider knows them, with role and team (issue 13, Beheer): for the
 * organisation's own beheerder (organisatie-, corporatie- or wonenbeheerder; roles.ts). The port has two adapters:
 * AWS Cognito (shared/adapters/cognito/user-directory.ts) and, locally, the seeded people of config/people.local.json
 * (shared/adapters/local-people/user-directory.ts). No client data: names and addresses of professionals only.
 */
import * as z from 'zod';
import { Forbidden } from '#domain/errors.js';
import { isBeheerderOf, type Principal } from '#domain/roles.js';
import type { SameType } from '#domain/same-type.js';
import type { OrganisationUser, UserDirectory } from './ports.js';

export type { OrganisationUser, UserDirectory } from './ports.js';

/** GET /organisations/{id}/users answers `{ items }` of these (checked against OrganisationUser). */
export const organisationUserSchema = z.object({
  userId: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  role: z.string(),
  teamId: z.string().optional(),
  regio: z.string().optional(),
  enabled: z.boolean(),
});
export const organisationUsersSchema = z.object({ items: z.array(organisationUserSchema) });
const _user: SameType<z.infer<typeof organisationUserSchema>, OrganisationUser> = true;
void _user;

export const organisationUsersParams = z.object({ organisationId: z.string().min(1).max(64) });

/** GET /organisations/{organisationId}/users: sorted by name, then id. The organisation's beheerder, or operations. */
export async function listOrganisationUsers(deps: { users: UserDirectory }, principal: Principal, organisationId: string): Promise<{ items: OrganisationUser[] }> {
  // Operations administers the user pool anyway (as it keeps every organisation's bounces, mail-health/bounces.ts).
  if (principal.role !== 'systeembeheerder' && !isBeheerderOf(principal, organisationId)) throw new Forbidden('Alleen de beheerder van deze organisatie ziet haar gebruikers.');
  const users = await deps.users.listUsers(organisationId);
  return { items: [...users].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'nl') || a.userId.localeCompare(b.userId)) };
}
