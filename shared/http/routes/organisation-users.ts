import { listOrganisationUsers, organisationUsersParams, type UserDirectory } from '#app/users/users.js';
import { defineRoute } from '../route.js';

/** GET /organisations/{organisationId}/users — the organisation's users with role and team, for its beheerder (issue 13, Beheer). */
export const organisationUsersRoute = defineRoute({
  method: 'GET',
  path: '/organisations/{organisationId}/users',
  function: 'organisation-users',
  authenticated: true,
  operationId: 'listOrganisationUsers',
  response: 'OrganisationUsers',
  summary: "The organisation's users as the identity provider knows them (Cognito; locally the seeded people), with role, team and regio. The organisation's beheerder (organisatie-, corporatie- or wonenbeheerder)",
  tags: ['beheer'],
  params: organisationUsersParams,
  handler: async ({ principal, params }, deps: { users: UserDirectory }) => ({ statusCode: 200, body: await listOrganisationUsers(deps, principal, params.organisationId) }),
});
