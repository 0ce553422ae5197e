import { defineRoute } from '../route.js';

/**
 * GET /openapi.json — generated from the zod schemas that validate the requests. The document is built from every
 * route (./routes.ts), this one among them: imported on first use, so the route list never waits on itself.
 */
export const openApiRoute = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  function: 'openapi',
  authenticated: false,
  operationId: 'openapi',
  response: 'OpenApiDocument',
  summary: 'This OpenAPI 3.1 document',
  tags: ['system'],
  handler: async () => {
    const { openApiDocument } = await import('../openapi.js');
    return { statusCode: 200, body: openApiDocument(), headers: { 'cache-control': 'public, max-age=300' } };
  },
});
