/**
 * The e-mails: Dutch dates (no zero-based month slips), HTML escaping, and — for EVERY template × stage, built the
 * way the pipeline builds them (planner → stored item → mailInput → renderMail) — no personal data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, formatIsoDate } from '../../shared/domain/calendar.js';
import type { CaseEvent, CaseState } from '../../shared/domain/case.js';
import { RULES, type Deadline } from '../../shared/domain/deadlines/index.js';
import { caseLink, dutchDate, dutchDateOfInstant, escapeHtml, GENERIC_INSTRUCTION, renderMail, RULE_INSTRUCTIONS } from '../../shared/domain/mail/index.js';
import { NOTIFICATION_RULES } from '../../shared/domain/notifications.js';
import { deadlineReminderPlanner, notificationPlanner } from '../../shared/app/reminders/planners.js';
import { mailInput } from '../../shared/app/reminders/send.js';
import type { CaseIntent } from '../../shared/app/ports.js';
import { storeEffectsOf } from '../../shared/adapters/dynamo/intents.js';
import type { ReminderItem } from '../../shared/adapters/dynamo/reminder-items.js';
import { noCaseItems } from '../../shared/app/ports.js';
import { changeContext } from '../../shared/app/effects.js';

describe('Dutch dates', () => {
  it.each([
    ['2026-05-27', 'woensdag 27 mei 2026'],
    ['2026-01-01', 'donderdag 1 januari 2026'],
    ['2026-01-31', 'zaterdag 31 januari 2026'],
    ['2026-12-31', 'donderdag 31 december 2026'],
    ['2028-02-29', 'dinsdag 29 februari 2028'],
    ['2026-11-23', 'maandag 23 november 2026'],
  ])('%s → %s', (date, expected) => {
    expect(dutchDate(date)).toBe(expected);
  });

  it('agrees with Intl nl-NL for every date (month and weekday never off by one)', () => {
    const format = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (offset) => {
        const date = addDays('2000-01-01', offset);
        const [y, m, d] = date.split('-').map(Number) as [number, number, number];
        expect(dutchDate(date)).toBe(format.format(Date.UTC(y, m - 1, d)));
      }),
      { numRuns: 500 },
    );
  });

  it('an instant is shown as its date in Europe/Amsterdam', () => {
    expect(dutchDateOfInstant('2026-05-26T22:30:00.000Z')).toBe('woensdag 27 mei 2026');
    expect(dutchDateOfInstant('2026-12-31T23:30:00.000Z')).toBe('vrijdag 1 januari 2027');
    expect(formatIsoDate({ year: 2026, month: 5, day: 27 })).toBe('2026-05-27');
  });
});

describe('escaping', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('a title with markup is escaped in the HTML part, and the link is a plain case link', () => {
    const mail = renderMail({
      kind: 'deadline',
      reference: 'OMS-2026-000123',
      caseId: 'c-1',
      baseUrl: 'https://omslagroute.example/',
      reminderId: 'rem-1',
      to: ['begeleider'],
      ruleId: 'x',
      title: '<script>alert("x")</script> & co',
      actor: 'begeleider',
      stage: 'vandaag',
      dueDate: '2026-05-27',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(mail.html).toContain('href="https://omslagroute.example/cases/c-1"');
    expect(mail.text).toContain(GENERIC_INSTRUCTION);
    expect(caseLink('https://a.example//', 'id/with space')).toBe('https://a.example/cases/id%2Fwith%20space');
  });
});

// -------------------------------------------------------------------------------------------------------------------
// Every template × stage, through the pipeline's own path, on a case full of personal-data markers.

const MARKERS = {
  pseudonym: 'PSEUDO-MARKER-7Q',
  street: 'Markerstraat',
  houseNumber: '999 Z',
  postcode: '9999 ZZ',
  name: 'Naam-Marker-Xy',
  birthDate: '1911-11-11',
  health: 'Diagnose-Marker',
  motivatie: 'Motivatie-Marker-Geheim',
};

const CASE: CaseState = {
  caseId: 'case-marker',
  reference: 'OMS-2026-000123',
  regio: 'amsterdam',
  route: 'MO',
  doelgroep: 'volwassene',
  clientPseudonym: MARKERS.pseudonym,
  zorgaanbiederId: 'za-hvo-querido',
  corporatieId: 'corp-ymere',
  phase: 'herstelfase',
  version: 3,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-06-01T09:00:00.000Z',
  facts: { toestemmingDelen: { gegeven: true, sinds: '2026-01-05', doelen: ['start-verhuur'], metWie: ['woningcorporatie', 'gemeente-wonen'] } } as CaseState['facts'],
};

const PERSONAL = {
  adres: { straat: MARKERS.street, huisnummer: MARKERS.houseNumber, postcode: MARKERS.postcode, plaats: 'Amsterdam' },
  client: { naam: MARKERS.name, geboortedatum: MARKERS.birthDate },
  toelichting: MARKERS.health,
  motivatie: MARKERS.motivatie,
};

function event(type: CaseEvent['type'], seq: number, data: Record<string, unknown>): CaseEvent {
  return {
    caseId: CASE.caseId,
    seq,
    type,
    occurredOn: '2026-06-01',
    recordedAt: '2026-06-01T09:00:00.000Z',
    actor: { userId: 'begeleider-1', organisationId: 'za-hvo-querido', role: 'begeleider' },
    data: { ...PERSONAL, ...data },
  };
}

/** Event data that triggers each notification rule (the test fails when a new rule has no sample here). */
const NOTIFICATION_SAMPLES: Record<string, [CaseEvent['type'], Record<string, unknown>, Partial<CaseState>?]> = {
  'aanvraag-urgentie': ['aanvraag-urgentie', {}],
  'voordracht-omklap': ['toets-derde', { akkoord: true }],
  'woningruil-ongelijk': ['woningruil', { ongelijk: true }],
  'verhuizing-wonen': ['verhuizing', { naarGroter: true }],
  'trajectwijziging-perspectief': ['trajectwijziging', { perspectief: 'groepswonen' }],
  'einde-intermediaire-verhuur': ['einde-intermediaire-verhuur', {}],
  'besluit-omklap-akkoord': ['besluit-omklap', { besluit: 'akkoord' }],
  'besluit-omklap-terug': ['besluit-omklap', { besluit: 'terug' }],
  'besluit-urgentie': ['besluit-urgentie', { besluit: 'akkoord' }],
  'afmelding-wonen': ['afmelding', { soort: 'tijdelijk', vanuitFase: 'wachtlijst' }],
  'heraanmelding-wonen': ['heraanmelding', { naarFase: 'wachtlijst' }],
  'weigering-aanbod-wonen': ['weigering-aanbod', { aanbodId: 'A1' }],
  'matching-corporatie': ['matching', { corporatieId: 'corp-ymere' }],
  'overlast-melding': ['overlast-melding', { meldingId: 'M1' }],
  // 003: a regio whose gemeente toetst no aanvraag (regio.ts) is informed without a term.
  'woonvraag-gemeente': ['aanvraag-urgentie', {}, { regio: 'klantreis-2023' }],
  'overlast-melding-mzwo': ['overlast-melding', { meldingId: 'M1', naOmklap: true }],
};

