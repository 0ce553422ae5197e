/**
 * The audit trail over HTTP: every read and write of a case is recorded (also refused ones, under the requested id),
 * list reads per organisation; entries are append-only; the organisatiebeheerder of the zorgaanbieder reads a case's
 * trail and exports the client's data. A failed audit write never fails a committed change, and a read it cannot
 * record is not answered.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { DynamoPrivacyStore } from '../../shared/adapters/dynamo/audit-store.js';
import type { AuditEntry, AuditStore } from '../../shared/app/audit.js';
import { useAuditStore } from '../../shared/app/composition-root.js';
import { aanvraagUrgentieBody, createCaseBody, sleuteloverdrachtBody } from '../support/bodies.js';
import { callers, foreignCallers, problemShape, startHarness, ZA, type Harness } from './authz-harness.js';

const NOW = '2026-11-23T10:00:00.000Z';
const MISSING = '00000000-0000-4000-8000-0000000000aa';
let h: Harness;

beforeAll(async () => {
  h = await startHarness(NOW);
}, 120_000);

afterAll(async () => {
  await h?.stop();
}, 60_000);

afterEach(() => {
  useAuditStore(undefined);
  vi.restoreAllMocks();
});

async function trail(caseId: string): Promise<AuditEntry[]> {
  return (await h.partition(`AUDIT#${caseId}`)) as unknown as AuditEntry[];
}

async function newCase(): Promise<string> {
  const created = await h.post('/cases', callers.begeleider, createCaseBody());
  expect(created.status).toBe(201);
  step();
  return created.body.caseId as string;
}

/** Entries are ordered by time (then request id): move the test clock between requests. */
function step(): void {
  h.clock.advance(1000);
}

describe('recording', () => {
  it('records the creation, reads and writes of a case with who, when, what and the outcome', async () => {
    const caseId = await newCase();
    h.clock.advance(60_000);
    expect((await h.get(`/cases/${caseId}`, callers.begeleider)).status).toBe(200);
    h.clock.advance(60_000);
    expect((await h.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(h.today()))).status).toBe(201);
    h.clock.advance(60_000);
    // A write that is refused by the route's rules is recorded with its status too.
    expect((await h.post(`/cases/${caseId}/forms/sleuteloverdracht`, callers.begeleider, sleuteloverdrachtBody(h.today()))).status).toBe(409);

    const entries = await trail(caseId);
    expect(entries.map((e) => [e.kind, e.route, e.action, e.status])).toEqual([
      ['write', 'POST /cases', 'cases', 201],
      ['read', 'GET /cases/{caseId}', 'cases', 200],
      ['write', 'POST /cases/{caseId}/forms/aanvraag-urgentie', 'aanvraag-urgentie', 201],
      ['write', 'POST /cases/{caseId}/forms/sleuteloverdracht', 'sleuteloverdracht', 409],
    ]);
    for (const entry of entries) {
      expect(entry).toMatchObject({ entity: 'audit', caseId, userId: 'begeleider-1', organisationId: ZA, role: 'begeleider' });
      expect(Date.parse(entry.at)).not.toBeNaN();
      expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
      // Own retention (TTL), no case content.
      expect(typeof (entry as unknown as { expiresAt: number }).expiresAt).toBe('number');
      expect(JSON.stringify(entry)).not.toContain('Drie dagen per week');
    }
    expect(entries[1]!.at).toBe(new Date(Date.parse(entries[0]!.at) + 61_000).toISOString());
  });

  it('records refused reads under the requested case id: foreign callers and cases that do not exist', async () => {
    const caseId = await newCase();
    expect((await h.get(`/cases/${caseId}`, foreignCallers.contactpersoon)).status).toBe(404);
    step();
    expect((await h.get(`/cases/${caseId}/export`, callers.begeleider)).status).toBe(403);
    expect((await h.get(`/cases/${MISSING}`, foreignCallers.systeembeheerder)).status).toBe(404);

    const refused = (await trail(caseId)).filter((e) => e.status >= 400);
    expect(refused.map((e) => [e.organisationId, e.role, e.route, e.status])).toEqual([
      ['corp-eigen-haard', 'contactpersoon', 'GET /cases/{caseId}', 404],
      [ZA, 'begeleider', 'GET /cases/{caseId}/export', 403],
    ]);
    expect((await trail(MISSING)).map((e) => [e.role, e.status])).toEqual([['systeembeheerder', 404]]);
  });

  it('records an unusable case id as a hash, never as a key of someone else’s partition', async () => {
    const answer = await h.get(`/cases/${encodeURIComponent('x#ORG#za-hvo-querido')}`, callers.begeleider);
    expect(answer.status).toBe(404);
    expect(await h.partition('AUDIT#x#ORG#za-hvo-querido')).toEqual([]);
  });

  it('records list reads per organisation, with their filters', async () => {
    expect((await h.get('/cases?phase=onderzoek&limit=5', callers.begeleider)).status).toBe(200);
    const entries = (await h.partition(`AUDITORG#${ZA}`)) as unknown as AuditEntry[];
    expect(entries.at(-1)).toMatchObject({ kind: 'read', route: 'GET /cases', listOf: ZA, query: { phase: 'onderzoek', limit: '5' }, status: 200 });
  });

  it('is append-only: an entry with the same key is never overwritten', async () => {
    const store = new DynamoPrivacyStore(createDocumentClient(), h.tableName);
    const entry: AuditEntry = { caseId: 'append-only', at: NOW, requestId: 'r-1', userId: 'u', organisationId: ZA, role: 'begeleider', kind: 'read', route: 'GET /cases/{caseId}', status: 200 };
    await store.append(entry, 2_000_000_000);
    await store.append({ ...entry, status: 500, userId: 'someone-else' }, 2_000_000_000);
    expect((await trail('append-only')).map((e) => [e.userId, e.status])).toEqual([['u', 200]]);
  });
});

