/**
 * Brief gemeente verstuurd (002 Bijlage 4, Brief gemeente): "Na 4 jaar (1 jaar vóór het aflopen van het
 * vijfjarencontract) ontvangt de jongvolwassene een brief van de gemeente. Daarin staat dat het vijfjarencontract over
 * 1 jaar afloopt (met einddatum)." Wonen records that it sent the letter; that meets the deadline
 * `vijfjarencontract-brief-gemeente` and stops its reminders.
 *
 * The seed gives the letter's day, not an earliest day to send it: any date from the contract's start on is accepted.
 *
 * Event data contract (deadline engine): occurredOn = verstuurdOp; `{ eindOp }` (the einddatum the letter names).
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { eindOp } from '../vijfjarencontract.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, shortText } from './fields.js';
import { effectiveHistory, priorEvents } from './history.js';
import { defineForm } from './types.js';
import type { CaseEvent } from '../case.js';

export const briefGemeenteVerstuurdSchema = z.object({
  verstuurdOp: isoDate.describe('Datum waarop de brief van de gemeente is verstuurd'),
  kenmerk: shortText.optional().describe('Kenmerk van de brief bij de gemeente'),
});

/** The start of the running vijfjarencontract: the latest vijfjarencontract, or a contract op eigen naam that is one. */
export function lopendVijfjarencontract(events: readonly CaseEvent[]): { startOp: string } | undefined {
  const starts = events.filter((e) => e.type === 'vijfjarencontract' || (e.type === 'huurcontract-eigen-naam' && e.data.vijfjarencontract === true));
  const last = starts[starts.length - 1];
  if (!last) return undefined;
  const startOp = typeof last.data.startOp === 'string' ? last.data.startOp : last.occurredOn;
  return { startOp };
}

export const briefGemeenteVerstuurd = defineForm({
  action: 'brief-gemeente-verstuurd',
  title: 'Brief gemeente vijfjarencontract verstuurd',
  summary: 'De afdeling Wonen legt vast dat de brief over het aflopen van het vijfjarencontract is verstuurd.',
  source: '002 Bijlage 4, Brief gemeente',
  schema: briefGemeenteVerstuurdSchema,
  offered: ({ history }) => lopendVijfjarencontract(effectiveHistory(history)) !== undefined,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const contract = lopendVijfjarencontract(priorEvents(ctx));
    if (!contract) {
      throw new RuleViolated('geen-vijfjarencontract', 'Er is geen vijfjarencontract vastgelegd; de brief van de gemeente hoort bij een vijfjarencontract (002 Bijlage 4).');
    }
    assertNotInFuture(input.verstuurdOp, today, 'verstuurdOp', 'Het versturen');
    assertNotBefore(input.verstuurdOp, contract.startOp, 'verstuurdOp', 'brief-voor-contract', 'De brief ligt vóór de start van het vijfjarencontract.');
    return { phase: current.phase, occurredOn: input.verstuurdOp, data: { ...input, eindOp: eindOp(contract.startOp) } };
  },
});
