import { CognitoUserDirectory, createCognitoClient } from '#adapters/cognito/user-directory.js';
import { LocalPeopleDirectory } from '#adapters/local-people/user-directory.js';
import { listOrganisationUsers, organisationUsersParams, type UserDirectory } from '#app/users/users.js';
import { httpHandler } from '#http/handler.js';
import { parseWith } from '#http/request.js';

let users: UserDirectory | undefined;

/** Cognito on AWS (USER_POOL_ID, set by infra/stage.ts); locally the seeded people (PEOPLE_FILE or config/people.local.json). */
function directory(): UserDirectory {
  users ??= process.env.USER_POOL_ID
    ? new CognitoUserDirectory(createCognitoClient(), process.env.USER_POOL_ID)
    : new LocalPeopleDirectory(process.env.PEOPLE_FILE ?? new URL('../config/people.local.json', import.meta.url));
  return users;
}

/** GET /organisations/{organisationId}/users — the organisation's users with role and team, for its beheerder. */
export const handler = httpHandler(async (request) => {
  const { organisationId } = parseWith(organisationUsersParams, request.params, 'params');
  return { statusCode: 200, body: await listOrganisationUsers({ users: directory() }, request.principal, organisationId) };
});
