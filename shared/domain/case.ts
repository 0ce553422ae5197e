/**
 * The case (dossier) of one client on the Omslagroute, and the events that make up its history.
 * Pure types: no AWS imports. The client is stored as a pseudonym only (AVG data minimisation, 002 WA10).
 */
import { toAmsterdamDate } from './calendar.js';
import type { AkkoordEventType, AkkoordParty } from './akkoord.js';
import type { FormEventDataByAction } from './forms/index.js';
import type { Action, Phase } from './phases.js';
import type { Actor } from './roles.js';

/**
 * Regions whose rules differ (DOMAIN.md: keep rules as data per regio, Amsterdam first). What each regio supplies (its
 * forms, entry routes, Wonen intakes, deadlines, mailboxes and holidays) is one rule set: shared/domain/regio.ts.
 */
export const REGIOS = ['amsterdam', 'klantreis-2023', 'drechtsteden'] as const;
export type Regio = (typeof REGIOS)[number];

/** Entry routes and the akkoorddocument each needs for the aanvraag urgentie (001 §3). */
export const ROUTES = {
  MO: 'akkoordbrief veldtafel',
  BW_LVB: 'akkoordbrief veldtafel',
  BW_WLZ: 'akkoordbrief veldtafel WLZ met Omslag',
  JEUGDHULP: 'SPIC',
  OMPG: 'MPG-urgentie',
  TREITERAANPAK: 'Treiteraanpak-brief',
  NIEUWE_KANS: 'Nieuwe Kans-brief',
  LAATSTE_KANS: 'Einde Interventie Verklaring en ontruimingsvonnis',
  // 004 Drechtsteden: "De Route start in de Instelling Beschermd Wonen"; the client appeals to the Regeling Voorrang
  // Uitstroom Instelling (004 names no akkoorddocument: the regeling itself is what the aanvraag rests on).
  BW_INSTELLING: 'Regeling Voorrang Uitstroom Instelling',
} as const;
export type Route = keyof typeof ROUTES;
export const ROUTE_KEYS = Object.keys(ROUTES) as [Route, ...Route[]];

/**
 * Doelgroep decides the woonevaluatie frequency: half-yearly for jongvolwassenen and multiprobleemgezinnen
 * (002 WA4 note 5), yearly otherwise.
 */
export const DOELGROEPEN = ['volwassene', 'gezin', 'jongvolwassene', 'multiprobleemgezin'] as const;
export type Doelgroep = (typeof DOELGROEPEN)[number];

/** The leefgebieden of the urgentievoorwaarden Uitstroom MO/BW (001 §3; 002 WA1/WA2). */
export const LEEFGEBIEDEN = [
  'dagbesteding', //        1 passende zinvolle dagbesteding
  'sociaal', //             2 sociaal stabiel
  'psychisch', //           3 psychisch stabiel
  'financieel', //          4 financieel stabiel
  'veiligheid_kinderen', // 5 geen risico voor de veiligheid van de kinderen (only with children)
] as const;
export type Leefgebied = (typeof LEEFGEBIEDEN)[number];

/** The current state of a case: what listings, authorisation and decisions need without replaying history. */
export interface CaseState {
  caseId: string;
  /** Human reference for mail subjects and phone calls, e.g. `OMS-2026-000123`. */
  reference: string;
  regio: Regio;
  route: Route;
  doelgroep: Doelgroep;
  /** Pseudonym or initials chosen by the zorgaanbieder; never a full name, never a BSN. */
  clientPseudonym: string;
  zorgaanbiederId: string;
  /** Optional team within the zorgaanbieder, to scope a begeleider's view (issue "Who may see"). */
  teamId?: string;
  /** Set when a corporatie is involved (woningaanbod); until then no corporatie sees the case. */
  corporatieId?: string;
  phase: Phase;
  /** Optimistic locking: incremented by every accepted change; also the sequence number of the last event. */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Facts later rules depend on, kept small (e.g. the date an aanbod was refused, consent state). */
  facts: CaseFacts;
}

export interface CaseFacts {
  /** 001 §3: refusing the one offer means no new offer for two years; ISO date until which no offer may be made. */
  aanbodGeblokkeerdTot?: string;
  /** 002 WA10: client consent to share with the corporatie, as recorded. */
  toestemmingDelen?: { gegeven: boolean; sinds: string; doelen: string[] };
  /** ISO date of the sleuteloverdracht (start intermediaire verhuur). */
  sleuteloverdrachtOp?: string;
  [key: string]: unknown;
}

/** 'mail-ontvangen': a mail to the woonzaken mailbox attached to the case (shared/app/wonen/inbound.ts). */
/** akkoord-*: the corporatie's answer to a submission that needs its akkoord (akkoord.ts). */
export type EventType = Action | 'case-aangemaakt' | 'mail-ontvangen' | 'toestemming-vastgelegd' | 'toestemming-ingetrokken' | AkkoordEventType;

