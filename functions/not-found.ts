import { MethodNotAllowed, NotFound } from '#domain/errors.js';
import { publicHttpHandler } from '#http/public-handler.js';
import { matchRoute } from '#http/paths.js';

/** The API's `$default` route: 405 with Allow for a known path, 404 otherwise, both as problem+json. */
export const handler = publicHttpHandler(async (request) => {
  const { allowed } = matchRoute(request.method, request.path);
  if (allowed.length) throw new MethodNotAllowed(allowed);
  throw new NotFound(`Geen route voor ${request.method} ${request.path}`);
});
