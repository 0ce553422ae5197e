import { appPart, bindable, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { getCaseRoute } from '#http/routes/get-case.js';

export const handler = bindable((c) => lambdaFor(getCaseRoute, () => c().part(appPart), () => privacyOf(c())));
