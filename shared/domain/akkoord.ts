/**
 * The receiving party's akkoord on a form (issue 13 "Akkoord by the party itself").
 *
 * Some steps of the route are agreements of three parties, not of the begeleider alone. The begeleider (or the
 * onafhankelijke derde) files the form; it is then *ingediend bij* the woningcorporatie, which takes it *in
 * behandeling* and gives its *akkoord* or sends it *terug* with a reason. Only an akkoord makes the step count: the
 * phase it leads to, the deadlines it meets or starts, what it sends on (Wonen's queue, the next party's reminders).
 * A signature is the recorded akkoord of a named role with its timestamp, never a name typed in for someone else.
 *
 * How it is recorded: the submission is an ordinary history event marked `akkoordVan`; the corporatie's answers are
 * events of their own (`akkoord-in-behandeling`, `akkoord-gegeven`, `akkoord-teruggestuurd`) that name it (`voor`).
 * A resubmission after a send-back is a correction (`supersedes`) of the version sent back: both stay in the history.
 * `countedHistory` is the history as the rules of the route read it: waiting and sent-back versions left out, an
 * accepted one counted from the moment of its akkoord (that is when it reaches the next party). Events recorded before
 * this rule existed carry no mark and count as they always did.
 */
import * as z from 'zod';
import type { CaseEvent, CaseState, EventData } from './case.js';
import type { Action } from './phases.js';
import type { Actor } from './roles.js';

/** Who gives the akkoord. The seeds name only the woningcorporatie for these steps; Wonen decides in its own queue. */
export type AkkoordParty = 'woningcorporatie';

export const AKKOORD_EVENT = {
  inBehandeling: 'akkoord-in-behandeling',
  gegeven: 'akkoord-gegeven',
  teruggestuurd: 'akkoord-teruggestuurd',
} as const;
export type AkkoordEventType = (typeof AKKOORD_EVENT)[keyof typeof AKKOORD_EVENT];
export const AKKOORD_EVENT_TYPES: readonly AkkoordEventType[] = Object.values(AKKOORD_EVENT);

export interface AkkoordRequirement {
  party: AkkoordParty;
  /** Only submissions whose data match need it (a negative toets of the derde goes back, not to the corporatie). */
  when?: (data: Record<string, unknown>) => boolean;
  /** What the corporatie is asked to agree to, for its list and its mail (no personal data). */
  wat: string;
  source: string;
}

/** A requirement of form `A`, its condition typed from the form's data (a typo fails to compile). */
type RequirementOf<A extends Action> = Omit<AkkoordRequirement, 'when'> & { when?: (data: EventData<A>) => boolean };

/** The forms that need the corporatie's own akkoord before they count, with the seed sentence that says so. */
export const AKKOORD_VEREIST: { readonly [A in Action]?: RequirementOf<A> } = {
  // 002 "Afspraken over wonen en goed huurderschap": "Gezamenlijk maken bewoner, zorgaanbieder en woningcorporatie
  // afspraken over 'wonen en goed huurderschap'. Alle drie de partijen ondertekenen en bewaren deze afspraken."
  // 002 Bijlage 2a (kennismaking en Supplement Wonen en Goed Huurderschap): Handtekening bewoner / Zorgaanbieder /
  // Woningcorporatie.
  kennismaking: {
    party: 'woningcorporatie',
    wat: 'Afspraken kennismakingsgesprek (Supplement Wonen en Goed Huurderschap)',
    source: '002 WA4; 002 Bijlage 2a',
  },
  // 002 Bijlage 3: "Als alle drie de partijen akkoord zijn met het gespreksverslag, wordt het door alle drie de partijen
  // ondertekend." 001 §4 Kernboodschap omklapfase: "Als de corporatie akkoord gaat, bereidt de begeleider de voordracht
  // voor Omklap voor."
  woonevaluatie: {
    party: 'woningcorporatie',
    wat: 'Verslag woonevaluatiegesprek',
    source: '002 WA4; 002 Bijlage 3; 001 §4',
  },
  // 002 WA8 stap 3: "De bewoner, zorgaanbieder en woningbouwcorporatie besluiten in dat geval samen dat er een
  // Voordracht voor de Omklap kan worden gedaan." The voordracht, once the onafhankelijke derde agreed, goes to Wonen
  // with the corporatie's akkoord: the corporatie agrees to the voordracht as toetst, then Wonen's 5 werkdagen start.
  'toets-derde': {
    party: 'woningcorporatie',
    when: (data) => data.akkoord === true,
    wat: 'Voordracht voor omklap (getoetst door de onafhankelijke derde)',
    source: '002 WA8 stap 3; 001 §4',
  },
  // 002 WA3: "In het jaarlijkse woonevaluatiegesprek kunnen woningcorporatie, zorgaanbieder en bewoner besluiten de
  // intermediaire huurovereenkomst voor een langere termijn te handhaven."
  'duurzame-verhuur': {
    party: 'woningcorporatie',
    wat: 'Besluit duurzame intermediaire verhuur',
    source: '002 WA3',
  },
  // 002 Bijlage 6: "Daarbij gelden als voorwaarden dat de woonomgeving hiervoor geschikt is en de woningcorporatie
  // akkoord gaat."
  woningruil: {
    party: 'woningcorporatie',
    wat: 'Besluit woningruil',
    source: '002 Bijlage 6',
  },
  // 002 Bijlage 6: "Verhuizen is toegestaan indien de woonsituatie het begeleidingstraject van de cliënt ernstig
  // belemmert, de zorgaanbieder en de woningcorporatie nemen samen dit besluit."
  verhuizing: {
    party: 'woningcorporatie',
    wat: 'Besluit verhuizing',
    source: '002 Bijlage 6',
  },
};

