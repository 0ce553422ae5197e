/**
 * Besluit Wonen op de aanvraag urgentie onder voorwaarden (001 §3): "De afdeling Wonen van de gemeente Amsterdam
 * toetst de aanvraag. Als deze in orde is, wordt een urgentie onder voorwaarden afgegeven. De cliënt komt op de
 * wachtlijst voor actieve bemiddeling naar een woning." Afgewezen (with motivatie) → back to the onderzoek, where the
 * zorgaanbieder may apply again.
 *
 * Event data contract (deadline engine): `{ besluit: 'akkoord' | 'afgewezen' }`; occurredOn = besluitDatum.
 */
import * as z from 'zod';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, optionalLongText, shortText } from './fields.js';
import { latestOf, priorEvents } from './history.js';
import { defineForm } from './types.js';

export const besluitUrgentieSchema = z
  .object({
    besluit: z.enum(['akkoord', 'afgewezen']).meta({ description: 'Besluit', hint: 'akkoord = urgentie onder voorwaarden verleend' }),
    besluitDatum: isoDate.describe('Datum besluit'),
    kenmerk: shortText.optional().describe('Kenmerk van het besluit bij Wonen'),
    motivatie: optionalLongText.meta({ description: 'Motivatie', hint: 'Verplicht bij afwijzing' }),
  })
  .superRefine((value, ctx) => {
    if (value.besluit === 'afgewezen' && !value.motivatie) {
      ctx.addIssue({ code: 'custom', path: ['motivatie'], message: 'Een afwijzing vraagt een motivatie' });
    }
  });

export const besluitUrgentie = defineForm({
  action: 'besluit-urgentie',
  title: 'Besluit Wonen op aanvraag urgentie',
  summary: 'De afdeling Wonen verleent de urgentie onder voorwaarden of wijst de aanvraag af met motivatie.',
  source: '001 §3',
  schema: besluitUrgentieSchema,
  decide(ctx) {
    const { input, today } = ctx;
    const aanvraag = latestOf(priorEvents(ctx), 'aanvraag-urgentie');
    assertNotInFuture(input.besluitDatum, today, 'besluitDatum', 'De besluitdatum');
    if (aanvraag) {
      assertNotBefore(input.besluitDatum, aanvraag.occurredOn, 'besluitDatum', 'besluit-voor-aanvraag', 'Het besluit ligt vóór de aanvraag.');
    }
    const akkoord = input.besluit === 'akkoord';
    return {
      phase: akkoord ? 'wachtlijst' : 'onderzoek',
      occurredOn: input.besluitDatum,
      ...(akkoord ? { facts: { urgentieVerleendOp: input.besluitDatum } } : {}),
    };
  },
});
