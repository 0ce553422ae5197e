/**
 * Sleuteloverdracht: the sleutelmoment, start of the intermediaire verhuur (002 WA3). Starts the kennismaking
 * clocks (002 WA4: gepland binnen zes weken, gehouden binnen drie maanden).
 */
import { z } from 'zod';
import { RuleViolated } from '../errors.js';
import { defineForm } from './types.js';
import { contact, dutchAddress, isoDate } from './fields.js';

export const sleuteloverdrachtSchema = z.object({
  datum: isoDate.describe('Datum sleuteloverdracht = startdatum intermediaire verhuur'),
  adres: dutchAddress,
  corporatieContact: contact.describe('Contactpersoon van de woningcorporatie (002 WA3: contactgegevens uitwisselen)'),
  clientGeinformeerdOp: isoDate.optional(),
  /** Klantreis 2023 (003 Proefwonen): end of a proefwonen contract, when there is one. */
  proefwonenEindOp: isoDate.optional(),
});

export const sleuteloverdracht = defineForm({
  action: 'sleuteloverdracht',
  title: 'Sleuteloverdracht',
  summary: 'De zorgaanbieder legt de sleuteloverdracht vast: de intermediaire verhuur begint.',
  source: '002 WA3, WA4; 001 §3',
  schema: sleuteloverdrachtSchema,
  decide({ case: current, input, history, today }) {
    if (!current.corporatieId) {
      throw new RuleViolated('geen-corporatie', 'Er is nog geen woningcorporatie aan dit dossier gekoppeld (woningaanbod).');
    }
    if (input.datum > today) {
      throw new RuleViolated('datum-in-toekomst', 'De sleuteloverdracht ligt in de toekomst.', [
        { path: 'body.datum', message: 'Leg de sleuteloverdracht vast op of na de dag zelf' },
      ]);
    }
    const aanbod = [...history].reverse().find((e) => e.type === 'woningaanbod');
    if (aanbod && input.datum < aanbod.occurredOn) {
      throw new RuleViolated('datum-voor-aanbod', 'De sleuteloverdracht ligt vóór het woningaanbod.', [
        { path: 'body.datum', message: `Mag niet vóór het woningaanbod (${aanbod.occurredOn}) liggen` },
      ]);
    }
    return { phase: 'herstelfase', occurredOn: input.datum, facts: { sleuteloverdrachtOp: input.datum } };
  },
});
