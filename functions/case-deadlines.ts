import { appPart, bindable, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { caseDeadlinesRoute } from '#http/routes/case-deadlines.js';

export const handler = bindable((c) => lambdaFor(caseDeadlinesRoute, () => c().part(appPart), () => privacyOf(c())));
