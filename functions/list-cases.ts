import { appDeps, privacyDeps } from '#app/wiring.js';
import { lambdaFor } from '#http/handler.js';
import { listCasesRoute } from '#http/routes/list-cases.js';

export const handler = lambdaFor(listCasesRoute, appDeps, privacyDeps);
