/**
 * What needs the afdeling Wonen (mailbox woonzaken): ONE table of Wonen's intakes. Per kind of request: the
 * submissions that send it to Wonen (which event, under which condition), what Wonen must do (the decision form that
 * closes it) and its term. Wonen's queue (wonen-queue.ts intakeKindOf), its 5-werkdagen deadlines (deadlines/rules.ts
 * wonen-toets-*) and the mails that ask Wonen to toets (notifications.ts) all derive from it, so a submission that
 * opens a queue item also starts the clock and sends the mail. Whether a regio's gemeente toetst a kind at all is the
 * regio's rule set (regio.ts wonenIntakes).
 *
 * Pure: imports only the event types and their typed filters.
 */
import { on, type CaseEvent, type EventData, type EventPredicate } from './case.js';
import type { Perspectief } from './forms/trajectwijziging.js';
import type { Action } from './phases.js';
import type { WonenKind } from './wonen-queue.js';

/**
 * 001 §4 "Toetsing en afronding": "toetst de afdeling Wonen binnen 5 werkdagen"; 002 WA8 stap 4: "stuurt Wonen binnen
 * vijf werkdagen een bevestiging". The seeds give the term for the voordracht only; the same term is kept for every
 * submission that needs Wonen (issue "Deadline engine"; regio.ts zonderTermijn).
 */
export const WONEN_TERMIJN_WERKDAGEN = 5;

/** 001 §3 Kernboodschap herstelfase 6: "De directie Wonen trekt de urgentie in als het perspectief verandert naar 24-uurs zorg of groepswonen." */
export const PERSPECTIEF_ZONDER_URGENTIE = ['24-uurs-zorg', 'groepswonen'] as const satisfies readonly Perspectief[];

/** The mail that asks Wonen to toets a submission (one e-mail, notifications.ts): no personal data, no form content. */
export interface WonenMail {
  /** Stable: part of the reminder id of the mail, so never rename one that may have pending items. */
  id: string;
  subject: string;
  summary: string;
  /** What Wonen is asked to do. */
  todo: string;
  source: string;
}

/** A submission that sends a request to Wonen: its form and condition, and the mail that asks Wonen to toets it. */
export interface WonenSubmission {
  action: Action;
  when?: EventPredicate;
  /** Absent where another notification already tells Wonen (named at the entry). */
  mail?: WonenMail;
}

/** The submission of form `action` whose data passes `when` (typed from the form: a typo fails to compile). */
function submitted<A extends Action>(action: A, when?: (data: EventData<A>) => boolean, mail?: WonenMail): WonenSubmission {
  const filter = on(action, when);
  return { action, ...(filter.when ? { when: filter.when } : {}), ...(mail ? { mail } : {}) };
}

export interface WonenIntake {
  /** Dutch label for the werkvoorraad, mail texts and the digest (no personal data). */
  label: string;
  /** Seed citation of why Wonen decides. */
  source: string;
  submissions: readonly WonenSubmission[];
  /** What Wonen must do: the decision form(s) that close the request. Empty: Wonen registers it (status endpoint). */
  decidedBy: readonly Action[];
  /**
   * Wonen's term: the deadline rule (its id is part of reminder ids: never rename), due WONEN_TERMIJN_WERKDAGEN after
   * receipt, met by `decidedBy`. Absent: no deadline (a registration has no decision that could meet one).
   */
  toets?: { deadlineId: string; title: string; source: string };
}

