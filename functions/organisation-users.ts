import { privacyDeps } from '#app/wiring.js';
import { CognitoUserDirectory, createCognitoClient } from '#adapters/cognito/user-directory.js';
import { LocalPeopleDirectory } from '#adapters/local-people/user-directory.js';
import type { UserDirectory } from '#app/users/users.js';
import { lambdaFor } from '#http/handler.js';
import { organisationUsersRoute } from '#http/routes/organisation-users.js';

let users: UserDirectory | undefined;

/** Cognito on AWS (USER_POOL_ID, set by infra/stage.ts); locally the seeded people (PEOPLE_FILE or config/people.local.json). */
function directory(): UserDirectory {
  users ??= process.env.USER_POOL_ID
    ? new CognitoUserDirectory(createCognitoClient(), process.env.USER_POOL_ID)
    : new LocalPeopleDirectory(process.env.PEOPLE_FILE ?? new URL('../config/people.local.json', import.meta.url));
  return users;
}

export const handler = lambdaFor(organisationUsersRoute, () => ({ users: directory() }), privacyDeps);
