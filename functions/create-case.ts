import { appPart, bindable, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { createCaseRoute } from '#http/routes/create-case.js';

export const handler = bindable((c) => lambdaFor(createCaseRoute, () => c().part(appPart), () => privacyOf(c())));
