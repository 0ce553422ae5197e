/**
 * End to end on the local stack: an overlast melding on Friday 22 May 2026, before 2e Pinksterdag (Monday 25 May),
 * is due Wednesday 27 May 2026 (002 WA6, Bijlage 1: binnen twee werkdagen). The heads-up comes on Tuesday 26 May,
 * the due-day mail on Wednesday 27 May at 08:00 Amsterdam time — not a day early; recording that the melder was
 * benaderd stops the rest. The meldpunt and the begeleider hear of the melding when it is recorded (issue 14 point 6).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readLocalOutbox } from '../../shared/local/services.js';
import { aanvraagUrgentieBody, besluitUrgentieBody, createCaseBody, sleuteloverdrachtBody, woningaanbodBody } from '../support/bodies.js';
import { callers, localApi, type Caller, type TestApi } from '../support/api.js';
import { reminderHarness, type ReminderHarness } from '../support/reminders.js';

const START = '2026-05-11';
const MARKERS = { pseudonym: 'OV-MARKER-Z3', street: 'Overlastmarkerstraat', beschrijving: 'Omschrijving-Marker-Geluid' };
const TITLE = 'Overlastmelding: melder benaderen binnen twee werkdagen';
const MELDPUNT = 'meldpunt-overlast@hvo-querido.example';
const BEGELEIDER = 'begeleider.een@hvo-querido.example';

let api: TestApi;
let h: ReminderHarness;
let caseId: string;
let reference: string;

function post(action: string, who: Caller, body: unknown) {
  return api.submitForm(caseId, action, who, body);
}

async function at(instant: string) {
  api.stack.clock.set(instant);
  await h.scheduler.tick();
  return (await h.mailsFor(reference)).filter((m) => m.subject.includes(TITLE));
}

beforeAll(async () => {
  api = await localApi({ now: `${START}T08:00:00.000Z` });
  h = await reminderHarness(api);
  const created = await api.post('/cases', callers.begeleider, createCaseBody({ clientPseudonym: MARKERS.pseudonym }));
  ({ caseId, reference } = created.body as { caseId: string; reference: string });
  const adres = { straat: MARKERS.street, huisnummer: '3', postcode: '1011 AA', plaats: 'Amsterdam' };
  await post('aanvraag-urgentie', callers.begeleider, aanvraagUrgentieBody(START));
  await post('besluit-urgentie', callers.wonen, besluitUrgentieBody(START));
  await post('woningaanbod', callers.begeleider, woningaanbodBody(START, { corporatieId: 'corp-ymere', adres }));
  await post('sleuteloverdracht', callers.begeleider, sleuteloverdrachtBody(START, { adres, clientGeinformeerdOp: START }));
  await h.scheduler.tick();
});

describe('overlast melding before 2e Pinksterdag', () => {
  it('melding on Friday 22 May 2026 → heads-up Tuesday 26 May, due-day mail Wednesday 27 May 2026', async () => {
    api.stack.clock.set('2026-05-22T10:00:00.000Z');
    await post('overlast-melding', callers.corporatie, {
      meldingId: 'M-0522',
      ontvangenOp: '2026-05-22',
      melder: 'buren',
      via: 'corporatie',
      aard: ['geluid'],
      omschrijving: MARKERS.beschrijving,
    });
    const stages = (await h.reminders(caseId)).filter((r) => r.ruleId === 'overlast-reactie');
    expect(stages.find((r) => r.stage === 'vandaag')).toMatchObject({ dueDate: '2026-05-27', fireAt: '2026-05-27T06:00:00.000Z', reminderStatus: 'pending' });

    expect(await at('2026-05-22T18:00:00.000Z')).toHaveLength(0);
    // 002 WA6 "Bij overlast is snel handelen geboden": told at once, not the next werkdag at 08:00.
    const told = (await h.mailsFor(reference)).filter((m) => m.subject === `[${reference}] Overlastmelding ontvangen`);
    expect(told.map((m) => m.to)).toEqual([[MELDPUNT, BEGELEIDER]]);
    expect(await at('2026-05-25T06:05:00.000Z')).toHaveLength(0); // 2e Pinksterdag: not a werkdag
    expect(await at('2026-05-26T05:55:00.000Z')).toHaveLength(0); // 07:55 in Amsterdam
    const heads = await at('2026-05-26T06:05:00.000Z');
    expect(heads.map((m) => m.subject)).toEqual([`[${reference}] Binnenkort: ${TITLE} (uiterlijk woensdag 27 mei 2026)`]);
    expect(heads[0]!.to).toEqual([MELDPUNT, BEGELEIDER]);

    expect(await at('2026-05-26T21:59:00.000Z')).toHaveLength(1); // 23:59 on Tuesday in Amsterdam: still only the heads-up
    const due = await at('2026-05-27T06:05:00.000Z');
    expect(due).toHaveLength(2);
    expect(due[1]!.subject).toBe(`[${reference}] Vandaag: ${TITLE}`);
    expect(due[1]!.text).toContain('loopt vandaag af, woensdag 27 mei 2026');
    expect(due[1]!.text).toContain('Uiterlijk: woensdag 27 mei 2026');
  });

  it('recording that the melder was benaderd stops the escalation (002 WA6)', async () => {
    api.stack.clock.set('2026-05-27T12:00:00.000Z');
    await post('overlast-actie', callers.begeleider, { meldingId: 'M-0522', actie: 'melder-benaderd', datum: '2026-05-27' });
    expect(await at('2026-05-28T06:05:00.000Z')).toHaveLength(2);
    const escalatie = (await h.reminders(caseId)).find((r) => r.ruleId === 'overlast-reactie' && r.stage === 'escalatie');
    expect(escalatie).toMatchObject({ reminderStatus: 'cancelled', cancelReason: 'met' });
    expect(escalatie!.GSI2PK).toBeUndefined();
  });

  it('no mail contains personal data of the client', async () => {
    const all = await readLocalOutbox(api.stack.services);
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const mail of all) {
      for (const part of [mail.subject, mail.text ?? '', mail.html ?? '']) {
        for (const marker of Object.values(MARKERS)) expect(part).not.toContain(marker);
      }
    }
  });
});
