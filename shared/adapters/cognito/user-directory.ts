/**
 * UserDirectory on AWS Cognito: ListUsers of the user pool, page by page, keeping the users whose `custom:org` is the
 * organisation. Cognito's ListUsers filter takes standard attributes only (not custom ones), so the organisation is
 * matched here; roles are the `custom:role` attribute, not groups (infra/constructs/identity.ts). IAM:
 * cognito-idp:ListUsers on the pool (infra/stage.ts).
 */
import { CognitoIdentityProviderClient, ListUsersCommand, type AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import type { OrganisationUser, UserDirectory } from '#app/users/ports.js';

/** At most this many pages (60 users each) are read for one answer: 6,000 users, far above a pool's size here. */
const MAX_PAGES = 100;

export class CognitoUserDirectory implements UserDirectory {
  constructor(
    private readonly client: Pick<CognitoIdentityProviderClient, 'send'>,
    private readonly userPoolId: string,
  ) {}

  async listUsers(organisationId: string): Promise<OrganisationUser[]> {
    const users: OrganisationUser[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const out = await this.client.send(new ListUsersCommand({ UserPoolId: this.userPoolId, Limit: 60, ...(token ? { PaginationToken: token } : {}) }));
      for (const user of out.Users ?? []) {
        const attributes = attributesOf(user.Attributes);
        if (attributes['custom:org'] !== organisationId) continue;
        users.push({
          userId: attributes.sub ?? user.Username ?? '',
          ...(attributes.name ? { name: attributes.name } : {}),
          ...(attributes.email ? { email: attributes.email } : {}),
          role: attributes['custom:role'] ?? '',
          ...(attributes['custom:team'] ? { teamId: attributes['custom:team'] } : {}),
          ...(attributes['custom:regio'] ? { regio: attributes['custom:regio'] } : {}),
          enabled: user.Enabled !== false,
        });
      }
      token = out.PaginationToken;
      if (!token) break;
    }
    return users;
  }
}

function attributesOf(attributes: AttributeType[] | undefined): Record<string, string | undefined> {
  return Object.fromEntries((attributes ?? []).map((a) => [a.Name ?? '', a.Value]));
}

export function createCognitoClient(): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({});
}
