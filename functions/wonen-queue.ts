import { readTodaysDigest } from '#app/wonen/digest.js';
import { listWonenQueue } from '#app/wonen/queue.js';
import { wonenQueueQuery } from '#app/wonen/schemas.js';
import { wonenDeps } from '#app/wonen/wiring.js';
import { httpHandler } from '#http/handler.js';
import { parseWith } from '#http/request.js';

/**
 * GET /wonen/queue?kind=&status=&cursor=&limit= — Wonen's queue of the caller's regio, by due date.
 * GET /wonen/digest — today's digest of the caller's regio (the figures of the 08:00 mail to woonzaken).
 */
export const handler = httpHandler(async (request) => {
  if (request.path.endsWith('/digest')) return { statusCode: 200, body: await readTodaysDigest(wonenDeps(), request.principal) };
  return { statusCode: 200, body: await listWonenQueue(wonenDeps(), request.principal, parseWith(wonenQueueQuery, request.query, 'query')) };
});
