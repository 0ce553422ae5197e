/**
 * Vijfjarencontract op een jongerenwoning (002 Bijlage 4): jongvolwassenen from MOJ/BW/Jeugdhulp met verblijf get a
 * five-year contract on their own name at the omklap; "Een jongvolwassene die in het laatste jaar van het
 * vijfjarencontract jonger dan 28 jaar is, kan een nieuw vijfjarencontract krijgen op een andere jongerenwoning."
 * Filed by the corporatie; only when the contract op eigen naam was a vijfjarencontract, or for a jongvolwassene.
 * Starts the gemeente's and corporatie's letters at 4 and 4.5 years (deadline engine).
 */
import * as z from 'zod';
import { addYears } from '../calendar.js';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, shortText } from './fields.js';
import { latestOf, priorEvents } from './history.js';
import { defineForm } from './types.js';

export const vijfjarencontractSchema = z.object({
  startOp: isoDate.describe('Ingangsdatum van het vijfjarencontract'),
  soort: z
    .enum(['eerste', 'nieuw-op-andere-jongerenwoning'])
    .meta({ description: 'Soort contract', hint: 'Een nieuw vijfjarencontract op een andere jongerenwoning kan tot 28 jaar (002 Bijlage 4)' }),
  kenmerk: shortText.optional().describe('Kenmerk van het contract bij de corporatie'),
});

export const vijfjarencontract = defineForm({
  action: 'vijfjarencontract',
  title: 'Vijfjarencontract',
  summary: 'De corporatie legt de start van een vijfjarencontract op een jongerenwoning vast.',
  source: '002 Bijlage 4',
  schema: vijfjarencontractSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const contract = latestOf(priorEvents(ctx), 'huurcontract-eigen-naam');
    if (contract?.data.vijfjarencontract !== true && current.doelgroep !== 'jongvolwassene') {
      throw new RuleViolated('geen-vijfjarencontract', 'Een vijfjarencontract is er voor jongvolwassenen, of als het contract op eigen naam er een is (002 Bijlage 4).');
    }
    assertNotInFuture(input.startOp, today, 'startOp', 'De ingangsdatum');
    if (contract) assertNotBefore(input.startOp, contract.occurredOn, 'startOp', 'vijfjarencontract-voor-contract', 'Het vijfjarencontract ligt vóór het contract op eigen naam.');
    return { phase: current.phase, occurredOn: input.startOp, data: { ...input, eindOp: addYears(input.startOp, 5) } };
  },
});
