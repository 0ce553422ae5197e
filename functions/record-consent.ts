import { appPart, bindable, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { recordConsentRoute } from '#http/routes/record-consent.js';

export const handler = bindable((c) => lambdaFor(recordConsentRoute, () => c().part(appPart), () => privacyOf(c())));
