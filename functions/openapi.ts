import { publicHttpHandler } from '#http/public-handler.js';
import { openApiDocument } from '#http/openapi.js';

/** GET /openapi.json — generated from the zod schemas that validate the requests. */
export const handler = publicHttpHandler(async () => ({ statusCode: 200, body: openApiDocument(), headers: { 'cache-control': 'public, max-age=300' } }));
