import { bindable, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { auditLogRoute } from '#http/routes/audit-log.js';

export const handler = bindable((c) => lambdaFor(auditLogRoute, () => privacyOf(c()), () => privacyOf(c())));
