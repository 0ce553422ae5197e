/**
 * Begeleidingsplan vastgesteld (002 WA2: "Het begeleidingsplan wordt uiterlijk binnen zes weken na de kennismaking
 * tussen de zorgaanbieder en de bewoner opgesteld"; 001 §3 "Persoonlijk begeleidingsplan"): the gepersonaliseerde doelen translated into concrete
 * begeleidingsdoelen per leefgebied, and the agreements on veiligheid, goed huurderschap and terugval.
 *
 * Private to the zorgaanbieder: "De woningcorporatie heeft geen inzage in het begeleidingsplan zelf" (002 WA4, WA10);
 * the view layer never shows it outside the zorgaanbieder. Still no diagnoses: goals and agreements only.
 *
 * Event data contract (deadline engine): occurredOn = vastgesteldOp.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture, assertSignatureDates } from './checks.js';
import { antwoord, clientSignature, doelenVierLeefgebieden, isoDate, optioneelAntwoord } from './fields.js';
import { firstOf, heeftKinderdoel, priorEvents } from './history.js';
import { defineForm } from './types.js';

const begeleidingsdoel = z.object({
  doel: antwoord.describe('Concreet en meetbaar begeleidingsdoel (geen diagnoses)'),
  beoogdResultaat: antwoord.describe('Beoogd resultaat'),
  beoogdOp: isoDate.optional().describe('Wanneer het resultaat beoogd is'),
});

export const begeleidingsplanSchema = z.object({
  vastgesteldOp: isoDate.describe('Datum waarop het begeleidingsplan is vastgesteld'),
  doelen: doelenVierLeefgebieden(begeleidingsdoel).describe('Begeleidingsdoelen per leefgebied'),
  // 002 WA2 "Daarnaast worden afspraken opgenomen over" and "Voorkomen van terugval".
  afspraken: z.object({
    veiligheid: antwoord.describe('Veiligheid: risico’s en afspraken'),
    goedHuurderschap: antwoord.describe('Goed huurderschap: overlast voorkomen, woning onderhouden, contact met de corporatie'),
    terugval: antwoord.describe('Signalen van terugval en de stappen van bewoner, netwerk en begeleider'),
    netwerk: optioneelAntwoord.describe('Ondersteuning vanuit netwerk en wijk'),
    ouderschap: optioneelAntwoord.describe('Indien van toepassing: ouderschap en ontwikkeling van het kind'),
  }).describe('Afspraken'),
  akkoordClient: clientSignature.describe('Akkoord bewoner'),
});

export const begeleidingsplan = defineForm({
  action: 'begeleidingsplan',
  title: 'Begeleidingsplan vastgesteld',
  summary: 'De begeleider legt vast dat het begeleidingsplan met de bewoner is vastgesteld (alleen voor de zorgaanbieder).',
  source: '002 WA2; 001 §3',
  schema: begeleidingsplanSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const events = priorEvents(ctx);
    // 002 WA2: the plan follows the kennismaking of zorgaanbieder and bewoner on the woning, not the
    // kennismakingsgesprek with the corporatie: it may be recorded before that gesprek, not before the sleutelmoment.
    const sleuteloverdracht = firstOf(events, 'sleuteloverdracht');
    if (sleuteloverdracht) {
      assertNotBefore(
        input.vastgesteldOp,
        sleuteloverdracht.occurredOn,
        'vastgesteldOp',
        'begeleidingsplan-voor-sleuteloverdracht',
        `Het begeleidingsplan volgt op de sleuteloverdracht (${sleuteloverdracht.occurredOn}).`,
      );
    }
    assertNotInFuture(input.vastgesteldOp, today, 'vastgesteldOp', 'Het vaststellen');
    if (heeftKinderdoel(events) && !input.doelen.veiligheid_kinderen) {
      throw new RuleViolated('doel-kinderen-ontbreekt', 'Met kinderen hoort doel 5 (veiligheid van de kinderen) in het plan (001 §3).', [
        { path: 'body.doelen.veiligheid_kinderen', message: 'Verplicht: de aanvraag urgentie noemt kinderen' },
      ]);
    }
    assertSignatureDates({ akkoordClient: input.akkoordClient }, input.vastgesteldOp, today);
    return { phase: current.phase, occurredOn: input.vastgesteldOp };
  },
});
