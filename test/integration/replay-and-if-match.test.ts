/**
 * Replays and concurrency (issue 16): a replay returns the first answer byte for byte, headers included, also for 30
 * concurrent requests with one Idempotency-Key; and one rule for If-Match: a request whose If-Match no longer holds
 * gets 412, whether it lost before the commit or during it.
 *
 * The clock is pinned in 2030: until issue 11 lands, an idempotency record's expiry is compared with the wall clock,
 * so a stack clock in the past would make every record look expired. Any pinned date works after that fix.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { aanvraagUrgentieBody, createCaseBody } from '../support/bodies.js';
import { callers, localApi, type ApiAnswer, type TestApi } from '../support/api.js';

const TODAY = '2030-03-12';
let api: TestApi;

beforeAll(async () => {
  api = await localApi({ now: `${TODAY}T10:00:00.000Z` });
});

const HEADERS_THAT_MATTER = ['content-type', 'etag', 'location'];

function headersOf(answer: ApiAnswer): Record<string, string | null> {
  return Object.fromEntries(HEADERS_THAT_MATTER.map((name) => [name, answer.headers.get(name)]));
}

async function historyLength(caseId: string): Promise<number> {
  const read = await api.get(`/cases/${caseId}`, callers.begeleider);
  return (read.body.timeline as unknown[]).length;
}

describe('idempotent replay', () => {
  it('returns the first answer byte for byte, with its ETag, Location and content type', async () => {
    const key = randomUUID();
    const first = await api.post('/cases', callers.begeleider, createCaseBody(), { idempotencyKey: key });
    expect(first.status).toBe(201);
    for (let i = 0; i < 3; i++) {
      const again = await api.post('/cases', callers.begeleider, createCaseBody(), { idempotencyKey: key });
      expect(again.status).toBe(201);
      expect(again.text).toBe(first.text);
      expect(headersOf(again)).toEqual(headersOf(first));
      expect(again.headers.get('idempotency-replayed')).toBe('true');
    }
  });

  it('answers 30 concurrent requests with one key with one answer, byte for byte, and writes once', async () => {
    const created = await api.post('/cases', callers.begeleider, createCaseBody());
    const caseId = created.body.caseId as string;
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TODAY), { idempotencyKey: key })),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(new Set(answers.map((a) => JSON.stringify(headersOf(a)))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotency-replayed') !== 'true')).toHaveLength(1);
    expect(await historyLength(caseId)).toBe(2);
  });
});

describe('If-Match', () => {
  it('gives 30 concurrent submits with the same If-Match one 201 and 29 times 412, never 409', async () => {
    const created = await api.post('/cases', callers.begeleider, createCaseBody());
    const caseId = created.body.caseId as string;
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TODAY), { headers: { 'if-match': created.headers.get('etag')! } }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses, answers.filter((a) => a.status !== 201 && a.status !== 412).map((a) => a.text).join('\n')).toEqual([201, ...Array(29).fill(412)]);
    for (const lost of answers.filter((a) => a.status === 412)) {
      expect(lost.headers.get('content-type')).toBe('application/problem+json');
      expect(lost.body).toMatchObject({ status: 412, currentVersion: 2 });
    }
    expect(await historyLength(caseId)).toBe(2);
  });

  it('applies the same rule to consent (If-Match), 412 for every loser', async () => {
    const created = await api.post('/cases', callers.begeleider, createCaseBody());
    const caseId = created.body.caseId as string;
    const consent = { action: 'record', datum: TODAY, doelen: ['match'], metWie: ['woningcorporatie'] };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => api.post(`/cases/${caseId}/consent`, callers.begeleider, consent, { headers: { 'if-match': '"1"' } })),
    );
    const statuses = answers.map((a) => (a.status < 300 ? 'accepted' : a.status)).sort();
    expect(statuses, answers.map((a) => a.text).join('\n').slice(0, 2000)).toEqual([...Array(9).fill(412), 'accepted']);
  });
});
