/**
 * Afspraken met het Fibu-team (002 WA7 "Inzet Fibu-team"): "De zorgaanbieder organiseert een gesprek als de noodzaak
 * tot extra ondersteuning duidelijk is en de bewoner toe is aan deze stap. Bewoner, zorgaanbieder en medewerker van het
 * Fibu-team maken afspraken en leggen deze vast." Starts the six-monthly evaluation (the deadline engine reminds).
 * Budgetbeheer may continue after the omklap (002 WA9). Private to the zorgaanbieder.
 */
import * as z from 'zod';
import { assertAfter, assertNotInFuture } from './checks.js';
import { antwoord, isoDate } from './fields.js';
import { defineForm } from './types.js';

export const fibuAfsprakenSchema = z.object({
  datum: isoDate.describe('Datum van het gesprek met bewoner en Fibu-team'),
  afspraken: antwoord.describe('De gemaakte afspraken over financieel beheer'),
  budgetbeheer: z.boolean().describe('Budgetbeheer door het Fibu-team'),
  bewonerIsEraanToe: z.literal(true, { error: 'Het Fibu-team wordt ingezet als de bewoner eraan toe is (002 WA7)' }).describe('De bewoner is eraan toe'),
  volgendeEvaluatieOp: isoDate.optional().describe('Geplande evaluatie (eens per zes maanden)'),
});

export const fibuAfspraken = defineForm({
  action: 'fibu-afspraken',
  title: 'Afspraken Fibu-team',
  summary: 'Bewoner, zorgaanbieder en Fibu-team leggen afspraken over financieel beheer vast.',
  source: '002 WA7; 002 WA9',
  schema: fibuAfsprakenSchema,
  decide({ case: current, input, today }) {
    assertNotInFuture(input.datum, today, 'datum', 'Het gesprek');
    if (input.volgendeEvaluatieOp) {
      assertAfter(input.volgendeEvaluatieOp, input.datum, 'volgendeEvaluatieOp', 'evaluatie-voor-afspraken', 'De evaluatie volgt op de afspraken.');
    }
    return { phase: current.phase, occurredOn: input.datum };
  },
});
