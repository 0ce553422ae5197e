/**
 * Reminders are data. On every accepted change these planners compute what the case now needs and contribute the
 * writes to the SAME transaction as the case change (CaseCommit.effects): either the case changes and its reminders
 * with it, or neither.
 *
 * - Deadline reminders: the engine's deadlines on the NEW history, diffed against the stored reminder stages.
 * - Notifications: one-off mails a form causes (shared/domain/notifications.ts), as reminder stages `melding` due now.
 * - Outbox: one domain event per accepted change, relayed to EventBridge by the dispatcher.
 *
 * Stage policy:
 * - Only open and overdue deadlines have pending stages. A deadline that is met, missed or cancelled — or that no
 *   longer exists (a corrected start event) — has its pending stages cancelled (status `cancelled`, out of the due
 *   index). Stages already sending or sent are never touched.
 * - A stage whose fireAt lies in the future is planned as is. Of the stages already past at planning time only the
 *   LATEST is kept (sent at the next dispatcher run): a back-dated sleuteloverdracht or a late recording does not
 *   produce a burst of outdated "vooraf" mails, but the party still hears the current state once. An earlier past
 *   stage still pending (the dispatcher had not got to it) is cancelled as `ingehaald`.
 * - Each stage records the fireAt of the deadline's next stage (`nextStageAt`): when the dispatcher was behind (an
 *   outage, a local clock jump) and both are due, the sender skips the earlier one as `ingehaald`.
 * - A pending stage whose fireAt, recipients, due date or title changed is rewritten in place (same key, same
 *   reminderId); a cancelled one that becomes relevant again (a correction) is revived.
 * Every write on an existing item is conditional on the status the planner saw, so a stage claimed by a sender
 * between the load and the commit makes the commit fail with ConcurrentModification; changeCase retries on a fresh
 * read, which then leaves the stage alone.
 */
import type { CaseEvent } from '#domain/case.js';
import type { Deadline, EvaluateInput } from '#domain/deadlines/index.js';
import { notificationsFor } from '#domain/notifications.js';
import { nextReminderStatus, PLANNED_STATUS } from '#domain/reminder-status.js';
import { stepOf } from '#domain/akkoord.js';
import type { ChangeContext, EffectPlanner, ExistingItems } from '../effects.js';
import type { CaseIntent } from '../ports.js';
import { eventIdOf, normaliseInstant, reminderIdOf, type PlannedOutboxEvent, type PlannedStage, type ReminderItem } from './ports.js';

export type EvaluateDeadlines = (input: EvaluateInput) => Deadline[];

const ACTIVE: ReadonlySet<Deadline['status']> = new Set(['open', 'overdue']);

/** Fields whose change rewrites a pending stage. */
const COMPARED = ['fireAt', 'nextStageAt', 'dueDate', 'dueAt', 'title', 'ruleKind', 'actor', 'source', 'begeleiderUserId', 'reference'] as const;

/** The user id of the case's current begeleider: the latest begeleider who filed something, for the directory. */
export function begeleiderOf(history: readonly CaseEvent[]): string | undefined {
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const actor = history[i]?.actor;
    if (actor?.role === 'begeleider') return actor.userId;
  }
  return undefined;
}

interface WantedStage {
  deadline: Deadline;
  stage: string;
  fireAt: string;
  to: Deadline['stages'][number]['to'];
  /** fireAt of the deadline's next stage: once that is due too, this one is superseded (sender skips it). */
  nextStageAt?: string;
}

/** The stages that should be pending for the active deadlines: future stages plus the latest past one. */
export function wantedStages(deadlines: readonly Deadline[], now: string): WantedStage[] {
  const wanted: WantedStage[] = [];
  for (const deadline of deadlines) {
    if (!ACTIVE.has(deadline.status)) continue;
    const stages = deadline.stages
      .filter((s) => s.to.length > 0)
      .map((s): WantedStage => ({ deadline, stage: s.stage, fireAt: normaliseInstant(s.fireAt), to: [...s.to] }))
      .sort((a, b) => (a.fireAt < b.fireAt ? -1 : a.fireAt > b.fireAt ? 1 : 0))
      .map((s, i, all) => (all[i + 1] ? { ...s, nextStageAt: all[i + 1]!.fireAt } : s));
    const past = stages.filter((s) => s.fireAt <= now);
    const latestPast = past[past.length - 1];
    wanted.push(...(latestPast ? [latestPast] : []), ...stages.filter((s) => s.fireAt > now));
  }
  return wanted;
}

function plannedStageOf(change: ChangeContext, want: WantedStage, now: string, begeleiderUserId: string | undefined): PlannedStage {
  const { deadline } = want;
  const caseId = change.after.caseId;
  const reminderId = reminderIdOf(caseId, deadline.deadlineId, want.stage);
  return {
    kind: 'deadline',
    reminderId,
    caseId,
    reference: change.after.reference,
    deadlineId: deadline.deadlineId,
    ruleId: deadline.ruleId,
    ruleKind: deadline.kind,
    title: deadline.title,
    source: deadline.source,
    actor: deadline.actor,
    stage: want.stage,
    to: want.to,
    dueDate: deadline.dueDate,
    dueAt: normaliseInstant(deadline.dueAt),
    fireAt: want.fireAt,
    ...(want.nextStageAt ? { nextStageAt: want.nextStageAt } : {}),
    ...(begeleiderUserId ? { begeleiderUserId } : {}),
    reminderStatus: PLANNED_STATUS,
    plannedAt: now,
  };
}