function putItems(writes: CaseIntent[]): ReminderItem[] {
  return storeEffectsOf(writes).flatMap((e) => (e.kind === 'put' ? [e.item as unknown as ReminderItem] : []));
}

/** One planned stage item per rule × stage of the engine, as the planner stores them. */
function everyDeadlineStage(): ReminderItem[] {
  const now = '2026-06-01T10:00:00.000Z';
  const deadlines: Deadline[] = RULES.map((rule, i) => ({
    deadlineId: `${rule.id}:${i}`,
    ruleId: rule.id,
    anchorKey: String(i),
    title: rule.title,
    source: rule.source,
    kind: rule.kind,
    actor: rule.actor,
    startedBy: 2,
    dueDate: '2026-09-30',
    dueAt: '2026-09-30T21:59:59.999Z',
    status: 'open',
    // Every stage in the future, so the planner keeps all of them.
    stages: rule.stages.map((s, j) => ({ stage: s.stage, fireAt: `2026-07-0${j + 1}T06:00:00.000Z`, to: [...s.to], passed: false })),
  }));
  const history = [event('case-aangemaakt', 1, {}), event('sleuteloverdracht', 2, {})];
  const effects = deadlineReminderPlanner(() => deadlines)(changeContext({ before: CASE, after: CASE, event: history[1]!, history, now }), noCaseItems());
  return putItems(effects);
}

