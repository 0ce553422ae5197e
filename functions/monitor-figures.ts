import { privacyDeps } from '#app/wiring.js';
import { monitorDeps } from '#app/monitor/wiring.js';
import { lambdaFor } from '#http/handler.js';
import { monitorFiguresRoute } from '#http/routes/monitor-figures.js';

export const handler = lambdaFor(monitorFiguresRoute, monitorDeps, privacyDeps);
