/**
 * Wonen's queue (mailbox woonzaken): everything that needs the afdeling Wonen, in the order it was received, with the
 * 5-werkdagen clock of 001 §4 "Toetsing en afronding" / 002 WA8 stap 4 ("stuurt Wonen binnen vijf werkdagen een
 * bevestiging"). The same term applies to every submission that needs Wonen (issue "Deadline engine").
 *
 * Pure: no AWS, no clock. Which events put a case in the queue and which decisions take it out (the intake table,
 * wonen-intakes.ts), what Wonen may see of each submission (views.ts's allow-list, so a field added to a form is
 * never shown to Wonen by accident), and the queue's date arithmetic (werkdagen per regio, from werkdagen.ts).
 */
import * as z from 'zod';
import type { SameType } from './same-type.js';
import { REGIOS, receivedOn, type CaseEvent, type CaseState, type Regio } from './case.js';
import { DomainError } from './errors.js';
import { escapeHtml } from './mail/format.js';
import { regioToetst } from './regio.js';
import { intakeKindOf, WONEN_INTAKES, WONEN_TERMIJN_WERKDAGEN, wonenIntakes } from './wonen-intakes.js';
import { mayShareContent, project, projectionFor as viewProjection } from './views.js';
import { addWerkdagen, werkdagenBetween, werkdagenOverdue, werkdagOnOrBefore } from './werkdagen.js';

export { intakeKindOf, WONEN_TERMIJN_WERKDAGEN } from './wonen-intakes.js';

export const WONEN_KINDS = ['urgentie', 'omklap', 'woningruil', 'verhuizing', 'intrekking', 'einde-verhuur'] as const;
export type WonenKind = (typeof WONEN_KINDS)[number];

export const WONEN_STATUSES = ['nieuw', 'in-behandeling', 'besloten'] as const;
export type WonenStatus = (typeof WONEN_STATUSES)[number];
export const OPEN_STATUSES = ['nieuw', 'in-behandeling'] as const satisfies readonly WonenStatus[];

/** Dutch labels for mail texts and the digest (no personal data): the intake table's (wonen-intakes.ts). */
export const KIND_LABELS: Readonly<Record<WonenKind, string>> = Object.fromEntries(wonenIntakes().map(([kind, intake]) => [kind, intake.label])) as Record<WonenKind, string>;

