import { appDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { getCaseRoute } from '#http/routes/get-case.js';

export const handler = lambdaFor(getCaseRoute, appDeps, privacyDeps);