/** The one table, in the order of WONEN_KINDS (the mails are planned in this order). */
export const WONEN_INTAKES = {
  urgentie: {
    label: 'Aanvraag urgentie onder voorwaarden',
    // 001 §3: de aanvraag urgentie onder voorwaarden gaat naar de afdeling Wonen.
    source: '001 §3',
    submissions: [
      submitted('aanvraag-urgentie', undefined, {
        id: 'aanvraag-urgentie',
        subject: 'Aanvraag urgentie onder voorwaarden',
        summary: 'De zorgaanbieder heeft een aanvraag urgentie onder voorwaarden ingediend.',
        todo: 'Toets de aanvraag binnen 5 werkdagen en leg het besluit vast in het dossier.',
        source: '001 §3',
      }),
      // 001 §3: a heraanmelding of a client afgemeld while Wonen was toetsing the aanvraag puts the aanvraag back with
      // Wonen: a new item with a new 5-werkdagen clock from its receipt (the afmelding suspended the first one). Wonen
      // hears of it by the mail of every heraanmelding (notifications.ts heraanmelding-wonen).
      submitted('heraanmelding', (d) => d.naarFase === 'urgentie_aangevraagd'),
    ],
    decidedBy: ['besluit-urgentie'],
    toets: { deadlineId: 'wonen-toets-urgentie', title: 'Toets Wonen: aanvraag urgentie', source: '001 §3; termijn als 002 WA8 stap 4' },
  },
  omklap: {
    label: 'Voordracht voor omklap',
    // 002 WA8 stap 3: na het akkoord van de onafhankelijke derde stuurt de zorgaanbieder de voordracht naar Wonen; the
    // clock runs from the day Wonen received it (001 §4; 002 WA8 stap 4).
    source: '001 §4; 002 WA8 stap 3–4',
    submissions: [
      submitted('toets-derde', (d) => d.akkoord === true, {
        id: 'voordracht-omklap',
        subject: 'Voordracht voor omklap',
        summary: 'De onafhankelijke derde heeft de voordracht voor omklap getoetst en akkoord bevonden.',
        todo: 'Toets de voordracht binnen 5 werkdagen (002 WA8 stap 4) en leg het besluit vast in het dossier.',
        source: '001 §4; 002 WA8 stap 3–4',
      }),
    ],
    decidedBy: ['besluit-omklap'],
    toets: { deadlineId: 'wonen-toets-omklap', title: 'Toets Wonen: voordracht voor omklap', source: '001 §4; 002 WA8 stap 3–4' },
  },
  woningruil: {
    label: 'Ongelijke woningruil',
    // 002 Bijlage 6: "Toestemming is alleen vereist als het om een ongelijke ruil betreft."
    source: '002 Bijlage 6',
    submissions: [
      submitted('woningruil', (d) => d.ongelijk === true, {
        id: 'woningruil-ongelijk',
        subject: 'Ongelijke woningruil: toestemming gevraagd',
        summary: 'De zorgaanbieder vraagt toestemming voor een ongelijke woningruil.',
        todo: 'Toets de aanvraag binnen 5 werkdagen en leg het besluit vast in het dossier.',
        source: '002 Bijlage 6',
      }),
    ],
    // One decision form for both requests of 002 Bijlage 6.
    decidedBy: ['besluit-woningruil'],
    toets: { deadlineId: 'wonen-toets-woningruil', title: 'Toets Wonen: ongelijke woningruil', source: '002 Bijlage 6; termijn als 002 WA8 stap 4' },
  },
  verhuizing: {
    label: 'Verhuizing naar grotere woning',
    // 002 Bijlage 6: "Bij verhuizing van een woning kleiner dan 61m² naar een grotere woning legt de zorgaanbieder dit
    // altijd ter goedkeuring voor aan de directie Wonen" (`naarGroter`), and "Alleen bij hoge uitzondering en om
    // zwaarwegende redenen kan de directie Wonen besluiten een verhuizing toe te staan als gevolg van uitbreiding van
    // het aantal gezinsleden": a gezinsuitbreiding is Wonen's decision too (the form's `wonenAkkoordNodig`), so it has
    // the same queue item, clock and mail. The mail names neither reason.
    source: '002 Bijlage 6',
    submissions: [
      submitted('verhuizing', (d) => d.naarGroter === true || d.wonenAkkoordNodig === true, {
        id: 'verhuizing-wonen',
        subject: 'Verhuizing: goedkeuring gevraagd',
        summary: 'De zorgaanbieder legt een verhuizing ter goedkeuring voor aan de afdeling Wonen.',
        todo: 'Toets de aanvraag binnen 5 werkdagen en leg het besluit vast in het dossier.',
        source: '002 Bijlage 6',
      }),
    ],
    decidedBy: ['besluit-woningruil'],
    toets: { deadlineId: 'wonen-toets-verhuizing', title: 'Toets Wonen: verhuizing naar grotere woning', source: '002 Bijlage 6; termijn als 002 WA8 stap 4' },
  },
  intrekking: {
    label: 'Trajectwijziging: urgentie intrekken',
    // 001 §3 Kernboodschap herstelfase 5–6: "De directie Wonen trekt de urgentie in als het perspectief verandert naar
    // 24-uurs zorg of groepswonen."
    source: '001 §3 Kernboodschap herstelfase 5–6',
    submissions: [
      submitted('trajectwijziging', (d) => PERSPECTIEF_ZONDER_URGENTIE.some((p) => p === d.perspectief), {
        id: 'trajectwijziging-perspectief',
        subject: 'Trajectwijziging: herijking perspectief',
        summary: 'De zorgaanbieder heeft een trajectwijziging vastgelegd waardoor het woonperspectief verandert.',
        todo: 'Beoordeel binnen 5 werkdagen of de urgentie wordt ingetrokken en leg dat vast in het dossier.',
        source: '001 §3 Kernboodschap herstelfase 5–6',
      }),
    ],
    decidedBy: ['intrekking-urgentie'],
    toets: {
      deadlineId: 'wonen-toets-trajectwijziging',
      title: 'Toets Wonen: urgentie intrekken na trajectwijziging',
      source: '001 §3 Kernboodschap herstelfase 5–6; termijn als 002 WA8 stap 4',
    },
  },
  'einde-verhuur': {
    label: 'Einde intermediaire verhuur (registratie)',
    // 002 WA3: einde intermediaire verhuur vóór omklap; Wonen registers it (informational, no decision form, so no
    // deadline). Wonen hears of it by the mail to corporatie and Wonen (notifications.ts einde-intermediaire-verhuur).
    source: '002 WA1; 002 WA3',
    submissions: [submitted('einde-intermediaire-verhuur')],
    decidedBy: [],
  },
} as const satisfies Record<WonenKind, WonenIntake>;

/** Whether `event` is `submission` (its type and condition). */
export function isSubmission(submission: WonenSubmission, event: CaseEvent): boolean {
  return event.type === submission.action && (!submission.when || submission.when(event));
}

/** The entries of the table, typed (Object.entries loses the key type). */
export function wonenIntakes(): Array<[WonenKind, WonenIntake]> {
  return Object.entries(WONEN_INTAKES) as Array<[WonenKind, WonenIntake]>;
}

/** The kind of request a submission sends to Wonen, or undefined when it does not need Wonen. */
export function intakeKindOf(event: Pick<CaseEvent, 'type' | 'data'>): WonenKind | undefined {
  const full = { ...event, data: event.data ?? {} } as CaseEvent;
  return wonenIntakes().find(([, intake]) => intake.submissions.some((s) => isSubmission(s, full)))?.[0];
}