/** One entry of Wonen's queue, as stored (one per submission; `seq` is the seq of the event that submitted it). */
export interface WonenItem {
  caseId: string;
  seq: number;
  kind: WonenKind;
  status: WonenStatus;
  regio: Regio;
  reference: string;
  /** The event type that put it in the queue. */
  sourceType: CaseEvent['type'];
  /**
   * The day Wonen received the submission: the date it was recorded, not the form's own date (001 §4: "toetst de
   * afdeling Wonen binnen 5 werkdagen", counted from receipt; case.ts receivedOn). The clock starts here.
   */
  receivedOn: string;
  /** The instant it was recorded. */
  receivedAt: string;
  /** addWerkdagen(receivedOn, 5): due at the end of this day, Europe/Amsterdam. */
  dueDate: string;
  /** Only what Wonen may see of the submission (see PROJECTIONS). */
  projection: Record<string, unknown>;
  /** Set when status is 'besloten': the decision form's besluit ('akkoord', 'terug', 'afgewezen', …). */
  decision?: string;
  decidedOn?: string;
  /** seq of the decision event (or of the event that made the item moot). */
  decidedBySeq?: number;
  statusChangedAt?: string;
  /** userId of the medewerker who last moved the item (in behandeling / terug naar nieuw / afgehandeld). */
  statusChangedBy?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Intake: which submissions need Wonen, and which decisions close them: the one table of wonen-intakes.ts
// ---------------------------------------------------------------------------------------------------------------

/** The kinds each decision form closes (wonen-intakes.ts decidedBy); `einde-verhuur` is closed by Wonen through the status endpoint. */
export const DECIDED_BY: Readonly<Partial<Record<CaseEvent['type'], readonly WonenKind[]>>> = wonenIntakes().reduce<Partial<Record<CaseEvent['type'], WonenKind[]>>>((byForm, [kind, intake]) => {
  for (const action of intake.decidedBy) (byForm[action] ??= []).push(kind);
  return byForm;
}, {});

export function isDecisionKind(kind: WonenKind): boolean {
  return WONEN_INTAKES[kind].decidedBy.length > 0;
}

/** The decision a decision form records: its `besluit`, or 'ingetrokken' for the intrekking itself. */
export function decisionOf(event: Pick<CaseEvent, 'type' | 'data'>): string {
  const besluit = event.data?.besluit;
  if (typeof besluit === 'string' && besluit) return besluit;
  return event.type === 'intrekking-urgentie' ? 'ingetrokken' : 'besloten';
}

// ---------------------------------------------------------------------------------------------------------------
// What Wonen may see: a projection per kind (allow-lists; 002 WA10 data minimisation)
// ---------------------------------------------------------------------------------------------------------------

/**
 * What Wonen may read of one event: views.ts's Wonen projection (FORM_VIEWS.wonen, the one allow-list, so the queue and
 * GET /cases/{id} never disagree); nothing for a form it does not list.
 * With the case's state: nothing when the client's consent does not name the gemeente (002 WA10; views.ts
 * mayShareContent), as in GET /cases/{id}.
 */
export function wonenFields(event: Pick<CaseEvent, 'type' | 'data'>, state?: Pick<CaseState, 'facts'>): Record<string, unknown> {
  const view = viewProjection('medewerker-wonen', event.type);
  const projection = view !== undefined && view !== 'all' ? view : { fields: [] };
  if (state && !mayShareContent('wonen', state, event.type, projection)) return {};
  return project(event.data ?? {}, projection.fields);
}

/** The events of the history that still count: corrected submissions replaced by their latest correction. */
function effectiveHistory(history: readonly CaseEvent[]): CaseEvent[] {
  const superseded = new Set(history.flatMap((e) => (e.supersedes !== undefined ? [e.supersedes] : [])));
  return history.filter((e) => !superseded.has(e.seq));
}

function latest(history: readonly CaseEvent[], type: CaseEvent['type'], atOrBefore: number): CaseEvent | undefined {
  return [...effectiveHistory(history)].reverse().find((e) => e.type === type && e.seq <= atOrBefore);
}

/**
 * What Wonen sees of a submission in its queue. `event` is the submitting event; for an omklap that is the
 * onafhankelijke derde's akkoord, and the voordracht it approved is the latest voordracht-omklap before it. Of the
 * toets derde itself (zorgaanbieder only in views.ts) only the verdict and its date: that is what sent it to Wonen.
 */
export function projectionFor(kind: WonenKind, event: CaseEvent, history: readonly CaseEvent[], state: Pick<CaseState, 'route' | 'doelgroep' | 'facts'>): Record<string, unknown> {
  switch (kind) {
    case 'urgentie': {
      // After a heraanmelding Wonen toetst the aanvraag it already had (the latest aanvraag urgentie).
      const aanvraag = event.type === 'heraanmelding' ? latest(history, 'aanvraag-urgentie', event.seq) : event;
      return { route: state.route, doelgroep: state.doelgroep, ...(aanvraag ? wonenFields(aanvraag, state) : {}) };
    }
    case 'omklap': {
      const voordracht = latest(history, 'voordracht-omklap', event.seq);
      return {
        voordracht: voordracht ? { seq: voordracht.seq, occurredOn: voordracht.occurredOn, ...wonenFields(voordracht, state) } : null,
        toetsDerde: { occurredOn: event.occurredOn, akkoord: event.data.akkoord === true },
      };
    }
    default:
      return wonenFields(event, state);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Planning: what a change does to the queue
// ---------------------------------------------------------------------------------------------------------------

export interface QueueChangeInput {
  before: Pick<CaseState, 'phase'> | undefined;
  after: CaseState;
  event: CaseEvent;
  history: readonly CaseEvent[];
  /** The case's queue items as stored before this change. */
  items: readonly WonenItem[];
}

export type QueueOperation =
  | { op: 'create'; item: WonenItem }
  | { op: 'close'; item: WonenItem; decision: string; decidedOn: string; decidedBySeq: number }
  | { op: 'reproject'; item: WonenItem; projection: Record<string, unknown> };

/** The due date of a submission received on `receivedOn`. */
export function dueDateFor(receivedOn: string, regio: Regio): string {
  return addWerkdagen(receivedOn, WONEN_TERMIJN_WERKDAGEN, regio);
}

export function isOpen(item: Pick<WonenItem, 'status'>): boolean {
  return item.status !== 'besloten';
}

/**
 * The queue operations a change implies:
 * - a correction (`supersedes`) of the submission behind an open item updates what Wonen sees (the clock keeps
 *   running from the first receipt); a correction that no longer needs Wonen closes the item as 'vervallen';
 * - a decision form closes the oldest open item of its kind(s) with its besluit;
 * - a submission that needs Wonen opens an item;
 * - a tijdelijke afmelding suspends an open aanvraag urgentie ('opgeschort'); the heraanmelding opens a new item;
 * - when the case ends (phase afgesloten), open items that wait for a decision are moot: closed as 'vervallen'
 *   (002 WA3; the deadline engine cancels their clocks on the same events). An einde-verhuur item stays open: Wonen
 *   still registers it.
 */
export function planQueue(input: QueueChangeInput): QueueOperation[] {
  const { after, event, history } = input;
  const ops: QueueOperation[] = [];
  const open = input.items.filter(isOpen).sort((a, b) => a.seq - b.seq);
  const closed = new Set<number>();
  const close = (item: WonenItem, decision: string) => {
    closed.add(item.seq);
    ops.push({ op: 'close', item, decision, decidedOn: event.occurredOn, decidedBySeq: event.seq });
  };

  if (event.supersedes !== undefined) {
    const root = rootOf(history, event.supersedes);
    const corrected = open.find((i) => i.seq === root);
    if (corrected) {
      const kind = intakeKindOf(event);
      if (kind === corrected.kind) ops.push({ op: 'reproject', item: corrected, projection: projectionFor(kind, event, history, after) });
      else close(corrected, 'vervallen');
      return ops;
    }
  }

  const decides = DECIDED_BY[event.type];
  if (decides) {
    const target = open.find((i) => decides.includes(i.kind));
    if (target) close(target, decisionOf(event));
  }

  const kind = intakeKindOf(event);
  // Only what the regio's gemeente toetst enters the queue (regio.ts): 003 and 004 give the gemeente no toetstermijn.
  if (kind && event.supersedes === undefined && regioToetst(after.regio, kind)) {
    ops.push({
      op: 'create',
      item: {
        caseId: after.caseId,
        seq: event.seq,
        kind,
        status: 'nieuw',
        regio: after.regio,
        reference: after.reference,
        sourceType: event.type,
        receivedOn: receivedOn(event),
        receivedAt: event.recordedAt,
        dueDate: dueDateFor(receivedOn(event), after.regio),
        projection: projectionFor(kind, event, history, after),
      },
    });
  }

  // 001 §3: a tijdelijke afmelding takes the client off the wachtlijst while Wonen toetst: the aanvraag is suspended,
  // not "te laat". Its item closes as 'opgeschort'; a heraanmelding opens a new one (intakeKindOf).
  if (after.phase === 'tijdelijk_afgemeld' && input.before?.phase !== 'tijdelijk_afgemeld') {
    for (const item of open) if (!closed.has(item.seq) && item.kind === 'urgentie') close(item, 'opgeschort');
  }

  if (after.phase === 'afgesloten' && input.before?.phase !== 'afgesloten') {
    for (const item of open) if (!closed.has(item.seq) && isDecisionKind(item.kind)) close(item, 'vervallen');
  }
  return ops;
}

/** The seq of the original submission a chain of corrections goes back to. */
function rootOf(history: readonly CaseEvent[], seq: number): number {
  let current = seq;
  for (let guard = 0; guard < history.length; guard++) {
    const e = history.find((h) => h.seq === current);
    if (e?.supersedes === undefined) return current;
    current = e.supersedes;
  }
  return current;
}

// ---------------------------------------------------------------------------------------------------------------
// Manual status changes (POST /wonen/items/{caseId}/{seq}/status)
// ---------------------------------------------------------------------------------------------------------------

/** A status change the item's state does not allow (409). */
export class WonenStatusConflict extends DomainError {
  readonly status = 409;
  readonly title = 'Deze statuswijziging kan niet';
  constructor(readonly current: WonenStatus, readonly requested: WonenStatus, detail: string) {
    super(detail);
    this.extensions.current = current;
    this.extensions.requested = requested;
  }
}

/**
 * Checks a manual status change. Wonen picks an item up (nieuw → in-behandeling) or gives it back; a decision is
 * never taken here: an item that waits for a decision is closed only by its decision form (in the same transaction
 * as the decision). Only an informational einde-verhuur item is closed here ('geregistreerd').
 * Returns false when the item already has the requested status (a no-op).
 */
export function checkStatusChange(item: Pick<WonenItem, 'kind' | 'status'>, to: WonenStatus): boolean {
  if (item.status === to) return false;
  if (item.status === 'besloten') {
    throw new WonenStatusConflict(item.status, to, 'Dit item is besloten; een besluit wordt niet heropend.');
  }
  if (to === 'besloten' && isDecisionKind(item.kind)) {
    throw new WonenStatusConflict(item.status, to, `Een ${KIND_LABELS[item.kind].toLowerCase()} wordt besloten met het besluitformulier van het dossier.`);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the queue
// ---------------------------------------------------------------------------------------------------------------

export interface QueueEntry {
  caseId: string;
  seq: number;
  reference: string;
  kind: WonenKind;
  status: WonenStatus;
  receivedOn: string;
  dueDate: string;
  /** Werkdagen from today (exclusive) to the due date (inclusive); 0 on the due day and after. Open items only. */
  werkdagenLeft?: number;
  /** Today is past the due date (the term ends at the end of the due day). Open items only. */
  overdue?: boolean;
  /** Werkdagen past the due date. Open, overdue items only. */
  werkdagenOverdue?: number;
  decision?: string;
  decidedOn?: string;
  /** Decided on or before the due date. Decided items only. */
  onTime?: boolean;
  /** Who took the item in behandeling (userId), so colleagues see who has it. In-behandeling items only. */
  takenBy?: string;
  /** When it was taken in behandeling. In-behandeling items only. */
  takenAt?: string;
  projection: Record<string, unknown>;
}

/** A queue item as GET /wonen/queue lists it and POST /wonen/items/…/status answers (checked against QueueEntry). */
export const queueEntrySchema = z.object({
  caseId: z.string(),
  seq: z.number().int().min(1),
  reference: z.string(),
  kind: z.enum(WONEN_KINDS),
  status: z.enum(WONEN_STATUSES),
  receivedOn: z.iso.date().describe('The day Wonen received it: its 5 werkdagen start here (001 §4)'),
  dueDate: z.iso.date(),
  werkdagenLeft: z.number().int().min(0).optional(),
  overdue: z.boolean().optional(),
  werkdagenOverdue: z.number().int().min(0).optional(),
  decision: z.string().optional(),
  decidedOn: z.iso.date().optional(),
  onTime: z.boolean().optional(),
  takenBy: z.string().optional(),
  takenAt: z.string().optional(),
  projection: z.record(z.string(), z.unknown()).describe('What Wonen may read of the submission'),
});
const _queueEntry: SameType<z.infer<typeof queueEntrySchema>, QueueEntry> = true;
void _queueEntry;

/** An item as Wonen's queue shows it on `today` (Europe/Amsterdam). */
export function queueEntry(item: WonenItem, today: string): QueueEntry {
  const base = {
    caseId: item.caseId,
    seq: item.seq,
    reference: item.reference,
    kind: item.kind,
    status: item.status,
    receivedOn: item.receivedOn,
    dueDate: item.dueDate,
  };
  if (item.status === 'besloten') {
    return {
      ...base,
      ...(item.decision ? { decision: item.decision } : {}),
      ...(item.decidedOn ? { decidedOn: item.decidedOn, onTime: item.decidedOn <= item.dueDate } : {}),
      projection: item.projection,
    };
  }
  const overdue = today > item.dueDate;
  return {
    ...base,
    werkdagenLeft: werkdagenBetween(today, item.dueDate, item.regio),
    overdue,
    ...(overdue ? { werkdagenOverdue: werkdagenOverdue(item.dueDate, today, item.regio) } : {}),
    ...(item.status === 'in-behandeling' && item.statusChangedBy
      ? { takenBy: item.statusChangedBy, ...(item.statusChangedAt ? { takenAt: item.statusChangedAt } : {}) }
      : {}),
    projection: item.projection,
  };
}

export function isRegio(value: string | undefined): value is Regio {
  return value !== undefined && (REGIOS as readonly string[]).includes(value);
}

/**
 * The exclusive upper bound on receivedOn of the items due on or before `today`: dueDate(d) ≤ today ⟺ d < bound.
 * Because adding werkdagen is monotonic, the digest reads exactly those items from the received-ordered index with
 * one key condition (`GSI3SK < bound`), no filter. Derivation: with f the last werkdag ≤ today and g the 4th werkdag
 * before f, dueDate(g) = the werkdag after f > today, and every d < g has dueDate(d) ≤ f (property-tested).
 */
export function receivedBeforeBoundForDueBy(today: string, regio: Regio): string {
  const lastWerkdag = werkdagOnOrBefore(today, regio);
  return addWerkdagen(lastWerkdag, -(WONEN_TERMIJN_WERKDAGEN - 1), regio);
}

// ---------------------------------------------------------------------------------------------------------------
// The daily digest to woonzaken
// ---------------------------------------------------------------------------------------------------------------

export interface DigestLine {
  reference: string;
  kind: WonenKind;
  dueDate: string;
  status: WonenStatus;
  werkdagenOverdue: number;
}

export interface Digest {
  regio: Regio;
  date: string;
  dueToday: DigestLine[];
  overdue: DigestLine[];
}

const digestLineSchema = z.object({
  reference: z.string(),
  kind: z.enum(WONEN_KINDS),
  dueDate: z.iso.date(),
  status: z.enum(WONEN_STATUSES),
  werkdagenOverdue: z.number().int().min(0),
});
/** GET /wonen/digest: the figures of the 08:00 mail to woonzaken (checked against Digest). */
export const digestSchema = z.object({ regio: z.enum(REGIOS), date: z.iso.date(), dueToday: z.array(digestLineSchema), overdue: z.array(digestLineSchema) });
const _digest: SameType<z.infer<typeof digestSchema>, Digest> = true;
void _digest;

/** What is due today and what is overdue, from the open items due by today. Case references only. */
export function buildDigest(regio: Regio, today: string, items: readonly WonenItem[]): Digest {
  const lines = items
    .filter((i) => isOpen(i) && i.dueDate <= today)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.reference.localeCompare(b.reference))
    .map((i) => ({ reference: i.reference, kind: i.kind, dueDate: i.dueDate, status: i.status, werkdagenOverdue: werkdagenOverdue(i.dueDate, today, regio) }));
  return { regio, date: today, dueToday: lines.filter((l) => l.dueDate === today), overdue: lines.filter((l) => l.dueDate < today) };
}

export interface DigestText {
  subject: string;
  text: string;
  html: string;
}

function dutchDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
  return `${d} ${months[m - 1]} ${y}`;
}

/**
 * The digest mail: references, kinds and due dates only (no personal data, no form content); a link to the queue.
 * `queueUrl` is the app's queue page.
 */
export function digestText(digest: Digest, queueUrl: string): DigestText {
  const count = digest.dueToday.length + digest.overdue.length;
  const subject = `[Omslagroute] Wonen-wachtrij ${dutchDate(digest.date)}: ${digest.dueToday.length} vandaag, ${digest.overdue.length} te laat`;
  const line = (l: DigestLine) =>
    `${l.reference}  ${KIND_LABELS[l.kind]}  uiterlijk ${dutchDate(l.dueDate)}${l.werkdagenOverdue ? ` (${l.werkdagenOverdue} werkdag${l.werkdagenOverdue === 1 ? '' : 'en'} te laat)` : ''}${l.status === 'in-behandeling' ? '  [in behandeling]' : ''}`;
  const section = (title: string, lines: DigestLine[]) => (lines.length ? [title, ...lines.map(line), ''] : [title, '(geen)', '']);
  const text = [
    `Wonen-wachtrij (${digest.regio}) op ${dutchDate(digest.date)}.`,
    count === 0 ? 'Vandaag loopt er geen termijn af en is niets te laat.' : 'Termijn van 5 werkdagen (001 §4; 002 WA8 stap 4):',
    '',
    ...section('Vandaag uiterlijk:', digest.dueToday),
    ...section('Te laat:', digest.overdue),
    `Open de wachtrij: ${queueUrl}`,
    '',
    'Deze e-mail bevat alleen dossierkenmerken. Inhoud staat in het dossier.',
  ].join('\n');
  const list = (lines: DigestLine[]) =>
    lines.length ? `<ul>${lines.map((l) => `<li>${escapeHtml(line(l))}</li>`).join('')}</ul>` : '<p>(geen)</p>';
  const html = [
    `<p>Wonen-wachtrij (${escapeHtml(digest.regio)}) op ${escapeHtml(dutchDate(digest.date))}.</p>`,
    '<h3>Vandaag uiterlijk</h3>',
    list(digest.dueToday),
    '<h3>Te laat</h3>',
    list(digest.overdue),
    `<p><a href="${escapeHtml(queueUrl)}">Open de wachtrij</a></p>`,
    '<p>Deze e-mail bevat alleen dossierkenmerken. Inhoud staat in het dossier.</p>',
  ].join('\n');
  return { subject, text, html };
}
