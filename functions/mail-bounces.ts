import { bounceDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaForRoutes } from '#http/handler.js';
import { bounceRoutes } from '#http/routes/mail-bounces.js';

export const handler = lambdaForRoutes(bounceRoutes, bounceDeps, privacyDeps);
