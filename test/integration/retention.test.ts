/**
 * Retention of closed cases (AVG opslagbeperking) with DynamoDB Local and an adjustable clock: scheduled when the case
 * closes (same transaction), marked by the sweeper when the period has passed, erased (TTL + read filter, out of every
 * index) when the grace period has passed — not before — and revocable by the organisatiebeheerder in the grace
 * period. What remains are anonymous per-month counts.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailObjectKeysOf, retentionPlanner, type SweepResult } from '../../shared/app/retention.js';
import { deliverLocalMail, ensureLocalInbox } from '../../shared/local/inbound.js';
import { submitForm } from '../../shared/app/submit-form.js';
import { appPart } from '../../shared/app/composition-root.js';
import type { CaseEvent, CaseState } from '../../shared/domain/case.js';
import { RuleViolated } from '../../shared/domain/errors.js';
import { afmelding } from '../../shared/domain/forms/afmelding.js';
import { formFor } from '../../shared/domain/forms/index.js';
import { INDEXES } from '../../shared/adapters/dynamo/table.js';
import { aanvraagUrgentieBody, createCaseBody } from '../support/bodies.js';
import { callers, foreignCallers, problemShape, startHarness, ZA, type Harness } from './authz-harness.js';
import { noCaseItems, type AppDeps, type CaseIntent } from '../../shared/app/ports.js';
import { changeCase } from '../../shared/app/change-case.js';
import { caseItemsOf } from '../../shared/adapters/dynamo/case-items.js';
import { storeEffectOf } from '../../shared/adapters/dynamo/intents.js';
import { changeContext } from '../../shared/app/effects.js';

const NOW = '2026-11-23T10:00:00.000Z';
const DAY = 24 * 60 * 60 * 1000;
const MISSING = '00000000-0000-4000-8000-0000000000bb';
let h: Harness;

beforeAll(async () => {
  process.env.RETENTION_PERIOD_DAYS = '730';
  process.env.RETENTION_GRACE_DAYS = '30';
  h = await startHarness(NOW);
}, 120_000);

afterAll(async () => {
  delete process.env.RETENTION_PERIOD_DAYS;
  delete process.env.RETENTION_GRACE_DAYS;
  await h?.stop();
}, 60_000);

async function sweep(): Promise<SweepResult> {
  const { handler } = await import('../../functions/retention-sweeper.js');
  return handler.with(h.container)();
}

/** A case closed now: aanvraag urgentie, then a definitive afmelding (001 §3). */
async function closedCase(): Promise<{ caseId: string; reference: string; closedAt: string }> {
  const created = await h.post('/cases', callers.begeleider, createCaseBody());
  const { caseId, reference } = created.body as { caseId: string; reference: string };
  expect((await h.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(h.today()))).status).toBe(201);
  const input = { soort: 'definitief', reden: 'vertrek-onbekende-bestemming', datum: h.today() };
  if (formFor('afmelding')) {
    expect((await h.post(`/cases/${caseId}/forms/afmelding`, callers.begeleider, input)).status).toBe(201);
  } else {
    // The form exists but is not in the HTTP registry yet: the same use case, without the HTTP layer.
    const principal = { userId: 'begeleider-1', organisationId: ZA, role: 'begeleider' as const };
    await submitForm(h.container.part(appPart), principal, caseId, afmelding as never, afmelding.schema.parse(input), { key: randomUUID(), method: 'POST', path: `/cases/${caseId}/forms/afmelding`, body: input });
  }
  const read = await h.get(`/cases/${caseId}`, callers.begeleider);
  expect(read.body.phase).toBe('afgesloten');
  return { caseId, reference, closedAt: h.clock.now() };
}

const at = (instant: string, days: number) => new Date(Date.parse(instant) + days * DAY).toISOString();

async function retentionItem(caseId: string) {
  return (await h.partition(`CASE#${caseId}`)).find((i) => i.entity === 'retention');
}

describe('scheduling', () => {
  it('schedules the erasure when the case closes, in the same change, queued by month on GSI3', async () => {
    const { caseId, closedAt } = await closedCase();
    const item = await retentionItem(caseId);
    const dueAt = at(closedAt, 730);
    expect(item).toMatchObject({ retentionState: 'scheduled', closedPhase: 'afgesloten', dueAt, GSI3PK: `RETENTION#${dueAt.slice(0, 7)}`, GSI3SK: `${dueAt}#${caseId}` });
  });
});