describe('reading the trail and exporting (organisatiebeheerder of the zorgaanbieder)', () => {
  it('gives the organisatiebeheerder the case’s trail, oldest first, paged', async () => {
    const caseId = await newCase();
    await h.get(`/cases/${caseId}`, callers.derde);
    step();
    const page1 = await h.get(`/cases/${caseId}/audit?limit=1`, callers.beheerder);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(1);
    expect(page1.body.items[0]).toMatchObject({ kind: 'write', route: 'POST /cases', status: 201 });
    expect(page1.body.items[0]).not.toHaveProperty('PK');
    step();
    const page2 = await h.get(`/cases/${caseId}/audit?limit=50&cursor=${page1.body.cursor}`, callers.beheerder);
    expect(page2.body.items.map((e: AuditEntry) => e.role)).toEqual(['onafhankelijke-derde', 'organisatiebeheerder']);
    // Reading the trail is itself recorded.
    expect((await trail(caseId)).at(-1)).toMatchObject({ route: 'GET /cases/{caseId}/audit', role: 'organisatiebeheerder' });
    // A cursor of another case's trail does not open it.
    const other = await newCase();
    expect((await h.get(`/cases/${other}/audit?cursor=${page1.body.cursor}`, callers.beheerder)).status).toBe(400);
  });

  it('refuses the trail to other roles (403) and to foreign organisations as if the case did not exist (404)', async () => {
    const caseId = await newCase();
    for (const caller of [callers.begeleider, callers.derde]) expect((await h.get(`/cases/${caseId}/audit`, caller)).status).toBe(403);
    const foreign = await h.get(`/cases/${caseId}/audit`, foreignCallers.organisatiebeheerder);
    expect(foreign.status).toBe(404);
    expect(problemShape(foreign.body)).toEqual(problemShape((await h.get(`/cases/${MISSING}/audit`, foreignCallers.organisatiebeheerder)).body));
  });

  it('exports the case, its full history and its audit trail as one JSON document', async () => {
    const caseId = await newCase();
    await h.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(h.today()));
    step();
    const answer = await h.get(`/cases/${caseId}/export`, callers.beheerder);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="omslagroute-OMS-2026-\d{6}\.json"$/);
    expect(answer.body).toMatchObject({ format: 'omslagroute-export/1', exportedBy: { organisationId: ZA, role: 'organisatiebeheerder' }, case: { caseId, clientPseudonym: 'J.D.' } });
    expect(answer.body.history.map((e: { type: string }) => e.type)).toEqual(['case-aangemaakt', 'aanvraag-urgentie']);
    // In full: the zorgaanbieder's own data, including what no other party sees.
    expect(answer.body.history[1].data.wooneisen ?? answer.body.history[1].data.toestemmingDelen).toBeDefined();
    expect(answer.body.consent).toMatchObject({ gegeven: true, metWie: ['woningcorporatie', 'gemeente-wonen'] });
    expect(answer.body.audit.map((e: AuditEntry) => e.route)).toEqual(['POST /cases', 'POST /cases/{caseId}/forms/aanvraag-urgentie']);
    step();
    expect((await h.get(`/cases/${caseId}/export`, callers.begeleider)).status).toBe(403);
    expect((await trail(caseId)).slice(-2).map((e) => [e.route, e.role, e.status])).toEqual([
      ['GET /cases/{caseId}/export', 'organisatiebeheerder', 200],
      ['GET /cases/{caseId}/export', 'begeleider', 403],
    ]);
  });
});

describe('when the audit trail cannot be written', () => {
  const failing: AuditStore = {
    append: async () => {
      throw new Error('audit table unavailable');
    },
    listForCase: async () => ({ items: [] }),
    allForCase: async () => [],
  };

  it('still answers a committed write (and logs and counts the failure), but does not answer a read', async () => {
    const caseId = await newCase();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    useAuditStore(failing);

    const write = await h.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(h.today()));
    expect(write.status).toBe(201);
    const logged = errors.mock.calls.map((c) => String(c[0])).find((line) => line.includes('audit-write-failed'));
    expect(JSON.parse(logged!)).toMatchObject({ level: 'ERROR', caseId, status: 201, AuditWriteFailed: 1, _aws: { CloudWatchMetrics: [{ Metrics: [{ Name: 'AuditWriteFailed' }] }] } });

    const read = await h.get(`/cases/${caseId}`, callers.begeleider);
    expect(read.status).toBe(503);
    expect(read.text).not.toContain('J.D.');

    useAuditStore(undefined);
    const after = await h.get(`/cases/${caseId}`, callers.begeleider);
    expect(after.status).toBe(200);
    expect(after.body.phase).toBe('urgentie_aangevraagd');
  });
});