function everyNotification(): ReminderItem[] {
  return NOTIFICATION_RULES.map((rule) => {
    const sample = NOTIFICATION_SAMPLES[rule.id];
    expect(sample, `no sample event for notification rule ${rule.id}`).toBeDefined();
    const [type, data, overrides] = sample!;
    const kase = { ...CASE, ...overrides };
    const history = [event('case-aangemaakt', 1, {}), event(type, 2, data)];
    const items = putItems(notificationPlanner(changeContext({ before: kase, after: kase, event: history[1]!, history, now: '2026-06-01T10:00:00.000Z' }), noCaseItems()));
    const item = items.find((i) => i.ruleId === rule.id);
    expect(item, `rule ${rule.id} did not fire for its sample`).toBeDefined();
    return item!;
  });
}

describe('every template × stage', () => {
  const stages = everyDeadlineStage();
  const notifications = everyNotification();

  it('covers every rule and every stage of the engine, and every notification rule', () => {
    expect(stages.length).toBe(RULES.reduce((n, r) => n + r.stages.length, 0));
    expect(new Set(stages.map((s) => s.stage))).toEqual(new Set(['vooraf', 'vandaag', 'escalatie']));
    expect(notifications.map((n) => n.ruleId)).toEqual(NOTIFICATION_RULES.map((r) => r.id));
  });

  it('every engine rule has its own instruction', () => {
    for (const rule of RULES) expect(RULE_INSTRUCTIONS[rule.id], rule.id).toBeTruthy();
  });

  it.each([...everyDeadlineStage(), ...everyNotification()].map((item) => [`${item.ruleId} / ${item.stage}`, item] as const))(
    '%s: reference in the subject, a case link, Dutch date, and no personal data',
    (_, item) => {
      const mail = renderMail(mailInput(item, 'https://omslagroute.example'));
      expect(mail.subject.startsWith('[OMS-2026-000123] ')).toBe(true);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      for (const part of [mail.subject, mail.text, mail.html]) {
        for (const marker of Object.values(MARKERS)) expect(part).not.toContain(marker);
        expect(part).not.toContain('undefined');
      }
      expect(mail.text).toContain('https://omslagroute.example/cases/case-marker');
      expect(mail.html).toContain('href="https://omslagroute.example/cases/case-marker"');
      expect(mail.text).toMatch(/(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag) \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) 20\d\d/);
      expect(mail.text).toContain(`Kenmerk bericht: ${item.reminderId}`);
      if (item.kind === 'deadline') expect(mail.text).toContain(item.title);
    },
  );

  it('the deadline mail states what, by when, for which case, and what to do', () => {
    const vooraf = stages.find((s) => s.ruleId === 'kennismaking-gehouden' && s.stage === 'vooraf')!;
    const mail = renderMail(mailInput(vooraf, 'https://omslagroute.example'));
    expect(mail.subject).toBe('[OMS-2026-000123] Binnenkort: Kennismakingsgesprek houden (uiterlijk woensdag 30 september 2026)');
    expect(mail.text).toContain('Uiterlijk: woensdag 30 september 2026');
    expect(mail.text).toContain(RULE_INSTRUCTIONS['kennismaking-gehouden']!);
    expect(mail.text).toContain('Verstuurd aan de begeleider en de woningcorporatie');
  });

  it('the besluit omklap terug notice tells the zorgaanbieder to read the motivatie in the dossier, not the motivatie itself', () => {
    const terug = notifications.find((n) => n.ruleId === 'besluit-omklap-terug')!;
    const mail = renderMail(mailInput(terug, 'https://omslagroute.example'));
    expect(mail.subject).toBe('[OMS-2026-000123] Voordracht voor omklap teruggestuurd');
    expect(mail.text).toContain('Bekijk de motivatie in het dossier');
    expect(mail.text).not.toContain(MARKERS.motivatie);
  });

  it('the voordracht mail to Wonen has the reference and "Voordracht voor omklap" in the subject', () => {
    const voordracht = notifications.find((n) => n.ruleId === 'voordracht-omklap')!;
    expect(renderMail(mailInput(voordracht, 'https://omslagroute.example')).subject).toBe('[OMS-2026-000123] Voordracht voor omklap');
  });
});
