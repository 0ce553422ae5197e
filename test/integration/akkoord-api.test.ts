/**
 * The corporatie's own akkoord (issue 13; shared/domain/akkoord.ts) on the local stack, through the real handlers and
 * DynamoDB Local: a form ingediend bij the corporatie counts only once it gives its akkoord; nobody else can give it;
 * a send-back and the resubmission keep both versions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, callers, localApi, type Caller, type TestApi } from '../support/api.js';
import { createCaseBody } from '../support/bodies.js';
import { addDays, amsterdamInstant } from '../../shared/domain/calendar.js';
import type { Action } from '../../shared/domain/phases.js';
import { STEPS_BEFORE, validInput } from '../unit/forms.fixtures.js';

const TOETS_ON = '2027-04-29';
const FIXTURE_TODAY = addDays(TOETS_ON, 55);
let api: TestApi;

beforeAll(async () => {
  api = await localApi({ now: amsterdamInstant(TOETS_ON, 10) });
});


/** A case walked to the point where `action` may be filed (the corporatie agrees to everything before it). */
async function caseBefore(action: Action): Promise<string> {
  const created = await api.post('/cases', callers.begeleider, createCaseBody());
  expect(created.status).toBe(201);
  const caseId = created.body.caseId as string;
  for (const { action: a, overrides } of STEPS_BEFORE[action]) await api.submitForm(caseId, a, callerFor(a), validInput(a, overrides ?? {}, FIXTURE_TODAY));
  return caseId;
}

const dossier = async (caseId: string, who: Caller = callers.begeleider) => (await api.get(`/cases/${caseId}`, who)).body;
const deadlines = async (caseId: string, who: Caller = callers.begeleider) => (await api.get(`/cases/${caseId}/deadlines`, who)).body.deadlines as Array<Record<string, unknown>>;
const answer = (caseId: string, seq: number, who: Caller, body: Record<string, unknown>) => api.post(`/cases/${caseId}/akkoorden/${seq}`, who, body);

