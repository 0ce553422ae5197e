import { publicHttpHandler } from '#http/public-handler.js';

/** GET /health — liveness only; touches no data. */
export const handler = publicHttpHandler(async () => ({ statusCode: 200, body: { status: 'ok' } }));
