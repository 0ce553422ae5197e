/**
 * The audit trail (AVG art. 5 lid 2 verantwoordingsplicht; 002 WA10 "passende technische en organisatorische
 * maatregelen"): every read and write of a case — and every refused attempt — is recorded with who (user,
 * organisation, role), when, what (route, action) and the outcome. Entries are append-only: written once with a
 * conditional put, never updated. They carry no case content, only ids.
 *
 * The HTTP middleware (shared/http/handler.ts) records; the organisatiebeheerder of the zorgaanbieder reads a case's
 * trail (the client's inzage request is handled by the zorgaanbieder).
 */
import { canSeeCase, isZorgaanbiederOf } from '#domain/access.js';
import { CaseNotFound, DomainError, Forbidden } from '#domain/errors.js';
import { mayTake, type Principal } from '#domain/roles.js';
import type { AppDeps, Page } from './ports.js';
import { retentionPolicy, type RetentionStore } from './retention.js';
import type { AuditEntry, AuditStore } from './ports.js';

export type { AuditEntry, AuditStore } from './ports.js';

/** 503: a read whose audit entry cannot be written is not answered (no audit, no access). */
export class AuditUnavailable extends DomainError {
  readonly status = 503;
  readonly title = 'Tijdelijk niet beschikbaar';
  constructor() {
    super('Het verzoek kon niet worden vastgelegd in het auditlog en is daarom niet uitgevoerd. Probeer het later opnieuw.');
  }
}

export interface PrivacyDeps extends AppDeps {
  audit: AuditStore;
  retention: RetentionStore;
}

/** Records one entry, with the audit retention of the policy. */
export async function recordAudit(audit: AuditStore, entry: AuditEntry): Promise<void> {
  const expiresAt = Math.floor(Date.parse(entry.at) / 1000) + retentionPolicy().auditDays * 24 * 60 * 60;
  await audit.append(entry, expiresAt);
}

/** `GET /cases/{caseId}/audit`: the trail of one case, oldest first, for the zorgaanbieder's organisatiebeheerder. */
export async function auditTrail(deps: PrivacyDeps, principal: Principal, caseId: string, query: { limit: number; cursor?: string }): Promise<Page<AuditEntry>> {
  const loaded = await deps.store.load(caseId);
  if (!loaded || !canSeeCase(principal, loaded.state, loaded.history)) throw new CaseNotFound();
  if (!mayTake(principal.role, 'audit-inzien') || !isZorgaanbiederOf(principal, loaded.state)) {
    throw new Forbidden('Alleen de organisatiebeheerder van de zorgaanbieder mag het auditlog inzien.');
  }
  return deps.audit.listForCase(caseId, query, Math.floor(Date.parse(deps.clock.now()) / 1000));
}
