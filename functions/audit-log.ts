import { privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { auditLogRoute } from '#http/routes/audit-log.js';

export const handler = lambdaFor(auditLogRoute, privacyDeps, privacyDeps);
