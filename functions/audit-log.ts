import { privacyDeps } from '#app/audit.js';
import { lambdaFor } from '#http/handler.js';
import { auditLogRoute } from '#http/routes/audit-log.js';

export const handler = lambdaFor(auditLogRoute, privacyDeps);
