/**
 * Woningaanbod (002 WA1 stap 1–3; 001 §3): a corporatie offers a woning for the client. The client gets one offer;
 * after refusing it no new offer for two years (001 §3). The offer links the corporatie to the case.
 */
import { z } from 'zod';
import { RuleViolated } from '../errors.js';
import { defineForm } from './types.js';
import { dutchAddress, isoDate, organisationId, shortText } from './fields.js';

export const woningaanbodSchema = z.object({
  aanbodId: shortText.describe('Kenmerk van het aanbod bij de corporatie'),
  /** Filled by the zorgaanbieder when it records an offer it received; a corporatie's own filing uses its own id. */
  corporatieId: organisationId.optional(),
  aanbodDatum: isoDate,
  beschikbaarOp: isoDate.describe('Datum waarop de woning beschikbaar/leeg is'),
  adres: dutchAddress,
  woning: z.object({
    verdieping: z.number().int().min(-1).max(60),
    lift: z.boolean(),
    kamers: z.number().int().min(1).max(10),
    oppervlakteM2: z.number().int().min(10).max(300),
    gehorigheid: shortText.optional(),
  }),
});

export const woningaanbod = defineForm({
  action: 'woningaanbod',
  title: 'Woningaanbod',
  summary: 'De woningcorporatie biedt een woning aan voor de cliënt (eenmalig aanbod).',
  source: '002 WA1; 001 §3',
  schema: woningaanbodSchema,
  decide({ case: current, input, principal }) {
    const corporatieId = principal.role === 'contactpersoon' ? principal.organisationId : input.corporatieId;
    if (!corporatieId) {
      throw new RuleViolated('corporatie-onbekend', 'Noem de corporatie die het aanbod doet.', [
        { path: 'body.corporatieId', message: 'Verplicht als de zorgaanbieder het aanbod vastlegt' },
      ]);
    }
    const blockedUntil = current.facts.aanbodGeblokkeerdTot;
    if (blockedUntil && input.aanbodDatum < blockedUntil) {
      // 001 §3: na weigering gedurende twee jaar geen nieuw aanbod.
      throw new RuleViolated('aanbod-geblokkeerd', `Na een geweigerd aanbod is tot ${blockedUntil} geen nieuw aanbod mogelijk.`);
    }
    if (input.beschikbaarOp < input.aanbodDatum) {
      throw new RuleViolated('beschikbaar-voor-aanbod', 'De woning kan niet beschikbaar zijn vóór het aanbod.', [
        { path: 'body.beschikbaarOp', message: 'Op of na de aanbodDatum' },
      ]);
    }
    return { phase: 'aanbod', occurredOn: input.aanbodDatum, corporatieId, data: { ...input, corporatieId } };
  },
});
