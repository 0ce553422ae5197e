import { privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { revokeRetentionRoute } from '#http/routes/revoke-retention.js';

export const handler = lambdaFor(revokeRetentionRoute, privacyDeps, privacyDeps);
