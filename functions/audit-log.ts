import { privacyDeps } from '#app/wiring.js';
import { lambdaFor } from '#http/handler.js';
import { auditLogRoute } from '#http/routes/audit-log.js';

export const handler = lambdaFor(auditLogRoute, privacyDeps, privacyDeps);
