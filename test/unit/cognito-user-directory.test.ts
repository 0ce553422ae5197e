/**
 * The Cognito adapter of the UserDirectory port. There is no local Cognito stand-in, so this is the one place the
 * AWS SDK is mocked: a hand stub at the client's send() level (aws-sdk-client-mock is not a dependency), answering
 * ListUsers pages as Cognito does. Everything else runs against the real local services.
 */
import { ListUsersCommand, type ListUsersCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { CognitoUserDirectory } from '#adapters/cognito/user-directory.js';

const user = (sub: string, org: string, role: string, extra: Record<string, string> = {}, enabled = true) => ({
  Username: `u-${sub}`,
  Enabled: enabled,
  Attributes: Object.entries({ sub, name: `Naam ${sub}`, email: `${sub}@example.org`, 'custom:org': org, 'custom:role': role, ...extra }).map(([Name, Value]) => ({ Name, Value })),
});

function stub(pages: Array<Partial<ListUsersCommandOutput>>) {
  const sent: ListUsersCommand[] = [];
  return {
    sent,
    client: {
      send: async (command: unknown) => {
        expect(command).toBeInstanceOf(ListUsersCommand);
        sent.push(command as ListUsersCommand);
        return pages[sent.length - 1] ?? { Users: [] };
      },
    } as never,
  };
}

describe('CognitoUserDirectory (ListUsers, filtered on custom:org)', () => {
  it('reads every page and keeps only the organisation’s users, with role, team and regio', async () => {
    const { client, sent } = stub([
      { Users: [user('a', 'za-hvo-querido', 'begeleider', { 'custom:team': 'team-west' }), user('b', 'corp-ymere', 'contactpersoon')], PaginationToken: 'p2' },
      { Users: [user('c', 'za-hvo-querido', 'organisatiebeheerder', {}, false)] },
    ]);
    const users = await new CognitoUserDirectory(client, 'eu-west-1_pool').listUsers('za-hvo-querido');
    expect(users).toEqual([
      { userId: 'a', name: 'Naam a', email: 'a@example.org', role: 'begeleider', teamId: 'team-west', enabled: true },
      { userId: 'c', name: 'Naam c', email: 'c@example.org', role: 'organisatiebeheerder', enabled: false },
    ]);
    expect(sent.map((c) => c.input)).toEqual([
      { UserPoolId: 'eu-west-1_pool', Limit: 60 },
      { UserPoolId: 'eu-west-1_pool', Limit: 60, PaginationToken: 'p2' },
    ]);
  });

  it('answers an empty list for an organisation without users', async () => {
    const { client } = stub([{ Users: [user('a', 'corp-ymere', 'contactpersoon')] }]);
    expect(await new CognitoUserDirectory(client, 'pool').listUsers('za-bestaat-niet')).toEqual([]);
  });
});
