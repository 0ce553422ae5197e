/**
 * The port the monitor figures read through (the DynamoDB adapter: monitor-store.ts).
 */
import type { CountedFact } from '#domain/monitor.js';
import type { Phase } from '#domain/phases.js';

export interface OverdueDeadline {
  dueDate: string;
  ruleId: string;
}

export interface MonitorReader {
  /** Every fact of one organisation's month (all pages); only the regio's when given. */
  facts(organisationId: string, month: string, regio?: string): Promise<CountedFact[]>;
  /** The organisation's open deadlines whose due instant lies in [from, before) (GSI3 `DEADLINES#<org>`). */
  openDeadlinesDue(organisationId: string, from: string, before: string, regio?: string): Promise<OverdueDeadline[]>;
  /** The organisation's cases per phase now (GSI1 `ORG#<org>`, a COUNT per phase prefix). */
  casesPerPhase(organisationId: string, regio?: string): Promise<Record<Phase, number>>;
}
