/**
 * Melding bij het Meldpunt Zorg en Woonoverlast (002 WA6 "In de volgende situaties doet de professional een melding
 * bij het MZWO"). The criteria are the ten situations the werkafspraak lists; at least one applies. Recorded as
 * criteria, not as a story: no health details (002 WA10).
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture, requireSleuteloverdracht } from './checks.js';
import { isoDate, toelichting } from './fields.js';
import { eventsOf, priorEvents, text } from './history.js';
import { meldingId } from './overlast-melding.js';
import { defineForm } from './types.js';

/** 002 WA6, in the order of the list. */
export const MZWO_CRITERIA = [
  'zorg-gemeden', //                 geen ziektebesef, wil niet meewerken, dreigt uit te vallen of mijdt de zorg
  'meerdere-buren', //               meerdere buren ervaren overlast
  'meerdere-professionals', //       meerdere professionals (SPV GGD, GGZ, wijkagent) betrokken of nodig
  'ernstig-incident', //             ernstig en/of grote impact op buren of buurt
  'toename', //                      toename van overlastgevend gedrag, verslaving, zorgnood of verloedering
  'voortdurend', //                  overlast blijft voortduren of herhaalt zich ondanks interventies
  'samenwerking-stagneert', //       zorgaanbieder en corporatie komen er samen niet uit
  'woning-vervuilt', //              de woning vervuilt
  'agressie-onveilig', //            zorg stagneert door agressie, werksituatie onveilig
  'treitersituatie', //              intimidatie, agressie, pestgedrag, bewuste of structurele overlast
] as const;

export const mzwoEscalatieSchema = z.object({
  datum: isoDate.describe('Datum van de melding bij het MZWO'),
  criteria: z
    .array(z.enum(MZWO_CRITERIA))
    .min(1, 'Noem minstens één criterium (002 WA6)')
    .max(MZWO_CRITERIA.length)
    .refine((list) => new Set(list).size === list.length, 'Elk criterium één keer')
    .describe('Criteria voor het MZWO'),
  meldingId: meldingId.optional().meta({ description: 'Kenmerk van de overlastmelding', hint: 'De melding waar het om gaat, als die er is' }),
  stadsdeel: z.string().trim().max(60, 'Hoogstens 60 tekens').optional().describe('Stadsdeel'),
  toelichting,
});

export const mzwoEscalatie = defineForm({
  action: 'mzwo-escalatie',
  title: 'Melding bij Meldpunt Zorg en Woonoverlast',
  summary: 'De professional meldt de situatie bij het MZWO op een van de criteria van werkafspraak 6.',
  source: '002 WA6',
  schema: mzwoEscalatieSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const events = priorEvents(ctx);
    const sleutel = requireSleuteloverdracht(current, events);
    assertNotInFuture(input.datum, today, 'datum', 'De melding bij het MZWO');
    assertNotBefore(input.datum, sleutel, 'datum', 'melding-voor-sleuteloverdracht', 'Een melding over de woning kan niet vóór de sleuteloverdracht zijn.');
    if (input.meldingId && !eventsOf(events, 'overlast-melding').some((e) => text(e, 'meldingId') === input.meldingId)) {
      throw new RuleViolated('melding-onbekend', `Er is geen melding met kenmerk ${input.meldingId}.`, [{ path: 'body.meldingId', message: 'Onbekende melding' }]);
    }
    return { phase: current.phase, occurredOn: input.datum };
  },
});
