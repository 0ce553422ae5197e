/**
 * Ports of the bounce concern (shared/app/mail-health): the per-address records and the once-markers of processed
 * SES events (DynamoDB), read by every mail path before it sends.
 */
import type { BounceRecord } from '#domain/mail-health.js';
import type { Page } from '../ports.js';

export type WriteOutcome = 'written' | 'duplicate' | 'conflict';

export interface BounceStore {
  /** One address's record (strongly consistent). */
  get(address: string): Promise<BounceRecord | undefined>;
  /**
   * In one transaction: the event's once-marker (only if absent) and each record (only if its version is still the
   * one it was computed from; `expectedVersion` 0 = new). `duplicate`: the event was processed before, nothing
   * written; `conflict`: a record changed meanwhile, nothing written (read again and retry).
   */
  writeEvent(eventKey: string, at: string, records: Array<{ record: BounceRecord; expectedVersion: number }>): Promise<WriteOutcome>;
  /** Rewrites one record if its version is still `expectedVersion` (clearing); false when it changed. */
  save(record: BounceRecord, expectedVersion: number): Promise<boolean>;
  /** Which of `addresses` (lower-cased) are suppressed now: one batch read. */
  suppressedAmong(addresses: readonly string[]): Promise<Set<string>>;
  /** An organisation's records, most recent first (GSI3 `BOUNCES#<org>`). */
  listByOrganisation(organisationId: string, query: { limit: number; cursor?: string; now: string }): Promise<Page<BounceRecord>>;
}
