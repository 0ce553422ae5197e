/**
 * Aanvraag urgentie onder voorwaarden (001 §3): filed by the zorgaanbieder with the akkoorddocument of the entry
 * route, the gepersonaliseerde doelen per leefgebied and the client's consent to share (002 WA10, Voorwoord).
 * Fields follow the city's URGENTIE_AANVRAAG form, minus the client's name, birth date and e-mail: the client is
 * known here by pseudonym and WoningNet-nummer only (data minimisation); Wonen finds the person through WoningNet.
 */
import * as z from 'zod';
import { ROUTES, type Route } from '../case.js';
import { consentFromAanvraag, DEELDOELEN, DEELPARTIJEN } from '../consent.js';
import { RuleViolated } from '../errors.js';
import { actorOf } from '../roles.js';
import { regioRules } from '../regio.js';
import { defineForm } from './types.js';
import { assertNotInFuture } from './checks.js';
import { initialen, isoDate, jongerDan26, longText, optionalLongText, shortText, woningnet } from './fields.js';

export const AKKOORD_DOCUMENTEN = [...new Set(Object.values(ROUTES))] as [string, ...string[]];

/** The purposes for which information may be shared (002 WA10, Doelbinding); one list, in consent.ts. */
export { DEELDOELEN };

export const toestemmingDelen = z.object({
  gegeven: z
    .literal(true, { error: 'Zonder toestemming van de cliënt start de route niet (002 WA10)' })
    .meta({ description: 'De cliënt geeft toestemming om informatie te delen', hint: 'Zonder toestemming start de route niet (002 WA10); de cliënt kan die altijd intrekken' }),
  datum: isoDate.describe('Datum toestemming'),
  doelen: z.array(z.enum(DEELDOELEN)).min(1, 'Noem minstens één doel').meta({ description: 'Voor welke doelen?', hint: 'Alleen voor deze doelen wordt informatie gedeeld (002 WA10 Doelbinding)' }),
  metWie: z.array(z.enum(DEELPARTIJEN)).min(1, 'Noem met wie gedeeld mag worden').describe('Met wie mag informatie gedeeld worden?'),
  vastgelegdDoor: shortText.describe('Vastgelegd door (naam professional)'),
}).describe('Toestemming om informatie te delen');

const doelen = z.object({
  dagbesteding: longText.describe('1. De cliënt heeft passende zinvolle dagbesteding. Dat betekent voor deze cliënt:'),
  sociaal: longText.describe('2. De cliënt functioneert sociaal stabiel. Dat betekent voor deze cliënt:'),
  psychisch: longText.describe('3. De cliënt functioneert psychisch stabiel. Dat betekent voor deze cliënt:'),
  financieel: longText.describe('4. De cliënt is financieel stabiel. Dat betekent voor deze cliënt:'),
  veiligheid_kinderen: optionalLongText.describe('5. Geen risico voor de veiligheid van de kinderen (alleen met kinderen)'),
});