describe('a step that needs the corporatie’s akkoord', () => {
  it('does not count until it is given: the voordracht reaches Wonen with the akkoord, not with the derde’s toets', async () => {
    const caseId = await caseBefore('toets-derde');
    const toets = await api.submitForm(caseId, 'toets-derde', callers.derde, validInput('toets-derde', { datum: TOETS_ON }, FIXTURE_TODAY), { akkoord: false });
    const seq = toets.body.event.seq as number;
    expect(toets.body).toMatchObject({ phase: 'voordracht', event: { ingediendBij: 'woningcorporatie' } });
    // Not with Wonen yet: no queue item.
    expect((await api.get('/wonen/queue', callers.wonen)).body.items.some((i: { caseId: string }) => i.caseId === caseId)).toBe(false);
    // The corporatie's own term to answer (regio configuration: 5 werkdagen), visible to it and to the begeleider.
    const wait = (await deadlines(caseId, callers.corporatie)).find((d) => d.deadlineId === `akkoord-corporatie:${seq}`);
    expect(wait).toMatchObject({ actor: 'corporatie', status: 'open', dueDate: '2027-05-10', werkdagenLeft: 5 });
    expect(String(wait!.source)).toMatch(/de seeds noemen geen termijn/);
    expect((await api.get('/deadlines', callers.corporatie)).body.items.some((d: { deadlineId: string }) => d.deadlineId === `akkoord-corporatie:${seq}`)).toBe(true);
    expect((await dossier(caseId, callers.corporatie)).akkoorden).toContainEqual(
      expect.objectContaining({ seq, action: 'toets-derde', status: 'ingediend', betreft: expect.any(Number) }),
    );

    // Two days later the corporatie takes it in behandeling and agrees: the 5 werkdagen of Wonen start then.
    api.stack.clock.set(amsterdamInstant('2027-05-03', 9));
    expect((await answer(caseId, seq, callers.corporatie, { besluit: 'in-behandeling' })).status).toBe(201);
    expect((await dossier(caseId)).akkoorden.find((a: { seq: number }) => a.seq === seq)).toMatchObject({ status: 'in_behandeling', inBehandelingBij: { userId: 'ymere-1' } });
    const given = await answer(caseId, seq, callers.corporatie, { besluit: 'akkoord' });
    expect(given.status, given.text).toBe(201);
    expect(given.body.phase).toBe('toets_wonen');
    const item = (await api.get('/wonen/queue', callers.wonen)).body.items.find((i: { caseId: string }) => i.caseId === caseId);
    expect(item).toMatchObject({ seq, kind: 'omklap', receivedOn: '2027-05-03', dueDate: '2027-05-12' });
    expect((await deadlines(caseId)).find((d) => d.deadlineId === `akkoord-corporatie:${seq}`)).toMatchObject({ status: 'met', metOn: '2027-05-03' });
    // Answered once: a second answer is refused.
    expect((await answer(caseId, seq, callers.corporatie, { besluit: 'akkoord' })).status).toBe(422);
  });

  it('nobody can give another organisation’s akkoord: another corporatie, the begeleider, Wonen all get "not found"', async () => {
    const caseId = await caseBefore('woonevaluatie');
    const submitted = await api.submitForm(caseId, 'woonevaluatie', callers.begeleider, validInput('woonevaluatie', {}, FIXTURE_TODAY), { akkoord: false });
    const seq = submitted.body.event.seq as number;
    for (const who of [callers.andereCorporatie, callers.begeleider, callers.derde, callers.wonen]) {
      const refused = await answer(caseId, seq, who, { besluit: 'akkoord' });
      expect(refused.status, `${who.sub}: ${refused.text}`).toBe(404);
    }
    expect((await dossier(caseId)).akkoorden.find((a: { seq: number }) => a.seq === seq)).toMatchObject({ status: 'ingediend' });
    // A seq that is not waiting for an akkoord is not found either.
    expect((await answer(caseId, seq - 1, callers.corporatie, { besluit: 'akkoord' })).status).toBe(404);
    // A send-back needs its reason (Dutch field error).
    const noReason = await answer(caseId, seq, callers.corporatie, { besluit: 'terugsturen' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Vul de reden in');
  });

  it('a send-back and the resubmission keep both versions; the resubmission is marked and counts with its akkoord', async () => {
    const caseId = await caseBefore('woonevaluatie');
    const first = await api.submitForm(caseId, 'woonevaluatie', callers.begeleider, validInput('woonevaluatie', {}, FIXTURE_TODAY), { akkoord: false });
    const firstSeq = first.body.event.seq as number;
    // While one version waits, a second is refused: replace it instead.
    const twice = await api.post(`/cases/${caseId}/forms/woonevaluatie`, callers.begeleider, validInput('woonevaluatie', {}, FIXTURE_TODAY));
    expect(twice.status).toBe(422);
    expect(twice.text).toContain('akkoord-loopt');

    const back = await answer(caseId, firstSeq, callers.corporatie, { besluit: 'terugsturen', reden: 'De afspraak over de tuin ontbreekt' });
    expect(back.status, back.text).toBe(201);
    const corrected = validInput('woonevaluatie', { woning: { balkonTuin: 'Tuin wordt wekelijks bijgehouden (afspraak)' } }, FIXTURE_TODAY);
    const again = await api.post(`/cases/${caseId}/forms/woonevaluatie?supersedes=${firstSeq}`, callers.begeleider, corrected);
    expect(again.status, again.text).toBe(201);
    const secondSeq = again.body.event.seq as number;

    const view = await dossier(caseId);
    expect(view.akkoorden.filter((a: { action: string }) => a.action === 'woonevaluatie')).toEqual([
      expect.objectContaining({ seq: firstSeq, status: 'teruggestuurd', besluit: expect.objectContaining({ reden: 'De afspraak over de tuin ontbreekt' }), vervangenDoor: secondSeq }),
      expect.objectContaining({ seq: secondSeq, status: 'ingediend', opnieuwIngediendNa: firstSeq }),
    ]);
    const versions = view.timeline.filter((e: { type: string }) => e.type === 'woonevaluatie');
    expect(versions.map((e: { seq: number; akkoord: unknown }) => [e.seq, e.akkoord])).toEqual([
      [firstSeq, { van: 'woningcorporatie', status: 'teruggestuurd' }],
      [secondSeq, { van: 'woningcorporatie', status: 'ingediend' }],
    ]);
    expect(versions[0].data.woning.balkonTuin).not.toEqual(versions[1].data.woning.balkonTuin);
    // The corporatie sees its own answer with the reason; the begeleider was told by mail (no reason in the mail).
    expect((await dossier(caseId, callers.corporatie)).timeline.some((e: { type: string; data?: { reden?: string } }) => e.type === 'akkoord-teruggestuurd' && e.data?.reden)).toBe(true);

    expect((await answer(caseId, secondSeq, callers.corporatie, { besluit: 'akkoord' })).status).toBe(201);
    expect((await dossier(caseId)).akkoorden.filter((a: { action: string }) => a.action === 'woonevaluatie').map((a: { status: string }) => a.status)).toEqual(['teruggestuurd', 'akkoord']);
    // Now the voordracht may follow on that woonevaluatie (001 §4: "Als de corporatie akkoord gaat").
    const voordracht = await api.post(`/cases/${caseId}/forms/voordracht-omklap`, callers.begeleider, validInput('voordracht-omklap', {}, FIXTURE_TODAY));
    expect(voordracht.status, voordracht.text).toBe(201);
  });
});
