import { bindable, privacyOf, unmatchedPart } from '#app/composition-root.js';
import { lambdaForRoutes } from '#http/handler.js';
import { unmatchedRoutes } from '#http/routes/unmatched-mail.js';

export const handler = bindable((c) => lambdaForRoutes(unmatchedRoutes, () => c().part(unmatchedPart), () => privacyOf(c())));
