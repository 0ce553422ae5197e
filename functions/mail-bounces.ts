import { bounceParams, bouncesQuery, clearBounce, listBounces } from '#app/mail-health/bounces.js';
import { bounceDeps } from '#app/mail-health/wiring.js';
import { httpHandler } from '#http/handler.js';
import { parseWith } from '#http/request.js';

/**
 * GET /organisations/{organisationId}/bounces — the organisation's undeliverable addresses (organisatiebeheerder).
 * DELETE /organisations/{organisationId}/bounces/{address} — the address was fixed: mail goes to it again.
 */
export const handler = httpHandler(async (request) => {
  const { organisationId, address } = parseWith(bounceParams, request.params, 'params');
  if (request.method === 'DELETE') {
    return { statusCode: 200, body: await clearBounce(bounceDeps(), request.principal, organisationId, address) };
  }
  return { statusCode: 200, body: await listBounces(bounceDeps(), request.principal, organisationId, parseWith(bouncesQuery, request.query, 'query')) };
});
