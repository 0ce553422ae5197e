/**
 * (Tijdelijke) afmelding voor de Omslagroute (001 §3): "Soms vallen cliënten (tijdelijk) af, terwijl ze op de
 * wachtlijst voor een omslagwoning staan … opname in een kliniek, tijdelijk uit beeld bij de zorgaanbieder, (nog)
 * niet geschikt zijn voor zelfstandig wonen, vertrek met onbekende bestemming of overlijden. De zorgaanbieder meldt
 * dit … zodat vervuiling van de wachtlijst wordt voorkomen."
 *
 * `soort` 'tijdelijk' → tijdelijk_afgemeld (heraanmelding possible); 'definitief' → afgesloten. Overlijden and vertrek
 * met onbekende bestemming are always definitief. Only the reason's category is stored, never a diagnosis (002 WA10).
 *
 * Event data contract (deadline engine): `{ soort }`; occurredOn = datum. The phase the case was in is kept as
 * `vanuitFase` so that a heraanmelding returns to the right place.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertAfter, assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, toelichting } from './fields.js';
import { latestOf, priorEvents } from './history.js';
import { defineForm } from './types.js';

export const AFMELDREDENEN = ['opname-kliniek', 'tijdelijk-uit-beeld', 'niet-geschikt', 'vertrek-onbekende-bestemming', 'overlijden'] as const;
/** 001 §3: these end the route; there is nothing to return to. */
export const ALTIJD_DEFINITIEF: readonly (typeof AFMELDREDENEN)[number][] = ['vertrek-onbekende-bestemming', 'overlijden'];

export const afmeldingSchema = z
  .object({
    soort: z.enum(['tijdelijk', 'definitief']).describe('Soort afmelding'),
    reden: z.enum(AFMELDREDENEN).meta({ description: 'Reden van de afmelding', hint: 'Alleen de categorie; geen medische details' }),
    datum: isoDate.describe('Datum van de afmelding'),
    verwachteTerugkeerOp: isoDate.optional().meta({ description: 'Verwachte datum van heraanmelding', hint: 'Alleen bij een tijdelijke afmelding' }),
    toelichting,
  })
  .superRefine((value, ctx) => {
    if (value.soort === 'tijdelijk' && ALTIJD_DEFINITIEF.includes(value.reden)) {
      ctx.addIssue({ code: 'custom', path: ['soort'], message: 'Bij overlijden of vertrek met onbekende bestemming is de afmelding definitief (001 §3)' });
    }
    if (value.soort === 'definitief' && value.verwachteTerugkeerOp) {
      ctx.addIssue({ code: 'custom', path: ['verwachteTerugkeerOp'], message: 'Alleen bij een tijdelijke afmelding' });
    }
  });

export const afmelding = defineForm({
  action: 'afmelding',
  title: '(Tijdelijke) afmelding voor de Omslagroute',
  summary: 'De zorgaanbieder meldt de cliënt (tijdelijk) af van de wachtlijst; definitief sluit het dossier.',
  source: '001 §3',
  schema: afmeldingSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    // Before the aanvraag (onderzoek) there is no wachtlijst to step off for a while, and a tijdelijk afgemelde client
    // is off it already: there only a definitive afmelding ends the case (001 §3: overlijden, vertrek met onbekende
    // bestemming).
    if (input.soort === 'tijdelijk' && (current.phase === 'onderzoek' || current.phase === 'tijdelijk_afgemeld')) {
      throw new RuleViolated('alleen-definitieve-afmelding', `In fase '${current.phase}' kan alleen een definitieve afmelding (001 §3).`, [
        { path: 'body.soort', message: 'Kies definitief' },
      ]);
    }
    assertNotInFuture(input.datum, today, 'datum', 'De afmelding');
    const aanvraag = latestOf(priorEvents(ctx), 'aanvraag-urgentie');
    if (aanvraag) {
      assertNotBefore(input.datum, aanvraag.occurredOn, 'datum', 'afmelding-voor-aanvraag', 'De afmelding ligt vóór de aanvraag urgentie.');
    }
    if (input.verwachteTerugkeerOp) {
      assertAfter(input.verwachteTerugkeerOp, input.datum, 'verwachteTerugkeerOp', 'terugkeer-voor-afmelding', 'De verwachte terugkeer ligt vóór de afmelding.');
    }
    return {
      phase: input.soort === 'tijdelijk' ? 'tijdelijk_afgemeld' : 'afgesloten',
      occurredOn: input.datum,
      data: { ...input, vanuitFase: current.phase },
    };
  },
});