export const aanvraagUrgentieSchema = z
  .object({
    aanvraagDatum: isoDate.describe('Datum aanvraag'),
    trajecthouder: shortText.describe('Naam instroomfunctionaris of trajecthouder'),
    woningnet,
    akkoordDocument: z
      .object({
        soort: z.enum(AKKOORD_DOCUMENTEN).meta({ description: 'Soort akkoorddocument', hint: 'Elke instroomroute vraagt haar eigen akkoorddocument (001 §3)' }),
        datum: isoDate.describe('Datum akkoorddocument'),
        kenmerk: shortText.optional().describe('Kenmerk akkoorddocument'),
      })
      .describe('Akkoorddocument'),
    jongerDan26,
    huishouden: z
      .object({
        partner: z.boolean().describe('Heeft de cliënt een partner?'),
        partnerGehuwd: z.boolean().optional().describe('Gehuwd?'),
        echtscheidingRond: z.boolean().optional().describe('Echtscheiding rond?'),
        aantalKinderen: z.number().int().min(0).max(20).meta({ description: 'Aantal kinderen', hint: 'Met kinderen is doel 5 (veiligheid van de kinderen) verplicht' }),
      })
      .describe('Gezinssamenstelling'),
    doelen: doelen.describe('Gepersonaliseerde doelen per leefgebied'),
    wooneisen: z
      .object({
        benedenwoningOfLift: z
          .boolean()
          .meta({ description: 'Benedenwoning of lift nodig?', hint: 'Alleen de woon-eis; de medische reden wordt hier niet vastgelegd' }),
        uitsluitingStadsdelen: z.array(shortText).max(8).optional().meta({ description: 'Uitsluiting stadsdeel', hint: 'Hoogstens 8 stadsdelen' }),
        argumentatie: optionalLongText.meta({ description: 'Uitsluiting stadsdeel, argumentatie', hint: 'Geen diagnoses of medische details' }),
      })
      .optional()
      .describe('Toelichting wooneisen'),
    toestemmingDelen,
    voorwaardenRegio: z.record(z.string(), z.boolean()).optional().describe('Voorwaarden van de regio (regio.ts voorwaardenAanvraag), bv. 004 Drechtsteden'),
    akkoordClient: z
      .object({
        akkoord: z.literal(true, { error: 'Akkoord van de cliënt is nodig' }).describe('Akkoord cliënt'),
        naam: initialen.meta({ description: 'Initialen cliënt', hint: 'Alleen initialen, geen naam (bijvoorbeeld J.D.)' }),
        datum: isoDate.describe('Datum akkoord'),
      })
      .describe('Akkoord cliënt'),
  })
  .superRefine((value, ctx) => {
    if (value.huishouden.aantalKinderen > 0 && !value.doelen.veiligheid_kinderen) {
      ctx.addIssue({
        code: 'custom',
        path: ['doelen', 'veiligheid_kinderen'],
        message: 'Met kinderen is doel 5 (veiligheid van de kinderen) verplicht (001 §3)',
      });
    }
  });

export const aanvraagUrgentie = defineForm({
  action: 'aanvraag-urgentie',
  title: 'Aanvraag urgentie onder voorwaarden',
  summary: 'De zorgaanbieder vraagt bij de afdeling Wonen een urgentie onder voorwaarden aan.',
  source: '001 §3; 002 WA1, WA10',
  schema: aanvraagUrgentieSchema,
  decide({ case: current, input, today, now, principal }) {
    const needed = ROUTES[current.route as Route];
    // 001 §3: each entry route needs its own akkoorddocument.
    if (input.akkoordDocument.soort !== needed) {
      throw new RuleViolated('akkoorddocument-route', `Route ${current.route} vraagt: ${needed}.`, [
        { path: 'body.akkoordDocument.soort', message: `Voor route ${current.route} is nodig: ${needed}` },
      ]);
    }
    // 004 Regeling Voorrang Uitstroom Instelling: the regio's conditions, each confirmed (regio.ts).
    const ontbrekend = (regioRules(current.regio).voorwaardenAanvraag ?? []).filter((v) => input.voorwaardenRegio?.[v.key] !== true);
    if (ontbrekend.length > 0) {
      throw new RuleViolated('voorwaarden-regio', `De regio stelt voorwaarden aan de aanvraag (${regioRules(current.regio).bron}).`, ontbrekend.map((v) => ({ path: `body.voorwaardenRegio.${v.key}`, message: `Voorwaarde: ${v.tekst}` })));
    }
    assertNotInFuture(input.aanvraagDatum, today, 'aanvraagDatum', 'De aanvraagdatum');
    assertNotInFuture(input.akkoordClient.datum, today, 'akkoordClient.datum', 'Het akkoord van de cliënt');
    assertNotInFuture(input.toestemmingDelen.datum, today, 'toestemmingDelen.datum', 'De toestemming');
    if (input.akkoordDocument.datum > input.aanvraagDatum) {
      throw new RuleViolated('akkoorddocument-na-aanvraag', 'Het akkoorddocument is van na de aanvraag.', [
        { path: 'body.akkoordDocument.datum', message: `Mag niet na de aanvraagdatum (${input.aanvraagDatum}) liggen` },
      ]);
    }
    return {
      phase: 'urgentie_aangevraagd',
      occurredOn: input.aanvraagDatum,
      // 002 WA10: the consent with its purposes and parties (without metWie the corporatie would see nothing).
      facts: { toestemmingDelen: consentFromAanvraag(input.toestemmingDelen, actorOf(principal), now) },
    };
  },
});
