/**
 * The authorisation claims of a token: organisation, role, team and regio, as custom attributes on the Cognito user
 * (`custom:org`, …; read by `principalOf` in request.ts). Cognito puts custom attributes in the ID token only; the
 * pre-token-generation trigger (functions/pre-token-generation.ts) copies them into the access token with
 * `accessTokenClaims`, so the web app sends the access token as an OAuth bearer, like the local dev issuer mints it.
 * Pure: no AWS, no time.
 */

/** Custom attributes the API authorises on; names without the `custom:` prefix Cognito adds. */
export const CUSTOM_ATTRIBUTES = ['org', 'role', 'team', 'regio'] as const;

/** `custom:org`, `custom:role`, `custom:team`, `custom:regio`: the claim names `principalOf` reads. */
export const AUTHORISATION_CLAIMS: readonly string[] = CUSTOM_ATTRIBUTES.map((name) => `custom:${name}`);

/**
 * The claims to add to the access token: each authorisation attribute the user has, with its value, and nothing
 * else (no e-mail or name: the access token travels with every API call and ends up in no log, but it need not carry
 * personal data either). Empty values are left out, so a missing team stays missing rather than becoming "".
 * A user without organisation or role still gets a token; the API answers 401 to it (`principalOf`).
 */
export function accessTokenClaims(userAttributes: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const name of AUTHORISATION_CLAIMS) {
    const value = userAttributes[name];
    if (typeof value === 'string' && value !== '') claims[name] = value;
  }
  return claims;
}
