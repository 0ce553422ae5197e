import { bindable, monitorPart, privacyOf } from '#app/composition-root.js';
import { lambdaFor } from '#http/handler.js';
import { monitorFiguresRoute } from '#http/routes/monitor-figures.js';

export const handler = bindable((c) => lambdaFor(monitorFiguresRoute, () => c().part(monitorPart), () => privacyOf(c())));
