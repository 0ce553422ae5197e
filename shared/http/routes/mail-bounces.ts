import { bounceParams, bouncesQuery, clearBounce, listBounces, type BounceDeps } from '#app/mail-health/bounces.js';
import { defineRoute } from '../route.js';

// Bounces and complaints (shared/app/mail-health): the organisation's undeliverable addresses, for its beheerder.

/** GET /organisations/{organisationId}/bounces — the organisation's undeliverable addresses (organisatiebeheerder). */
export const listBouncesRoute = defineRoute({
  method: 'GET',
  path: '/organisations/{organisationId}/bounces',
  function: 'mail-bounces',
  authenticated: true,
  operationId: 'listBounces',
  response: 'BouncePage',
  summary:
    "The organisation's addresses that bounced or complained, most recent first; `suppressed` ones get no mail (it goes to the organisation's functional mailbox instead). The organisation's organisatiebeheerder (or systeembeheerder)",
  tags: ['e-mail'],
  params: bounceParams,
  query: bouncesQuery,
  handler: async ({ principal, params, query }, deps: BounceDeps) => ({ statusCode: 200, body: await listBounces(deps, principal, params.organisationId, query) }),
});

/** DELETE /organisations/{organisationId}/bounces/{address} — the address was fixed: mail goes to it again. */
export const clearBounceRoute = defineRoute({
  method: 'DELETE',
  path: '/organisations/{organisationId}/bounces/{address}',
  function: 'mail-bounces',
  authenticated: true,
  operationId: 'clearBounce',
  response: 'Bounce',
  summary: 'The address was fixed: mail goes to it again (audited). The organisation\'s organisatiebeheerder (or systeembeheerder)',
  tags: ['e-mail'],
  params: bounceParams,
  handler: async ({ principal, params }, deps: BounceDeps) => ({ statusCode: 200, body: await clearBounce(deps, principal, params.organisationId, params.address) }),
});

export const bounceRoutes = [listBouncesRoute, clearBounceRoute];
