/**
 * Heraanmelding after a tijdelijke afmelding (001 §3). The client returns to where the afmelding took them from: the
 * wachtlijst when Wonen had granted the urgentie onder voorwaarden (an open aanbod lapsed with the afmelding), or the
 * aanvraag with Wonen when Wonen had not decided yet.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, toelichting } from './fields.js';
import { latestOf, priorEvents, text, urgentieVerleend } from './history.js';
import { defineForm } from './types.js';

export const heraanmeldingSchema = z.object({
  datum: isoDate.describe('Datum van de heraanmelding'),
  toelichting,
});

export const heraanmelding = defineForm({
  action: 'heraanmelding',
  title: 'Heraanmelding voor de Omslagroute',
  summary: 'De zorgaanbieder meldt een tijdelijk afgemelde cliënt opnieuw aan.',
  source: '001 §3',
  schema: heraanmeldingSchema,
  decide(ctx) {
    const { input, today } = ctx;
    const events = priorEvents(ctx);
    const afmelding = latestOf(events, 'afmelding');
    if (!afmelding || text(afmelding, 'soort') !== 'tijdelijk') {
      throw new RuleViolated('geen-tijdelijke-afmelding', 'Er is geen tijdelijke afmelding om op terug te komen.');
    }
    assertNotInFuture(input.datum, today, 'datum', 'De heraanmelding');
    assertNotBefore(input.datum, afmelding.occurredOn, 'datum', 'heraanmelding-voor-afmelding', 'De heraanmelding ligt vóór de afmelding.');
    const naarFase = text(afmelding, 'vanuitFase') === 'urgentie_aangevraagd' || !urgentieVerleend(events) ? 'urgentie_aangevraagd' : 'wachtlijst';
    return { phase: naarFase, occurredOn: input.datum, data: { ...input, naarFase } };
  },
});
