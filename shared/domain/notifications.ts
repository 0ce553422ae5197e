/**
 * One-off notifications caused by forms: a table of rules event → parties → text. Every accepted form is matched
 * against this table; each matching rule becomes ONE e-mail (one reminder item with stage `melding`, fired at once
 * through the same queue as the deadline reminders, so it has the same exactly-once guarantees).
 *
 * The e-mails carry the case reference and a link, never the content of the form: a motivatie, a decision's
 * reasons or anything about the client stays in the app ("bekijk het dossier").
 * Predicates read the forms' data typed (case.ts EventData); the mails that ask Wonen to toets come from the intake
 * table (wonen-intakes.ts), as do the queue and the deadlines.
 */
import { AKKOORD_EVENT, type AkkoordEventType } from './akkoord.js';
import { on, type CaseEvent, type CaseState, type EventData } from './case.js';
import type { Party } from './deadlines/index.js';
import type { Action } from './phases.js';
import { regioToetst } from './regio.js';
import { wonenIntakes } from './wonen-intakes.js';
import type { WonenKind } from './wonen-queue.js';

export interface NotificationRule {
  /** Stable id: part of the reminder id, so never rename a rule that may have pending items. */
  id: string;
  /** The event type; `akkoord-gevraagd`: any submission ingediend bij the corporatie for its akkoord (akkoord.ts). */
  action: Action | AkkoordEventType | 'akkoord-gevraagd';
  when?: (event: CaseEvent, after: CaseState) => boolean;
  to: readonly Party[];
  /** Mail subject after the case reference: short, Dutch, no personal data. */
  subject: string;
  /** What happened, one sentence. */
  summary: string;
  /** What each recipient is asked to do. */
  todo: Partial<Record<Party, string>>;
  source: string;
  /** A mail that asks Wonen to toets within the term: only in a regio whose gemeente toetst this kind (regio.ts). */
  intake?: WonenKind;
  /** Only in a regio whose gemeente does NOT toets this kind (the informative counterpart). */
  unlessIntake?: WonenKind;
}

/**
 * The mails that ask Wonen to toets a submission, from the intake table (wonen-intakes.ts): one per submission that
 * opens a queue item and names a mail, only in a regio whose gemeente toetst the kind.
 */
const WONEN_INTAKE_RULES: readonly NotificationRule[] = wonenIntakes().flatMap(([kind, intake]) =>
  intake.submissions.flatMap(({ action, when, mail }): NotificationRule[] =>
    mail
      ? [{ id: mail.id, intake: kind, action, ...(when ? { when } : {}), to: ['woonzaken'], subject: mail.subject, summary: mail.summary, todo: { woonzaken: mail.todo }, source: mail.source }]
      : [],
  ),
);

/** A rule on form `action`'s events whose data passes `when`, typed from the form (a typo fails to compile). */
function onForm<A extends Action>(action: A, when: (data: EventData<A>) => boolean): Pick<NotificationRule, 'action' | 'when'> {
  return { action, when: on(action, when).when! };
}

