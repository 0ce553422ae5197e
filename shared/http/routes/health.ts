import { defineRoute } from '../route.js';

/** GET /health — liveness only; touches no data. */
export const healthRoute = defineRoute({
  method: 'GET',
  path: '/health',
  function: 'health',
  authenticated: false,
  operationId: 'health',
  response: 'Health',
  summary: 'Health check',
  tags: ['system'],
  handler: async () => ({ statusCode: 200, body: { status: 'ok' } }),
});
