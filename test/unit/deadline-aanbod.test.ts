/** The aanbod clocks (002 WA1 stap 2–3) after the sleuteloverdracht: the offer was evidently answered. */
import { expect, it } from 'vitest';
import { evaluateDeadlines } from '../../shared/domain/deadlines/index.js';
const actor = { userId: 'u', organisationId: 'o', role: 'begeleider' as const };
const ev = (seq: number, type: any, occurredOn: string, data: any = {}) => ({ caseId: 'c', seq, type, occurredOn, recordedAt: occurredOn + 'T10:00:00Z', actor, data });
it('makes the reaction and client-informing clocks moot once the keys are handed over (002 WA1)', () => {
  const history = [ev(1, 'case-aangemaakt', '2026-11-23'), ev(2, 'woningaanbod', '2026-11-23', { aanbodId: 'A', beschikbaarOp: '2026-11-23' }), ev(3, 'sleuteloverdracht', '2026-11-23', { aanbodId: 'A' })];
  const d = evaluateDeadlines({ case: { regio: 'amsterdam', doelgroep: 'volwassene', route: 'MO', phase: 'herstelfase' }, history, now: '2026-12-29T10:00:00Z' });
  const s = Object.fromEntries(d.map((x) => [x.ruleId, x.status]));
  expect(s['aanbod-reactie']).toBe('cancelled');
  expect(s['aanbod-client-informeren']).toBe('cancelled');
  const h2 = [...history.slice(0, 2), ev(3, 'sleuteloverdracht', '2026-11-23', { aanbodId: 'A', clientGeinformeerdOp: '2026-11-23' })];
  const d2 = evaluateDeadlines({ case: { regio: 'amsterdam', doelgroep: 'volwassene', route: 'MO', phase: 'herstelfase' }, history: h2, now: '2026-12-29T10:00:00Z' });
  expect(d2.find((x) => x.ruleId === 'aanbod-client-informeren')?.status).toBe('met');
});
