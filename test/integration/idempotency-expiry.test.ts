/**
 * Issue 11: an idempotency record is judged by the Clock the code was given, never by the machine's clock.
 * The stack's clock starts a year behind wall time (as a test pinned in the past, or a developer who moved the dev
 * clock back): within the 24 h window a repeat is a replay; after it (Clock advanced 25 h) the same key is a fresh
 * request, whatever DynamoDB's lazy TTL has or has not deleted yet — and never a 5xx.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../shared/domain/clock.js';
import { aanvraagUrgentieBody, createCaseBody } from '../support/bodies.js';
import { callers, localApi, type TestApi } from '../support/api.js';

const YEAR_MS = 365 * 86_400_000;
/** Deliberately relative to the machine's clock: this test is about a Clock that differs from it. */
const START = new Date(Date.parse(systemClock.now()) - YEAR_MS).toISOString();
const dayOf = (instant: string) => instant.slice(0, 10);
let api: TestApi;

beforeAll(async () => {
  api = await localApi({ now: START });
});

describe('idempotency records live by the Clock (issue 11)', () => {
  it('replays POST /cases within the window, then treats the same key as a fresh request after 25 h', async () => {
    const key = `expiry-cases-${START}`;
    const first = await api.post('/cases', callers.begeleider, createCaseBody(), { idempotencyKey: key });
    expect(first.status).toBe(201);
    const replay = await api.post('/cases', callers.begeleider, createCaseBody(), { idempotencyKey: key });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);

    api.stack.clock.advance(25 * 3_600_000);
    const late = await api.post('/cases', callers.begeleider, createCaseBody(), { idempotencyKey: key });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect(late.headers.get('idempotency-replayed')).toBeNull();
    expect(late.body.caseId).not.toBe(first.body.caseId);
    // The late request's record replaced the expired one: its own repeat replays it.
    const lateReplay = await api.post('/cases', callers.begeleider, createCaseBody(), { idempotencyKey: key });
    expect(lateReplay.headers.get('idempotency-replayed')).toBe('true');
    expect(lateReplay.body).toEqual(late.body);
  });

  it('replays a form POST within the window; after 25 h the repeat is judged afresh (412 on its stale If-Match)', async () => {
    const created = await api.post('/cases', callers.begeleider, createCaseBody());
    const caseId = created.body.caseId as string;
    const today = dayOf(api.stack.clock.now());
    const key = `expiry-form-${caseId}`;
    const submit = () =>
      api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(today), {
        idempotencyKey: key,
        headers: { 'if-match': '"1"' },
      });
    const first = await submit();
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const replay = await submit();
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);

    api.stack.clock.advance(25 * 3_600_000);
    const late = await submit();
    // A fresh request: the case is at version 2 now, so its If-Match "1" no longer holds (README: Idempotency-Key).
    expect(late.status, JSON.stringify(late.body)).toBe(412);
    expect(late.headers.get('content-type')).toBe('application/problem+json');
    expect(late.body.currentVersion).toBe(2);
    const read = await api.get(`/cases/${caseId}`, callers.begeleider);
    expect(read.body.timeline).toHaveLength(2);
  });
});
