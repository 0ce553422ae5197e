/**
 * The foundation end to end over HTTP: the local API Gateway, the real handlers, DynamoDB Local.
 * Nothing is mocked; every assertion is about what a caller sees or what is stored.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { aanvraagUrgentieBody, besluitUrgentieBody, createCaseBody, sleuteloverdrachtBody, woningaanbodBody } from '../support/bodies.js';
import { callers, localApi, type TestApi } from '../support/api.js';

const NOW = '2026-11-23T10:00:00.000Z';
const TODAY = '2026-11-23';
let api: TestApi;

beforeAll(async () => {
  api = await localApi({ now: NOW });
});

async function newCase(overrides: Record<string, unknown> = {}) {
  const created = await api.post('/cases', callers.begeleider, createCaseBody(overrides));
  expect(created.status).toBe(201);
  return created.body as { caseId: string; reference: string; version: number };
}

async function historyLength(caseId: string) {
  const read = await api.get(`/cases/${caseId}`, callers.begeleider);
  return (read.body.timeline as unknown[]).length;
}

describe('system endpoints', () => {
  it('answers health without a token', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves an OpenAPI 3.1 document with every form as an operation', async () => {
    const doc = await api.get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const post = doc.body.paths['/cases/{caseId}/forms/aanvraag-urgentie'].post;
    expect(post.requestBody.content['application/json'].schema.properties.doelen).toBeDefined();
    expect(post.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(doc.body.paths['/cases/{caseId}/forms/sleuteloverdracht'].post).toBeDefined();
  });

  it('answers an unknown route with 404 and a wrong method with 405, as problem+json', async () => {
    const unknown = await api.get('/nope', callers.begeleider);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    const wrong = await api.request('DELETE', '/cases', { caller: callers.begeleider });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('POST');
    expect(wrong.body.title).toBeTruthy();
  });

  it('refuses requests without a valid token', async () => {
    const anonymous = await api.request('GET', '/cases');
    expect(anonymous.status).toBe(401);
    const forged = await api.request('GET', '/cases', { headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(forged.status).toBe(401);
  });
});

describe('creating and reading cases', () => {
  it('creates a case with a human reference, version 1 and an ETag, and reads it back with its timeline', async () => {
    const created = await api.post('/cases', callers.begeleider, createCaseBody());
    expect(created.status).toBe(201);
    expect(created.body.reference).toMatch(/^OMS-2026-\d{6}$/);
    expect(created.body.phase).toBe('onderzoek');
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await api.get(`/cases/${created.body.caseId}`, callers.begeleider);
    expect(read.status).toBe(200);
    expect(read.body.timeline).toHaveLength(1);
    expect(read.body.timeline[0].type).toBe('case-aangemaakt');
  });

  it('lists the organisation’s cases by phase and finds one by reference, with cursor pagination', async () => {
    const a = await newCase();
    await newCase();
    await newCase();
    const page1 = await api.get('/cases?phase=onderzoek&limit=2', callers.begeleider);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.cursor).toBeTruthy();
    const page2 = await api.get(`/cases?phase=onderzoek&limit=2&cursor=${page1.body.cursor}`, callers.begeleider);
    expect(page2.body.items.length).toBeGreaterThan(0);
    const ids = [...page1.body.items, ...page2.body.items].map((i: { caseId: string }) => i.caseId);
    expect(new Set(ids).size).toBe(ids.length);
    const byRef = await api.get(`/cases?reference=${a.reference}`, callers.begeleider);
    expect(byRef.body.items).toEqual([expect.objectContaining({ caseId: a.caseId })]);
    const none = await api.get('/cases?phase=onderzoek', callers.andereZorgaanbieder);
    expect(none.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(a.caseId);
  });

  it('lists a team-scoped begeleider only the team’s cases and the organisation’s cases without a team', async () => {
    const west = await newCase({ teamId: 'team-west' });
    const oost = await newCase({ teamId: 'team-oost' });
    const noTeam = await newCase();
    const westBegeleider = { ...callers.begeleider, sub: 'west-1', teamId: 'team-west' };
    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.get(`/cases?phase=onderzoek&limit=100${cursor ? `&cursor=${cursor}` : ''}`, westBegeleider);
      listed.push(...page.body.items.map((i: { caseId: string }) => i.caseId));
      cursor = page.body.cursor;
    } while (cursor);
    expect(listed).toEqual(expect.arrayContaining([west.caseId, noTeam.caseId]));
    expect(listed).not.toContain(oost.caseId);
    expect((await api.get(`/cases/${oost.caseId}`, westBegeleider)).status).toBe(404);
  });

  it('hides a case from another organisation exactly as if it did not exist', async () => {
    const { caseId } = await newCase();
    const foreign = await api.get(`/cases/${caseId}`, callers.andereZorgaanbieder);
    const missing = await api.get('/cases/00000000-0000-0000-0000-000000000000', callers.andereZorgaanbieder);
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined, instance: undefined });
    expect(strip(foreign.body)).toEqual(strip(missing.body));
  });
});

describe('bad input is refused and nothing is written', () => {
  it('lists every field error with its path', async () => {
    const answer = await api.post('/cases', callers.begeleider, { regio: 'utrecht', doelgroep: 42, clientPseudonym: 'Jan Janssen de Vries met een lange naam' });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    const paths = answer.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.regio', 'body.route', 'body.doelgroep', 'body.clientPseudonym']));
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers malformed JSON with 400', async () => {
    const answer = await api.request('POST', '/cases', { caller: callers.begeleider, rawBody: '{"regio": "amsterdam",' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].path).toBe('body');
  });

  it('requires an Idempotency-Key on POST', async () => {
    const answer = await api.post('/cases', callers.begeleider, createCaseBody(), { idempotencyKey: null });
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].path).toBe('headers.idempotency-key');
  });

  it('writes nothing for an invalid form', async () => {
    const { caseId } = await newCase();
    const bad = await api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, { ...aanvraagUrgentieBody(TODAY), doelen: { dagbesteding: '' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.doelen.dagbesteding', 'body.doelen.sociaal']));
    expect(await historyLength(caseId)).toBe(1);
    const read = await api.get(`/cases/${caseId}`, callers.begeleider);
    expect(read.body.version).toBe(1);
  });

  it('refuses a rule violation with 422 and the field, writing nothing', async () => {
    const { caseId } = await newCase({ route: 'JEUGDHULP' });
    const wrongDocument = await api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TODAY));
    expect(wrongDocument.status).toBe(422);
    expect(wrongDocument.body.errors[0].path).toBe('body.akkoordDocument.soort');
    expect(await historyLength(caseId)).toBe(1);
  });
});

describe('versions, phases and idempotency', () => {
  it('replays a repeated Idempotency-Key with the first answer and writes nothing', async () => {
    const key = `replay-${Date.now()}`;
    const first = await api.post('/cases', callers.begeleider, createCaseBody(), { idempotencyKey: key });
    const again = await api.post('/cases', callers.begeleider, createCaseBody(), { idempotencyKey: key });
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    const listed = await api.get(`/cases?reference=${first.body.reference}`, callers.begeleider);
    expect(listed.body.items).toHaveLength(1);
    const other = await api.post('/cases', callers.begeleider, createCaseBody({ doelgroep: 'gezin' }), { idempotencyKey: key });
    expect(other.status).toBe(422);
  });

  it('answers concurrent requests with the same key once', async () => {
    const { caseId } = await newCase();
    const key = `race-${Date.now()}`;
    const answers = await Promise.all(
      [1, 2, 3].map(() => api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TODAY), { idempotencyKey: key })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(answers[2]!.body).toEqual(answers[0]!.body);
    expect(await historyLength(caseId)).toBe(2);
  });

  it('refuses a stale If-Match with 412 and a transition the phase does not allow with 409', async () => {
    const { caseId } = await newCase();
    const stale = await api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TODAY), { headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(1);
    const early = await api.post(`/cases/${caseId}/forms/sleuteloverdracht`, callers.begeleider, sleuteloverdrachtBody(TODAY));
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ phase: 'onderzoek', action: 'sleuteloverdracht' });
    expect(await historyLength(caseId)).toBe(1);
  });

  it('walks a case from aanvraag urgentie to sleuteloverdracht with each party’s own token', async () => {
    const { caseId } = await newCase();
    const steps: Array<[string, keyof typeof callers, unknown, string]> = [
      ['aanvraag-urgentie', 'begeleider', aanvraagUrgentieBody(TODAY), 'urgentie_aangevraagd'],
      ['besluit-urgentie', 'wonen', besluitUrgentieBody(TODAY), 'wachtlijst'],
      ['woningaanbod', 'corporatie', woningaanbodBody(TODAY, { corporatieId: 'corp-ymere' }), 'aanbod'],
      ['sleuteloverdracht', 'begeleider', sleuteloverdrachtBody(TODAY), 'herstelfase'],
    ];
    // The corporatie cannot see the case before it is linked, so the zorgaanbieder records the offer it received.
    steps[2]![1] = 'begeleider';
    let version = 1;
    for (const [action, who, body, phase] of steps) {
      const answer = await api.post(`/cases/${caseId}/forms/${action}`, callers[who], body, { headers: { 'if-match': `"${version}"` } });
      expect(answer.status, `${action}: ${JSON.stringify(answer.body)}`).toBe(201);
      expect(answer.body.phase).toBe(phase);
      version += 1;
      expect(answer.headers.get('etag')).toBe(`"${version}"`);
    }
    const asCorporatie = await api.get(`/cases/${caseId}`, callers.corporatie);
    expect(asCorporatie.status).toBe(200);
    expect(asCorporatie.body.clientPseudonym).toBeUndefined();
    const byType = (type: string) => asCorporatie.body.timeline.find((e: { type: string }) => e.type === type);
    expect(byType('sleuteloverdracht')?.data).toBeDefined();
    // 002 WA10: the corporatie may know an aanvraag exists, never its doelen or WoningNet details.
    expect(JSON.stringify(byType('aanvraag-urgentie') ?? {})).not.toMatch(/doelen|woningnet|dagbesteding/i);
    const otherCorporatie = await api.get(`/cases/${caseId}`, callers.andereCorporatie);
    expect(otherCorporatie.status).toBe(404);
  });
});
