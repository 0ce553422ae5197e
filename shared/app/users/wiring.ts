/**
 * The user directory of the Beheer endpoint: Cognito on AWS (USER_POOL_ID, set by infra/stage.ts); locally the seeded
 * people (PEOPLE_FILE or config/people.local.json). Built once per container.
 */
import { CognitoUserDirectory, createCognitoClient } from '#adapters/cognito/user-directory.js';
import { LocalPeopleDirectory } from '#adapters/local-people/user-directory.js';
import { config } from '#config/config.js';
import type { UserDirectory } from './users.js';

let users: UserDirectory | undefined;

export function userDeps(): { users: UserDirectory } {
  const c = config();
  users ??= c.USER_POOL_ID
    ? new CognitoUserDirectory(createCognitoClient(), c.USER_POOL_ID)
    : new LocalPeopleDirectory(c.PEOPLE_FILE ?? new URL('../../../config/people.local.json', import.meta.url));
  return { users };
}
