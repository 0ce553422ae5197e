import { appDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { createCaseRoute } from '#http/routes/create-case.js';

export const handler = lambdaFor(createCaseRoute, appDeps, privacyDeps);
