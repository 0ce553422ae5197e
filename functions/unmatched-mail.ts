import { privacyDeps, unmatchedDeps } from '#app/composition-root.js';
import { lambdaForRoutes } from '#http/handler.js';
import { unmatchedRoutes } from '#http/routes/unmatched-mail.js';

export const handler = lambdaForRoutes(unmatchedRoutes, unmatchedDeps, privacyDeps);
