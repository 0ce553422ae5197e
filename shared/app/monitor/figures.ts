/**
 * Monitor figures (issue "Ready for production"): per organisation and month, what the Programma Huisvesting
 * Kwetsbare Groepen counts — cases entering each phase, urgenties requested and granted, omklappen, deadlines met and
 * missed, the median days from sleuteloverdracht to omklap — and the organisation's cases per phase now.
 *
 * Read without scanning: one Query per month of the organisation's monitor partition (the facts the monitor planner
 * wrote with each change), one Query of the organisation's open-deadline index for the deadlines that are overdue and
 * still open, and a Select COUNT per phase on the organisation's listing index. Counts only; no case, no client.
 */
import * as z from 'zod';
import { endOfDayAmsterdam } from '#domain/werkdagen.js';
import type { SameType } from '#domain/same-type.js';
import { startOfDayAmsterdam, toAmsterdamDate } from '#domain/calendar.js';
import type { Clock } from '#domain/clock.js';
import { ruleById } from '#domain/deadlines/index.js';
import { Forbidden, NotFound, ValidationFailed } from '#domain/errors.js';
import {
  MAX_MONITOR_MONTHS,
  monthFigures,
  monthFiguresSchema,
  perPhaseSchema,
  monthOfDate,
  monthRange,
  monthsBefore,
  type MonitorQuery,
  type MonthFigures,
} from '#domain/monitor.js';
import type { Phase } from '#domain/phases.js';
import type { Principal } from '#domain/roles.js';
import type { MonitorReader } from './ports.js';

export type { MonitorReader, OverdueDeadline } from './ports.js';

export interface MonitorDeps {
  monitor: MonitorReader;
  clock: Clock;
  /** Organisations whose figures Wonen may ask for: the zorgaanbieders and corporaties of the directory. */
  isCountedOrganisation(organisationId: string): boolean;
}

export interface MonitorReport {
  organisationId: string;
  /** Set when the figures are limited to one regio (a medewerker Wonen sees its own regio only). */
  regio?: string;
  from: string;
  to: string;
  generatedAt: string;
  /** The organisation's cases in each phase at `generatedAt` (listing index; erased cases are gone). */
  casesPerPhaseNow: Record<Phase, number>;
  months: MonthFigures[];
}

/** GET /monitor/{organisationId} as JSON (checked against MonitorReport). */
export const monitorReportSchema = z.object({
  organisationId: z.string(),
  regio: z.string().optional().describe('Set when the figures are limited to one regio'),
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  casesPerPhaseNow: perPhaseSchema,
  months: z.array(monthFiguresSchema),
});
const _report: SameType<z.infer<typeof monitorReportSchema>, MonitorReport> = true;
void _report;

/**
 * Who sees which figures: the zorgaanbieder's organisatiebeheerder those of its own organisation (every regio); a
 * medewerker Wonen those of any zorgaanbieder or corporatie, limited to the cases of its own regio. Nobody else.
 * Issue 13: a corporatiebeheerder its own corporatie's figures; a wonenbeheerder what the medewerker Wonen reads.
 */
function scopeOf(deps: MonitorDeps, principal: Principal, organisationId: string): { regio?: string } {
  if (principal.role === 'organisatiebeheerder' || principal.role === 'corporatiebeheerder') {
    if (principal.organisationId !== organisationId) throw new Forbidden('Een beheerder ziet alleen de cijfers van de eigen organisatie.');
    return {};
  }
  // The gemeente's own figures are those of its regio, as Wonen reads them (issue 13: the wonenbeheerder too).
  if ((principal.role === 'medewerker-wonen' || principal.role === 'wonenbeheerder') && principal.regio) {
    if (!deps.isCountedOrganisation(organisationId)) throw new NotFound('Geen zorgaanbieder of woningcorporatie met dit id.');
    return { regio: principal.regio };
  }
  throw new Forbidden('De monitorcijfers zijn voor de organisatiebeheerder en voor Wonen.');
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function monitorFigures(deps: MonitorDeps, principal: Principal, organisationId: string, query: MonitorQuery): Promise<MonitorReport> {
  const { regio } = scopeOf(deps, principal, organisationId);
  const now = deps.clock.now();
  const to = query.to ?? monthOfDate(toAmsterdamDate(now));
  const from = query.from ?? monthsBefore(to, 11);
  const months = monthRange(from, to);
  if (!months) throw new ValidationFailed([{ path: 'query.from', message: `De eerste maand (${from}) ligt na de laatste (${to}).` }]);
  if (months.length > MAX_MONITOR_MONTHS) {
    throw new ValidationFailed([{ path: 'query.from', message: `Hoogstens ${MAX_MONITOR_MONTHS} maanden per verzoek.` }]);
  }

  // Deadlines due in the range, overdue now and not met: still in the open-deadline index, due before now.
  const windowStart = startOfDayAmsterdam(`${from}-01`);
  const windowEnd = startOfDayAmsterdam(`${monthsBefore(to, -1)}-01`);
  const before = windowEnd < now ? windowEnd : now;
  const overdue = before > windowStart ? await deps.monitor.openDeadlinesDue(organisationId, windowStart, before, regio) : [];
  const overdueByMonth = new Map<string, number>();
  for (const d of overdue) {
    if (ruleById(d.ruleId)?.kind === 'signaal' || endOfDayAmsterdam(d.dueDate) >= now) continue;
    const month = monthOfDate(d.dueDate);
    overdueByMonth.set(month, (overdueByMonth.get(month) ?? 0) + 1);
  }

  const [casesPerPhaseNow, facts] = await Promise.all([
    deps.monitor.casesPerPhase(organisationId, regio),
    mapLimited(months, 6, (month) => deps.monitor.facts(organisationId, month, regio)),
  ]);
  return {
    organisationId,
    ...(regio ? { regio } : {}),
    from,
    to,
    generatedAt: now,
    casesPerPhaseNow,
    months: months.map((month, i) => monthFigures(month, facts[i] ?? [], overdueByMonth.get(month) ?? 0)),
  };
}
