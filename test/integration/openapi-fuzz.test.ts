/**
 * No input yields a 5xx (issue 16), as a property of the suite: generated requests over every operation of the
 * OpenAPI document (fixed seed, bounded count), through the local API Gateway into the real handlers and DynamoDB
 * Local. Every answer is a 2xx (the input happened to be valid) or a 4xx problem+json, never a 5xx; and a refused
 * request leaves the table as it was (audit entries aside: refused attempts are recorded by design).
 */
import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { aanvraagUrgentieBody, createCaseBody } from '../support/bodies.js';
import { callers, localApi, type Caller, type TestApi } from '../support/api.js';

const TODAY = '2026-11-23';
const SEED = 16;
const RUNS_PER_OPERATION = 8;
let api: TestApi;
let caseId: string;

beforeAll(async () => {
  api = await localApi({ now: `${TODAY}T10:00:00.000Z` });
  const created = await api.post('/cases', callers.begeleider, createCaseBody());
  caseId = created.body.caseId;
  await api.submitForm(caseId, 'aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(TODAY));
});

/** A digest of every item of the table but the audit trail (written for refused attempts too, by design). */
async function tableDigest(): Promise<string> {
  const db = createDocumentClient();
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new ScanCommand({ TableName: process.env.TABLE_NAME, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  db.destroy();
  const kept = items.filter((i) => !String(i.PK).startsWith('AUDIT')).map((i) => JSON.stringify(Object.entries(i).sort(([a], [b]) => a.localeCompare(b))));
  return createHash('sha256').update(kept.sort().join('\n')).digest('hex');
}

/** Strings that have hurt before: extreme dates, numbers as text, key names of prototypes, long and odd text. */
const nasty = fc.constantFrom('9999-12-31', '0000-00-00', '1900-01-01', '2026-02-30', '', ' ', '__proto__', 'constructor', '1e200', '-1', 'x'.repeat(5000), '\u0000', '../../etc', '%00', 'OMS-2026-000001', '"1"', 'W/"1"');
const scalar = fc.oneof(fc.string({ maxLength: 30 }), nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(1e200, -1e300, 1e-200, 2 ** 63));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), nasty), tie('value'), { maxKeys: 5 }),
})).value;
const deep = fc.integer({ min: 1, max: 60 }).map((depth) => Array.from({ length: depth }).reduce<unknown>((inner) => ({ a: inner }), 1));
const bodyArb = fc.oneof(json, deep, fc.dictionary(fc.constantFrom('datum', 'beschikbaarOp', 'aanbodDatum', 'corporatieId', 'status', 'action', 'regio', 'reference'), json, { maxKeys: 4 }));

interface Operation {
  method: string;
  path: string;
  operationId: string;
  query: string[];
}

function operations(): Operation[] {
  const doc = openApiDocument() as { paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ name: string; in: string }> }>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
}

const callerArb = fc.constantFrom<Caller>(callers.begeleider, callers.wonen, callers.corporatie, callers.beheerder, { organisationId: 'gemeente-amsterdam-wonen', role: 'medewerker-wonen', sub: 'w-0' });

describe('generated requests over every operation of the OpenAPI document', () => {
  it('never answer 5xx; a refusal is problem+json and leaves the table unchanged', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(30);
    const seen = new Map<number, number>();
    for (const [index, op] of ops.entries()) {
      await fc.assert(
        fc.asyncProperty(
          callerArb,
          fc.option(bodyArb, { nil: undefined }),
          fc.dictionary(fc.constantFrom(...(op.query.length ? op.query : ['x'])), fc.oneof(fc.string({ maxLength: 20 }), nasty), { maxKeys: 3 }),
          fc.constantFrom(undefined, '"1"', 'W/"2"', '*', 'abc', '"999"', '1e200', '99999999999999999999999', '"-1"'),
          fc.oneof(fc.constant('own'), fc.string({ minLength: 1, maxLength: 20 }), nasty),
          async (caller, body, query, ifMatch, param) => {
            const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
              encodeURIComponent(name === 'caseId' && param === 'own' ? caseId : param === 'own' ? '1' : param || 'x'),
            );
            const search = new URLSearchParams(query as Record<string, string>).toString();
            const before = op.method === 'GET' ? undefined : await tableDigest();
            const answer = await api.request(op.method, `${path}${search ? `?${search}` : ''}`, {
              caller,
              ...(body !== undefined && op.method !== 'GET' ? { body } : {}),
              ...(ifMatch !== undefined ? { headers: { 'if-match': ifMatch } } : {}),
            });
            seen.set(answer.status, (seen.get(answer.status) ?? 0) + 1);
            const label = `${op.method} ${path}?${search} as ${caller.role}: ${answer.status} ${answer.text.slice(0, 300)}`;
            expect(answer.status, label).toBeLessThan(500);
            if (answer.status >= 400) {
              expect(answer.headers.get('content-type'), label).toBe('application/problem+json');
              expect(answer.body.status, label).toBe(answer.status);
              if (before !== undefined) expect(await tableDigest(), `${label}: the table changed`).toBe(before);
            }
          },
        ),
        { seed: SEED + index, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    }
    console.info(`fuzz: ${ops.length} operations, answers by status ${JSON.stringify(Object.fromEntries(seen))}`);
  }, 120_000);
});
