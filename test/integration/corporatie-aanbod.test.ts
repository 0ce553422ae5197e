/**
 * Issue 14 point 9, through the real handlers (DynamoDB Local, the local API Gateway, tokens per party): the corporatie
 * makes the one offer (001 §3: "De woningcorporatie selecteert geschikte woningen. De zorgaanbieder bepaalt welke
 * cliënt het beste bij welke woning past. De cliënt krijgt een eenmalig aanbod."). The zorgaanbieder's matching links
 * the corporatie to a case on the wachtlijst; from then its contactpersoon sees the case (as views.ts lets it), is
 * offered the woningaanbod on the dossier and files it. Another corporatie gets the answer of a case that does not
 * exist. The begeleider may still record an offer it received in WoningNet (002 WA1 Step 1), by default for the
 * matched corporatie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aanvraagUrgentieBody, besluitUrgentieBody, createCaseBody, woningaanbodBody } from '../support/bodies.js';
import { callers, CORP, foreignCallers, problemShape, startHarness, type Harness } from './authz-harness.js';

const NOW = '2026-11-23T10:00:00.000Z';
const MISSING = '00000000-0000-4000-8000-0000000000cc';
let h: Harness;

beforeAll(async () => {
  h = await startHarness(NOW);
}, 120_000);

afterAll(async () => {
  await h?.stop();
}, 60_000);

/** A case on the wachtlijst: urgentie granted by Wonen, consent to share with the corporatie for the match. */
async function opWachtlijst(): Promise<{ caseId: string; reference: string }> {
  const created = await h.post('/cases', callers.begeleider, createCaseBody({ clientPseudonym: 'W.L.' }));
  const { caseId, reference } = created.body as { caseId: string; reference: string };
  await h.submitForm(caseId, 'aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(h.today()));
  const besluit = await h.submitForm(caseId, 'besluit-urgentie', callers.wonen, besluitUrgentieBody(h.today()));
  expect(besluit.body.phase).toBe('wachtlijst');
  return { caseId, reference };
}

const matchingBody = (corporatieId = CORP) => ({ datum: h.today(), corporatieId, woningKenmerk: 'YM-WON-88' });
/** The offer as the corporatie files it: no corporatieId, its own organisation counts. */
const aanbodZonderCorporatie = woningaanbodBody(NOW.slice(0, 10));

describe('the corporatie matched to a case on the wachtlijst files the one offer', () => {
  let caseId: string;
  let reference: string;

  beforeAll(async () => {
    ({ caseId, reference } = await opWachtlijst());
  });

  it('before the matching no corporatie sees the case or may offer: the answer of a case that does not exist', async () => {
    const real = await h.post(`/cases/${caseId}/forms/woningaanbod`, callers.corporatie, aanbodZonderCorporatie);
    const ghost = await h.post(`/cases/${MISSING}/forms/woningaanbod`, callers.corporatie, aanbodZonderCorporatie);
    expect(real.status).toBe(404);
    expect(JSON.stringify(problemShape(real.body))).toBe(JSON.stringify(problemShape(ghost.body)));
    expect((await h.get(`/cases/${caseId}`, callers.corporatie)).status).toBe(404);
  });

  it('the begeleider records the matching; the corporatie then sees the case, lists it and is offered the woningaanbod', async () => {
    const matched = await h.submitForm(caseId, 'matching', callers.begeleider, matchingBody());
    expect(matched.body).toMatchObject({ phase: 'wachtlijst', corporatieId: CORP });
    const read = await h.get(`/cases/${caseId}`, callers.corporatie);
    expect(read.status).toBe(200);
    expect(read.body.actions).toEqual(['woningaanbod']);
    // Only what its role may see (views.ts): the aanvraag exists, without content; the matching with its woning.
    expect(read.body.timeline.find((e: { type: string }) => e.type === 'aanvraag-urgentie')).not.toHaveProperty('data');
    expect(read.body.timeline.find((e: { type: string }) => e.type === 'matching')?.data).toMatchObject({ corporatieId: CORP, woningKenmerk: 'YM-WON-88' });
    expect(read.text).not.toContain('W.L.');
    const listed = await h.get('/cases', callers.corporatie);
    expect(JSON.stringify(listed.body)).toContain(reference);
    // The begeleider's dossier page offers the matching no more than on the wachtlijst; the corporatie never.
    expect((await h.get(`/cases/${caseId}`, callers.begeleider)).body.actions).toEqual(expect.arrayContaining(['matching', 'woningaanbod']));
  });

  it('another corporatie gets the answer of a case that does not exist', async () => {
    const other = foreignCallers.contactpersoon;
    const real = await h.post(`/cases/${caseId}/forms/woningaanbod`, other, aanbodZonderCorporatie);
    const ghost = await h.post(`/cases/${MISSING}/forms/woningaanbod`, other, aanbodZonderCorporatie);
    expect(real.status).toBe(404);
    expect(JSON.stringify(problemShape(real.body))).toBe(JSON.stringify(problemShape(ghost.body)));
    expect((await h.get(`/cases/${caseId}`, other)).status).toBe(404);
  });

  it('the matched corporatie files the woningaanbod itself: 201, the offer is its own, the case is in aanbod', async () => {
    const answer = await h.post(`/cases/${caseId}/forms/woningaanbod`, callers.corporatie, aanbodZonderCorporatie);
    expect(answer.status, answer.text).toBe(201);
    expect(answer.body).toMatchObject({ phase: 'aanbod', corporatieId: CORP });
    const read = await h.get(`/cases/${caseId}`, callers.begeleider);
    const aanbod = read.body.timeline.find((e: { type: string }) => e.type === 'woningaanbod');
    expect(aanbod).toMatchObject({ recordedBy: expect.objectContaining({ role: 'contactpersoon', organisationId: CORP }), data: expect.objectContaining({ corporatieId: CORP }) });
    // 001 §3 eenmalig aanbod: a second offer while this one runs is refused by the matrix (phase aanbod).
    expect((await h.post(`/cases/${caseId}/forms/woningaanbod`, callers.corporatie, { ...aanbodZonderCorporatie, aanbodId: 'YM-2026-002' })).status).toBe(409);
  });
});

describe('the begeleider (decision: may still record an offer received in WoningNet)', () => {
  it('files the woningaanbod without naming the corporatie: the matched one counts', async () => {
    const { caseId } = await opWachtlijst();
    await h.submitForm(caseId, 'matching', callers.begeleider, matchingBody());
    const answer = await h.post(`/cases/${caseId}/forms/woningaanbod`, callers.begeleider, aanbodZonderCorporatie);
    expect(answer.status, answer.text).toBe(201);
    expect(answer.body).toMatchObject({ phase: 'aanbod', corporatieId: CORP });
  });

  it('a matching must name a woningcorporatie of the directory', async () => {
    const { caseId } = await opWachtlijst();
    const answer = await h.post(`/cases/${caseId}/forms/matching`, callers.begeleider, matchingBody('za-hvo-querido'));
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'body.corporatieId' })]);
  });
});
