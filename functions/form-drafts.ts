import { appPart, bindable, privacyOf } from '#app/composition-root.js';
import { lambdaForRoutes } from '#http/handler.js';
import { draftRoutes } from '#http/routes/form-drafts.js';

export const handler = bindable((c) => lambdaForRoutes(draftRoutes, () => c().part(appPart), () => privacyOf(c())));
