import { privacyDeps, wonenDeps } from '#app/composition-root.js';
import { lambdaForRoutes } from '#http/handler.js';
import { wonenDigestRoute, wonenQueueRoute } from '#http/routes/wonen-queue.js';

export const handler = lambdaForRoutes([wonenQueueRoute, wonenDigestRoute], wonenDeps, privacyDeps);
