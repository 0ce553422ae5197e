import { privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { exportCaseRoute } from '#http/routes/export-case.js';

export const handler = lambdaFor(exportCaseRoute, privacyDeps, privacyDeps);
