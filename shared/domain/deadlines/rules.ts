/**
 * The deadline rules of the route, as data: Amsterdam first (001 Handleiding, 002 Tien Werkafspraken), then the
 * Klantreis uitstroom MO/BW 2023 (003) as regio `klantreis-2023`. One entry per row of the deadline table in
 * DOMAIN.md, plus the Wonen 5-werkdagen toetsen for every submission that needs Wonen (from the intake table,
 * wonen-intakes.ts).
 *
 * A rule starts on an event of the case history, falls due at an offset from that event (or from a date in its
 * data), is met by a later event, and is cancelled by events or phases that make it moot. Its stages say when
 * reminders go out relative to the due date and to whom. Recipients are abstract parties, resolved later from the
 * organisation directory. Titles go into e-mail subjects: short, Dutch, never personal data.
 *
 * Shared rules: a rule lists every regio it applies to. Only rules that both seeds state are shared (the overlast
 * reply within two werkdagen: 002 WA6 and 003 Proefwonen "Procesregie"); everything else is per regio.
 */
import { on, onAny, REGIOS, type Doelgroep, type EventData, type EventPredicate, type EventType, type Regio, type Route } from '../case.js';
import { regioToetst } from '../regio.js';
import { intakeKindOf, isSubmission, WONEN_INTAKES, WONEN_TERMIJN_WERKDAGEN, type WonenIntake } from '../wonen-intakes.js';
import type { WonenKind } from '../wonen-queue.js';
import type { Phase } from '../phases.js';

export type { EventType } from '../case.js';

/** Who is told (and who acts). Abstract; the reminder dispatcher resolves them from the organisation directory. */
export const PARTIES = [
  'begeleider', //            the client's persoonlijk begeleider (zorgaanbieder)
  'zorgaanbieder', //         the zorgaanbieder's functional mailbox / central desk: the organisation level
  'meldpunt', //              the zorgaanbieder's Centraal Meldpunt Overlast (002 WA6)
  'onafhankelijke-derde', //  toetst the voordracht voor omklap within the zorgaanbieder (002 WA8 stap 3)
  'corporatie', //            the contactpersoon of the woningcorporatie
  'woonzaken', //             gemeente, directie Wonen (mailbox woonzaken)
  'mzwo', //                  Meldpunt Zorg en Woonoverlast of the gemeente: overlast after the omklap (002 WA6, WA9)
] as const;
export type Party = (typeof PARTIES)[number];

