/**
 * Drafts over HTTP on the local stack: a form saved incomplete, continued by a colleague, guarded by its ETag,
 * discarded by the submission of the form in the same transaction. Drafts are never part of the case's history.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { aanvraagUrgentieBody, createCaseBody } from '../support/bodies.js';
import { callers, localApi, type Caller, type TestApi } from '../support/api.js';

const TODAY = '2026-11-23';
let api: TestApi;
const colleague = { ...callers.begeleider, sub: 'begeleider-2' };

beforeAll(async () => {
  api = await localApi({ now: `${TODAY}T10:00:00.000Z` });
});

async function newCase(): Promise<{ caseId: string; version: number }> {
  const created = await api.post('/cases', callers.begeleider, createCaseBody());
  expect(created.status).toBe(201);
  return { caseId: created.body.caseId, version: created.body.version };
}

function put(path: string, caller: Caller, body: unknown, ifMatch?: string) {
  return api.request('PUT', path, { caller, body, ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}) });
}

describe('drafts of a case’s forms', () => {
  it('saves a form incomplete, tells what is missing, and lets a colleague continue it', async () => {
    const { caseId, version } = await newCase();
    const { doelen, aanvraagDatum } = aanvraagUrgentieBody(TODAY);
    const saved = await put(`/cases/${caseId}/drafts/aanvraag-urgentie`, callers.begeleider, { aanvraagDatum, doelen: { sociaal: doelen.sociaal } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    expect(saved.body).toMatchObject({ action: 'aanvraag-urgentie', version: 1, savedBy: 'begeleider-1', organisationId: 'za-hvo-querido' });
    expect(saved.body.readiness.complete).toBe(false);
    expect(saved.body.readiness.allowedNow).toBe(true);
    const missing = saved.body.readiness.issues.map((issue: { path: string }) => issue.path);
    expect(missing).toEqual(expect.arrayContaining(['body.trajecthouder', 'body.doelen.dagbesteding', 'body.toestemmingDelen']));
    expect(missing).not.toContain('body.aanvraagDatum');

    const read = await api.get(`/cases/${caseId}/drafts/aanvraag-urgentie`, colleague);
    expect(read.status).toBe(200);
    expect(read.body.input.doelen).toEqual({ sociaal: doelen.sociaal });

    const completed = await put(`/cases/${caseId}/drafts/aanvraag-urgentie`, colleague, aanvraagUrgentieBody(TODAY), '"1"');
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ version: 2, savedBy: 'begeleider-2', readiness: { complete: true, issues: [] } });

    // The case itself did not change: a draft is no event and starts no deadline.
    const kase = await api.get(`/cases/${caseId}`, callers.begeleider);
    expect(kase.body.version).toBe(version);
    expect(JSON.stringify(kase.body)).not.toContain('trajecthouder');
  });

  it('refuses to overwrite a draft a colleague saved meanwhile (If-Match), and says why in problem+json', async () => {
    const { caseId } = await newCase();
    const path = `/cases/${caseId}/drafts/aanvraag-urgentie`;
    expect((await put(path, callers.begeleider, { trajecthouder: 'A' })).status).toBe(200);
    expect((await put(path, colleague, { trajecthouder: 'B' }, '"1"')).status).toBe(200);
    const stale = await put(path, callers.begeleider, { trajecthouder: 'C' }, '"1"');
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await api.get(path, callers.begeleider)).body.input).toEqual({ trajecthouder: 'B' });
    // Without If-Match the save goes on top (last save wins), as typing in a form would.
    const onTop = await put(path, callers.begeleider, { trajecthouder: 'D' });
    expect(onTop.body.version).toBe(3);
  });

  it('answers bad input with problem+json field errors and saves nothing', async () => {
    const { caseId } = await newCase();
    const path = `/cases/${caseId}/drafts/aanvraag-urgentie`;
    for (const body of [[1, 2], 'tekst', { notities: 'x'.repeat(70 * 1024) }]) {
      const answer = await put(path, callers.begeleider, body);
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(answer.body.errors[0].path).toMatch(/^body/);
    }
    const malformed = await api.request('PUT', path, { caller: callers.begeleider, rawBody: '{"a":' });
    expect(malformed.status).toBe(400);
    expect((await api.get(path, callers.begeleider)).status).toBe(404);
    expect((await put(`/cases/${caseId}/drafts/geen-formulier`, callers.begeleider, {})).status).toBe(404);
  });

  it('refuses a draft DynamoDB could not store (depth, key names, number range, size) with 400 and the path, never 500', async () => {
    const { caseId } = await newCase();
    const path = `/cases/${caseId}/drafts/aanvraag-urgentie`;
    const nested = (depth: number): unknown => (depth === 0 ? 'x' : { a: nested(depth - 1) });
    const cases: Array<[string, string]> = [
      // The 17th level is refused where it starts: body (1), doelen (2), fifteen more.
      [JSON.stringify({ doelen: nested(40) }), 'body.doelen' + '.a'.repeat(15)],
      [`{"lijst":${'['.repeat(40)}1${']'.repeat(40)}}`, 'body.lijst' + '.0'.repeat(15)],
      ['{"woning":{"kamers":1e200}}', 'body.woning.kamers'],
      ['{"woning":{"kamers":1e-200}}', 'body.woning.kamers'],
      ['{"woning":{"kamers":-1e300}}', 'body.woning.kamers'],
      ['{"woning":{"kamers":1e125}}', 'body.woning.kamers'], // DynamoDB holds it, the SDK cannot read it back
      ['{"woning":{"kamers":9007199254740993}}', 'body.woning.kamers'],
      ['{"":1}', 'body.'],
      ['{"__proto__":{"x":1}}', 'body.__proto__'],
      ['{"a":{"constructor":{"prototype":{"x":1}}}}', 'body.a.constructor'],
      ['{"prototype":1}', 'body.prototype'],
    ];
    for (const [rawBody, errorPath] of cases) {
      const answer = await api.request('PUT', path, { caller: callers.begeleider, rawBody });
      expect(answer.status, `${rawBody.slice(0, 60)}: ${answer.text}`).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toContain(errorPath);
    }
    expect((await api.get(path, callers.begeleider)).status).toBe(404);
    // Within the bounds a draft is stored as typed, also at the edge of the number range and 16 levels deep.
    const edge = { getallen: [0, -1.5, 1e-129, -1e-129, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0.1234567890123456], diep: nested(15) };
    const saved = await put(path, callers.begeleider, edge);
    expect(saved.status, saved.text).toBe(200);
    expect((await api.get(path, callers.begeleider)).body.input).toEqual(edge);
  });

  it('shows a draft only to its own organisation, and only to roles that may submit the form', async () => {
    const { caseId } = await newCase();
    const path = `/cases/${caseId}/drafts/aanvraag-urgentie`;
    expect((await put(path, callers.begeleider, { trajecthouder: 'A' })).status).toBe(200);
    for (const foreign of [callers.andereZorgaanbieder, callers.corporatie, callers.wonen]) {
      expect((await api.get(path, foreign)).status).toBe(404);
      expect((await put(path, foreign, { trajecthouder: 'X' })).status).toBe(404);
      expect((await api.get(`/cases/${caseId}/drafts`, foreign)).status).toBe(404);
    }
    // The onafhankelijke derde sees the case but does not submit the aanvraag.
    expect((await api.get(path, callers.derde)).status).toBe(403);
    const listed = await api.get(`/cases/${caseId}/drafts`, callers.derde);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([]);
  });

  it('is allowed now only by the transition matrix of the case’s regio (a form its regio does not have, never)', async () => {
    // Drechtsteden (004) has no Nieuwe Kans (002 Bijlage 5): the draft can be kept, but it is never allowed now.
    const created = await api.post('/cases', callers.begeleider, createCaseBody({ regio: 'drechtsteden', route: 'BW_INSTELLING' }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const elsewhere = await put(`/cases/${created.body.caseId}/drafts/nieuwe-kans`, callers.begeleider, {});
    expect(elsewhere.status, JSON.stringify(elsewhere.body)).toBe(200);
    expect(elsewhere.body.readiness.allowedNow).toBe(false);
    const { caseId } = await newCase();
    expect((await put(`/cases/${caseId}/drafts/nieuwe-kans`, callers.begeleider, {})).body.readiness.allowedNow).toBe(true);
  });

  it('is discarded by the submission of its form, in the same transaction; other drafts stay', async () => {
    const { caseId } = await newCase();
    expect((await put(`/cases/${caseId}/drafts/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TODAY))).status).toBe(200);
    const ahead = await put(`/cases/${caseId}/drafts/sleuteloverdracht`, callers.begeleider, { datum: TODAY });
    expect(ahead.body.readiness.allowedNow).toBe(false);
    expect((await api.get(`/cases/${caseId}/drafts`, callers.begeleider)).body.items).toHaveLength(2);

    const submitted = await api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TODAY));
    expect(submitted.status).toBe(201);
    expect((await api.get(`/cases/${caseId}/drafts/aanvraag-urgentie`, callers.begeleider)).status).toBe(404);
    const left = await api.get(`/cases/${caseId}/drafts`, callers.begeleider);
    expect(left.body.items.map((d: { action: string }) => d.action)).toEqual(['sleuteloverdracht']);

    const discarded = await api.request('DELETE', `/cases/${caseId}/drafts/sleuteloverdracht`, { caller: callers.begeleider });
    expect(discarded.status).toBe(204);
    expect((await api.get(`/cases/${caseId}/drafts`, callers.begeleider)).body.items).toEqual([]);
  });
});
