/**
 * The export of one client's data (AVG art. 15 inzage / art. 20 overdraagbaarheid): the case, its full history and
 * its audit trail as one JSON document. Only for the zorgaanbieder's organisatiebeheerder, who handles the client's
 * request (the zorgaanbieder is responsible for the data it keeps, 002 WA10 "Vastleggen van de informatie").
 */
import { canSeeCase, isZorgaanbiederOf } from '#domain/access.js';
import type { CaseEvent, CaseState } from '#domain/case.js';
import { consentOf, type ConsentFact } from '#domain/consent.js';
import { CaseNotFound, Forbidden } from '#domain/errors.js';
import type { RetentionRecord } from '#domain/retention.js';
import { actorOf, mayTake, type Actor, type Principal } from '#domain/roles.js';
import type { AuditEntry, PrivacyDeps } from './audit.js';

export interface CaseExport {
  format: 'omslagroute-export/1';
  exportedAt: string;
  exportedBy: Actor;
  case: CaseState;
  consent?: ConsentFact;
  retention?: RetentionRecord;
  /** Every accepted form and change, in order, in full. */
  history: CaseEvent[];
  /** Every recorded read and write of the case (up to the start of this export). */
  audit: AuditEntry[];
}

export async function exportCase(deps: PrivacyDeps, principal: Principal, caseId: string): Promise<CaseExport> {
  const loaded = await deps.store.load(caseId);
  if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
  if (!mayTake(principal.role, 'gegevens-exporteren') || !isZorgaanbiederOf(principal, loaded.state)) {
    throw new Forbidden('Alleen de organisatiebeheerder van de zorgaanbieder mag de gegevens van een cliënt exporteren.');
  }
  const now = deps.clock.now();
  const audit = await deps.audit.allForCase(caseId, Math.floor(Date.parse(now) / 1000));
  const consent = consentOf(loaded.state);
  const retention = loaded.retention;
  const { expiresAt: _ttl, ...state } = loaded.state as CaseState & { expiresAt?: number };
  return {
    format: 'omslagroute-export/1',
    exportedAt: now,
    exportedBy: actorOf(principal),
    case: state as CaseState,
    ...(consent ? { consent } : {}),
    ...(retention ? { retention: pickRetention(retention) } : {}),
    history: loaded.history,
    audit,
  };
}

function pickRetention(record: RetentionRecord): RetentionRecord {
  const { caseId, retentionState, closedPhase, scheduledAt, dueAt, eraseAt, markedAt, revokedAt, revokedBy } = record;
  return { caseId, retentionState, closedPhase, scheduledAt, dueAt, ...(eraseAt ? { eraseAt } : {}), ...(markedAt ? { markedAt } : {}), ...(revokedAt ? { revokedAt } : {}), ...(revokedBy ? { revokedBy } : {}) };
}
