/**
 * While DynamoDB is unreachable (issue 16: frozen DynamoDB Local answered 500 after 30 s), the API answers 503 with
 * Retry-After, well within an HTTP function's 10 s timeout, and recovers as soon as the table answers again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aanvraagUrgentieBody, createCaseBody } from '../support/bodies.js';
import { callers, localApi, type TestApi } from '../support/api.js';

const TODAY = '2026-11-23';
/** An HTTP function's timeout (infra/constructs/functions.ts): a 503 must come well before it. */
const FUNCTION_TIMEOUT_MS = 10_000;
let api: TestApi;

beforeAll(async () => {
  api = await localApi({ now: `${TODAY}T10:00:00.000Z` });
});

afterAll(() => api?.stack.services.thawDynamo());

describe('DynamoDB unreachable', () => {
  it('answers 503 problem+json with Retry-After within the function timeout, for reads and writes, and recovers', async () => {
    const created = await api.post('/cases', callers.begeleider, createCaseBody());
    expect(created.status).toBe(201);
    const caseId = created.body.caseId as string;
    api.stack.services.freezeDynamo();
    try {
      const calls = [
        () => api.get(`/cases/${caseId}`, callers.begeleider),
        () => api.get('/cases?phase=onderzoek', callers.begeleider),
        () => api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TODAY)),
        () => api.post('/cases', callers.begeleider, createCaseBody()),
      ];
      const answers = await Promise.all(
        calls.map(async (call) => {
          const started = performance.now();
          const answer = await call();
          return { answer, ms: performance.now() - started };
        }),
      );
      for (const { answer, ms } of answers) {
        expect(answer.status, answer.text).toBe(503);
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.body).toMatchObject({ status: 503, type: expect.stringMatching(/store-unavailable$/) });
        expect(ms).toBeLessThan(FUNCTION_TIMEOUT_MS * 0.8);
      }
    } finally {
      api.stack.services.thawDynamo();
    }
    const read = await api.get(`/cases/${caseId}`, callers.begeleider);
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(1);
    const submitted = await api.post(`/cases/${caseId}/forms/aanvraag-urgentie`, callers.begeleider, aanvraagUrgentieBody(TODAY));
    expect(submitted.status, submitted.text).toBe(201);
  }, 60_000);
});
