/** Besluit Wonen op de aanvraag urgentie onder voorwaarden (001 §3): akkoord → wachtlijst (actieve bemiddeling). */
import { z } from 'zod';
import { RuleViolated } from '../errors.js';
import { defineForm } from './types.js';
import { isoDate, optionalLongText } from './fields.js';

export const besluitUrgentieSchema = z
  .object({
    besluit: z.enum(['akkoord', 'afgewezen']),
    besluitDatum: isoDate,
    motivatie: optionalLongText,
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
  decide({ input, history, today }) {
    const aanvraag = [...history].reverse().find((e) => e.type === 'aanvraag-urgentie');
    if (input.besluitDatum > today || (aanvraag && input.besluitDatum < aanvraag.occurredOn)) {
      throw new RuleViolated('besluitdatum', 'De besluitdatum ligt vóór de aanvraag of in de toekomst.', [
        { path: 'body.besluitDatum', message: 'Tussen de aanvraagdatum en vandaag' },
      ]);
    }
    return { phase: input.besluit === 'akkoord' ? 'wachtlijst' : 'onderzoek', occurredOn: input.besluitDatum };
  },
});
