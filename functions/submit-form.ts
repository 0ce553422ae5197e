import { appDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaForRoutes } from '#http/handler.js';
import { formRoutes, unknownForm } from '#http/routes/submit-form.js';

export const handler = lambdaForRoutes(formRoutes, appDeps, privacyDeps, { unknown: unknownForm });
