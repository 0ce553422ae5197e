import { bindable, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { revokeRetentionRoute } from '#http/routes/revoke-retention.js';

export const handler = bindable((c) => lambdaFor(revokeRetentionRoute, () => privacyOf(c()), () => privacyOf(c())));
