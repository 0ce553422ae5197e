import { bindable, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { exportCaseRoute } from '#http/routes/export-case.js';

export const handler = bindable((c) => lambdaFor(exportCaseRoute, () => privacyOf(c()), () => privacyOf(c())));
