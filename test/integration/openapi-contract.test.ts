/**
 * The OpenAPI document tells the truth about what the server answers (issue 14 point 13): a walk through the local
 * stack's real handlers (local API Gateway, DynamoDB Local) with realistic data — a case opened, walked through the
 * forms up to Wonen's toets, read by each party, its deadlines, the lists with their cursors, drafts, the Wonen queue
 * and digest, unmatched mail, the beheerder's reads, the monitor figures and the refusals — and every answer's
 * content-type and body validated (Ajv, draft 2020-12) against the schema the document gives for its status. The
 * objects of the document are closed: a field the server answers without documenting it fails here. The dev endpoints
 * are checked against their own document (/_dev/openapi.json) in the same way.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamInstant } from '../../shared/domain/calendar.js';
import type { Action } from '../../shared/domain/phases.js';
import { deliverLocalMail, ensureLocalInbox } from '../../shared/local/inbound.js';
import type { LocalStack } from '../../shared/local/stack.js';
import { callerFor, callers, localApi, TestApi, type ApiAnswer, type Caller } from '../support/api.js';
import { aanvraagUrgentieBody, createCaseBody } from '../support/bodies.js';
import { OpenApiContract } from '../support/openapi-contract.js';
import { STEPS_BEFORE, validInput } from '../unit/forms.fixtures.js';

const TOETS_ON = '2027-04-29';
const systeembeheer: Caller = { organisationId: 'beheer', role: 'systeembeheerder', sub: 'ops-1' };

let prod: OpenApiContract;
let dev: OpenApiContract;

/** The local stack's client, with every answer checked against the document that describes its path. */
class CheckedApi extends TestApi {
  readonly problems: string[] = [];

  override async request<T = any>(method: string, path: string, options: Parameters<TestApi['request']>[2] = {}): Promise<ApiAnswer<T>> {
    const answer = await super.request<T>(method, path, options);
    const contract = path.startsWith('/_dev/') ? dev : prod;
    this.problems.push(...contract.problems(method, path, answer));
    return answer;
  }
}

let api: CheckedApi;
let caseId: string;
let reference: string;


function mailFixture(name: string): Buffer {
  return Buffer.from(readFileSync(new URL(`../fixtures/mail/${name}`, import.meta.url), 'utf8').replaceAll('{{REFERENCE}}', 'OMS-0000-000000').replaceAll('{{MESSAGE_ID}}', randomUUID()));
}

/** Runs `walk` and fails with every answer that differs from the document. */
async function conforms(walk: () => Promise<unknown>): Promise<void> {
  api.problems.length = 0;
  await walk();
  expect(api.problems).toEqual([]);
}

let stack: LocalStack;

beforeAll(async () => {
  process.env.MAIL_FROM ??= 'Omslagroute (test) <noreply@omslagroute.example>';
  stack = (await localApi({ now: amsterdamInstant(TOETS_ON, 10) })).stack;
  api = new CheckedApi(stack);
  // The documents as the local stack serves them (what a client generated from them would read).
  prod = new OpenApiContract(await (await fetch(`${stack.api.url}/openapi.json`)).json());
  dev = new OpenApiContract(await (await fetch(`${stack.api.url}/_dev/openapi.json`)).json());
  await ensureLocalInbox(stack.services);
  // A case walked through the forms (the forms' fixtures: one coherent timeline) up to the onafhankelijke derde's
  // akkoord, so Wonen has an omklap item in its queue (002 WA8 stap 3–4).
  const fixtureToday = addDays(TOETS_ON, 55);
  const created = await api.post('/cases', callers.begeleider, createCaseBody());
  ({ caseId, reference } = created.body);
  for (const { action, overrides } of STEPS_BEFORE['toets-derde']) await api.submitForm(caseId, action, callerFor(action), validInput(action, overrides ?? {}, fixtureToday));
  await api.submitForm(caseId, 'toets-derde', callers.derde, validInput('toets-derde', { datum: TOETS_ON }, fixtureToday));
});

