/**
 * Nieuwe Kansregeling (002 Bijlage 5): the MZWO's Groot Overleg (GO) decides, with the corporatie, to offer a huurder
 * a Nieuwe Kans with the contract in the zorgaanbieder's name; the MZWO confirms it in the Nieuwe Kans Brief. Only
 * for the entry route NIEUWE_KANS (001 §3: "Vanuit Nieuwe Kans is een Nieuwe Kans brief nodig"). "Een Nieuwe Kans is
 * alleen mogelijk als de betrokkene bereid is om mee te werken door de geboden zorg te accepteren en toe te staan dat
 * het huurcontract omklapt naar een contract op naam van een zorgaanbieder" (Randvoorwaarde).
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertAfter, assertNotInFuture } from './checks.js';
import { isoDate, optioneelAntwoord } from './fields.js';
import { eventsOf, priorEvents } from './history.js';
import { defineForm } from './types.js';

export const nieuweKansSchema = z
  .object({
    briefDatum: isoDate.describe('Datum van de Nieuwe Kans Brief (MZWO)'),
    grootOverleg: z
      .object({
        datum: isoDate.describe('Datum besluit Groot Overleg (GO) van het MZWO'),
        akkoord: z.literal(true, { error: 'Zonder besluit van het Groot Overleg geen Nieuwe Kans (002 Bijlage 5 stap 5)' }).describe('Het Groot Overleg gaat akkoord'),
      })
      .describe('Groot Overleg'),
    bereidheid: z
      .object({
        zorgAccepteren: z
          .literal(true, { error: 'Zonder bereidheid de zorg te accepteren is de Nieuwe Kans geen optie (002 Bijlage 5)' })
          .describe('De bewoner is bereid de zorg te accepteren'),
        contractOpNaamZorgaanbieder: z
          .literal(true, { error: 'Zonder instemming met het contract op naam van de zorgaanbieder geen Nieuwe Kans (002 Bijlage 5)' })
          .describe('De bewoner stemt in met een huurcontract op naam van de zorgaanbieder'),
      })
      .describe('Bereidheid van de bewoner'),
    woning: z.enum(['huidige-woning', 'verhuizing']).describe('Nieuwe Kans op de huidige woning, of verhuizing noodzakelijk (stap 5)'),
    verhuizenUiterlijk: isoDate.optional().describe('Bij verhuizing: termijn waarbinnen die moet plaatsvinden'),
    woonbehoeften: optioneelAntwoord.describe('Bij verhuizing: de woonbehoeften uit de brief; geen gezondheidsinformatie'),
  })
  .superRefine((v, ctx) => {
    if (v.woning === 'verhuizing' && !v.verhuizenUiterlijk) ctx.addIssue({ code: 'custom', path: ['verhuizenUiterlijk'], message: 'Noem de termijn van de verhuizing' });
  });

export const nieuweKans = defineForm({
  action: 'nieuwe-kans',
  title: 'Nieuwe Kans',
  summary: 'De zorgaanbieder legt de Nieuwe Kans Brief van het MZWO vast: besluit Groot Overleg en de bereidheid van de bewoner.',
  source: '002 Bijlage 5; 001 §3',
  schema: nieuweKansSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    if (current.route !== 'NIEUWE_KANS') {
      throw new RuleViolated('alleen-nieuwe-kans', `Dit formulier hoort bij de route Nieuwe Kans; dit dossier volgt route ${current.route}.`);
    }
    if (eventsOf(priorEvents(ctx), 'nieuwe-kans').length > 0) {
      throw new RuleViolated('nieuwe-kans-bestaat', 'De Nieuwe Kans Brief is al vastgelegd; corrigeer die zo nodig.');
    }
    assertNotInFuture(input.briefDatum, today, 'briefDatum', 'De Nieuwe Kans Brief');
    if (input.grootOverleg.datum > input.briefDatum) {
      throw new RuleViolated('brief-voor-besluit', 'De Nieuwe Kans Brief bevestigt het besluit van het Groot Overleg en volgt erop.', [
        { path: 'body.grootOverleg.datum', message: `Mag niet na de brief (${input.briefDatum}) liggen` },
      ]);
    }
    if (input.verhuizenUiterlijk) {
      assertAfter(input.verhuizenUiterlijk, input.briefDatum, 'verhuizenUiterlijk', 'termijn-voor-brief', 'De verhuistermijn ligt vóór de brief.');
    }
    return { phase: current.phase, occurredOn: input.briefDatum };
  },
});
