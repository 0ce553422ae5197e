import { bindable, bouncesPart, privacyOf } from '#app/composition-root.js';
import { lambdaForRoutes } from '#http/handler.js';
import { bounceRoutes } from '#http/routes/mail-bounces.js';

export const handler = bindable((c) => lambdaForRoutes(bounceRoutes, () => c().part(bouncesPart), () => privacyOf(c())));
