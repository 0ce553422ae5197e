/**
 * Retention of closed cases (AVG opslagbeperking): scheduling when a case closes (a planner, in the same transaction
 * as the change), the daily sweeper that marks due cases and erases them after the grace period (DynamoDB TTL plus a
 * read filter) and the organisatiebeheerder's revocation.
 */
import { config, type Config } from '#config/config.js';
import { canSeeCase, isZorgaanbiederOf } from '#domain/access.js';
import { CONSENT_EVENT } from '#domain/consent.js';
import { CaseNotFound, Forbidden, RuleViolated } from '#domain/errors.js';
import {
  addDaysToInstant,
  DEFAULT_RETENTION_POLICY,
  isClosed,
  mayRevoke,
  monthsBetween,
  lastOpenDeadline,
  nextRetentionStep,
  scheduleRetention,
  type RetentionPolicy,
} from '#domain/retention.js';
import { actorOf, mayTake, type Principal } from '#domain/roles.js';
import type { Clock } from '#domain/clock.js';
import type { CaseEvent } from '#domain/case.js';
import type { EffectPlanner } from './effects.js';
import { idempotent, type Answer, type IdempotentRequest } from './idempotency.js';
import type { AppDeps, CaseIntent, CaseObjectStore, RetentionStore, StoredResponse } from './ports.js';

export type { CaseObjectStore, RetentionStore } from './ports.js';

/** The retention policy of the configuration (not code; shared/config/config.ts), DEFAULT_RETENTION_POLICY where unset. */
export function retentionPolicy(c: Config = config()): RetentionPolicy {
  const d = DEFAULT_RETENTION_POLICY;
  return {
    periodDays: c.RETENTION_PERIOD_DAYS ?? d.periodDays,
    graceDays: c.RETENTION_GRACE_DAYS ?? d.graceDays,
    auditDays: c.AUDIT_RETENTION_DAYS ?? d.auditDays,
    lookbackMonths: c.RETENTION_LOOKBACK_MONTHS ?? d.lookbackMonths,
  };
}

/**
 * The planner: keeps the retention record in step with every change.
 * A closed case is (re)scheduled at each change — the period runs from the last change; a new change during the grace
 * period means the case is in use again. Consent changes do not extend retention.
 */
export const retentionPlanner: EffectPlanner = (change, existing) => {
  const intents: CaseIntent[] = [];
  // A case being erased never gets here: changeCase refuses it before planning (change-case.ts).
  const current = existing.retention;
  const consentOnly = change.event.type === (CONSENT_EVENT.recorded as string) || change.event.type === (CONSENT_EVENT.withdrawn as string);
  if (isClosed(change.after.phase)) {
    if (consentOnly && current) return intents;
    // The period starts when the case's last deadline is met or passed (an open signal keeps the case: 002 Bijlage 4).
    const record = scheduleRetention(change.after.caseId, change.after.phase, change.now, retentionPolicy(), lastOpenDeadline(change.deadlinesAfter));
    // Written only while the sweeper has not started erasing the case (the adapter's condition): else the change fails.
    intents.push({ kind: 'retention.schedule', record });
  } else if (current) {
    intents.push({ kind: 'retention.cancel', caseId: change.after.caseId });
  }
  return intents;
};

/** The objects a case's 'mail-ontvangen' events point at (shared/app/wonen/mail-event.ts). */
export function mailObjectKeysOf(history: CaseEvent[]): string[] {
  return history
    .filter((event) => event.type === 'mail-ontvangen')
    .flatMap((event) => {
      const data = event.data as { body?: { key?: unknown }; attachments?: Array<{ key?: unknown }> };
      return [data.body?.key, ...(data.attachments ?? []).map((a) => a.key)];
    })
    .filter((key): key is string => typeof key === 'string' && key.length > 0);
}

export interface SweepResult {
  marked: string[];
  erased: string[];
  failed: { caseId: string; error: string }[];
}

/**
 * The scheduled sweeper (daily): reads the retention queue of the last `lookbackMonths` months through GSI3 (never a
 * scan), marks cases whose period has passed (start of the grace period) and erases those whose grace period has
 * passed. Each case on its own: one failure does not stop the others; every step is safe to repeat.
 */
export async function sweepRetention(
  deps: { retention: RetentionStore; clock: Clock; mailObjects?: CaseObjectStore },
  policy: RetentionPolicy = retentionPolicy(),
): Promise<SweepResult> {
  const now = deps.clock.now();
  const from = new Date(Date.parse(now));
  from.setUTCDate(1);
  from.setUTCMonth(from.getUTCMonth() - policy.lookbackMonths);
  const result: SweepResult = { marked: [], erased: [], failed: [] };
  for (const record of await deps.retention.dueRetention(monthsBetween(from.toISOString(), now), now)) {
    try {
      const step = nextRetentionStep(record, now);
      if (step === 'mark') {
        if (await deps.retention.markForErasure(record, addDaysToInstant(now, policy.graceDays), now)) result.marked.push(record.caseId);
      } else if (step === 'erase' && record.eraseAt) {
        if (!(await deps.retention.claimErasure(record))) continue;
        // Expired from the end of the grace period on: reads treat the items as gone at once; TTL deletes them later.
        const expiresAt = Math.floor(Date.parse(record.eraseAt) / 1000);
        // Mail parts first: the events that point at them are still there if this step must be repeated.
        if (deps.mailObjects) await deps.mailObjects.deleteObjects(mailObjectKeysOf(await deps.retention.historyOf(record.caseId)));
        await deps.retention.erasePartition(record.caseId, expiresAt);
        await deps.retention.finishErasure(record, expiresAt, now);
        result.erased.push(record.caseId);
      }
    } catch (error) {
      result.failed.push({ caseId: record.caseId, error: String(error) });
    }
  }
  return result;
}

/**
 * Revokes a pending erasure in the grace period (organisatiebeheerder of the zorgaanbieder). The case is kept and
 * scheduled again for a full retention period from now.
 */
export async function revokeErasure(
  deps: AppDeps & { retention: RetentionStore },
  principal: Principal,
  caseId: string,
  request: IdempotentRequest,
): Promise<Answer> {
  return idempotent(deps.store, principal, request, async (recordFor) => {
    const loaded = await deps.store.load(caseId);
    if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
    if (!mayTake(principal.role, 'bewaartermijn-herroepen') || !isZorgaanbiederOf(principal, loaded.state)) {
      throw new Forbidden('Alleen de organisatiebeheerder van de zorgaanbieder mag een verwijdering herroepen.');
    }
    const now = deps.clock.now();
    const record = loaded.retention;
    if (!record || !mayRevoke(record, now)) {
      throw new RuleViolated('geen-verwijdering-te-herroepen', 'Voor dit dossier loopt geen verwijdering die nog kan worden herroepen.');
    }
    const dueAt = addDaysToInstant(now, retentionPolicy().periodDays);
    const response: StoredResponse = {
      statusCode: 200,
      body: { caseId, retention: { retentionState: 'scheduled', dueAt, revokedAt: now } },
    };
    if (!(await deps.retention.revoke(record, { now, dueAt, by: actorOf(principal) }, recordFor(response)))) {
      throw new RuleViolated('geen-verwijdering-te-herroepen', 'De verwijdering is intussen uitgevoerd of al herroepen.');
    }
    return response;
  });
}