/** The akkoord a submission of `action` with `data` needs, if any. */
export function akkoordRequired(action: string, data: Record<string, unknown>): AkkoordRequirement | undefined {
  const requirement = AKKOORD_VEREIST[action as Action] as AkkoordRequirement | undefined;
  return requirement && (!requirement.when || requirement.when(data)) ? requirement : undefined;
}

export function isAkkoordEvent(event: Pick<CaseEvent, 'type'>): boolean {
  return (AKKOORD_EVENT_TYPES as readonly string[]).includes(event.type);
}

export type AkkoordStatus = 'ingediend' | 'in_behandeling' | 'akkoord' | 'teruggestuurd' | 'vervangen';

/** One submission that waits (or waited) for an akkoord, as the lists and the dossier show it. */
export interface AkkoordItem {
  /** The submission's seq: the item's identity (`POST /cases/{id}/akkoorden/{seq}`). */
  seq: number;
  action: Action;
  party: AkkoordParty;
  wat: string;
  source: string;
  status: AkkoordStatus;
  submittedAt: string;
  submittedBy: Actor;
  /** A resubmission after a send-back: the version it replaces (both stay in the history). */
  opnieuwIngediendNa?: number;
  /** The corporatie's colleague who has it in behandeling. */
  inBehandelingBij?: { userId: string; since: string };
  /** The answer: its seq, when, by whom and (sent back) why. */
  besluit?: { seq: number; at: string; by: Actor; reden?: string };
  /** The resubmission that replaced this version. */
  vervangenDoor?: number;
}

/** Every submission that needs an akkoord, oldest first, with where it stands. */
export function akkoordItems(history: readonly CaseEvent[]): AkkoordItem[] {
  const answers = new Map<number, CaseEvent[]>();
  for (const e of history) {
    if (!isAkkoordEvent(e)) continue;
    const voor = e.data.voor;
    if (typeof voor === 'number') answers.set(voor, [...(answers.get(voor) ?? []), e]);
  }
  const replacedBy = new Map<number, number>();
  for (const e of history) if (e.supersedes !== undefined && e.akkoordVan) replacedBy.set(e.supersedes, e.seq);
  const bySeq = new Map(history.map((e) => [e.seq, e] as const));

  return history
    .filter((e) => e.akkoordVan !== undefined)
    .map((e): AkkoordItem => {
      const requirement = AKKOORD_VEREIST[e.type as Action];
      const own = answers.get(e.seq) ?? [];
      const decided = own.find((a) => a.type === AKKOORD_EVENT.gegeven || a.type === AKKOORD_EVENT.teruggestuurd);
      const taken = [...own].reverse().find((a) => a.type === AKKOORD_EVENT.inBehandeling);
      const replaced = replacedBy.get(e.seq);
      const previous = e.supersedes !== undefined ? bySeq.get(e.supersedes) : undefined;
      const status: AkkoordStatus = decided
        ? decided.type === AKKOORD_EVENT.gegeven
          ? 'akkoord'
          : 'teruggestuurd'
        : replaced !== undefined
          ? 'vervangen'
          : taken
            ? 'in_behandeling'
            : 'ingediend';
      const reden = decided && typeof decided.data.reden === 'string' ? decided.data.reden : undefined;
      return {
        seq: e.seq,
        action: e.type as Action,
        party: e.akkoordVan!,
        wat: requirement?.wat ?? e.type,
        source: requirement?.source ?? '',
        status,
        submittedAt: e.recordedAt,
        submittedBy: e.actor,
        ...(previous?.akkoordVan ? { opnieuwIngediendNa: previous.seq } : {}),
        ...(taken && !decided ? { inBehandelingBij: { userId: taken.actor.userId, since: taken.recordedAt } } : {}),
        ...(decided ? { besluit: { seq: decided.seq, at: decided.recordedAt, by: decided.actor, ...(reden ? { reden } : {}) } } : {}),
        ...(replaced !== undefined ? { vervangenDoor: replaced } : {}),
      };
    });
}

