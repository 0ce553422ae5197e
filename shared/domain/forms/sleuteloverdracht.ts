/**
 * Sleuteloverdracht: the sleutelmoment, start of the intermediaire verhuur (002 WA3). Starts the kennismaking
 * clocks (002 WA4: gepland binnen zes weken, gehouden binnen drie maanden) and the one year before an omklap
 * (001 §4). The keys cannot change hands before the offered woning is free.
 *
 * Event data contract (deadline engine): occurredOn = datum; `{ proefwonenEindOp?, clientGeinformeerdOp? }`, plus
 * the `aanbodId` of the offer it completes.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertAfter, assertClientGeinformeerd, assertNotBefore, assertNotInFuture } from './checks.js';
import { contact, dutchAddress, isoDate } from './fields.js';
import { openAanbod, priorEvents, text } from './history.js';
import { defineForm } from './types.js';

export const sleuteloverdrachtSchema = z.object({
  datum: isoDate.meta({ description: 'Datum sleuteloverdracht', hint: 'Dit is de startdatum van de intermediaire verhuur' }),
  adres: dutchAddress,
  corporatieContact: contact.describe('Contactpersoon woningcorporatie'),
  clientGeinformeerdOp: isoDate.optional().describe('Datum waarop de cliënt over het aanbod is geïnformeerd (002 WA1 stap 3)'),
  /** Klantreis 2023 (003 Proefwonen): end of a proefwonen contract, when there is one. */
  proefwonenEindOp: isoDate.optional().meta({ description: 'Einddatum proefwonen', hint: 'Alleen bij een proefwonencontract' }),
});

export const sleuteloverdracht = defineForm({
  action: 'sleuteloverdracht',
  title: 'Sleuteloverdracht',
  summary: 'De zorgaanbieder legt de sleuteloverdracht vast: de intermediaire verhuur begint.',
  source: '002 WA3, WA4; 001 §3',
  schema: sleuteloverdrachtSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    if (!current.corporatieId) {
      throw new RuleViolated('geen-corporatie', 'Er is nog geen woningcorporatie aan dit dossier gekoppeld (woningaanbod).');
    }
    assertNotInFuture(input.datum, today, 'datum', 'De sleuteloverdracht');
    const aanbod = openAanbod(priorEvents(ctx));
    if (aanbod) {
      assertNotBefore(input.datum, aanbod.occurredOn, 'datum', 'datum-voor-aanbod', 'De sleuteloverdracht ligt vóór het woningaanbod.');
      const beschikbaarOp = text(aanbod, 'beschikbaarOp');
      if (beschikbaarOp) {
        assertNotBefore(input.datum, beschikbaarOp, 'datum', 'sleuteloverdracht-voor-beschikbaar', 'De sleutel kan niet over vóór de woning beschikbaar is.');
      }
      assertClientGeinformeerd(input.clientGeinformeerdOp, aanbod, today);
    } else if (input.clientGeinformeerdOp) {
      assertNotInFuture(input.clientGeinformeerdOp, today, 'clientGeinformeerdOp');
    }
    if (input.proefwonenEindOp) {
      assertAfter(input.proefwonenEindOp, input.datum, 'proefwonenEindOp', 'proefwonen-einde-voor-start', 'Het proefwonen eindigt vóór het begint.');
    }
    const aanbodId = text(aanbod, 'aanbodId');
    return {
      phase: 'herstelfase',
      occurredOn: input.datum,
      facts: { sleuteloverdrachtOp: input.datum },
      data: { ...input, ...(aanbodId ? { aanbodId } : {}) },
    };
  },
});
