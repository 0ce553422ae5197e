import { appDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaForRoutes } from '#http/handler.js';
import { draftRoutes } from '#http/routes/form-drafts.js';

export const handler = lambdaForRoutes(draftRoutes, appDeps, privacyDeps);
