import { appPart, bindable, privacyOf } from '#app/composition-root.js';
import { lambdaForRoutes } from '#http/handler.js';
import { formRoutes, unknownForm } from '#http/routes/submit-form.js';

export const handler = bindable((c) => lambdaForRoutes(formRoutes, () => c().part(appPart), () => privacyOf(c()), { unknown: unknownForm }));
