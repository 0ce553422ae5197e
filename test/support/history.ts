/** Case histories for pure tests (and the deadline engine over them), written as `[type, occurredOn, data?, extra?]` specs, numbered in order. */
import type { CaseEvent, Doelgroep, Regio, Route } from '../../shared/domain/case.js';
import { evaluateDeadlines, type Deadline } from '../../shared/domain/deadlines/index.js';
import type { Phase } from '../../shared/domain/phases.js';

export type Spec = [type: CaseEvent['type'], occurredOn: string, data?: Record<string, unknown>, extra?: Partial<CaseEvent>];

/** A history builder whose events are recorded by `actor`, at 09:00 UTC on the day they occurred. */
export function historyBy(actor: CaseEvent['actor']): (...specs: Spec[]) => CaseEvent[] {
  return (...specs) =>
    specs.map(([type, occurredOn, data = {}, extra = {}], i) => ({
      caseId: 'case-1',
      seq: i + 1,
      type,
      occurredOn,
      recordedAt: `${occurredOn}T09:00:00.000Z`,
      actor,
      data,
      ...extra,
    }));
}

export const history = historyBy({ userId: 'u-1', organisationId: 'za-1', role: 'begeleider' });

export interface CaseOpts {
  now: string;
  regio?: Regio;
  doelgroep?: Doelgroep;
  route?: Route;
  phase?: Phase;
}

/** The deadline engine on `events` of a case with these attributes (default: an Amsterdam MO volwassene in herstelfase). */
export function evaluate(events: CaseEvent[], { now, regio = 'amsterdam', doelgroep = 'volwassene', route = 'MO', phase = 'herstelfase' }: CaseOpts): Deadline[] {
  return evaluateDeadlines({ case: { regio, doelgroep, route, phase }, history: events, now });
}
