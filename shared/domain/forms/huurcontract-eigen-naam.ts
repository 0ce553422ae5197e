/**
 * Huurcontract op eigen naam (002 WA8 stap 4: "De woningcorporatie streeft ernaar om de huurovereenkomst binnen
 * vier tot zes weken na ontvangst van de bevestiging op de naam van de bewoner te zetten"; 001 §4). Filed by the
 * corporatie once the contract is in force: omgeklapt. A vijfjarencontract (002 Bijlage 4) starts its own clocks.
 *
 * Event data contract (deadline engine): occurredOn = ingangsdatum; `{ vijfjarencontract? }`.
 */
import { z } from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, shortText } from './fields.js';
import { hasData, latestOf, priorEvents } from './history.js';
import { defineForm } from './types.js';

export const huurcontractEigenNaamSchema = z.object({
  ingangsdatum: isoDate.describe('Ingangsdatum van het huurcontract op naam van de bewoner'),
  vijfjarencontract: z.boolean().optional().describe('Vijfjarencontract op een jongerenwoning (002 Bijlage 4); anders onbepaalde tijd'),
  kenmerk: shortText.optional().describe('Kenmerk van het contract bij de corporatie'),
});

export const huurcontractEigenNaam = defineForm({
  action: 'huurcontract-eigen-naam',
  title: 'Huurcontract op eigen naam',
  summary: 'De woningcorporatie legt vast dat het huurcontract op naam van de bewoner staat.',
  source: '002 WA8 stap 4; 001 §4; 002 Bijlage 4',
  schema: huurcontractEigenNaamSchema,
  decide(ctx) {
    const { input, today } = ctx;
    const besluit = latestOf(priorEvents(ctx), 'besluit-omklap', hasData('besluit', 'akkoord'));
    if (!besluit) throw new RuleViolated('geen-besluit-omklap', 'Wonen heeft de omklap (nog) niet goedgekeurd.');
    assertNotBefore(input.ingangsdatum, besluit.occurredOn, 'ingangsdatum', 'contract-voor-besluit', 'Het contract op eigen naam ligt vóór het besluit van Wonen.');
    assertNotInFuture(input.ingangsdatum, today, 'ingangsdatum', 'De ingangsdatum (leg het contract vast zodra het ingaat)');
    return { phase: 'omgeklapt', occurredOn: input.ingangsdatum, facts: { contractEigenNaamOp: input.ingangsdatum } };
  },
});