/** The data of the events no form records (create-case, inbound mail, consent, akkoord), as far as rules read it. */
interface OtherEventData {
  'case-aangemaakt': { regio: Regio; route: Route; doelgroep: Doelgroep; geplandeUitstroomOp?: string };
}

/**
 * What an event of `type` stores: a form's event its form's data (forms/index.ts FormEventDataByAction), the others
 * as OtherEventData names them. Stored data was validated by the schema of its day; a field added to a form since is
 * absent on older events, which is why rules compare (`=== true`) rather than trust truthiness.
 */
export type EventData<T extends EventType> = T extends Action
  ? FormEventDataByAction[T]
  : T extends keyof OtherEventData
    ? OtherEventData[T]
    : Record<string, unknown>;

/** One entry of the case's history: an accepted form (or the case's creation), immutable once written. */
interface AnyCaseEvent {
  caseId: string;
  /** Sequence number within the case, 1-based, equal to the case version this event produced. */
  seq: number;
  type: EventType;
  /** The calendar date the fact happened (Europe/Amsterdam), e.g. the sleuteloverdracht date; may be back-dated. */
  occurredOn: string;
  /** The instant it was recorded. */
  recordedAt: string;
  actor: Actor;
  /** The validated form content. */
  data: Record<string, unknown>;
  /** When this event corrects an earlier submission of the same form: that event's seq. */
  supersedes?: number;
  /**
   * The submission was ingediend bij this party and counts only with its akkoord (akkoord.ts). Fixed when recorded,
   * so a later change of the table never reinterprets history.
   */
  akkoordVan?: AkkoordParty;
}

/** The events of `types` with their data typed, as a union discriminated by `type` (`e.type === 'x'` narrows). */
export type EventOf<T extends EventType> = { [K in T]: Omit<AnyCaseEvent, 'type' | 'data'> & { type: K; data: EventData<K> } }[T];

/**
 * An entry of the case's history. `CaseEvent` (any type) has untyped data; `CaseEvent<'besluit-omklap'>` has its
 * form's data (`onAny` narrows an event of the history by its `type`).
 */
export type CaseEvent<T extends EventType = EventType> = EventType extends T ? AnyCaseEvent : EventOf<T>;

/** A test of one event (the deadline rules, Wonen's intakes, the notifications). */
export type EventPredicate = (event: CaseEvent) => boolean;

/**
 * Events of `type`, and only those whose data passes `when`, typed from the form: a field or value the form does not
 * have fails to compile (`on('besluit-omklap', (d) => d.besluit === 'akkoord')`).
 */
export function on<T extends EventType>(type: T, when?: (data: EventData<T>) => boolean): { readonly types: readonly [T]; readonly when?: EventPredicate } {
  return when ? { types: [type], when: (e) => when(e.data as EventData<T>) } : { types: [type] };
}

/** Events of any of `types`, and only those `when` accepts; `event.type === 'x'` narrows the data. */
export function onAny<T extends EventType>(types: readonly T[], when: (event: EventOf<T>) => boolean): { readonly types: readonly T[]; readonly when: EventPredicate } {
  return { types, when: (e) => when(e as unknown as EventOf<T>) };
}

/**
 * The day a submission was received: the Europe/Amsterdam date on which it was recorded, never before the day the form
 * says it happened. Clocks that run "na ontvangst" start here, not on the form's own date, which stays in the history
 * as what the user said (001 §4 "Toetsing en afronding": "Op basis van de informatie op het voordrachtformulier toetst
 * de afdeling Wonen binnen 5 werkdagen"; 002 WA8 stap 4: "binnen vijf werkdagen"). A correction keeps the receipt of
 * the submission it corrects: pass the original as `firstReceipt`.
 */
export function receivedOn(event: Pick<CaseEvent, 'occurredOn' | 'recordedAt'>, firstReceipt: Pick<CaseEvent, 'recordedAt'> = event): string {
  const recorded = toAmsterdamDate(firstReceipt.recordedAt);
  return recorded > event.occurredOn ? recorded : event.occurredOn;
}

/** Formats the human case reference from the year and a per-year counter: `OMS-2026-000123`. */
export function formatReference(year: number, counter: number): string {
  return `OMS-${year}-${String(counter).padStart(6, '0')}`;
}

const REFERENCE_TEXT = 'OMS-\\d{4}-\\d{6}';
/** A whole value that is a case reference, as formatReference writes it. */
export const REFERENCE = new RegExp(`^${REFERENCE_TEXT}$`);
const REFERENCE_IN_TEXT = new RegExp(REFERENCE_TEXT);

/** Finds the first case reference in a text such as a mail subject (`[OMS-2026-000123] Voordracht`). */
export function findReference(text: string): string | undefined {
  return REFERENCE_IN_TEXT.exec(text)?.[0];
}
