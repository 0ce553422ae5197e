/**
 * One route definition (issue 15 point 5): the path table the `$default` function and the local router match on
 * (shared/http/paths.ts) names exactly the defined routes (shared/http/routes.ts), and a route's handler gets what the
 * route declares, parsed once.
 */
import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../../shared/domain/errors.js';
import type { Principal } from '../../shared/domain/roles.js';
import { ROUTE_PATHS } from '../../shared/http/paths.js';
import type { HttpRequest } from '../../shared/http/request.js';
import * as z from 'zod';
import { defineRoute } from '../../shared/http/route.js';
import { akkoordParams } from '../../shared/http/routes/answer-akkoord.js';
import { ROUTES } from '../../shared/http/routes.js';

const principal: Principal = { userId: 'u-1', organisationId: 'zorg-a', role: 'begeleider' };

function request(overrides: Partial<HttpRequest>): HttpRequest {
  return { method: 'POST', path: '/cases/c-1/akkoorden/3', routeKey: 'POST /cases/{caseId}/akkoorden/{seq}', requestId: 'r-1', headers: {}, query: {}, params: {}, body: undefined, ...overrides };
}

describe('the route table', () => {
  it('names in the path table exactly the defined routes, in order, with their function and authentication', () => {
    const defined = ROUTES.map((r) => ({ method: r.method, path: r.path, function: r.function, authenticated: r.authenticated }));
    expect([...ROUTE_PATHS]).toEqual(defined);
  });

  it('defines each method and path once', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('a route', () => {
  const route = defineRoute({
    method: 'POST',
    path: '/cases/{caseId}/akkoorden/{seq}',
    function: 'answer-akkoord',
    authenticated: true,
    operationId: 'probe',
    summary: 'probe',
    tags: [],
    params: akkoordParams,
    body: z.object({ note: z.string() }),
    conditional: true,
    handler: async (input, deps: { calls: unknown[] }) => {
      deps.calls.push(input);
      return { statusCode: 200, body: input.body };
    },
  });

  it('hands its handler the parsed params and body, the idempotency request and the If-Match version', async () => {
    const deps = { calls: [] as unknown[] };
    const body = { note: 'x' };
    await route.answer(request({ headers: { 'idempotency-key': 'key-12345678', 'if-match': '"4"' }, params: { caseId: 'c-1', seq: '3' }, body }), principal, () => deps);
    expect(deps.calls).toEqual([
      expect.objectContaining({
        params: { caseId: 'c-1', seq: 3 },
        body,
        principal,
        idempotency: { key: 'key-12345678', method: 'POST', path: '/cases/c-1/akkoorden/3', body },
        expectedVersion: 4,
      }),
    ]);
  });

  it('refuses what it declares before its dependencies are built: the Idempotency-Key first, then the params', async () => {
    const unbuilt = () => {
      throw new Error('dependencies built before the request was parsed');
    };
    await expect(route.answer(request({ params: { caseId: 'c-1', seq: 'x' }, body: {} }), principal, unbuilt)).rejects.toMatchObject({
      errors: [expect.objectContaining({ path: 'headers.idempotency-key' })],
    });
    await expect(route.answer(request({ headers: { 'idempotency-key': 'key-12345678' }, params: { caseId: 'c-1', seq: 'x' }, body: {} }), principal, unbuilt)).rejects.toBeInstanceOf(ValidationFailed);
  });
});
