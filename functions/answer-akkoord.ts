import { appDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { answerAkkoordRoute } from '#http/routes/answer-akkoord.js';

export const handler = lambdaFor(answerAkkoordRoute, appDeps, privacyDeps);
