/**
 * The deadline endpoints on the local stack: a case's deadlines recomputed from its history, and an organisation's
 * open deadlines by due date from the index kept in the same transaction as each form.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { aanvraagUrgentieBody, besluitUrgentieBody, createCaseBody, sleuteloverdrachtBody, woningaanbodBody } from '../support/bodies.js';
import { callers, localApi, type TestApi } from '../support/api.js';

const TODAY = '2026-11-23';
let api: TestApi;

beforeAll(async () => {
  api = await localApi({ now: '2026-11-23T10:00:00.000Z' });
});

async function caseWithSleuteloverdracht(): Promise<string> {
  const { body } = await api.post('/cases', callers.begeleider, createCaseBody());
  const id = body.caseId as string;
  for (const [action, who, form] of [
    ['aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(TODAY)],
    ['besluit-urgentie', callers.wonen, besluitUrgentieBody(TODAY)],
    ['woningaanbod', callers.begeleider, woningaanbodBody(TODAY, { corporatieId: 'corp-ymere' })],
    ['sleuteloverdracht', callers.begeleider, sleuteloverdrachtBody(TODAY)],
  ] as const) {
    await api.submitForm(id, action, who, form);
  }
  return id;
}

describe('deadlines', () => {
  it('refuses a woningaanbod available in the year 9999 with 400 and the field, never 500 (issue 16), and changes nothing', async () => {
    const { body } = await api.post('/cases', callers.begeleider, createCaseBody());
    const id = body.caseId as string;
    await api.submitForm(id, 'aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(TODAY));
    await api.submitForm(id, 'besluit-urgentie', callers.wonen, besluitUrgentieBody(TODAY));
    const before = await api.get(`/cases/${id}`, callers.begeleider);
    for (const beschikbaarOp of ['9999-12-31', '2101-01-01', '1970-01-01']) {
      const answer = await api.post(`/cases/${id}/forms/woningaanbod`, callers.begeleider, woningaanbodBody(TODAY, { corporatieId: 'corp-ymere', beschikbaarOp }));
      expect(answer.status, answer.text).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(answer.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.beschikbaarOp']);
    }
    expect((await api.get(`/cases/${id}`, callers.begeleider)).body.version).toBe(before.body.version);
  });

  it('shows the kennismaking deadlines after the sleuteloverdracht, with their source (002 WA4)', async () => {
    const id = await caseWithSleuteloverdracht();
    const answer = await api.get(`/cases/${id}/deadlines`, callers.begeleider);
    expect(answer.status).toBe(200);
    const plan = answer.body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'kennismaking-plannen');
    expect(plan).toMatchObject({ status: 'open', dueDate: '2027-01-04' });
    expect(plan.source).toMatch(/002/);
    const held = answer.body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'kennismaking-gehouden');
    expect(held).toMatchObject({ status: 'open', dueDate: '2027-02-23' });
    const met = answer.body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'wonen-toets-urgentie');
    expect(met?.status).toBe('met');
  });

  it('lists an organisation’s open deadlines by due date, for the zorgaanbieder and the corporatie', async () => {
    const id = await caseWithSleuteloverdracht();
    const mine = await api.get('/deadlines', callers.begeleider);
    expect(mine.status).toBe(200);
    const ofCase = mine.body.items.filter((d: { caseId: string }) => d.caseId === id);
    expect(ofCase.map((d: { ruleId: string }) => d.ruleId)).toEqual(expect.arrayContaining(['kennismaking-plannen', 'kennismaking-gehouden']));
    const due = mine.body.items.map((d: { dueAt: string }) => d.dueAt);
    expect(due).toEqual([...due].sort());
    const corporatie = await api.get('/deadlines', callers.corporatie);
    expect(corporatie.body.items.some((d: { caseId: string }) => d.caseId === id)).toBe(true);
    const other = await api.get('/deadlines', callers.andereZorgaanbieder);
    expect(other.body.items.some((d: { caseId: string }) => d.caseId === id)).toBe(false);
  });

  it('shows a deadline met after its due date as met late (issue 14 point 7; 001 §4: "binnen 5 werkdagen")', async () => {
    const { body } = await api.post('/cases', callers.begeleider, createCaseBody());
    const id = body.caseId as string;
    await api.submitForm(id, 'aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(TODAY));
    // Received Monday 23 November 2026: due Monday 30 November. Wonen decides on Thursday 3 December.
    api.stack.clock.set('2026-12-03T10:00:00.000Z');
    try {
      await api.submitForm(id, 'besluit-urgentie', callers.wonen, besluitUrgentieBody('2026-12-03'));
      const answer = await api.get(`/cases/${id}/deadlines`, callers.begeleider);
      const toets = answer.body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'wonen-toets-urgentie');
      expect(toets).toMatchObject({ status: 'met', dueDate: '2026-11-30', metOn: '2026-12-03', late: true });
    } finally {
      api.stack.clock.set('2026-11-23T10:00:00.000Z');
    }
  });

  it('hides a case’s deadlines from a foreign organisation', async () => {
    const id = await caseWithSleuteloverdracht();
    expect((await api.get(`/cases/${id}/deadlines`, callers.andereZorgaanbieder)).status).toBe(404);
  });
});
