/**
 * End to end, as the users work: over HTTP through the local API Gateway, with each party's own token, the real
 * handlers, DynamoDB Local, the reminder pipeline on local SQS and the local SES outbox.
 * One case from the aanvraag urgentie to the contract op eigen naam; one through the overlast protocol to the
 * ontbinding (002 Bijlage 1); a klantreis-2023 case to the contract op eigen naam through the eindevaluatie (003).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, amsterdamInstant } from '../../shared/domain/calendar.js';
import type { Action, Phase } from '../../shared/domain/phases.js';
import type { Role } from '../../shared/domain/roles.js';
import { callers, localApi, type Caller, type TestApi } from '../support/api.js';
import { reminderHarness, type ReminderHarness } from '../support/reminders.js';
import { walkCase, type WalkStep } from '../support/walk.js';
import { FIXTURE_TODAY, validInput, type Overrides } from '../unit/forms.fixtures.js';

const d = (n: number) => addDays(FIXTURE_TODAY, n);
const PSEUDONYM = 'Q.X.';

let api: TestApi;
let reminders: ReminderHarness;

beforeAll(async () => {
  api = await localApi({ now: amsterdamInstant(FIXTURE_TODAY, 12) });
  reminders = await reminderHarness(api);
});

const walk = (steps: readonly WalkStep[], caseBody: Record<string, unknown> = {}, as: Partial<Record<Role, Caller>> = {}) =>
  walkCase(api, steps, { caseBody: { clientPseudonym: PSEUDONYM, ...caseBody }, as });

describe('a case from aanvraag urgentie to the contract op eigen naam', () => {
  let caseId: string;
  let reference: string;

  beforeAll(async () => {
    ({ caseId, reference } = await walk([
      ['aanvraag-urgentie', {}, 'urgentie_aangevraagd'],
      ['besluit-urgentie', {}, 'wachtlijst'],
      ['woningaanbod', {}, 'aanbod'],
      ['reactie-aanbod', {}, 'aanbod'],
      ['bezichtiging', {}, 'aanbod'],
      ['sleuteloverdracht', {}, 'herstelfase'],
      ['afspraak-gepland', {}, 'herstelfase'],
      ['kennismaking', {}, 'herstelfase'],
      ['begeleidingsplan', {}, 'herstelfase'],
      ['woonevaluatie', {}, 'herstelfase'],
      ['voordracht-omklap', {}, 'voordracht'],
      ['toets-derde', {}, 'toets_wonen'],
      ['besluit-omklap', {}, 'omklap_akkoord'],
      ['huurcontract-eigen-naam', {}, 'omgeklapt'],
    ]));
    await reminders.scheduler.tick();
  });

  it('ends omgeklapt, with every deadline of the route met and nothing overdue', async () => {
    const read = await api.get(`/cases/${caseId}`, callers.begeleider);
    expect(read.body.phase).toBe('omgeklapt');
    const deadlines = (await api.get(`/cases/${caseId}/deadlines`, callers.begeleider)).body.deadlines as Array<{ ruleId: string; status: string }>;
    for (const rule of ['wonen-toets-urgentie', 'kennismaking-plannen', 'kennismaking-gehouden', 'begeleidingsplan', 'wonen-toets-omklap', 'contract-eigen-naam']) {
      expect(deadlines.filter((x) => x.ruleId === rule).map((x) => x.status), rule).toEqual(['met']);
    }
    expect(deadlines.filter((x) => x.status === 'overdue' || x.status === 'missed')).toEqual([]);
  });

  it('took both submissions through Wonen’s queue to a decision', async () => {
    const decided = await api.get('/wonen/queue?status=besloten&limit=100', callers.wonen);
    const mine = decided.body.items.filter((i: { caseId: string }) => i.caseId === caseId);
    expect(mine.map((i: { kind: string }) => i.kind).sort()).toEqual(['omklap', 'urgentie']);
  });

  it('mailed woonzaken for each submission and the parties for the decisions, with the reference and never the pseudonym', async () => {
    const mails = await reminders.mailsFor(reference);
    expect(mails.length).toBeGreaterThanOrEqual(3);
    const recipients = mails.flatMap((m) => m.to).join(' ');
    expect(recipients).toMatch(/woonzaken/);
    expect(recipients).toMatch(/ymere/);
    for (const mail of mails) {
      expect(`${mail.subject} ${mail.text} ${mail.html}`).not.toContain(PSEUDONYM);
      expect(`${mail.text} ${mail.html}`).not.toMatch(/Voorbeeldstraat|1012 AB/);
    }
  });

  it('shows the corporatie the wonen-forms and never the begeleidingsplan', async () => {
    const asCorporatie = await api.get(`/cases/${caseId}`, callers.corporatie);
    expect(asCorporatie.status).toBe(200);
    const types = asCorporatie.body.timeline.map((e: { type: string }) => e.type);
    expect(types).toContain('kennismaking');
    expect(types).not.toContain('begeleidingsplan');
    expect(JSON.stringify(asCorporatie.body)).not.toContain(PSEUDONYM);
  });
});

describe('a case through the overlast protocol to the ontbinding', () => {
  it('follows the protocol’s order, answers each melding in time and ends afgesloten', async () => {
    const melding = (meldingId: string, ontvangenOp: string): [Action, Overrides, Phase] => ['overlast-melding', { meldingId, ontvangenOp }, 'herstelfase'];
    const actie = (meldingId: string, a: number | string, datum: string, extra: Overrides = {}, phase: Phase = 'herstelfase'): [Action, Overrides, Phase] => [
      'overlast-actie',
      { meldingId, actie: a, datum, ...extra },
      phase,
    ];
    const { caseId } = await walk([
      ['aanvraag-urgentie', {}, 'urgentie_aangevraagd'],
      ['besluit-urgentie', {}, 'wachtlijst'],
      ['woningaanbod', {}, 'aanbod'],
      ['sleuteloverdracht', {}, 'herstelfase'],
      ['kennismaking', {}, 'herstelfase'],
      melding('MELD-A', d(-120)),
      actie('MELD-A', 'melder-benaderd', d(-119)), // 002 WA6: the melder, apart from the corporatie (actie 1)
      actie('MELD-A', 1, d(-119)),
      actie('MELD-A', 2, d(-115), { oordeel: { gedrag: 'bewust', klacht: 'terecht' } }),
      melding('MELD-B', d(-60)),
      actie('MELD-B', 'melder-benaderd', d(-60)),
      actie('MELD-B', 1, d(-59)),
      ['mzwo-escalatie', { datum: d(-58), criteria: ['voortdurend', 'meerdere-buren'], meldingId: 'MELD-B' }, 'herstelfase'],
      actie('MELD-B', 3, d(-58), { mzwoBetrokken: true }),
      actie('MELD-B', 4, d(-40), { juridischAdvies: true }),
      actie('MELD-B', 5, d(-20), { juridischAdvies: true }),
      actie('MELD-B', 6, d(-5), { juridischAdvies: true, ontbinding: { eiv: true, bewonerStemtIn: false } }, 'afgesloten'),
    ]);
    const deadlines = (await api.get(`/cases/${caseId}/deadlines`, callers.begeleider)).body.deadlines as Array<{ deadlineId: string; ruleId: string; status: string }>;
    expect(deadlines.filter((x) => x.ruleId === 'overlast-reactie').map((x) => x.status)).toEqual(['met', 'met']);
    expect(deadlines.filter((x) => x.ruleId === 'overlast-corporatie-informeren').map((x) => x.status)).toEqual(['met', 'met']);
    expect(deadlines.find((x) => x.deadlineId === 'overlast-opgelost:MELD-B')?.status).toBe('met');
    // Skipping a step of the protocol is refused: actie 5 cannot come before actie 4.
    const { caseId: other } = await walk([
      ['aanvraag-urgentie', {}, 'urgentie_aangevraagd'],
      ['besluit-urgentie', {}, 'wachtlijst'],
      ['woningaanbod', {}, 'aanbod'],
      ['sleuteloverdracht', {}, 'herstelfase'],
      melding('MELD-C', d(-30)),
      actie('MELD-C', 1, d(-29)),
    ]);
    const skipped = await api.post(`/cases/${other}/forms/overlast-actie`, callers.begeleider, validInput('overlast-actie', { meldingId: 'MELD-C', actie: 5, datum: d(-20) }));
    expect(skipped.status).toBe(422);
  });
});

describe('a klantreis-2023 case to the contract op eigen naam through the eindevaluatie (003 Fase Proefwonen)', () => {
  // 003 Omkappen huurcontract: "Bij een positieve eindevaluatie wordt het huurcontract op naam van de client gezet."
  // No voordracht, no toets of the onafhankelijke derde, no toets Wonen (regio.ts omklap 'eindevaluatie').
  const wonenKlantreis: Caller = { organisationId: 'gemeente-klantreis-wonen', role: 'medewerker-wonen', sub: 'wonen-kr-1', regio: 'klantreis-2023' };
  let caseId: string;
  let reference: string;
  let offeredBefore: string[];

  beforeAll(async () => {
    ({ caseId, reference } = await walk(
      [
        ['aanvraag-urgentie', {}, 'urgentie_aangevraagd'],
        ['besluit-urgentie', {}, 'wachtlijst'],
        ['woningaanbod', {}, 'aanbod'],
        ['sleuteloverdracht', {}, 'herstelfase'],
        ['kennismaking', {}, 'herstelfase'],
      ],
      { regio: 'klantreis-2023' },
      { 'medewerker-wonen': wonenKlantreis },
    ));
    offeredBefore = (await api.get(`/cases/${caseId}`, callers.corporatie)).body.actions;
  });

  it('the corporatie is offered the huurcontract op eigen naam only after the eindevaluatie it agreed to; then omgeklapt', async () => {
    expect(offeredBefore).not.toContain('huurcontract-eigen-naam');
    const version = (await api.get(`/cases/${caseId}`, callers.begeleider)).body.version as number;
    const eind = await api.submitForm(caseId, 'woonevaluatie', callers.begeleider, validInput('woonevaluatie'), { headers: { 'if-match': `"${version}"` } });
    expect(eind.body.phase).toBe('omklap_akkoord');
    const asCorporatie = await api.get(`/cases/${caseId}`, callers.corporatie);
    expect(asCorporatie.body.actions).toContain('huurcontract-eigen-naam');
    // The forms of Wonen's besluit are not klantreis forms: refused as such (422 formulier-niet-in-regio).
    for (const [action, caller] of [['voordracht-omklap', callers.begeleider], ['besluit-omklap', wonenKlantreis]] as const) {
      const refused = await api.post(`/cases/${caseId}/forms/${action}`, caller, validInput(action));
      expect(refused.status, `${action}: ${refused.text}`).toBe(422);
      expect(refused.text).toMatch(/formulier-niet-in-regio|hoort niet bij de route van regio klantreis-2023/);
    }
    const contract = await api.submitForm(caseId, 'huurcontract-eigen-naam', callers.corporatie, validInput('huurcontract-eigen-naam'));
    expect(contract.body.phase).toBe('omgeklapt');
  });

  it('put nothing in Wonen’s queue and mailed the gemeente only the woonvraag, without a term', async () => {
    await reminders.scheduler.tick();
    const queue = await api.get('/wonen/queue?limit=100', wonenKlantreis);
    expect(queue.status).toBe(200);
    expect(queue.body.items.filter((i: { caseId: string }) => i.caseId === caseId)).toEqual([]);
    const decided = await api.get('/wonen/queue?status=besloten&limit=100', wonenKlantreis);
    expect(decided.body.items.filter((i: { caseId: string }) => i.caseId === caseId)).toEqual([]);
    const toGemeente = (await reminders.mailsFor(reference)).filter((m) => m.to.some((to) => to.includes('wonen-uitstroom@gemeente.example')));
    expect(toGemeente.map((m) => m.subject).join(' | ')).toMatch(/Woonvraag gedeeld/);
    for (const mail of toGemeente) expect(`${mail.subject} ${mail.text}`).not.toMatch(/5 werkdagen|Toets de /);
    const deadlines = (await api.get(`/cases/${caseId}/deadlines`, callers.begeleider)).body.deadlines as Array<{ ruleId: string }>;
    expect(deadlines.map((x) => x.ruleId)).not.toContain('contract-eigen-naam');
    expect(deadlines.map((x) => x.ruleId)).not.toContain('wonen-toets-omklap');
  });
});
