/**
 * The status machine of a reminder stage (a deadline reminder or a one-off notification): the one place it is
 * written down (issue 16; issue 15 made it a table the store obeys). Every write that moves a stage is one of these
 * transitions, and the DynamoDB adapter derives its condition expressions from them
 * (`shared/adapters/dynamo/reminder-items.ts`, `statusCondition`), so a stage can only move the way this table says.
 *
 * | transition       | from                           | to        | by         | when                                                          |
 * |------------------|--------------------------------|-----------|------------|---------------------------------------------------------------|
 * | (planned)        | —                              | pending   | planner    | a new stage of an open deadline, a notification a form causes |
 * | replan           | pending, cancelled             | pending   | planner    | its fireAt, recipients, due date or title changed; revived    |
 * | cancel           | pending                        | cancelled | planner    | its deadline is met, missed, cancelled or gone; overtaken      |
 * | lease            | pending                        | pending   | dispatcher | due: leased, put on the queue                                 |
 * | claim            | pending                        | sending   | sender     | claimed (token, claimUntil = now + CLAIM_TIMEOUT_MINUTES)     |
 * | supersede        | pending                        | cancelled | sender     | a later stage of the deadline is due as well                  |
 * | failUndeliverable| pending                        | failed    | sender     | no recipient, case gone                                       |
 * | markSent         | sending (own claim)            | sent      | sender     | SES answered a MessageId                                      |
 * | release          | sending (own claim)            | pending   | sender     | SES refused before accepting (throttling 429, paused account) |
 * | reject           | sending (own claim)            | failed    | sender     | SES rejected for good (MessageRejected, 400)                  |
 * | releaseInDoubt   | sending (the claim as seen)    | pending   | dispatcher | the claim ran out (the doubt wait) and no SES event came      |
 * | confirmFromSes   | pending, sending, unconfirmed  | sent      | ses-events | an SES Send/Delivery event whose tags name it                 |
 *
 * In doubt (SES answered 500, a timeout, a reset) the sender writes nothing: the stage stays `sending` with its claim.
 * The doubt wait is CLAIM_TIMEOUT_MINUTES (default 10): SES publishes a Send event seconds after it accepted a mail,
 * and the sender's own run is bounded by its Lambda timeout, so after 10 minutes without an event SES did not accept
 * it and sending again is safe. `unconfirmed` is no longer entered (every doubt resolves: by an event, or by
 * resending); it stays readable for stages stored before, and an event for one still marks it sent.
 */

export const REMINDER_STATUSES = ['pending', 'sending', 'sent', 'cancelled', 'unconfirmed', 'failed'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** The statuses a stage is found by the dispatcher in (the sparse due index): work to do, or a claim to watch. */
export const DUE_STATUSES = ['pending', 'sending'] as const satisfies readonly ReminderStatus[];

export type ReminderActor = 'planner' | 'dispatcher' | 'sender' | 'ses-events';

export interface ReminderTransition {
  /** The statuses the stored stage must have for the move (checked in the same write). */
  from: readonly ReminderStatus[];
  to: ReminderStatus;
  by: ReminderActor;
  /** Only with the claim token the stage carries (the sender's own claim, or the one the dispatcher saw). */
  ownClaim?: true;
}

export const REMINDER_TRANSITIONS = {
  replan: { from: ['pending', 'cancelled'], to: 'pending', by: 'planner' },
  cancel: { from: ['pending'], to: 'cancelled', by: 'planner' },
  lease: { from: ['pending'], to: 'pending', by: 'dispatcher' },
  claim: { from: ['pending'], to: 'sending', by: 'sender' },
  supersede: { from: ['pending'], to: 'cancelled', by: 'sender' },
  failUndeliverable: { from: ['pending'], to: 'failed', by: 'sender' },
  markSent: { from: ['sending'], to: 'sent', by: 'sender', ownClaim: true },
  release: { from: ['sending'], to: 'pending', by: 'sender', ownClaim: true },
  reject: { from: ['sending'], to: 'failed', by: 'sender', ownClaim: true },
  releaseInDoubt: { from: ['sending'], to: 'pending', by: 'dispatcher', ownClaim: true },
  confirmFromSes: { from: ['pending', 'sending', 'unconfirmed'], to: 'sent', by: 'ses-events' },
} as const satisfies Record<string, ReminderTransition>;

export type ReminderTransitionName = keyof typeof REMINDER_TRANSITIONS;

/** The status a stage planned new starts in. */
export const PLANNED_STATUS = 'pending' satisfies ReminderStatus;

/**
 * The status after `transition` from `status` (with or without the claim token the stage carries), or undefined when
 * the table does not allow it — the store then writes nothing (its condition fails).
 */
export function nextReminderStatus(status: ReminderStatus, transition: ReminderTransitionName, holdsClaim = false): ReminderStatus | undefined {
  const move: ReminderTransition = REMINDER_TRANSITIONS[transition];
  if (!move.from.includes(status)) return undefined;
  if (move.ownClaim && !holdsClaim) return undefined;
  return move.to;
}

/** Whether a stage in `status` belongs in the due index (the store removes the index attributes otherwise). */
export function isDueStatus(status: ReminderStatus): boolean {
  return (DUE_STATUSES as readonly ReminderStatus[]).includes(status);
}