describe('real answers against the OpenAPI document', () => {
  it('the walk itself: creating the case and every form submitted (201) answer what the document says', () => {
    expect(api.problems).toEqual([]);
    expect([...prod.covered].filter((c) => c.startsWith('submit-')).length).toBeGreaterThanOrEqual(8);
    expect(prod.covered).toContain('createCase 201');
    expect(prod.covered).toContain('answerAkkoord 201');
  });

  it('the case as each party sees it, its deadlines, and the lists with their cursors', async () => {
    await conforms(async () => {
      for (const who of [callers.begeleider, callers.corporatie, callers.wonen]) {
        const read = await api.get(`/cases/${caseId}`, who);
        expect(read.status).toBe(200);
        expect(read.body.timeline.length).toBeGreaterThan(0);
        const deadlines = await api.get(`/cases/${caseId}/deadlines`, who);
        expect(deadlines.status).toBe(200);
      }
      expect((await api.get(`/cases/${caseId}`, callers.begeleider)).body.akkoorden.length).toBeGreaterThan(0);
      await api.post('/cases', callers.begeleider, createCaseBody());
      const first = await api.get('/cases?limit=1&counts=true', callers.begeleider);
      expect(first.body.cursor).toEqual(expect.any(String));
      expect((await api.get(`/cases?limit=1&cursor=${encodeURIComponent(first.body.cursor)}`, callers.begeleider)).status).toBe(200);
      expect((await api.get(`/cases?reference=${reference}`, callers.corporatie)).body.items).toHaveLength(1);
      const open = await api.get('/deadlines?limit=1', callers.begeleider);
      expect(open.body.items).toHaveLength(1);
      await api.get('/deadlines', callers.corporatie);
    });
  });

  it("Wonen's queue, an item picked up, the digest and the monitor figures", async () => {
    await conforms(async () => {
      const queue = await api.get('/wonen/queue', callers.wonen);
      const item = queue.body.items.find((i: { caseId: string }) => i.caseId === caseId);
      expect(item).toMatchObject({ kind: 'omklap', dueDate: expect.any(String), werkdagenLeft: expect.any(Number) });
      expect((await api.post(`/wonen/items/${caseId}/${item.seq}/status`, callers.wonen, { status: 'in-behandeling' })).status).toBe(200);
      await api.get('/wonen/queue?status=in-behandeling', callers.wonen);
      api.stack.clock.set(amsterdamInstant('2027-05-10', 10));
      const digest = await api.get('/wonen/digest', callers.wonen);
      expect(digest.body.dueToday.map((l: { reference: string }) => l.reference)).toContain(reference);
      expect((await api.get('/monitor/za-hvo-querido?from=2027-01&to=2027-05', callers.beheerder)).status).toBe(200);
      expect((await api.get('/monitor/za-hvo-querido?from=2027-01&to=2027-05', callers.wonen)).body.regio).toBe('amsterdam');
      const csv = await api.get('/monitor/za-hvo-querido?format=csv', callers.beheerder);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      api.stack.clock.set(amsterdamInstant(TOETS_ON, 10));
    });
  });

  it('drafts, consent, the audit trail, the export and the beheerder’s lists', async () => {
    await conforms(async () => {
      const other = (await api.post('/cases', callers.begeleider, createCaseBody())).body.caseId;
      const { doelen, aanvraagDatum } = aanvraagUrgentieBody(TOETS_ON);
      const saved = await api.request('PUT', `/cases/${other}/drafts/aanvraag-urgentie`, { caller: callers.begeleider, body: { aanvraagDatum, doelen: { sociaal: doelen.sociaal } } });
      expect(saved.body.readiness.complete).toBe(false);
      expect((await api.get(`/cases/${other}/drafts`, callers.begeleider)).body.items).toHaveLength(1);
      await api.get(`/cases/${other}/drafts/aanvraag-urgentie`, callers.begeleider);
      expect((await api.request('DELETE', `/cases/${other}/drafts/aanvraag-urgentie`, { caller: callers.begeleider })).status).toBe(204);
      const consent = await api.post(`/cases/${caseId}/consent`, callers.begeleider, { action: 'record', datum: TOETS_ON, doelen: ['match', 'start-verhuur', 'overlast', 'evaluatie', 'omklap'], metWie: ['woningcorporatie', 'gemeente-wonen'] });
      expect(consent.status, consent.text).toBe(201);
      const audit = await api.get(`/cases/${caseId}/audit?limit=2`, callers.beheerder);
      expect(audit.body.cursor).toEqual(expect.any(String));
      expect((await api.get(`/cases/${caseId}/export`, callers.beheerder)).body.history.length).toBeGreaterThan(5);
      expect((await api.get('/organisations/za-hvo-querido/users', callers.beheerder)).body.items.length).toBeGreaterThan(0);
      // A permanent bounce fed as SES would (POST /_dev/ses-event), listed for the beheerder and cleared.
      const bounce = JSON.parse(readFileSync(new URL('../fixtures/ses/bounce-permanent.json', import.meta.url), 'utf8'));
      expect((await api.request('POST', '/_dev/ses-event', { body: bounce })).status).toBe(200);
      const bounces = await api.get('/organisations/za-hvo-querido/bounces', callers.beheerder);
      const address = bounces.body.items[0]?.address as string;
      expect(address).toEqual(expect.any(String));
      expect((await api.request('DELETE', `/organisations/za-hvo-querido/bounces/${encodeURIComponent(address)}`, { caller: callers.beheerder })).body.suppressed).toBe(false);
      expect((await api.post(`/cases/${other}/retention`, callers.beheerder, { action: 'revoke' })).status).toBe(422);
    });
  });

  it('unmatched mail to woonzaken: listed, read as text, linked to the case', async () => {
    await conforms(async () => {
      const [outcome] = await deliverLocalMail(mailFixture('no-reference.eml'), stack.container);
      const listed = await api.get('/wonen/unmatched', callers.wonen);
      expect(listed.body.items.map((m: { mailId: string }) => m.mailId)).toContain(outcome!.mailId);
      expect((await api.get(`/wonen/unmatched/${outcome!.mailId}`, callers.wonen)).body.text).toEqual(expect.any(String));
      expect((await api.post(`/wonen/unmatched/${outcome!.mailId}/link`, callers.wonen, { reference })).status).toBe(201);
      expect((await api.post(`/wonen/unmatched/${outcome!.mailId}/link`, callers.wonen, { reference })).status).toBe(409);
    });
  });

  it('refusals are problem+json as documented: 400, 401, 403, 404, 409, 412, 422', async () => {
    await conforms(async () => {
      expect((await api.post('/cases', callers.begeleider, {})).status).toBe(400);
      expect((await api.get('/cases?limit=0', callers.begeleider)).status).toBe(400);
      expect((await api.request('GET', '/cases')).status).toBe(401);
      expect((await api.get('/cases', systeembeheer)).status).toBe(403);
      expect((await api.get(`/cases/${randomUUID()}`, callers.begeleider)).status).toBe(404);
      expect((await api.get(`/cases/${caseId}`, callers.andereZorgaanbieder)).status).toBe(404);
      const fresh = (await api.post('/cases', callers.begeleider, createCaseBody())).body.caseId;
      expect((await api.post(`/cases/${fresh}/forms/besluit-urgentie`, callers.wonen, { besluit: 'akkoord', besluitDatum: TOETS_ON })).status).toBeGreaterThanOrEqual(404);
      expect((await api.post(`/cases/${fresh}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TOETS_ON), { headers: { 'if-match': '"99"' } })).status).toBe(412);
      const key = randomUUID();
      expect((await api.post(`/cases/${fresh}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TOETS_ON), { idempotencyKey: key })).status).toBe(201);
      expect((await api.post(`/cases/${fresh}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TOETS_ON, { trajecthouder: 'X' }), { idempotencyKey: key })).status).toBe(422);
      expect((await api.post(`/cases/${fresh}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TOETS_ON))).status).toBe(409);
    });
    const statuses = new Set([...prod.covered].map((c) => c.split(' ')[1]));
    for (const status of ['400', '401', '403', '404', '409', '412', '422']) expect(statuses, status).toContain(status);
  });

  it('public routes: health and the document itself', async () => {
    await conforms(async () => {
      expect((await api.get('/health')).body).toEqual({ status: 'ok' });
      expect((await api.get('/openapi.json')).status).toBe(200);
    });
  });

  it('the dev endpoints answer what their own document says, and the API document has none of them', async () => {
    await conforms(async () => {
      await api.get('/_dev/clock');
      await api.request('POST', '/_dev/clock', { body: { now: amsterdamInstant(TOETS_ON, 11) } });
      expect((await api.request('POST', '/_dev/clock', { body: { advanceDays: 'x' } })).status).toBe(400);
      expect((await api.request('POST', '/_dev/token', { body: { organisationId: 'za-hvo-querido', role: 'begeleider' } })).body.token).toEqual(expect.any(String));
      expect((await api.request('POST', '/_dev/token', { body: { organisationId: 'za-bestaat-niet', role: 'begeleider' } })).status).toBe(400);
      expect((await api.request('POST', '/_dev/inbound-mail', { body: {} })).status).toBe(400);
      expect((await api.request('POST', '/_dev/inbound-mail', { body: { eml: mailFixture('no-reference.eml').toString('utf8') } })).status).toBe(200);
      await api.request('POST', '/_dev/wonen-digest');
      await api.get('/_dev/jwks.json');
      await api.get('/_dev/openapi.json');
    });
    expect(Object.keys(prod.doc.paths).some((p) => p.startsWith('/_dev'))).toBe(false);
  });

  it('covers every operation of the document (the forms through the walk)', () => {
    const operations = new Set([...prod.covered].map((c) => c.split(' ')[0]));
    const missing = prod.operations().map(([, , op]) => op.operationId as string).filter((id) => !id.startsWith('submit-') && !operations.has(id));
    expect(missing).toEqual([]);
  });
});
