/**
 * Retention (AVG art. 5 lid 1 e, opslagbeperking): a closed case is erased a configurable period after its last
 * change, with a grace period in which the zorgaanbieder's organisatiebeheerder can revoke the erasure. What remains
 * are anonymous per-month counts (phase reached, omklap) without any identifier. Pure rules; the periods are
 * configuration (RETENTION_PERIOD_DAYS, RETENTION_GRACE_DAYS), not code.
 *
 * Life of a case's retention record:
 *   scheduled (dueAt) ──sweeper, dueAt passed──▶ marked (eraseAt = now + grace) ──sweeper, eraseAt passed──▶ erasing ─▶ erased
 *        ▲                                          │
 *        └──── revoke by organisatiebeheerder ◀─────┘  (or any new change of the case: it is in use again)
 */
import * as z from 'zod';
import type { Actor } from './roles.js';
import type { Phase } from './phases.js';

/** Phases after which the case is kept only for the retention period (001 §4: omgeklapt; afgesloten). */
export const CLOSED_PHASES = ['afgesloten', 'omgeklapt'] as const satisfies readonly Phase[];

export function isClosed(phase: Phase): boolean {
  return (CLOSED_PHASES as readonly Phase[]).includes(phase);
}

export interface RetentionPolicy {
  /** Days after the last change of a closed case before it is due for erasure (e.g. 730 = two years). */
  periodDays: number;
  /** Days between "due" and the actual erasure, during which the erasure can be revoked (e.g. 30). */
  graceDays: number;
  /** Days an audit entry is kept (accountability; entries carry no case content). */
  auditDays: number;
  /** How many past months of the retention queue the sweeper reads (catches up after an outage). */
  lookbackMonths: number;
}

export const DEFAULT_RETENTION_POLICY: RetentionPolicy = { periodDays: 730, graceDays: 30, auditDays: 5 * 365, lookbackMonths: 12 };

export const RETENTION_STATES = ['scheduled', 'marked', 'erasing', 'erased'] as const;
export type RetentionState = (typeof RETENTION_STATES)[number];

/** The retention record of a closed case (stored with the case, queued by month on GSI3). */
export interface RetentionRecord {
  caseId: string;
  retentionState: RetentionState;
  /** The phase the case was in when (re)scheduled. */
  closedPhase: Phase;
  scheduledAt: string;
  /** When the retention period has passed: the sweeper then marks the case (start of the grace period). */
  dueAt: string;
  /** Set when marked: the end of the grace period, when the case is erased. */
  eraseAt?: string;
  markedAt?: string;
  revokedAt?: string;
  revokedBy?: Actor;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function addDaysToInstant(instant: string, days: number): string {
  return new Date(Date.parse(instant) + days * DAY_MS).toISOString();
}

/** `YYYY-MM` of an ISO instant (UTC): the partition of the retention queue. */
export function monthOf(instant: string): string {
  return instant.slice(0, 7);
}

/** Every `YYYY-MM` from `from` to `to` inclusive (both instants). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = monthOf(from).split('-').map(Number) as [number, number];
  const last = monthOf(to);
  for (let guard = 0; guard < 1200; guard++) {
    const current = `${year}-${String(month).padStart(2, '0')}`;
    if (current > last) break;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/**
 * A fresh schedule for a case that is (still) closed at `now`. Retention may not erase what still has an open deadline:
 * the period runs from the last change, or from the due instant of the case's last open deadline when that is later
 * (`openUntil`). An omgeklapt case with a vijfjarencontract keeps its signals (002 Bijlage 4: "Na 4 jaar … ontvangt de
 * jongvolwassene een brief van de gemeente"; "Na 4,5 jaar … een opzeggingsbrief") and is erased only after them.
 */
export function scheduleRetention(caseId: string, phase: Phase, now: string, policy: RetentionPolicy, openUntil?: string): RetentionRecord {
  const from = openUntil && openUntil > now ? openUntil : now;
  return { caseId, retentionState: 'scheduled', closedPhase: phase, scheduledAt: now, dueAt: addDaysToInstant(from, policy.periodDays) };
}

/** The due instant of the last deadline that is still open (not met, not passed): retention starts after it. */
export function lastOpenDeadline(deadlines: ReadonlyArray<{ status: string; dueAt: string }>): string | undefined {
  return deadlines
    .filter((d) => d.status === 'open')
    .map((d) => d.dueAt)
    .sort()
    .at(-1);
}

/** What the sweeper must do with a record at `now`. */
export function nextRetentionStep(record: RetentionRecord, now: string): 'mark' | 'erase' | undefined {
  if (record.retentionState === 'scheduled' && record.dueAt <= now) return 'mark';
  if ((record.retentionState === 'marked' || record.retentionState === 'erasing') && record.eraseAt && record.eraseAt <= now) return 'erase';
  return undefined;
}

/** A revocation is possible only in the grace period. */
export function mayRevoke(record: RetentionRecord | undefined, now: string): boolean {
  return record?.retentionState === 'marked' && !!record.eraseAt && now < record.eraseAt;
}

/** `POST /cases/{caseId}/retention` body: only revocation exists (in the grace period). */
export const retentionRequestSchema = z.object({ action: z.literal('revoke') }).strict();
