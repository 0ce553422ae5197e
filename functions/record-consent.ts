import { appDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { recordConsentRoute } from '#http/routes/record-consent.js';

export const handler = lambdaFor(recordConsentRoute, appDeps, privacyDeps);
