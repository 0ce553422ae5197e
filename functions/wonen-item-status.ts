import { bindable, privacyOf, wonenPart } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { wonenItemStatusRoute } from '#http/routes/wonen-item-status.js';

export const handler = bindable((c) => lambdaFor(wonenItemStatusRoute, () => c().part(wonenPart), () => privacyOf(c())));
