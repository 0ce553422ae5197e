import { privacyDeps, wonenDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { wonenItemStatusRoute } from '#http/routes/wonen-item-status.js';

export const handler = lambdaFor(wonenItemStatusRoute, wonenDeps, privacyDeps);
