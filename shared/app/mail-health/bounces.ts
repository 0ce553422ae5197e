/**
 * The beheerder's view of the organisation's undeliverable addresses, and clearing one after fixing it.
 *
 *   GET    /organisations/{organisationId}/bounces                 the records, most recent first (GSI3 Query)
 *   DELETE /organisations/{organisationId}/bounces/{address}       mail goes to the address again
 *
 * Who: the organisation's own `organisatiebeheerder` ("manages its mailboxes"), and `systeembeheerder` (operations,
 * for organisations without a beheerder role: corporaties, gemeenten). Anyone else: 403. Both requests are recorded in
 * the organisation's audit partition by the HTTP middleware like every authenticated request.
 */
import * as z from 'zod';
import { Forbidden, NotFound, ValidationFailed } from '#domain/errors.js';
import { clearSuppression, type BounceRecord } from '#domain/mail-health.js';
import { isBeheerderOf, type Principal } from '#domain/roles.js';
import type { Clock } from '#domain/clock.js';
import type { SameType } from '#domain/same-type.js';
import { pageSchema, type Page } from '../ports.js';
import type { BounceStore } from './ports.js';

export interface BounceDeps {
  bounces: BounceStore;
  clock: Clock;
}

export const bouncesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(2048).optional(),
});

export const bounceParams = z.object({
  organisationId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Ongeldige organisatie'),
  address: z.email('Verwacht een e-mailadres').max(320).optional(),
});

/** What the beheerder sees of a record (no internal version or TTL). */
export interface BounceView {
  address: string;
  as: string;
  suppressed: boolean;
  lastKind: 'bounce' | 'complaint';
  bounceType?: string;
  bounceSubType?: string;
  complaintType?: string;
  count: number;
  firstAt: string;
  lastAt: string;
  suppressedAt?: string;
  clearedAt?: string;
  clearedBy?: string;
  /**
   * SES itself refused the address (its account-level suppression list). Clearing here does not remove it there:
   * operations must remove it from SES too (see ARCHITECTURE.md "Bounces and complaints").
   */
  onSesSuppressionList?: true;
}

/** GET /organisations/{id}/bounces lists these; DELETE …/bounces/{address} answers one (checked against BounceView). */
export const bounceViewSchema = z.object({
  address: z.string(),
  as: z.string(),
  suppressed: z.boolean(),
  lastKind: z.enum(['bounce', 'complaint']),
  bounceType: z.string().optional(),
  bounceSubType: z.string().optional(),
  complaintType: z.string().optional(),
  count: z.number().int().min(0),
  firstAt: z.string(),
  lastAt: z.string(),
  suppressedAt: z.string().optional(),
  clearedAt: z.string().optional(),
  clearedBy: z.string().optional(),
  onSesSuppressionList: z.literal(true).optional(),
});
export const bouncePageSchema = pageSchema(bounceViewSchema);
const _bounceView: SameType<z.infer<typeof bounceViewSchema>, BounceView> = true;
void _bounceView;

export function viewOf(record: BounceRecord): BounceView {
  return {
    address: record.address,
    as: record.as,
    suppressed: record.suppressed,
    lastKind: record.lastKind,
    ...(record.bounceType ? { bounceType: record.bounceType } : {}),
    ...(record.bounceSubType ? { bounceSubType: record.bounceSubType } : {}),
    ...(record.complaintType ? { complaintType: record.complaintType } : {}),
    count: record.count,
    firstAt: record.firstAt,
    lastAt: record.lastAt,
    ...(record.suppressedAt ? { suppressedAt: record.suppressedAt } : {}),
    ...(record.clearedAt ? { clearedAt: record.clearedAt } : {}),
    ...(record.clearedBy ? { clearedBy: record.clearedBy } : {}),
    ...(record.bounceSubType === 'OnSuppressionList' ? { onSesSuppressionList: true as const } : {}),
  };
}

function authorise(principal: Principal, organisationId: string): void {
  if (principal.role === 'systeembeheerder') return;
  // The beheerder of the organisation, whatever its kind (organisatie-, corporatie-, wonenbeheerder; roles.ts).
  if (isBeheerderOf(principal, organisationId)) return;
  throw new Forbidden('Alleen de beheerder van deze organisatie mag de onbestelbare adressen inzien en vrijgeven.');
}

export async function listBounces(deps: BounceDeps, principal: Principal, organisationId: string, query: z.infer<typeof bouncesQuery>): Promise<Page<BounceView>> {
  authorise(principal, organisationId);
  const page = await deps.bounces.listByOrganisation(organisationId, { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}), now: deps.clock.now() });
  return { items: page.items.map(viewOf), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** Clears the suppression of one address of the organisation (idempotent: an address already cleared answers as is). */
export async function clearBounce(deps: BounceDeps, principal: Principal, organisationId: string, address: string | undefined): Promise<BounceView> {
  authorise(principal, organisationId);
  if (!address) throw new ValidationFailed([{ path: 'params.address', message: 'Verwacht een e-mailadres' }]);
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const record = await deps.bounces.get(address);
    if (!record || record.organisationId !== organisationId) throw new NotFound('Dit adres staat niet op de lijst van onbestelbare adressen van deze organisatie.');
    if (!record.suppressed) return viewOf(record);
    const cleared = clearSuppression(record, principal.userId, deps.clock.now());
    if (await deps.bounces.save(cleared, record.version)) return viewOf(cleared);
  }
  throw new Error('bounce record kept changing while clearing');
}
