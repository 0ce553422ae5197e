import { bindable, privacyOf, wonenPart } from '#app/composition-root.js';
import { lambdaForRoutes } from '#http/handler.js';
import { wonenDigestRoute, wonenQueueRoute } from '#http/routes/wonen-queue.js';

export const handler = bindable((c) => lambdaForRoutes([wonenQueueRoute, wonenDigestRoute], () => c().part(wonenPart), () => privacyOf(c())));
