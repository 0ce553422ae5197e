import { appPart, bindable, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { answerAkkoordRoute } from '#http/routes/answer-akkoord.js';

export const handler = bindable((c) => lambdaFor(answerAkkoordRoute, () => c().part(appPart), () => privacyOf(c())));
