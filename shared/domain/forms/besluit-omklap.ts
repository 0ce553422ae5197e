/**
 * Besluit Wonen op de voordracht voor omklap (002 WA8 stap 4; 001 §4 "Toetsing en afronding"): "De directie Wonen
 * toetst het voordrachtformulier en het proces … Als dit het geval is, stuurt Wonen binnen vijf werkdagen een
 * bevestiging … Als niet is voldaan aan de urgentie onder voorwaarden, stuurt Wonen het formulier – voorzien van
 * motivatie – terug naar de zorgaanbieder." akkoord = definitieve urgentie → omklap_akkoord; terug → voordracht
 * (the zorgaanbieder corrects it and submits a new version).
 *
 * Event data contract (deadline engine): `{ besluit: 'akkoord' | 'terug' }`; occurredOn = besluitDatum.
 */
import * as z from 'zod';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, optionalLongText, shortText } from './fields.js';
import { latestOf, priorEvents } from './history.js';
import { defineForm } from './types.js';

export const besluitOmklapSchema = z
  .object({
    besluit: z
      .enum(['akkoord', 'terug'])
      .meta({ description: 'Besluit', hint: 'akkoord = definitieve urgentie; terug = met motivatie terug naar de zorgaanbieder' }),
    besluitDatum: isoDate.describe('Datum besluit'),
    kenmerk: shortText.optional().describe('Kenmerk van het besluit bij Wonen'),
    motivatie: optionalLongText.meta({ description: 'Motivatie', hint: 'Verplicht bij terugsturen' }),
  })
  .superRefine((v, ctx) => {
    if (v.besluit === 'terug' && !v.motivatie) {
      ctx.addIssue({ code: 'custom', path: ['motivatie'], message: 'Wonen stuurt de voordracht terug met motivatie (002 WA8 stap 4)' });
    }
  });

export const besluitOmklap = defineForm({
  action: 'besluit-omklap',
  title: 'Besluit Wonen op voordracht voor omklap',
  summary: 'De directie Wonen verleent de definitieve urgentie, of stuurt de voordracht met motivatie terug.',
  source: '002 WA8 stap 4; 001 §4',
  schema: besluitOmklapSchema,
  decide(ctx) {
    const { input, today } = ctx;
    const toets = latestOf(priorEvents(ctx), 'toets-derde', (e) => e.data.akkoord === true);
    assertNotInFuture(input.besluitDatum, today, 'besluitDatum', 'Het besluit');
    if (toets) assertNotBefore(input.besluitDatum, toets.occurredOn, 'besluitDatum', 'besluit-voor-toets', 'Het besluit ligt vóór de toets van de onafhankelijke derde.');
    const akkoord = input.besluit === 'akkoord';
    return {
      phase: akkoord ? 'omklap_akkoord' : 'voordracht',
      occurredOn: input.besluitDatum,
      ...(akkoord ? { facts: { definitieveUrgentieOp: input.besluitDatum } } : {}),
    };
  },
});