/** Items the corporatie still has to answer. */
export function openAkkoorden(history: readonly CaseEvent[]): AkkoordItem[] {
  return akkoordItems(history).filter((item) => item.status === 'ingediend' || item.status === 'in_behandeling');
}

/**
 * The history as the rules of the route read it (deadlines, phase decisions, Wonen's queue, who may see the case):
 * - a submission waiting for its akkoord, sent back, or replaced before an answer does not count;
 * - an accepted one counts as received when the akkoord was given (its own date stays what the user said);
 * - a correction points at the last version that counted, or at nothing when none did (it is then the first).
 * Idempotent: counting a counted history changes nothing.
 */
export function countedHistory(history: readonly CaseEvent[]): CaseEvent[] {
  if (!history.some((e) => e.akkoordVan !== undefined)) return [...history];
  const given = new Map<number, CaseEvent>();
  for (const e of history) {
    if (e.type === AKKOORD_EVENT.gegeven && typeof e.data.voor === 'number') given.set(e.data.voor, e);
  }
  const bySeq = new Map(history.map((e) => [e.seq, e] as const));
  const counts = (e: CaseEvent): boolean => e.akkoordVan === undefined || given.has(e.seq);
  const lastCounted = (seq: number | undefined): number | undefined => {
    const seen = new Set<number>();
    let current = seq;
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      const event = bySeq.get(current);
      if (!event || counts(event)) return current;
      current = event.supersedes;
    }
    return undefined;
  };
  return history.filter(counts).map((e) => {
    if (e.akkoordVan === undefined && e.supersedes === undefined) return e;
    const akkoord = given.get(e.seq);
    const { supersedes, ...rest } = e;
    const target = lastCounted(supersedes);
    return {
      ...rest,
      ...(target !== undefined ? { supersedes: target } : {}),
      ...(akkoord && akkoord.recordedAt > e.recordedAt ? { recordedAt: akkoord.recordedAt } : {}),
    };
  });
}

/** The counted version of one submission, as it takes effect with its akkoord. */
export function countedEvent(history: readonly CaseEvent[], seq: number): CaseEvent | undefined {
  return countedHistory(history).find((e) => e.seq === seq);
}

/** The step that takes effect with a change (shared/app/effects.ts ChangeContext.step); undefined when nothing does yet. */
export function stepOf(change: { event: CaseEvent; step?: CaseEvent | null }): CaseEvent | undefined {
  return change.step === undefined ? change.event : (change.step ?? undefined);
}

/** The corporatie that must answer: the one linked to the case (002 WA1: the corporatie of the woning). */
export function akkoordOrganisation(state: Pick<CaseState, 'corporatieId'>, party: AkkoordParty): string | undefined {
  return party === 'woningcorporatie' ? state.corporatieId : undefined;
}

/** The body of `POST /cases/{caseId}/akkoorden/{seq}`: one schema for the API, its OpenAPI document and the werkplek. */
export const akkoordAnswerSchema = z
  .discriminatedUnion('besluit', [
    z.object({ besluit: z.literal('in-behandeling').describe('In behandeling nemen') }).describe('In behandeling nemen'),
    z
      .object({
        besluit: z.literal('akkoord').describe('Akkoord'),
        toelichting: z.string().trim().max(2000, 'Maximaal 2000 tekens').optional().describe('Toelichting (optioneel)'),
      })
      .describe('Akkoord geven'),
    z
      .object({
        besluit: z.literal('terugsturen').describe('Terugsturen'),
        reden: z.string({ error: 'Vul de reden in' }).trim().min(1, 'Vul de reden in').max(2000, 'Maximaal 2000 tekens').describe('Reden van terugsturen'),
      })
      .describe('Terugsturen met een reden'),
  ])
  .describe('Uw besluit');

/** What the receiving party answers on a submission that waits for its akkoord. */
export type AkkoordAnswer = z.infer<typeof akkoordAnswerSchema>;
