import { privacyDeps } from '#app/wiring.js';
import { wonenDeps } from '#app/wonen/wiring.js';
import { lambdaFor } from '#http/handler.js';
import { wonenItemStatusRoute } from '#http/routes/wonen-item-status.js';

export const handler = lambdaFor(wonenItemStatusRoute, wonenDeps, privacyDeps);