/** Reminder stages: before the due date, on it, after it. A stage id is `${deadlineId}:${stage}`. */
export const STAGE_NAMES = ['vooraf', 'vandaag', 'escalatie'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

/** A duration in one unit. Werkdagen count per werkdagen.ts; calendar units per calendar.ts (month-end clamp). */
export type Offset =
  | { readonly werkdagen: number }
  | { readonly days: number }
  | { readonly weeks: number }
  | { readonly months: number }
  | { readonly years: number };

/** When a stage fires, relative to the due date: 0 is the due date itself. */
export type StageOffset = 0 | Offset;

export interface StageRule {
  readonly stage: StageName;
  readonly at: StageOffset;
  readonly to: readonly Party[];
}

export type { EventPredicate } from '../case.js';

/**
 * How an event is matched. `key` correlates with the rule's key (meldingId, aanbodId): `'same'` requires the same
 * value, `'same-if-present'` accepts events that carry no key at all (e.g. the sleuteloverdracht for an aanbod).
 * Matches with a key are accepted in any order; other matches must come after the starting event.
 */
export interface EventMatch {
  readonly types: readonly EventType[];
  readonly when?: EventPredicate;
  readonly key?: 'same' | 'same-if-present';
  /** Data field with the date the obligation was fulfilled; default the event's occurredOn. */
  readonly dateField?: string;
  /** Only events dated on or after dueDate + notBefore count (e.g. an eindevaluatie, not a yearly one). */
  readonly notBefore?: Offset;
}

export interface StartTrigger {
  readonly types: readonly EventType[];
  readonly when?: EventPredicate;
  /** Data field holding the date the offset counts from (for "before" rules); default the event's occurredOn. */
  readonly anchorField?: string;
  /**
   * `'ontvangst'`: the offset counts from the day the submission was received (recorded), not from the form's own
   * date (case.ts receivedOn). For every term that runs "na ontvangst" (001 §4: Wonen toetst binnen 5 werkdagen).
   */
  readonly anchor?: 'ontvangst';
}

/**
 * `termijn`: an agreed deadline. `ambitie`: a shared ambition, gentle stages only. `signaal`: a milestone with no
 * form to record it: it is `met` once its date has passed.
 */
export type RuleKind = 'termijn' | 'ambitie' | 'signaal';

/** Recurring rules re-arm from their last occurrence: every start event opens the next occurrence. */
export interface Recurrence {
  /** Interval in months per doelgroep where it differs from `offset` (002 WA4 noot 5). */
  readonly monthsByDoelgroep?: Partial<Record<Doelgroep, number>>;
  /** Data field on the start events with an agreed interval in months; used when more frequent (002 Bijlage 2a). */
  readonly agreedMonthsField?: string;
}

export interface DeadlineRule {
  readonly id: string;
  readonly regios: readonly Regio[];
  /** Dutch, short, safe for e-mail subjects: no personal data. */
  readonly title: string;
  /** Seed citation, e.g. '002 WA6; 002 Bijlage 1 Actie 1'. */
  readonly source: string;
  readonly kind: RuleKind;
  /** Only for cases with these routes / doelgroepen. */
  readonly appliesTo?: { readonly routes?: readonly Route[]; readonly doelgroepen?: readonly Doelgroep[] };
  readonly startsOn: StartTrigger;
  /** Correlates start and satisfying events; one deadline per key value (the first start event wins). */
  readonly key?: 'meldingId' | 'aanbodId';
  /** Only the first start event of the case opens a deadline. */
  readonly once?: boolean;
  /** Due date = anchor + offset. Negative for "before" rules. Recurring rules: the default interval. */
  readonly offset: Offset;
  readonly recurring?: Recurrence;
  /** Empty for a `signaal`. */
  readonly satisfiedBy: readonly EventMatch[];
  readonly cancelledBy: { readonly events: readonly EventMatch[]; readonly phases: readonly Phase[] };
  /** The party who must act. */
  readonly actor: Party;
  readonly stages: readonly StageRule[];
}

// ---------------------------------------------------------------------------------------------------------------
// Predicates on event data, typed from the forms (case.ts EventData): a field or value a form does not have fails
// to compile. The field names are the forms' contract (issue "Deadline engine").
// ---------------------------------------------------------------------------------------------------------------

/** A date field holds an ISO date (a rule that counts from it needs it: `anchorField`, `dateField`). */
const isIsoDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

type OverlastActie = EventData<'overlast-actie'>['actie'];
/** overlast-actie: `actie` is 1..6 or a named step; numbers may arrive as '1' from a form, so compare as text. */
const actieIs =
  (...acties: OverlastActie[]) =>
  (d: EventData<'overlast-actie'>): boolean =>
    acties.map(String).includes(String(d.actie));
type Oordeel = NonNullable<EventData<'overlast-actie'>['oordeel']>;
const oordeelIs =
  (gedrag: Oordeel['gedrag'], klacht: Oordeel['klacht']) =>
  (d: EventData<'overlast-actie'>): boolean =>
    typeof d.oordeel === 'object' && d.oordeel !== null && d.oordeel.gedrag === gedrag && d.oordeel.klacht === klacht;
/**
 * 002 WA9: "Als de zorgaanbieder het traject met de bewoner heeft afgesloten, en er zijn op een later moment zorgen
 * en/of overlast, dan geldt de reguliere werkwijze … van het Meldpunt Zorg en Woonoverlast": the protocol's duties of
 * the zorgaanbieder start only for a melding before the omklap (the form marks one after it `naOmklap`).
 */
const VOOR_OMKLAP = on('overlast-melding', (d) => d.naOmklap !== true);

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------------------------

/** The route ends: intermediaire verhuur stops, Wonen withdraws the urgentie, definitive afmelding (001 §3; 002 WA3). */
const ROUTE_EINDIGT: readonly EventMatch[] = [
  { types: ['einde-intermediaire-verhuur', 'intrekking-urgentie'] },
  on('afmelding', (d) => d.soort === 'definitief'),
];
/** Off the wachtlijst: any afmelding, tijdelijk or definitief (001 §3), or the end of the route. */
const VAN_WACHTLIJST: readonly EventMatch[] = [...ROUTE_EINDIGT, { types: ['afmelding'] }];
/** The herstelfase is over: the contract is on the client's own name (002 WA8 stap 4) or the route ended. */
const HERSTELFASE_VOORBIJ: readonly EventMatch[] = [...ROUTE_EINDIGT, { types: ['huurcontract-eigen-naam'] }];

const GESLOTEN: readonly Phase[] = ['afgesloten'];
const NA_HERSTELFASE: readonly Phase[] = ['omgeklapt', 'afgesloten'];
const NIET_OP_WACHTLIJST: readonly Phase[] = ['tijdelijk_afgemeld', 'afgesloten'];

/** Stages of a deadline the begeleider owns; the organisation is told when it is missed. */
function begeleiderStages(vooraf: StageOffset, extra: readonly Party[] = []): StageRule[] {
  return [
    { stage: 'vooraf', at: vooraf, to: ['begeleider', ...extra] },
    { stage: 'vandaag', at: 0, to: ['begeleider', ...extra] },
    { stage: 'escalatie', at: { werkdagen: 1 }, to: ['begeleider', 'zorgaanbieder'] },
  ];
}

/** Wonen's 5-werkdagen toets: heads-up 1 werkdag before, due day, escalation 1 werkdag after (issue "Deadline engine"). */
const WONEN_TOETS_STAGES: readonly StageRule[] = [
  { stage: 'vooraf', at: { werkdagen: -1 }, to: ['woonzaken'] },
  { stage: 'vandaag', at: 0, to: ['woonzaken'] },
  { stage: 'escalatie', at: { werkdagen: 1 }, to: ['woonzaken', 'zorgaanbieder'] },
];

/** The kinds of Wonen's intakes that have a term (wonen-intakes.ts `toets`): a registration has none. */
type WonenToetsKind = { [K in WonenKind]: (typeof WONEN_INTAKES)[K] extends { toets: object } ? K : never }[WonenKind];

/**
 * Wonen's toets of one kind of request, from the intake table (wonen-intakes.ts): it starts on the submissions that
 * open a queue item, counted from their receipt, WONEN_TERMIJN_WERKDAGEN werkdagen; the decision form meets it; it
 * applies in the regios whose gemeente toetst the kind (regio.ts wonenIntakes). What makes it moot is the engine's.
 */
function wonenToetsRule(kind: WonenToetsKind, cancelledBy: DeadlineRule['cancelledBy']): DeadlineRule {
  const intake: WonenIntake = WONEN_INTAKES[kind];
  const toets = WONEN_INTAKES[kind].toets;
  return {
    id: toets.deadlineId,
    regios: REGIOS.filter((regio) => regioToetst(regio, kind)),
    title: toets.title,
    source: toets.source,
    kind: 'termijn',
    startsOn: {
      types: intake.submissions.map((s) => s.action),
      when: (e) => intake.submissions.some((s) => isSubmission(s, e)),
      anchor: 'ontvangst',
    },
    offset: { werkdagen: WONEN_TERMIJN_WERKDAGEN },
    satisfiedBy: [{ types: intake.decidedBy }],
    cancelledBy,
    actor: 'woonzaken',
    stages: WONEN_TOETS_STAGES,
  };
}

/** Short werkdagen terms of the zorgaanbieder around an aanbod (002 WA1 stap 2–3): due day and escalation only. */
const AANBOD_STAGES: readonly StageRule[] = [
  { stage: 'vandaag', at: 0, to: ['begeleider', 'zorgaanbieder'] },
  { stage: 'escalatie', at: { werkdagen: 1 }, to: ['begeleider', 'zorgaanbieder'] },
];

/**
 * 002 Bijlage 4: the vijfjarencontract starts with the contract on the client's own name: a 'vijfjarencontract'
 * event, or 'huurcontract-eigen-naam' with data.vijfjarencontract = true. A later start replaces an earlier one
 * (a new vijfjarencontract on another jongerenwoning), so the same match also cancels.
 */
const VIJFJARENCONTRACT_START: StartTrigger & EventMatch = {
  ...onAny(['vijfjarencontract', 'huurcontract-eigen-naam'], (e) => e.type === 'vijfjarencontract' || e.data.vijfjarencontract === true),
  // The contract's start (a huurcontract signed before its ingangsdatum carries it as startOp); else the event's date.
  anchorField: 'startOp',
};

const AMSTERDAM: readonly Regio[] = ['amsterdam'];
const KLANTREIS: readonly Regio[] = ['klantreis-2023'];

// ---------------------------------------------------------------------------------------------------------------
// Amsterdam (001, 002)
// ---------------------------------------------------------------------------------------------------------------

const AMSTERDAM_RULES: readonly DeadlineRule[] = [
  // 002 WA4, Bijlage 2a: "binnen 6 weken na de sleuteloverdracht ingepland". Planning it (afspraak-gepland) is
  // enough; a kennismaking held within the six weeks also meets it.
  {
    id: 'kennismaking-plannen',
    regios: AMSTERDAM,
    title: 'Kennismakingsgesprek plannen',
    source: '001 §3; 002 WA4; 002 Bijlage 2a',
    kind: 'termijn',
    startsOn: { types: ['sleuteloverdracht'] },
    offset: { weeks: 6 },
    satisfiedBy: [on('afspraak-gepland', (d) => d.soort === 'kennismaking'), { types: ['kennismaking'] }],
    cancelledBy: { events: HERSTELFASE_VOORBIJ, phases: NA_HERSTELFASE },
    actor: 'begeleider',
    stages: begeleiderStages({ weeks: -1 }),
  },
  // 002 WA4: "Een redelijke termijn is drie maanden na het sleutelmoment"; 001 §3: "vindt binnen drie maanden na de
  // sleuteloverdracht plaats". The corporatie joins the gesprek, so its contactpersoon is told too.
  {
    id: 'kennismaking-gehouden',
    regios: AMSTERDAM,
    title: 'Kennismakingsgesprek houden',
    source: '001 §3; 002 WA4; 002 Bijlage 2a',
    kind: 'termijn',
    startsOn: { types: ['sleuteloverdracht'] },
    offset: { months: 3 },
    satisfiedBy: [{ types: ['kennismaking'] }],
    cancelledBy: { events: HERSTELFASE_VOORBIJ, phases: NA_HERSTELFASE },
    actor: 'begeleider',
    stages: begeleiderStages({ weeks: -2 }, ['corporatie']),
  },
  // 002 WA2: "Het begeleidingsplan wordt uiterlijk binnen zes weken na de kennismaking tussen de zorgaanbieder en de
  // bewoner opgesteld" ("Ongeveer zes weken na de eerste kennismaking – als de bewoner voldoende gewend is op de
  // woning"). That is the kennismaking of zorgaanbieder and bewoner on the woning, not the kennismakingsgesprek with
  // the corporatie (002 WA4): the seeds record no separate form for it, and the sleutelmoment, which the zorgaanbieder
  // organises with the bewoner (002 WA3 "Het sleutelmoment organiseren"), is their first moment on the woning. So the
  // six weeks run from the (first) sleuteloverdracht; a later verhuizing (002 Bijlage 6) does not ask a new plan.
  // Private to the zorgaanbieder (002 WA4, WA10): never the corporatie.
  {
    id: 'begeleidingsplan',
    regios: AMSTERDAM,
    title: 'Begeleidingsplan vaststellen',
    source: '002 WA2; 002 WA3 Het sleutelmoment organiseren',
    kind: 'termijn',
    startsOn: { types: ['sleuteloverdracht'] },
    once: true,
    offset: { weeks: 6 },
    satisfiedBy: [{ types: ['begeleidingsplan'] }],
    cancelledBy: { events: HERSTELFASE_VOORBIJ, phases: NA_HERSTELFASE },
    actor: 'begeleider',
    stages: begeleiderStages({ weeks: -1 }),
  },
  // 001 §3–§4 and 002 WA4: "minstens eens per jaar"; noot 5: "Bij jongvolwassenen en multiprobleemgezinnen is de
  // evaluatie eens per half jaar"; Bijlage 2a: "wordt afgesproken hoe vaak … eens per jaar of vaker". Re-arms from the
  // kennismaking and every woonevaluatie. Ends once Wonen agreed to the omklap (002 WA8 stap 4).
  {
    id: 'woonevaluatie',
    regios: AMSTERDAM,
    title: 'Woonevaluatie houden',
    source: '001 §3, §4; 002 WA4 noot 5; 002 Bijlage 2a, Bijlage 3',
    kind: 'termijn',
    startsOn: { types: ['kennismaking', 'woonevaluatie'] },
    offset: { months: 12 },
    recurring: {
      monthsByDoelgroep: { jongvolwassene: 6, multiprobleemgezin: 6 },
      agreedMonthsField: 'evaluatieFrequentieMaanden',
    },
    satisfiedBy: [{ types: ['kennismaking', 'woonevaluatie'] }],
    cancelledBy: {
      events: [...HERSTELFASE_VOORBIJ, on('besluit-omklap', (d) => d.besluit === 'akkoord')],
      phases: ['omklap_akkoord', ...NA_HERSTELFASE],
    },
    actor: 'begeleider',
    stages: begeleiderStages({ weeks: -4 }, ['corporatie']),
  },
  // Wonen's toets of the aanvraag urgentie (wonen-intakes.ts): a tijdelijke afmelding takes it off the wachtlijst.
  wonenToetsRule('urgentie', { events: VAN_WACHTLIJST, phases: GESLOTEN }),
  // 002 Inleiding punt 4 and "Wie doet wat": "streven ernaar een aanbod te doen binnen drie maanden nadat … een
  // urgentie is toegekend". An ambition, so gentle stages and no escalation. It runs only while an urgentie is granted:
  // it restarts on a heraanmelding back to the wachtlijst (001 §3), not on one that puts the aanvraag back with Wonen
  // (no urgentie yet: the besluit akkoord starts it then).
  {
    id: 'woningaanbod-ambitie',
    regios: AMSTERDAM,
    title: 'Ambitie: woningaanbod binnen drie maanden',
    source: '002 Inleiding punt 4; 002 Voorwoord, Wie doet wat',
    kind: 'ambitie',
    startsOn: {
      ...onAny(['besluit-urgentie', 'heraanmelding'], (e) => (e.type === 'heraanmelding' ? e.data.naarFase === 'wachtlijst' : e.data.besluit === 'akkoord')),
    },
    offset: { months: 3 },
    satisfiedBy: [{ types: ['woningaanbod'] }],
    cancelledBy: { events: VAN_WACHTLIJST, phases: NIET_OP_WACHTLIJST },
    actor: 'corporatie',
    stages: [
      { stage: 'vooraf', at: { weeks: -2 }, to: ['corporatie', 'woonzaken'] },
      { stage: 'vandaag', at: 0, to: ['corporatie', 'woonzaken'] },
    ],
  },
  // 002 WA1 stap 2: "De zorgaanbieder reageert binnen 1 werkdag op het aanbod van de woningcorporatie".
  {
    id: 'aanbod-reactie',
    regios: AMSTERDAM,
    title: 'Reageren op woningaanbod',
    source: '002 WA1 stap 2',
    kind: 'termijn',
    startsOn: { types: ['woningaanbod'] },
    key: 'aanbodId',
    offset: { werkdagen: 1 },
    satisfiedBy: [{ types: ['reactie-aanbod', 'bezichtiging', 'weigering-aanbod'], key: 'same' }],
    // Once the keys are handed over, the offer was evidently answered: no reminder about reacting any more.
    cancelledBy: { events: [...VAN_WACHTLIJST, { types: ['sleuteloverdracht'] }], phases: NIET_OP_WACHTLIJST },
    actor: 'zorgaanbieder',
    stages: AANBOD_STAGES,
  },
  // 002 WA1 stap 2: "bezichtigt (indien gewenst) binnen 2 werkdagen nadat de woning beschikbaar/leeg is": counts
  // from data.beschikbaarOp. "Indien gewenst": a reactie "akkoord zonder bezichtiging" meets it (no viewing wanted),
  // as does the sleuteloverdracht making it moot.
  {
    id: 'aanbod-bezichtiging',
    regios: AMSTERDAM,
    title: 'Woning bezichtigen',
    source: '002 WA1 stap 2',
    kind: 'termijn',
    startsOn: { ...on('woningaanbod', (d) => isIsoDate(d.beschikbaarOp)), anchorField: 'beschikbaarOp' },
    key: 'aanbodId',
    offset: { werkdagen: 2 },
    satisfiedBy: [
      { types: ['bezichtiging', 'weigering-aanbod'], key: 'same' },
      { ...on('reactie-aanbod', (d) => d.reactie === 'akkoord-zonder-bezichtiging'), key: 'same' },
    ],
    cancelledBy: { events: [...VAN_WACHTLIJST, { types: ['sleuteloverdracht'] }], phases: NIET_OP_WACHTLIJST },
    actor: 'zorgaanbieder',
    stages: AANBOD_STAGES,
  },
  // 002 WA1 stap 2: "meldt deze dit met opgave van redenen aan de woningcorporatie binnen 2 werkdagen na bezichtiging".
  {
    id: 'aanbod-weigering-motiveren',
    regios: AMSTERDAM,
    title: 'Weigering woning met redenen melden',
    source: '002 WA1 stap 2',
    kind: 'termijn',
    startsOn: on('bezichtiging', (d) => d.uitkomst === 'weigeren'),
    key: 'aanbodId',
    offset: { werkdagen: 2 },
    satisfiedBy: [{ types: ['weigering-aanbod'], key: 'same' }],
    cancelledBy: { events: [...VAN_WACHTLIJST, { types: ['sleuteloverdracht'] }], phases: NIET_OP_WACHTLIJST },
    actor: 'zorgaanbieder',
    stages: AANBOD_STAGES,
  },
  // 002 WA1 stap 3: "Binnen 5 werkdagen nadat de woningcorporatie de woning beschikbaar heeft gesteld, informeert de
  // zorgaanbieder de cliënt." Counted from the aanbod (the corporatie makes the woning available to the
  // zorgaanbieder), met on the date in data.clientGeinformeerdOp.
  {
    id: 'aanbod-client-informeren',
    regios: AMSTERDAM,
    title: 'Cliënt informeren over woningaanbod',
    source: '002 WA1 stap 3',
    kind: 'termijn',
    startsOn: { types: ['woningaanbod'] },
    key: 'aanbodId',
    offset: { werkdagen: 5 },
    satisfiedBy: [
      {
        ...onAny(['reactie-aanbod', 'bezichtiging', 'sleuteloverdracht'], (e) => isIsoDate(e.data.clientGeinformeerdOp)),
        key: 'same-if-present',
        dateField: 'clientGeinformeerdOp',
      },
    ],
    // A sleuteloverdracht without the date recorded still means the client knows: the rule is moot then.
    cancelledBy: { events: [...VAN_WACHTLIJST, on('sleuteloverdracht', (d) => !isIsoDate(d.clientGeinformeerdOp))], phases: NIET_OP_WACHTLIJST },
    actor: 'zorgaanbieder',
    stages: [
      { stage: 'vooraf', at: { werkdagen: -1 }, to: ['begeleider'] },
      { stage: 'vandaag', at: 0, to: ['begeleider'] },
      { stage: 'escalatie', at: { werkdagen: 1 }, to: ['begeleider', 'zorgaanbieder'] },
    ],
  },
  // Wonen's toets of the voordracht voor omklap (wonen-intakes.ts).
  wonenToetsRule('omklap', { events: ROUTE_EINDIGT, phases: GESLOTEN }),
  // 002 WA8 stap 4: "binnen vier tot zes weken na ontvangst van de bevestiging"; 001 §4 "na 4 tot 6 weken". Due at
  // six weeks; the heads-up at four weeks (two weeks before). Amsterdam only: there Wonen's besluit akkoord is the step
  // that opens the contract (regio.ts opentOmklap). In klantreis-2023 the eindevaluatie opens it and 003 gives no term
  // ("Bij een positieve eindevaluatie wordt het huurcontract op naam van de client gezet"): said in its zonderTermijn.
  {
    id: 'contract-eigen-naam',
    regios: AMSTERDAM,
    title: 'Huurcontract op naam van de bewoner zetten',
    source: '001 §4; 002 WA8 stap 4',
    kind: 'termijn',
    startsOn: on('besluit-omklap', (d) => d.besluit === 'akkoord'),
    offset: { weeks: 6 },
    satisfiedBy: [{ types: ['huurcontract-eigen-naam'] }],
    cancelledBy: { events: ROUTE_EINDIGT, phases: GESLOTEN },
    actor: 'corporatie',
    stages: [
      { stage: 'vooraf', at: { weeks: -2 }, to: ['corporatie'] },
      { stage: 'vandaag', at: 0, to: ['corporatie', 'woonzaken'] },
      { stage: 'escalatie', at: { werkdagen: 1 }, to: ['corporatie', 'woonzaken', 'zorgaanbieder'] },
    ],
  },
  // 002 WA6: "De zorgaanbieder benadert de melder zo snel mogelijk. Dit gebeurt in ieder geval binnen twee
  // werkdagen"; Bijlage 1 Behandeling klachten: "De zorgaanbieder reageert uiterlijk binnen twee werkdagen";
  // 003 Proefwonen, Procesregie: "informeren de klager/melder binnen twee werkdagen". Met by the named actie
  // 'melder-benaderd'. Informing the corporatie is a duty of its own (overlast-corporatie-informeren). A melding after
  // the omklap goes to the MZWO (002 WA9): no zorgaanbieder duty then.
  {
    id: 'overlast-reactie',
    regios: ['amsterdam', 'klantreis-2023'],
    title: 'Overlastmelding: melder benaderen binnen twee werkdagen',
    source: '002 WA6; 002 Bijlage 1 Behandeling klachten; 003 Proefwonen',
    kind: 'termijn',
    startsOn: VOOR_OMKLAP,
    key: 'meldingId',
    offset: { werkdagen: 2 },
    satisfiedBy: [{ ...on('overlast-actie', actieIs('melder-benaderd')), key: 'same' }],
    cancelledBy: { events: ROUTE_EINDIGT, phases: GESLOTEN },
    actor: 'zorgaanbieder',
    stages: [
      { stage: 'vooraf', at: { werkdagen: -1 }, to: ['meldpunt', 'begeleider'] },
      { stage: 'vandaag', at: 0, to: ['meldpunt', 'begeleider'] },
      { stage: 'escalatie', at: { werkdagen: 1 }, to: ['meldpunt', 'zorgaanbieder'] },
    ],
  },
  // 002 Bijlage 1 Actie 1: "Binnen twee werkdagen (48 uur) contact opnemen met woningcorporatie … In het gesprek geeft
  // de zorgaanbieder aan op welke wijze de klacht wordt behandeld"; 002 WA6: "De zorgaanbieder informeert de
  // contactpersoon van de woningcorporatie direct over hoe de klacht of het signaal wordt aangepakt". Met by actie 1.
  {
    id: 'overlast-corporatie-informeren',
    regios: AMSTERDAM,
    title: 'Overlastmelding: corporatie informeren binnen twee werkdagen',
    source: '002 WA6; 002 Bijlage 1 Actie 1',
    kind: 'termijn',
    startsOn: VOOR_OMKLAP,
    key: 'meldingId',
    offset: { werkdagen: 2 },
    satisfiedBy: [{ ...on('overlast-actie', actieIs(1)), key: 'same' }],
    cancelledBy: { events: ROUTE_EINDIGT, phases: GESLOTEN },
    actor: 'zorgaanbieder',
    stages: [
      { stage: 'vandaag', at: 0, to: ['meldpunt', 'begeleider'] },
      { stage: 'escalatie', at: { werkdagen: 1 }, to: ['meldpunt', 'zorgaanbieder'] },
    ],
  },
  // 002 Bijlage 1 Actie 2, onbewust gedrag en terechte klacht: "Na zes weken informeert de zorgaanbieder bij de klager
  // of de klachten zijn verholpen." Counted from the actie 2 gesprek.
  {
    id: 'overlast-klager-nagaan',
    regios: AMSTERDAM,
    title: 'Overlast: bij klager nagaan of klachten verholpen zijn',
    source: '002 Bijlage 1 Actie 2',
    kind: 'termijn',
    startsOn: on('overlast-actie', (d) => actieIs(2)(d) && oordeelIs('onbewust', 'terecht')(d)),
    key: 'meldingId',
    offset: { weeks: 6 },
    satisfiedBy: [{ ...on('overlast-actie', actieIs('klager-nagevraagd')), key: 'same' }],
    cancelledBy: { events: ROUTE_EINDIGT, phases: GESLOTEN },
    actor: 'zorgaanbieder',
    stages: [
      { stage: 'vooraf', at: { weeks: -1 }, to: ['begeleider'] },
      { stage: 'vandaag', at: 0, to: ['begeleider', 'meldpunt'] },
      { stage: 'escalatie', at: { werkdagen: 1 }, to: ['meldpunt', 'zorgaanbieder'] },
    ],
  },
  // 002 Bijlage 1 Termijnen: "Doel is de overlast spoedig te verhelpen, maximaal binnen drie maanden." Met when the
  // melding is afgerond, or by actie 6 (ontbinding, the end of the protocol).
  {
    id: 'overlast-opgelost',
    regios: AMSTERDAM,
    title: 'Overlast verholpen (maximaal drie maanden)',
    source: '002 Bijlage 1 Termijnen',
    kind: 'termijn',
    startsOn: VOOR_OMKLAP,
    key: 'meldingId',
    offset: { months: 3 },
    satisfiedBy: [{ ...on('overlast-actie', actieIs('afgerond', 6)), key: 'same' }],
    cancelledBy: { events: ROUTE_EINDIGT, phases: GESLOTEN },
    actor: 'zorgaanbieder',
    stages: [
      { stage: 'vooraf', at: { weeks: -2 }, to: ['begeleider', 'meldpunt'] },
      { stage: 'vandaag', at: 0, to: ['begeleider', 'meldpunt'] },
      { stage: 'escalatie', at: { werkdagen: 1 }, to: ['meldpunt', 'zorgaanbieder'] },
    ],
  },
  // 002 WA5: "met passende begeleiding één tot maximaal twee weken tot rust komen". Heads-up after one week.
  {
    id: 'time-out-einde',
    regios: AMSTERDAM,
    title: 'Time-out beëindigen (maximaal twee weken)',
    source: '002 WA5',
    kind: 'termijn',
    startsOn: on('time-out', (d) => d.fase === 'start'),
    offset: { weeks: 2 },
    satisfiedBy: [on('time-out', (d) => d.fase === 'einde')],
    cancelledBy: { events: ROUTE_EINDIGT, phases: GESLOTEN },
    actor: 'zorgaanbieder',
    stages: begeleiderStages({ weeks: -1 }),
  },
  // 002 WA7: "De zorgaanbieder, de medewerker van het Fibu-team en de bewoner evalueren eens per zes maanden de
  // voortgang." Re-arms from the afspraken and every evaluatie; budgetbeheer may go on after the omklap (002 WA9).
  {
    id: 'fibu-evaluatie',
    regios: AMSTERDAM,
    title: 'Evaluatie financieel beheer (Fibu)',
    source: '002 WA7; 002 WA9',
    kind: 'termijn',
    startsOn: { types: ['fibu-afspraken', 'fibu-evaluatie'] },
    offset: { months: 6 },
    recurring: {},
    satisfiedBy: [{ types: ['fibu-afspraken', 'fibu-evaluatie'] }],
    cancelledBy: { events: ROUTE_EINDIGT, phases: GESLOTEN },
    actor: 'zorgaanbieder',
    stages: begeleiderStages({ weeks: -2 }),
  },
  // Wonen's toets of an ongelijke woningruil and of a verhuizing it decides (wonen-intakes.ts).
  wonenToetsRule('woningruil', { events: ROUTE_EINDIGT, phases: GESLOTEN }),
  wonenToetsRule('verhuizing', { events: ROUTE_EINDIGT, phases: GESLOTEN }),
  // Wonen's toets of the intrekking (wonen-intakes.ts). A later trajectwijziging to another perspectief makes it moot;
  // the intrekking itself meets the rule first: a satisfier wins a tie with a canceller.
  wonenToetsRule('intrekking', {
    events: [...ROUTE_EINDIGT, { types: ['trajectwijziging'], when: (e) => intakeKindOf(e) !== 'intrekking' }],
    phases: GESLOTEN,
  }),
  // 002 Bijlage 4: "Jongvolwassenen wordt aangeraden al na 3 jaar te beginnen met zoeken". The client is no longer
  // guided then: the corporatie (landlord) and Wonen get the signal. A later contract start replaces the earlier one.
  {
    id: 'vijfjarencontract-zoeken',
    regios: AMSTERDAM,
    title: 'Vijfjarencontract: start zoeken naar andere woning',
    source: '002 Bijlage 4, Ruggensteunregeling',
    kind: 'signaal',
    startsOn: VIJFJARENCONTRACT_START,
    offset: { years: 3 },
    satisfiedBy: [],
    cancelledBy: { events: [...ROUTE_EINDIGT, VIJFJARENCONTRACT_START], phases: GESLOTEN },
    actor: 'corporatie',
    stages: [{ stage: 'vandaag', at: 0, to: ['corporatie', 'woonzaken'] }],
  },
  // 002 Bijlage 4, Brief gemeente: "Na 4 jaar (1 jaar vóór het aflopen van het vijfjarencontract) ontvangt de
  // jongvolwassene een brief van de gemeente." A duty of the gemeente with its day: Wonen records the letter
  // (brief-gemeente-verstuurd), which meets it and stops the reminders; unrecorded, Wonen is reminded a werkdag later.
  {
    id: 'vijfjarencontract-brief-gemeente',
    regios: AMSTERDAM,
    title: 'Vijfjarencontract: brief gemeente (einde over een jaar)',
    source: '002 Bijlage 4, Brief gemeente',
    kind: 'termijn',
    startsOn: VIJFJARENCONTRACT_START,
    offset: { years: 4 },
    satisfiedBy: [{ types: ['brief-gemeente-verstuurd'] }],
    cancelledBy: { events: [...ROUTE_EINDIGT, VIJFJARENCONTRACT_START], phases: GESLOTEN },
    actor: 'woonzaken',
    stages: [
      { stage: 'vooraf', at: { weeks: -4 }, to: ['woonzaken'] },
      { stage: 'vandaag', at: 0, to: ['woonzaken'] },
      { stage: 'escalatie', at: { werkdagen: 1 }, to: ['woonzaken'] },
    ],
  },
  // 002 Bijlage 4, Brief woningcorporatie: "Na 4,5 jaar (een ½ jaar vóór het aflopen …) ontvangt de jongvolwassene een
  // opzeggingsbrief van de corporatie"; from then the jongvolwassene may request an urgentie ("een half jaar vóór afloop
  // van het huurcontract een urgentie aanvragen"): the client's own request, so no deadline of a party here
  // (vijfjarencontract.ts urgentieAanvragenVanaf). The seed gives the corporatie no form in this system: a signal.
  {
    id: 'vijfjarencontract-opzegbrief',
    regios: AMSTERDAM,
    title: 'Vijfjarencontract: opzeggingsbrief corporatie',
    source: '002 Bijlage 4, Brief woningcorporatie',
    kind: 'signaal',
    startsOn: VIJFJARENCONTRACT_START,
    offset: { months: 54 },
    satisfiedBy: [],
    cancelledBy: { events: [...ROUTE_EINDIGT, VIJFJARENCONTRACT_START], phases: GESLOTEN },
    actor: 'corporatie',
    stages: [
      { stage: 'vooraf', at: { weeks: -4 }, to: ['corporatie'] },
      { stage: 'vandaag', at: 0, to: ['corporatie', 'woonzaken'] },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Klantreis uitstroom MO/BW 2023 (003)
// ---------------------------------------------------------------------------------------------------------------

const KLANTREIS_RULES: readonly DeadlineRule[] = [
  // 003 Fase Proefwonen, Omkappen huurcontract: "3 maanden voor afloop van het proefwonen-huurcontract vindt er een
  // evaluatie plaats met corporatie, zorgaanbieder en client." Only an evaluation from three months before that date
  // on counts: the yearly monitoring gesprekken before it are not the eindevaluatie.
  {
    id: 'proefwonen-evaluatie',
    regios: KLANTREIS,
    title: 'Evaluatie einde proefwonen',
    source: '003 Fase Proefwonen, Omkappen huurcontract',
    kind: 'termijn',
    startsOn: { ...on('sleuteloverdracht', (d) => isIsoDate(d.proefwonenEindOp)), anchorField: 'proefwonenEindOp' },
    offset: { months: -3 },
    satisfiedBy: [{ types: ['woonevaluatie'], notBefore: { months: -3 } }],
    cancelledBy: { events: [...ROUTE_EINDIGT, { types: ['huurcontract-eigen-naam'] }], phases: NA_HERSTELFASE },
    actor: 'corporatie',
    stages: [
      { stage: 'vooraf', at: { weeks: -4 }, to: ['corporatie', 'begeleider'] },
      { stage: 'vandaag', at: 0, to: ['corporatie', 'begeleider'] },
      { stage: 'escalatie', at: { werkdagen: 1 }, to: ['corporatie', 'zorgaanbieder'] },
    ],
  },
  // 003 Fase Proefwonen, Monitoring: "bespreken tussentijds (maar minimaal eens per jaar) … De corporatie neemt het
  // initiatief." Re-arms from the sleuteloverdracht and every gesprek.
  {
    id: 'proefwonen-monitoring',
    regios: KLANTREIS,
    title: 'Jaarlijks gesprek proefwonen',
    source: '003 Fase Proefwonen, Monitoring',
    kind: 'termijn',
    startsOn: { types: ['sleuteloverdracht', 'kennismaking', 'woonevaluatie'] },
    offset: { months: 12 },
    recurring: { agreedMonthsField: 'evaluatieFrequentieMaanden' },
    satisfiedBy: [{ types: ['kennismaking', 'woonevaluatie'] }],
    cancelledBy: { events: [...ROUTE_EINDIGT, { types: ['huurcontract-eigen-naam'] }], phases: NA_HERSTELFASE },
    actor: 'corporatie',
    stages: [
      { stage: 'vooraf', at: { weeks: -4 }, to: ['corporatie', 'begeleider'] },
      { stage: 'vandaag', at: 0, to: ['corporatie', 'begeleider'] },
      { stage: 'escalatie', at: { werkdagen: 1 }, to: ['corporatie', 'zorgaanbieder'] },
    ],
  },
  // 003 Fase Doorstroom, Eerste contact in de driehoek: "Minimaal 3 maanden (MO) dan wel zes maanden (BW) voor
  // uitstroom wordt de woon-/leefvraag met behulp van een zoekprofiel … bekend gemaakt bij de corporatie en
  // gemeente." There is no zoekprofiel form yet: the aanvraag to the gemeente, or an aanbod, meets it.
  zoekprofielRule('zoekprofiel-mo', ['MO'], 3),
  zoekprofielRule('zoekprofiel-bw', ['BW_LVB', 'BW_WLZ'], 6),
  // 003 Fase Uitstroom, Woning-toewijzing: "wordt er naar gestreefd om binnen 3 maanden (MO) dan wel zes maanden (BW)
  // een woning toe te wijzen", counted from the woonvraag (the aanvraag that carries the zoekprofiel).
  woningtoewijzingRule('woningtoewijzing-mo', ['MO'], 3),
  woningtoewijzingRule('woningtoewijzing-bw', ['BW_LVB', 'BW_WLZ'], 6),
];

function zoekprofielRule(id: string, routes: readonly Route[], months: number): DeadlineRule {
  return {
    id,
    regios: KLANTREIS,
    title: `Zoekprofiel delen (${months} maanden voor uitstroom)`,
    source: '003 Fase Doorstroom, Eerste contact in de driehoek',
    kind: 'termijn',
    appliesTo: { routes },
    startsOn: { ...on('case-aangemaakt', (d) => isIsoDate(d.geplandeUitstroomOp)), anchorField: 'geplandeUitstroomOp' },
    offset: { months: -months },
    satisfiedBy: [{ types: ['aanvraag-urgentie', 'woningaanbod'] }],
    cancelledBy: { events: VAN_WACHTLIJST, phases: GESLOTEN },
    actor: 'zorgaanbieder',
    stages: begeleiderStages({ weeks: -2 }),
  };
}

function woningtoewijzingRule(id: string, routes: readonly Route[], months: number): DeadlineRule {
  return {
    id,
    regios: KLANTREIS,
    title: `Ambitie: woning toegewezen binnen ${months} maanden`,
    source: '003 Fase Uitstroom, Woning-toewijzing',
    kind: 'ambitie',
    appliesTo: { routes },
    startsOn: { types: ['aanvraag-urgentie'] },
    once: true,
    offset: { months },
    satisfiedBy: [{ types: ['woningaanbod'] }],
    cancelledBy: { events: VAN_WACHTLIJST, phases: NIET_OP_WACHTLIJST },
    actor: 'corporatie',
    stages: [
      { stage: 'vooraf', at: { weeks: -2 }, to: ['corporatie', 'woonzaken'] },
      { stage: 'vandaag', at: 0, to: ['corporatie', 'woonzaken'] },
    ],
  };
}

/** Every rule, Amsterdam first. */
export const RULES: readonly DeadlineRule[] = [...AMSTERDAM_RULES, ...KLANTREIS_RULES];

/** The rules of one regio, in table order. */
export function rulesFor(regio: Regio): DeadlineRule[] {
  return RULES.filter((r) => r.regios.includes(regio));
}

export function ruleById(id: string): DeadlineRule | undefined {
  return RULES.find((r) => r.id === id);
}

/** Dutch wording of an offset for mail texts and the report, e.g. "2 werkdagen", "6 weken", "3 maanden vóór". */
export function describeOffset(offset: StageOffset): string {
  if (offset === 0) return 'op de dag zelf';
  const [unit, n] = Object.entries(offset)[0] as [keyof typeof UNITS, number];
  const [one, many] = UNITS[unit];
  const amount = Math.abs(n);
  return `${amount} ${amount === 1 ? one : many}${n < 0 ? ' vóór' : ''}`;
}

const UNITS = {
  werkdagen: ['werkdag', 'werkdagen'],
  days: ['dag', 'dagen'],
  weeks: ['week', 'weken'],
  months: ['maand', 'maanden'],
  years: ['jaar', 'jaar'],
} as const;
