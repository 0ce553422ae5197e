import { appDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { listCasesRoute } from '#http/routes/list-cases.js';

export const handler = lambdaFor(listCasesRoute, appDeps, privacyDeps);
