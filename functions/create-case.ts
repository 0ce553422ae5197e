import { appDeps, privacyDeps } from '#app/wiring.js';
import { lambdaFor } from '#http/handler.js';
import { createCaseRoute } from '#http/routes/create-case.js';

export const handler = lambdaFor(createCaseRoute, appDeps, privacyDeps);
