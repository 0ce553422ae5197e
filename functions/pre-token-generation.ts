import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { accessTokenClaims } from '#http/token-claims.js';

/**
 * Cognito pre-token-generation trigger (V2_0 event; infra/constructs/identity.ts): copies `custom:org`, `custom:role`,
 * `custom:team` and `custom:regio` from the user into the ACCESS token (sign-in, managed login and every refresh, so
 * an administrator's change of role applies at the next refresh). The ID token keeps what Cognito puts in it.
 * Logs nothing: the event carries the user's e-mail address.
 */
export const handler = async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
  event.response = {
    claimsAndScopeOverrideDetails: {
      ...event.response?.claimsAndScopeOverrideDetails,
      accessTokenGeneration: { claimsToAddOrOverride: accessTokenClaims(event.request.userAttributes) },
    },
  };
  return event;
};
