/**
 * Matching woning en cliënt (001 §3): "De woningcorporatie selecteert geschikte woningen. De zorgaanbieder bepaalt
 * welke cliënt het beste bij welke woning past." While the client is on the wachtlijst, the zorgaanbieder records the
 * match with a woning of a corporatie: that links the corporatie to the case (its contactpersoon sees it, under the
 * client's consent, views.ts), and the corporatie then makes the one offer itself (woningaanbod; 001 §3 "De cliënt
 * krijgt een eenmalig aanbod"). A new match (another woning, another corporatie) replaces it while no offer is made.
 *
 * Event data contract: `{ corporatieId, woningKenmerk? }`; occurredOn = datum.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotInFuture } from './checks.js';
import { isoDate, organisationId, shortText } from './fields.js';
import { openAanbod, priorEvents } from './history.js';
import { defineForm } from './types.js';

export const matchingSchema = z.object({
  datum: isoDate.describe('Datum van de match'),
  corporatieId: organisationId.meta({ description: 'Woningcorporatie van de woning', hint: 'Id uit het register, bijvoorbeeld corp-ymere' }),
  woningKenmerk: shortText.optional().meta({ description: 'Kenmerk van de woning bij de corporatie', hint: 'Geen adres nodig: dat staat in het aanbod' }),
});

export const matching = defineForm({
  action: 'matching',
  title: 'Matching woning en cliënt',
  summary: 'De zorgaanbieder koppelt de cliënt aan een woning die de corporatie heeft geselecteerd; de corporatie doet daarna het aanbod.',
  source: '001 §3 Matching woning en cliënt; 002 WA1',
  schema: matchingSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    assertNotInFuture(input.datum, today, 'datum', 'De match');
    // 001 §3: one offer at a time; the matrix allows the matching on the wachtlijst only, the history is checked too.
    if (openAanbod(priorEvents(ctx))) throw new RuleViolated('aanbod-loopt', 'Er loopt al een aanbod; een nieuwe match kan pas daarna.');
    return { phase: current.phase, occurredOn: input.datum, corporatieId: input.corporatieId, data: { ...input } };
  },
});
