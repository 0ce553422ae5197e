import { appDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { listDeadlinesRoute } from '#http/routes/list-deadlines.js';

export const handler = lambdaFor(listDeadlinesRoute, appDeps, privacyDeps);