/** The notification rules, in the order their mails are planned. */
export const NOTIFICATION_RULES: readonly NotificationRule[] = [
  ...WONEN_INTAKE_RULES,
  // 002 WA1 NB, WA3: the intermediaire verhuur ends before the omklap; the corporatie and Wonen must know.
  {
    id: 'einde-intermediaire-verhuur',
    action: 'einde-intermediaire-verhuur',
    to: ['corporatie', 'woonzaken'],
    subject: 'Einde intermediaire verhuur',
    summary: 'De intermediaire verhuur is beëindigd vóór de omklap.',
    todo: {
      corporatie: 'Handel de beëindiging van de huurovereenkomst af volgens de afspraken.',
      woonzaken: 'Verwerk het einde van de intermediaire verhuur (urgentie).',
    },
    source: '002 WA1; 002 WA3',
  },
  // 002 WA8 stap 4: "De directie Wonen stuurt een bevestiging per e-mail aan de corporatie en de zorgaanbieder."
  {
    id: 'besluit-omklap-akkoord',
    ...onForm('besluit-omklap', (d) => d.besluit === 'akkoord'),
    to: ['corporatie', 'zorgaanbieder'],
    subject: 'Bevestiging omklap: definitieve urgentie verleend',
    summary: 'De afdeling Wonen is akkoord met de voordracht voor omklap.',
    todo: {
      corporatie: 'Zet de huurovereenkomst binnen 4 tot 6 weken op naam van de bewoner (002 WA8 stap 4).',
      zorgaanbieder: 'Bereid met de bewoner de omklap voor.',
    },
    source: '002 WA8 stap 4',
  },
  // 002 WA8 stap 4: terug met motivatie aan de zorgaanbieder; the motivatie stays in the app.
  {
    id: 'besluit-omklap-terug',
    ...onForm('besluit-omklap', (d) => d.besluit !== 'akkoord'),
    to: ['zorgaanbieder'],
    subject: 'Voordracht voor omklap teruggestuurd',
    summary: 'De afdeling Wonen heeft de voordracht voor omklap teruggestuurd met een motivatie.',
    todo: { zorgaanbieder: 'Bekijk de motivatie in het dossier en pas de voordracht zo nodig aan.' },
    source: '002 WA8 stap 4',
  },
  // 003 Fase Doorstroom: the woon-/leefvraag is "door de zorgaanbieder bekend gemaakt bij de corporatie en gemeente";
  // 003 and 004 give the gemeente no toetstermijn, so the mail informs and asks nothing within a term.
  {
    id: 'woonvraag-gemeente',
    action: 'aanvraag-urgentie',
    unlessIntake: 'urgentie',
    to: ['woonzaken'],
    subject: 'Woonvraag gedeeld',
    summary: 'De zorgaanbieder heeft de woonvraag (aanvraag) van een cliënt gedeeld.',
    todo: { woonzaken: 'Ter informatie. De afspraken van deze regio noemen geen toetstermijn voor de gemeente.' },
    source: '003 Fase Doorstroom, Eerste contact in de driehoek; 004 Regeling Voorrang Uitstroom Instelling',
  },
  // 001 §3: "De zorgaanbieder meldt dit met het formulier (Tijdelijke) afmelding voor de Omslagroute, zodat vervuiling
  // van de wachtlijst wordt voorkomen": Wonen keeps the wachtlijst, so it is told of every afmelding of a case it knows
  // (not of one still in onderzoek, which never reached Wonen: 002 WA10, share only what is needed), and of the return.
  {
    id: 'afmelding-wonen',
    ...onForm('afmelding', (d) => d.vanuitFase !== 'onderzoek'),
    to: ['woonzaken'],
    subject: '(Tijdelijke) afmelding voor de Omslagroute',
    summary: 'De zorgaanbieder heeft de cliënt (tijdelijk) afgemeld voor de Omslagroute.',
    todo: { woonzaken: 'Verwerk de afmelding in de wachtlijst (actieve bemiddeling).' },
    source: '001 §3 (Tijdelijke) afmelding',
  },
  {
    id: 'heraanmelding-wonen',
    action: 'heraanmelding',
    to: ['woonzaken'],
    subject: 'Heraanmelding voor de Omslagroute',
    summary: 'De zorgaanbieder heeft een tijdelijk afgemelde cliënt opnieuw aangemeld.',
    todo: { woonzaken: 'Verwerk de heraanmelding in de wachtlijst; een aanvraag die nog openstond, ligt weer bij u (5 werkdagen).' },
    source: '001 §3 (Tijdelijke) afmelding',
  },
  // 001 §3: "De cliënt krijgt een eenmalig aanbod … Bovendien krijgt de cliënt gedurende twee jaar geen nieuw aanbod":
  // the refusal changes the wachtlijst Wonen keeps, so Wonen is told (the redenen stay in the app).
  {
    id: 'weigering-aanbod-wonen',
    action: 'weigering-aanbod',
    to: ['woonzaken'],
    subject: 'Woningaanbod geweigerd',
    summary: 'Het eenmalige woningaanbod is geweigerd.',
    todo: { woonzaken: 'Verwerk de weigering: gedurende twee jaar geen nieuw aanbod (001 §3).' },
    source: '001 §3 Matching woning en cliënt; 002 WA1 stap 2',
  },
  // 001 §3 Matching woning en cliënt: "De zorgaanbieder bepaalt welke cliënt het beste bij welke woning past"; the
  // corporatie then makes the one offer (woningaanbod). The seed gives no term for that offer beyond the shared
  // ambition of 3 months (woningaanbod-ambitie), so the mail asks for the offer without a new term.
  {
    id: 'matching-corporatie',
    action: 'matching',
    to: ['corporatie'],
    subject: 'Cliënt gematcht met uw woning',
    summary: 'De zorgaanbieder heeft een cliënt van de wachtlijst gematcht met een woning van uw corporatie.',
    todo: { corporatie: 'Doe het woningaanbod (eenmalig aanbod, 001 §3) en leg het vast in het dossier.' },
    source: '001 §3 Matching woning en cliënt',
  },
  // 002 WA6: "Bij overlast is snel handelen geboden": the meldpunt and the begeleider hear of a melding the moment it is
  // recorded (not the next werkdag at 08:00), so the melder can be benaderd and the corporatie informed in time.
  {
    id: 'overlast-melding',
    ...onForm('overlast-melding', (d) => d.naOmklap !== true),
    to: ['meldpunt', 'begeleider'],
    subject: 'Overlastmelding ontvangen',
    summary: 'Er is een overlastmelding vastgelegd.',
    todo: {
      meldpunt: 'Benader de melder en informeer de woningcorporatie, beide binnen twee werkdagen (002 WA6; Bijlage 1 Actie 1).',
      begeleider: 'Benader de melder en informeer de woningcorporatie, beide binnen twee werkdagen (002 WA6; Bijlage 1 Actie 1).',
    },
    source: '002 WA6; 002 Bijlage 1',
  },
  // 002 WA9: after the omklap "geldt de reguliere werkwijze … van het Meldpunt Zorg en Woonoverlast": the MZWO is told.
  {
    id: 'overlast-melding-mzwo',
    ...onForm('overlast-melding', (d) => d.naOmklap === true),
    to: ['mzwo'],
    subject: 'Overlastmelding na omklap',
    summary: 'Er is een overlastmelding vastgelegd over een bewoner wiens huurcontract is omgeklapt.',
    todo: { mzwo: 'Pak de melding op volgens de reguliere werkwijze van het Meldpunt Zorg en Woonoverlast (002 WA9).' },
    source: '002 WA9; 002 WA6',
  },
  // 001 §3: Wonen's besluit on the aanvraag urgentie goes back to the zorgaanbieder.
  {
    id: 'besluit-urgentie',
    action: 'besluit-urgentie',
    to: ['zorgaanbieder'],
    subject: 'Besluit op aanvraag urgentie',
    summary: 'De afdeling Wonen heeft een besluit genomen op de aanvraag urgentie onder voorwaarden.',
    todo: { zorgaanbieder: 'Bekijk het besluit in het dossier.' },
    source: '001 §3',
  },
];

