import { appDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { caseDeadlinesRoute } from '#http/routes/case-deadlines.js';

export const handler = lambdaFor(caseDeadlinesRoute, appDeps, privacyDeps);