describe('erasure after the period and the grace period', () => {
  it('is not marked before the period, nor erased before the grace period ends; then it is gone for everyone', async () => {
    const { caseId, reference, closedAt } = await closedCase();

    h.clock.set(at(closedAt, 729));
    expect((await sweep()).marked).not.toContain(caseId);
    expect((await retentionItem(caseId))?.retentionState).toBe('scheduled');

    h.clock.set(at(closedAt, 731));
    expect((await sweep()).marked).toContain(caseId);
    const marked = await retentionItem(caseId);
    expect(marked).toMatchObject({ retentionState: 'marked', eraseAt: at(closedAt, 761) });
    // In the grace period the case is still there.
    expect((await h.get(`/cases/${caseId}`, callers.begeleider)).status).toBe(200);

    h.clock.set(at(closedAt, 760));
    expect((await sweep()).erased).not.toContain(caseId);
    expect((await h.get(`/cases/${caseId}`, callers.begeleider)).status).toBe(200);

    h.clock.set(at(closedAt, 762));
    const erasure = await sweep();
    expect(erasure.erased).toContain(caseId);

    // Gone for every reader, exactly like a case that never existed.
    for (const caller of [callers.begeleider, callers.beheerder]) {
      const gone = await h.get(`/cases/${caseId}`, caller);
      expect(gone.status).toBe(404);
      expect(problemShape(gone.body)).toEqual(problemShape((await h.get(`/cases/${MISSING}`, caller)).body));
    }
    expect((await h.get(`/cases/${caseId}/export`, callers.beheerder)).status).toBe(404);
    expect((await h.get(`/cases/${caseId}/audit`, callers.beheerder)).status).toBe(404);
    expect((await h.get('/cases?phase=afgesloten&limit=100', callers.begeleider)).text).not.toContain(caseId);
    expect((await h.get(`/cases?reference=${reference}`, callers.begeleider)).body.items).toEqual([]);
    expect((await h.post(`/cases/${caseId}/consent`, callers.begeleider, { action: 'withdraw', datum: h.today() })).status).toBe(404);

    // Stored: every item of the case expires (TTL deletes it) and is out of every index at once; so is its reference.
    const nowEpoch = Math.floor(Date.parse(h.clock.now()) / 1000);
    const items = await h.partition(`CASE#${caseId}`);
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) {
      expect(item.expiresAt as number, String(item.SK)).toBeLessThanOrEqual(nowEpoch);
      for (const index of INDEXES) expect(item, String(item.SK)).not.toHaveProperty(index.partitionKey);
    }
    expect((await h.partition(`REF#${reference}`))[0]?.expiresAt).toBeLessThanOrEqual(nowEpoch);
    expect((await retentionItem(caseId))?.retentionState).toBe('erased');
    const again = await sweep();
    expect([...again.marked, ...again.erased]).not.toContain(caseId);
  });
});

describe('erasure of the mail a case received', () => {
  it('deletes the body and attachments in the inbox bucket with the case, not before its grace period ends', async () => {
    const bucket = await ensureLocalInbox(h.services);
    const created = await h.post('/cases', callers.begeleider, createCaseBody());
    const { caseId, reference } = created.body as { caseId: string; reference: string };
    expect((await h.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(h.today()))).status).toBe(201);
    const eml = readFileSync(new URL('../fixtures/mail/with-reference.eml', import.meta.url), 'utf8')
      .replaceAll('{{REFERENCE}}', reference)
      .replaceAll('{{MESSAGE_ID}}', randomUUID());
    const [outcome] = await deliverLocalMail(Buffer.from(eml), h.container);
    expect(outcome).toMatchObject({ outcome: 'gekoppeld', caseId });
    const input = { soort: 'definitief', reden: 'vertrek-onbekende-bestemming', datum: h.today() };
    expect((await h.post(`/cases/${caseId}/forms/afmelding`, callers.begeleider, input)).status).toBe(201);
    const closedAt = h.clock.now();

    const mailEvent = (await h.partition(`CASE#${caseId}`)).find((item) => item.type === 'mail-ontvangen')!;
    const objectKeys = mailObjectKeysOf([mailEvent as unknown as CaseEvent]);
    expect(objectKeys.length).toBeGreaterThanOrEqual(2); // the body text and the accepted attachments
    const s3 = new S3Client({ forcePathStyle: true });
    const exists = async (key: string) =>
      s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(() => true, () => false);
    for (const key of objectKeys) expect(await exists(key), key).toBe(true);

    h.clock.set(at(closedAt, 731));
    expect((await sweep()).marked).toContain(caseId);
    for (const key of objectKeys) expect(await exists(key), `${key} in the grace period`).toBe(true);
    h.clock.set(at(closedAt, 762));
    expect((await sweep()).erased).toContain(caseId);
    for (const key of objectKeys) expect(await exists(key), `${key} after erasure`).toBe(false);
  });
});

