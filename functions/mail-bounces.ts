import { privacyDeps } from '#app/wiring.js';
import { bounceDeps } from '#app/mail-health/wiring.js';
import { lambdaForRoutes } from '#http/handler.js';
import { bounceRoutes } from '#http/routes/mail-bounces.js';

export const handler = lambdaForRoutes(bounceRoutes, bounceDeps, privacyDeps);
