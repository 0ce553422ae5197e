import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accessTokenClaims, AUTHORISATION_CLAIMS } from '#http/token-claims.js';
import { principalOf } from '#http/request.js';
import { handler } from '../../functions/pre-token-generation.js';

describe('accessTokenClaims (pre-token-generation trigger)', () => {
  it('copies organisation, role, team and regio and nothing else', () => {
    expect(
      accessTokenClaims({
        sub: 'u-1',
        email: 'iemand@example.org',
        name: 'Iemand',
        'custom:org': 'zorg-hvo',
        'custom:role': 'begeleider',
        'custom:team': 'team-west',
        'custom:regio': 'west',
        'custom:other': 'x',
      }),
    ).toEqual({ 'custom:org': 'zorg-hvo', 'custom:role': 'begeleider', 'custom:team': 'team-west', 'custom:regio': 'west' });
  });

  it('carries the beheerder roles of a corporatie and of the gemeente (issue 13), which the API accepts', () => {
    for (const [org, role, regio] of [['corp-ymere', 'corporatiebeheerder', undefined], ['gemeente-amsterdam-wonen', 'wonenbeheerder', 'amsterdam']] as const) {
      const claims = accessTokenClaims({ sub: 'u-1', 'custom:org': org, 'custom:role': role, ...(regio ? { 'custom:regio': regio } : {}) });
      expect(claims['custom:role']).toBe(role);
      const event = { requestContext: { authorizer: { jwt: { claims: { sub: 'u-1', ...claims } } } } } as unknown as Parameters<typeof principalOf>[0];
      expect(principalOf(event)).toMatchObject({ userId: 'u-1', organisationId: org, role, ...(regio ? { regio } : {}) });
    }
  });

  it('leaves out missing and empty attributes instead of inventing them', () => {
    expect(accessTokenClaims({ 'custom:org': 'corp-ymere', 'custom:role': 'contactpersoon', 'custom:team': '' })).toEqual({
      'custom:org': 'corp-ymere',
      'custom:role': 'contactpersoon',
    });
    expect(accessTokenClaims({ email: 'iemand@example.org' })).toEqual({});
  });

  it('law: the result is exactly the non-empty authorisation attributes of the user', () => {
    const attribute = fc.constantFrom(...AUTHORISATION_CLAIMS, 'email', 'sub', 'custom:x', 'name');
    fc.assert(
      fc.property(fc.dictionary(attribute, fc.string({ maxLength: 8 })), (attributes) => {
        const claims = accessTokenClaims(attributes);
        for (const [name, value] of Object.entries(claims)) {
          expect(AUTHORISATION_CLAIMS).toContain(name);
          expect(value).toBe(attributes[name]);
          expect(value).not.toBe('');
        }
        for (const name of AUTHORISATION_CLAIMS) if (attributes[name]) expect(claims[name]).toBe(attributes[name]);
      }),
    );
  });
});

describe('functions/pre-token-generation', () => {
  it('answers a V2_0 event with the claims for the access token and leaves the ID token alone', async () => {
    const event = {
      version: '2',
      triggerSource: 'TokenGeneration_HostedAuth',
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_probe',
      userName: 'u-1',
      callerContext: { awsSdkVersion: 'probe', clientId: 'client' },
      request: {
        userAttributes: { sub: 'u-1', email: 'iemand@example.org', 'custom:org': 'zorg-hvo', 'custom:role': 'begeleider' },
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
        scopes: ['openid', 'email', 'profile'],
      },
      response: { claimsAndScopeOverrideDetails: null },
    } as never;
    const answer = await handler(event);
    expect(answer.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: { 'custom:org': 'zorg-hvo', 'custom:role': 'begeleider' } },
    });
  });
});