/**
 * The corporatie's akkoord (issue 13): it is asked when a form is ingediend bij haar, and the begeleider hears the answer.
 * The reason of a send-back stays in the dossier: the mail only says that there is one.
 */
const AKKOORD_RULES: readonly NotificationRule[] = [
  {
    id: 'akkoord-gevraagd',
    action: 'akkoord-gevraagd',
    to: ['corporatie'],
    subject: 'Formulier ter beoordeling',
    summary: 'De zorgaanbieder heeft een formulier bij u ingediend dat uw akkoord vraagt.',
    todo: { corporatie: 'Beoordeel het formulier in de werkplek (Te beoordelen): geef akkoord of stuur het terug met een reden.' },
    source: '002 Bijlage 2a, 3; 002 WA3; 002 WA8 stap 3; 002 Bijlage 6',
  },
  {
    id: 'akkoord-teruggestuurd',
    action: AKKOORD_EVENT.teruggestuurd,
    to: ['begeleider'],
    subject: 'Formulier teruggestuurd door de corporatie',
    summary: 'De woningcorporatie heeft een formulier teruggestuurd, met een reden.',
    todo: { begeleider: 'Lees de reden in het dossier, pas het formulier aan en dien het opnieuw in.' },
    source: '002 Bijlage 2a, 3',
  },
  {
    id: 'akkoord-gegeven',
    action: AKKOORD_EVENT.gegeven,
    to: ['begeleider'],
    subject: 'Akkoord van de corporatie',
    summary: 'De woningcorporatie heeft akkoord gegeven op een ingediend formulier.',
    todo: { begeleider: 'Bekijk het dossier: de stap telt nu mee.' },
    source: '002 Bijlage 2a, 3',
  },
];

/**
 * The rules an event triggers: a step of the route when it takes effect (with a form that needs the corporatie's
 * akkoord, that is when the akkoord is given), or the corporatie's answer. `asRecorded`: the event as just recorded,
 * so a submission ingediend bij the corporatie asks for its akkoord instead.
 */
export function notificationsFor(event: CaseEvent, after: CaseState, asRecorded = false): NotificationRule[] {
  if (asRecorded && event.akkoordVan) return AKKOORD_RULES.filter((rule) => rule.action === 'akkoord-gevraagd');
  return [...NOTIFICATION_RULES, ...AKKOORD_RULES].filter(
    (rule) =>
      rule.action === event.type &&
      (!rule.when || rule.when(event, after)) &&
      (!rule.intake || regioToetst(after.regio, rule.intake)) &&
      (!rule.unlessIntake || !regioToetst(after.regio, rule.unlessIntake)),
  );
}

export function notificationRuleById(id: string): NotificationRule | undefined {
  return [...NOTIFICATION_RULES, ...AKKOORD_RULES].find((rule) => rule.id === id);
}
