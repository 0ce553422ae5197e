import { appPart, bindable, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { listDeadlinesRoute } from '#http/routes/list-deadlines.js';

export const handler = bindable((c) => lambdaFor(listDeadlinesRoute, () => c().part(appPart), () => privacyOf(c())));
