/**
 * Evaluatie financieel beheer met het Fibu-team (002 WA7): "De zorgaanbieder, de medewerker van het Fibu-team en de
 * bewoner evalueren eens per zes maanden de voortgang. In de eerste zes maanden legt de Fibu-medewerker de focus op
 * overzicht en rust creëren. Daarna legt de Fibu-medewerker stapsgewijs … financiële handelingen terug bij de bewoner."
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { antwoord, isoDate, optioneelAntwoord } from './fields.js';
import { firstOf, priorEvents } from './history.js';
import { defineForm } from './types.js';

export const fibuEvaluatieSchema = z.object({
  datum: isoDate.describe('Datum van de evaluatie'),
  fase: z.enum(['overzicht-en-rust', 'handelingen-terugleggen']).meta({ description: 'Fase', hint: 'Eerst overzicht en rust, daarna stapsgewijs terugleggen (002 WA7)' }),
  voortgang: antwoord.describe('Voortgang in financieel beheer en zelfredzaamheid'),
  voortzetten: z.boolean().describe('Wordt de inzet van het Fibu-team voortgezet?'),
  afspraken: optioneelAntwoord.describe('Nieuwe of gewijzigde afspraken'),
});

export const fibuEvaluatie = defineForm({
  action: 'fibu-evaluatie',
  title: 'Evaluatie Fibu-team',
  summary: 'Bewoner, zorgaanbieder en Fibu-team evalueren het financieel beheer (eens per zes maanden).',
  source: '002 WA7',
  schema: fibuEvaluatieSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const afspraken = firstOf(priorEvents(ctx), 'fibu-afspraken');
    if (!afspraken) {
      throw new RuleViolated('fibu-afspraken-eerst', 'Er zijn nog geen afspraken met het Fibu-team vastgelegd (002 WA7).');
    }
    assertNotInFuture(input.datum, today, 'datum', 'De evaluatie');
    assertNotBefore(input.datum, afspraken.occurredOn, 'datum', 'evaluatie-voor-afspraken', 'De evaluatie ligt vóór de afspraken met het Fibu-team.');
    return { phase: current.phase, occurredOn: input.datum };
  },
});
