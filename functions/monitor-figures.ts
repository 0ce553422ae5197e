import { monitorDeps, privacyDeps } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { monitorFiguresRoute } from '#http/routes/monitor-figures.js';

export const handler = lambdaFor(monitorFiguresRoute, monitorDeps, privacyDeps);
