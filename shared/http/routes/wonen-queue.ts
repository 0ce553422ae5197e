import { readTodaysDigest } from '#app/wonen/digest.js';
import { listWonenQueue, type WonenDeps } from '#app/wonen/queue.js';
import { wonenQueueQuery } from '#app/wonen/schemas.js';
import { defineRoute } from '../route.js';

// Wonen's queue and its digest (shared/app/wonen; 001 §4, 002 WA8 stap 4). Decisions are the decision forms.

/** GET /wonen/queue?kind=&status=&cursor=&limit= — Wonen's queue of the caller's regio, by due date. */
export const wonenQueueRoute = defineRoute({
  method: 'GET',
  path: '/wonen/queue',
  function: 'wonen-queue',
  authenticated: true,
  operationId: 'wonenQueue',
  response: 'WonenQueuePage',
  summary: "Wonen's queue of the caller's regio by due date (5 werkdagen), with werkdagen left and overdue; medewerker Wonen only",
  tags: ['wonen'],
  query: wonenQueueQuery,
  source: '001 §4; 002 WA8 stap 4',
  handler: async ({ principal, query }, deps: WonenDeps) => ({ statusCode: 200, body: await listWonenQueue(deps, principal, query) }),
});

/** GET /wonen/digest — today's digest of the caller's regio (the figures of the 08:00 mail to woonzaken). */
export const wonenDigestRoute = defineRoute({
  method: 'GET',
  path: '/wonen/digest',
  function: 'wonen-queue',
  authenticated: true,
  operationId: 'wonenDigest',
  response: 'WonenDigest',
  summary: "Today's digest of the caller's regio: the open items due today and those overdue, the same figures as the 08:00 mail to woonzaken; medewerker Wonen only",
  tags: ['wonen'],
  source: '001 §4; 002 WA8 stap 4',
  handler: async ({ principal }, deps: WonenDeps) => ({ statusCode: 200, body: await readTodaysDigest(deps, principal) }),
});