function differs(stored: ReminderItem, wanted: PlannedStage): boolean {
  if (stored.reminderStatus !== 'pending') return true;
  if (COMPARED.some((field) => stored[field] !== wanted[field])) return true;
  return stored.to.length !== wanted.to.length || stored.to.some((p, i) => p !== wanted.to[i]);
}

/** The stored stages of a kind, by reminderId (deterministic: the same case, deadline and stage). */
function storedReminders(existing: ExistingItems, kind: ReminderItem['kind']): Map<string, ReminderItem> {
  const byId = new Map<string, ReminderItem>();
  for (const item of existing.reminders) if (item.kind === kind) byId.set(item.reminderId, item);
  return byId;
}

// The planner's two transitions of the status table (#domain/reminder-status), `replan` and `cancel`: the adapter
// writes each conditional on the status the planner saw.
function cancelIntent(item: ReminderItem, reason: string, now: string): CaseIntent {
  return { kind: 'reminder.cancel', caseId: item.caseId, deadlineId: item.deadlineId, stage: item.stage, reason, at: now };
}

/** Builds the deadline-reminder planner: from the change's deadlines (evaluated once per change), or from `evaluate` (tests hand in generated deadlines). */
export function deadlineReminderPlanner(evaluate?: EvaluateDeadlines): EffectPlanner {
  return (change, existing) => {
    const now = normaliseInstant(change.now);
    const deadlines = evaluate ? evaluate({ case: change.after, history: change.history, now }) : change.deadlinesAfter;
    const byId = new Map(deadlines.map((d) => [d.deadlineId, d]));
    const stored = storedReminders(existing, 'deadline');
    const begeleiderUserId = begeleiderOf(change.history);
    const intents: CaseIntent[] = [];
    const wantedIds = new Set<string>();

    for (const want of wantedStages(deadlines, now)) {
      const stage = plannedStageOf(change, want, now, begeleiderUserId);
      wantedIds.add(stage.reminderId);
      const current = stored.get(stage.reminderId);
      if (!current) {
        intents.push({ kind: 'reminder.schedule', stage });
      } else if (nextReminderStatus(current.reminderStatus, 'replan') && differs(current, stage)) {
        intents.push({ kind: 'reminder.replan', stage });
      }
      // sending, sent, unconfirmed, failed: history, never touched.
    }
    for (const current of stored.values()) {
      if (!nextReminderStatus(current.reminderStatus, 'cancel') || wantedIds.has(current.reminderId)) continue;
      const deadline = byId.get(current.deadlineId);
      const reason = !deadline ? 'vervallen' : ACTIVE.has(deadline.status) ? 'ingehaald' : deadline.status;
      intents.push(cancelIntent(current, reason, now));
    }
    return intents;
  };
}

/** One mail per notification rule the event triggers, due now, through the same pipeline as the reminders. */
export const notificationPlanner: EffectPlanner = (change, existing) => {
  const now = normaliseInstant(change.now);
  const { after } = change;
  const stored = storedReminders(existing, 'melding');
  const begeleiderUserId = begeleiderOf(change.history);
  // What the step sends on (with an akkoord: the accepted form, keyed by its own seq), and the akkoord asked or answered.
  const step = stepOf(change);
  const triggered = [
    ...(step ? notificationsFor(step, after).map((rule) => ({ event: step, rule })) : []),
    ...(step !== change.event ? notificationsFor(change.event, after, true).map((rule) => ({ event: change.event, rule })) : []),
  ];
  return triggered.flatMap(({ event, rule }): CaseIntent[] => {
    const deadlineId = `${rule.id}:${event.seq}`;
    const reminderId = reminderIdOf(after.caseId, deadlineId, 'melding');
    if (stored.has(reminderId)) return [];
    const stage: PlannedStage = {
      kind: 'melding',
      reminderId,
      caseId: after.caseId,
      reference: after.reference,
      deadlineId,
      ruleId: rule.id,
      title: rule.subject,
      source: rule.source,
      stage: 'melding',
      to: [...rule.to],
      fireAt: now,
      seq: event.seq,
      occurredOn: event.occurredOn,
      ...(event.supersedes !== undefined ? { correction: true } : {}),
      ...(begeleiderUserId ? { begeleiderUserId } : {}),
      reminderStatus: PLANNED_STATUS,
      plannedAt: now,
    };
    return [{ kind: 'reminder.schedule', stage }];
  });
};

/** The transactional outbox: every accepted change publishes one domain event (identifiers only). */
export const outboxPlanner: EffectPlanner = (change, existing) => {
  const now = normaliseInstant(change.now);
  const { event, after } = change;
  if (existing.outbox.some((o) => o.seq === event.seq)) return [];
  const eventId = eventIdOf(after.caseId, event.seq);
  const planned: PlannedOutboxEvent = {
    eventId,
    caseId: after.caseId,
    seq: event.seq,
    detailType: event.type,
    detail: { eventId, caseId: after.caseId, reference: after.reference, action: event.type, seq: event.seq, occurredOn: event.occurredOn },
    recordedAt: normaliseInstant(event.recordedAt),
    outboxStatus: 'pending',
  };
  // Due for the relay from now on.
  return [{ kind: 'outbox.publish', event: planned, dueAt: now }];
};

/** The planners of this concern, in the order they are added to PLANNERS. */
export const REMINDER_PLANNERS: EffectPlanner[] = [deadlineReminderPlanner(), notificationPlanner, outboxPlanner];
