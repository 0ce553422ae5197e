import { publicLambdaFor } from '#http/public-handler.js';
import { healthRoute } from '#http/routes/health.js';

export const handler = publicLambdaFor(healthRoute);
