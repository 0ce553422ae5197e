/**
 * Intrekking urgentie by the directie Wonen (001 §3 Kernboodschap herstelfase 6: "De directie Wonen trekt de urgentie
 * in als het perspectief verandert naar 24-uurs zorg of groepswonen"). Ends the route: afgesloten.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, longText, shortText } from './fields.js';
import { latestOf, priorEvents, urgentieVerleend } from './history.js';
import { defineForm } from './types.js';

export const INTREKKINGSREDENEN = ['perspectief-gewijzigd', 'voorwaarden-niet-nagekomen', 'anders'] as const;

export const intrekkingUrgentieSchema = z.object({
  datum: isoDate.describe('Datum van het besluit tot intrekking'),
  reden: z
    .enum(INTREKKINGSREDENEN)
    .meta({ description: 'Reden van de intrekking', hint: 'perspectief-gewijzigd: na een trajectwijziging naar 24-uurs zorg of groepswonen' }),
  motivatie: longText.meta({ description: 'Motivatie', hint: 'Geen diagnoses of gezondheidsinformatie' }),
  kenmerk: shortText.optional().describe('Kenmerk van het besluit bij Wonen'),
});

export const intrekkingUrgentie = defineForm({
  action: 'intrekking-urgentie',
  title: 'Intrekking urgentie',
  summary: 'De directie Wonen trekt de urgentie onder voorwaarden in; het traject eindigt.',
  source: '001 §3 Kernboodschap herstelfase 6',
  schema: intrekkingUrgentieSchema,
  decide(ctx) {
    const { input, today } = ctx;
    const events = priorEvents(ctx);
    const urgentie = urgentieVerleend(events);
    if (!urgentie) {
      throw new RuleViolated('geen-urgentie', 'Er is geen verleende urgentie om in te trekken; wijs een lopende aanvraag af met besluit-urgentie.');
    }
    assertNotInFuture(input.datum, today, 'datum', 'De intrekking');
    assertNotBefore(input.datum, urgentie.occurredOn, 'datum', 'intrekking-voor-urgentie', 'De intrekking ligt vóór de verlening.');
    if (input.reden === 'perspectief-gewijzigd' && !latestOf(events, 'trajectwijziging', (e) => e.data.urgentieIntrekken === true)) {
      throw new RuleViolated('geen-trajectwijziging', 'Er is geen trajectwijziging naar 24-uurs zorg of groepswonen vastgelegd.', [
        { path: 'body.reden', message: 'Kies een andere reden, of laat de zorgaanbieder eerst de trajectwijziging vastleggen' },
      ]);
    }
    return { phase: 'afgesloten', occurredOn: input.datum };
  },
});
