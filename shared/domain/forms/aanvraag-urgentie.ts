/**
 * Aanvraag urgentie onder voorwaarden (001 §3): filed by the zorgaanbieder with the akkoorddocument of the entry
 * route, the gepersonaliseerde doelen per leefgebied and the client's consent to share (002 WA10, Voorwoord).
 * Fields follow the city's URGENTIE_AANVRAAG form, minus the client's name, birth date and e-mail: the client is
 * known here by pseudonym and WoningNet-nummer only (data minimisation); Wonen finds the person through WoningNet.
 */
import { z } from 'zod';
import { ROUTES, type Route } from '../case.js';
import { RuleViolated } from '../errors.js';
import { defineForm } from './types.js';
import { isoDate, longText, optionalLongText, shortText, signature } from './fields.js';

export const AKKOORD_DOCUMENTEN = [...new Set(Object.values(ROUTES))] as [string, ...string[]];

/** The purposes for which information may be shared (002 WA10, Doelbinding). */
export const DEELDOELEN = ['match', 'start-verhuur', 'overlast', 'evaluatie', 'omklap'] as const;

export const toestemmingDelen = z.object({
  gegeven: z.literal(true, { error: 'Zonder toestemming van de cliënt start de route niet (002 WA10)' }),
  datum: isoDate,
  doelen: z.array(z.enum(DEELDOELEN)).min(1, 'Noem minstens één doel'),
  metWie: z.array(z.enum(['woningcorporatie', 'gemeente-wonen'])).min(1),
  vastgelegdDoor: shortText,
});

const doelen = z.object({
  dagbesteding: longText.describe('1. De cliënt heeft passende zinvolle dagbesteding. Dat betekent voor deze cliënt:'),
  sociaal: longText.describe('2. De cliënt functioneert sociaal stabiel. Dat betekent voor deze cliënt:'),
  psychisch: longText.describe('3. De cliënt functioneert psychisch stabiel. Dat betekent voor deze cliënt:'),
  financieel: longText.describe('4. De cliënt is financieel stabiel. Dat betekent voor deze cliënt:'),
  veiligheid_kinderen: optionalLongText.describe('5. Geen risico voor de veiligheid van de kinderen (alleen met kinderen)'),
});

export const aanvraagUrgentieSchema = z
  .object({
    aanvraagDatum: isoDate,
    trajecthouder: shortText.describe('Naam instroomfunctionaris of trajecthouder'),
    woningnet: z.object({
      nummer: z.string().trim().regex(/^[A-Za-z0-9._-]{3,40}$/, 'Geen geldig WoningNet-nummer of gebruikersnaam'),
      geldigTot: isoDate,
    }),
    akkoordDocument: z.object({
      soort: z.enum(AKKOORD_DOCUMENTEN),
      datum: isoDate,
      kenmerk: shortText.optional(),
    }),
    jongerDan26: z.object({
      plaatsing: z.enum(['niet-van-toepassing', 'project', 'reguliere-woning']),
      toelichting: optionalLongText,
    }),
    huishouden: z.object({
      partner: z.boolean(),
      partnerGehuwd: z.boolean().optional(),
      echtscheidingRond: z.boolean().optional(),
      aantalKinderen: z.number().int().min(0).max(20),
    }),
    doelen,
    wooneisen: z
      .object({
        benedenwoningOfLift: z.boolean().describe('Alleen de woon-eis; de medische reden wordt hier niet vastgelegd'),
        uitsluitingStadsdelen: z.array(shortText).max(8).optional(),
        argumentatie: optionalLongText,
      })
      .optional(),
    toestemmingDelen,
    akkoordClient: signature.describe('Akkoord cliënt: initialen en datum'),
  })
  .superRefine((value, ctx) => {
    if (value.huishouden.aantalKinderen > 0 && !value.doelen.veiligheid_kinderen) {
      ctx.addIssue({
        code: 'custom',
        path: ['doelen', 'veiligheid_kinderen'],
        message: 'Met kinderen is doel 5 (veiligheid van de kinderen) verplicht (001 §3)',
      });
    }
    if (value.jongerDan26.plaatsing !== 'niet-van-toepassing' && !value.jongerDan26.toelichting) {
      ctx.addIssue({ code: 'custom', path: ['jongerDan26', 'toelichting'], message: 'Licht de plaatsing toe' });
    }
  });

export const aanvraagUrgentie = defineForm({
  action: 'aanvraag-urgentie',
  title: 'Aanvraag urgentie onder voorwaarden',
  summary: 'De zorgaanbieder vraagt bij de afdeling Wonen een urgentie onder voorwaarden aan.',
  source: '001 §3; 002 WA1, WA10',
  schema: aanvraagUrgentieSchema,
  decide({ case: current, input, today }) {
    const needed = ROUTES[current.route as Route];
    // 001 §3: each entry route needs its own akkoorddocument.
    if (input.akkoordDocument.soort !== needed) {
      throw new RuleViolated('akkoorddocument-route', `Route ${current.route} vraagt: ${needed}.`, [
        { path: 'body.akkoordDocument.soort', message: `Voor route ${current.route} is nodig: ${needed}` },
      ]);
    }
    if (input.aanvraagDatum > today) {
      throw new RuleViolated('datum-in-toekomst', 'De aanvraagdatum ligt in de toekomst.', [
        { path: 'body.aanvraagDatum', message: 'Mag niet in de toekomst liggen' },
      ]);
    }
    return {
      phase: 'urgentie_aangevraagd',
      occurredOn: input.aanvraagDatum,
      facts: {
        toestemmingDelen: { gegeven: true, sinds: input.toestemmingDelen.datum, doelen: [...input.toestemmingDelen.doelen] },
      },
    };
  },
});