describe('revocation in the grace period (organisatiebeheerder)', () => {
  it('keeps the case and schedules it again for a full period; only in the grace period; only the organisatiebeheerder', async () => {
    const { caseId, closedAt } = await closedCase();
    // Nothing pending yet.
    expect((await h.post(`/cases/${caseId}/retention`, callers.beheerder, { action: 'revoke' })).status).toBe(422);

    h.clock.set(at(closedAt, 731));
    expect((await sweep()).marked).toContain(caseId);

    expect((await h.post(`/cases/${caseId}/retention`, callers.begeleider, { action: 'revoke' })).status).toBe(403);
    const foreign = await h.post(`/cases/${caseId}/retention`, foreignCallers.organisatiebeheerder, { action: 'revoke' });
    expect(foreign.status).toBe(404);
    expect(problemShape(foreign.body)).toEqual(problemShape((await h.post(`/cases/${MISSING}/retention`, foreignCallers.organisatiebeheerder, { action: 'revoke' })).body));
    expect((await h.post(`/cases/${caseId}/retention`, callers.beheerder, { action: 'erase-now' })).status).toBe(400);

    h.clock.set(at(closedAt, 740));
    const key = `revoke-${randomUUID()}`;
    const revoked = await h.post(`/cases/${caseId}/retention`, callers.beheerder, { action: 'revoke' }, { idempotencyKey: key });
    expect(revoked.status).toBe(200);
    expect(revoked.body.retention).toMatchObject({ retentionState: 'scheduled', dueAt: at(closedAt, 740 + 730) });
    const replay = await h.post(`/cases/${caseId}/retention`, callers.beheerder, { action: 'revoke' }, { idempotencyKey: key });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect((await h.post(`/cases/${caseId}/retention`, callers.beheerder, { action: 'revoke' })).status).toBe(422);
    expect(await retentionItem(caseId)).toMatchObject({ retentionState: 'scheduled', revokedBy: { organisationId: ZA, role: 'organisatiebeheerder' } });

    // Past the original end of the grace period: still there.
    h.clock.set(at(closedAt, 800));
    const result = await sweep();
    expect([...result.marked, ...result.erased]).not.toContain(caseId);
    expect((await h.get(`/cases/${caseId}`, callers.begeleider)).status).toBe(200);
    // The revocation is in the audit trail.
    const audit = await h.get(`/cases/${caseId}/audit?limit=500`, callers.beheerder);
    expect(audit.body.items.filter((e: { route: string; status: number }) => e.route === 'POST /cases/{caseId}/retention' && e.status === 200)).toHaveLength(2);
  });

  it('cannot revoke once the grace period has ended (the sweeper erases)', async () => {
    const { caseId, closedAt } = await closedCase();
    h.clock.set(at(closedAt, 731));
    await sweep();
    h.clock.set(at(closedAt, 761.5));
    // Not swept yet, but the grace period is over: no revocation.
    expect((await h.post(`/cases/${caseId}/retention`, callers.beheerder, { action: 'revoke' })).status).toBe(422);
    expect((await sweep()).erased).toContain(caseId);
  });
});

describe('the retention planner', () => {
  const state = (phase: CaseState['phase']): CaseState => ({
    caseId: 'c-1', reference: 'OMS-2026-000001', regio: 'amsterdam', route: 'MO', doelgroep: 'volwassene', clientPseudonym: 'J.D.',
    zorgaanbiederId: ZA, phase, version: 3, createdAt: NOW, updatedAt: NOW, facts: {},
  });
  const event = (type: string): CaseEvent => ({ caseId: 'c-1', seq: 3, type: type as CaseEvent['type'], occurredOn: '2026-11-23', recordedAt: NOW, actor: { userId: 'u', organisationId: ZA, role: 'begeleider' }, data: {} });

  it('refuses any change to a case that is being erased (a precondition of every change, before anything is planned)', async () => {
    for (const retentionState of ['erasing', 'erased']) {
      const loaded = { state: state('omgeklapt'), history: [], ...caseItemsOf([{ entity: 'retention', retentionState }]) };
      const commits: unknown[] = [];
      const deps = { store: { load: async () => loaded, commit: async (c: unknown) => void commits.push(c) }, clock: { now: () => NOW }, newId: () => 'x' } as unknown as AppDeps;
      await expect(changeCase(deps, 'c-1', () => ({ after: state('omgeklapt'), event: event('overlast-melding'), result: 'changed' }))).rejects.toThrow(RuleViolated);
      expect(commits).toEqual([]);
    }
  });

  it('schedules only closed cases, and a consent change does not extend retention', () => {
    const open = retentionPlanner(changeContext({ before: state('onderzoek'), after: state('urgentie_aangevraagd'), event: event('aanvraag-urgentie'), history: [], now: NOW }), noCaseItems());
    expect(open).toEqual([]);
    const consent = retentionPlanner(changeContext({ before: state('afgesloten'), after: state('afgesloten'), event: event('toestemming-ingetrokken'), history: [], now: NOW }), caseItemsOf([{ entity: 'retention', retentionState: 'marked' }]));
    expect(consent).toEqual([]);
    const rescheduled = retentionPlanner(changeContext({ before: state('omgeklapt'), after: state('omgeklapt'), event: event('overlast-melding'), history: [], now: NOW }), caseItemsOf([{ entity: 'retention', retentionState: 'marked' }]));
    expect(rescheduled).toEqual([expect.objectContaining({ kind: 'retention.schedule' })]);
    // Written only while the sweeper has not claimed the case (the adapter's condition).
    expect(storeEffectOf(rescheduled[0] as CaseIntent)).toMatchObject({ kind: 'update', condition: expect.stringContaining('retentionState IN') });
  });
});
