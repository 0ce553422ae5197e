import type { MailObjectStore } from '#app/wonen/ports.js';
import type { WonenDeps } from '#app/wonen/queue.js';
import { linkUnmatchedBody, unmatchedParams, unmatchedQuery } from '#app/wonen/schemas.js';
import { linkUnmatchedMail, listUnmatchedMail, readUnmatchedMail } from '#app/wonen/unmatched.js';
import { defineRoute, fromAnswer } from '../route.js';

/** What the unmatched-mail function needs: the Wonen store, and the inbox bucket's parts to read a body (none without an inbox). */
export type UnmatchedMailDeps = WonenDeps & { mail?: MailObjectStore };

/** GET /wonen/unmatched — mail to woonzaken that matched no case or was refused, with the reason. */
export const listUnmatchedRoute = defineRoute({
  method: 'GET',
  path: '/wonen/unmatched',
  function: 'unmatched-mail',
  authenticated: true,
  operationId: 'listUnmatchedMail',
  response: 'UnmatchedMailPage',
  summary: 'Mail to woonzaken that matched no case, or was refused, with the reason; oldest first',
  tags: ['wonen'],
  query: unmatchedQuery,
  handler: async ({ principal, query }, deps: UnmatchedMailDeps) => ({ statusCode: 200, body: await listUnmatchedMail(deps, principal, query) }),
});

/** GET /wonen/unmatched/{mailId} — one of them to read: its body as text (never the raw HTML), attachments listed. */
export const readUnmatchedRoute = defineRoute({
  method: 'GET',
  path: '/wonen/unmatched/{mailId}',
  function: 'unmatched-mail',
  authenticated: true,
  operationId: 'readUnmatchedMail',
  response: 'UnmatchedMail',
  summary: 'One unmatched or refused mail to read: its body as plain text (the text part, or the HTML converted to text; never the raw HTML) and its attachments by name, type and size',
  tags: ['wonen'],
  params: unmatchedParams,
  handler: async ({ principal, params }, deps: UnmatchedMailDeps) => ({ statusCode: 200, body: await readUnmatchedMail(deps, principal, params.mailId) }),
});

/** POST /wonen/unmatched/{mailId}/link {reference} — attach it to a case; Idempotency-Key required. */
export const linkUnmatchedRoute = defineRoute({
  method: 'POST',
  path: '/wonen/unmatched/{mailId}/link',
  function: 'unmatched-mail',
  authenticated: true,
  operationId: 'linkUnmatchedMail',
  response: 'LinkedMail',
  summary: "Attach an unmatched mail to the case with this reference (a 'mail-ontvangen' event in its history)",
  tags: ['wonen'],
  params: unmatchedParams,
  body: linkUnmatchedBody,
  creates: true,
  handler: async ({ principal, params, body, idempotency }, deps: UnmatchedMailDeps) => fromAnswer(await linkUnmatchedMail(deps, principal, params.mailId, body, idempotency)),
});

export const unmatchedRoutes = [listUnmatchedRoute, readUnmatchedRoute, linkUnmatchedRoute];
