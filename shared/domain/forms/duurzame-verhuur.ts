/**
 * Duurzame intermediaire verhuur (002 WA3): "In het jaarlijkse woonevaluatiegesprek kunnen woningcorporatie,
 * zorgaanbieder en bewoner besluiten de intermediaire huurovereenkomst voor een langere termijn te handhaven." The
 * decision is taken in a woonevaluatie: the form names it (its date) and requires it in the history.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertAfter } from './checks.js';
import { antwoord, isoDate } from './fields.js';
import { eventsOf, priorEvents } from './history.js';
import { defineForm } from './types.js';

export const duurzameVerhuurSchema = z.object({
  datumWoonevaluatie: isoDate.describe('Datum van de woonevaluatie waarin het besluit is genomen'),
  motivatie: antwoord.describe('Waarom omklappen op korte termijn geen mogelijkheid is'),
  akkoordBewoner: z.literal(true, { error: 'De bewoner besluit mee (002 WA3)' }).describe('De bewoner gaat akkoord'),
  herzienOp: isoDate.optional().describe('Wanneer het besluit opnieuw wordt bekeken'),
});

export const duurzameVerhuur = defineForm({
  action: 'duurzame-verhuur',
  title: 'Duurzame intermediaire verhuur',
  summary: 'In de woonevaluatie besluiten corporatie, zorgaanbieder en bewoner de intermediaire verhuur langer te handhaven.',
  source: '002 WA3',
  schema: duurzameVerhuurSchema,
  decide(ctx) {
    const { input } = ctx;
    const evaluaties = eventsOf(priorEvents(ctx), 'woonevaluatie');
    if (evaluaties.length === 0) {
      throw new RuleViolated('woonevaluatie-eerst', 'Duurzame verhuur wordt besloten in een woonevaluatie (002 WA3); er is er nog geen.', [
        { path: 'body.datumWoonevaluatie', message: 'Leg eerst de woonevaluatie vast' },
      ]);
    }
    const evaluatie = evaluaties.find((e) => e.occurredOn === input.datumWoonevaluatie);
    if (!evaluatie) {
      throw new RuleViolated('woonevaluatie-onbekend', 'Er is op die datum geen woonevaluatie vastgelegd.', [
        { path: 'body.datumWoonevaluatie', message: `Bekende woonevaluaties: ${evaluaties.map((e) => e.occurredOn).join(', ')}` },
      ]);
    }
    if (input.herzienOp) assertAfter(input.herzienOp, input.datumWoonevaluatie, 'herzienOp', 'herzien-voor-besluit', 'Herzien kan pas na het besluit.');
    return { phase: 'duurzame_verhuur', occurredOn: input.datumWoonevaluatie, data: { ...input, woonevaluatieSeq: evaluatie.seq } };
  },
});
