import { appPart, bindable, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { listCasesRoute } from '#http/routes/list-cases.js';

export const handler = bindable((c) => lambdaFor(listCasesRoute, () => c().part(appPart), () => privacyOf(c())));
