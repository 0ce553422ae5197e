import { privacyDeps } from '#app/wiring.js';
import { unmatchedDeps } from '#app/wonen/wiring.js';
import { lambdaForRoutes } from '#http/handler.js';
import { unmatchedRoutes } from '#http/routes/unmatched-mail.js';

export const handler = lambdaForRoutes(unmatchedRoutes, unmatchedDeps, privacyDeps);
