/**
 * Zod building blocks shared by the forms. Messages are Dutch: they reach the professionals.
 *
 * Privacy by construction (002 WA10, AVG data minimisation): there is no block for a client's name, birth date, BSN,
 * e-mail or phone number; the client signs with initials; every free-text field has a maximum length; objects strip
 * unknown keys, so nothing a form does not ask for is stored.
 */
import * as z from 'zod';
// Only the Dutch locale: `z.locales` would put every language (~250 KiB) in every bundle, the werkplek's too.
import nl from 'zod/v4/locales/nl.js';
import { isIsoDate } from '../calendar.js';
import { LEEFGEBIEDEN, type Leefgebied } from '../case.js';

// zod's own messages ("verwacht string") in Dutch for every schema of the API: the professionals read them.
z.config(nl());

/**
 * A missing required field names the field by its label (the schema's `.describe()`): "Vul «Datum gesprek» in", or
 * "Kies een antwoord bij «Reden»" for a choice, instead of zod's "verwacht string, ontving undefined". The same
 * message in the werkplek (zod resolver) and in the API's 400. A schema's own message ('Verplicht', 'Akkoord is
 * nodig') wins over this map; without a label zod's Dutch message stays.
 */
function requiredFieldMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.input !== undefined || !issue.inst) return undefined;
  if (issue.code !== 'invalid_type' && issue.code !== 'invalid_value' && issue.code !== 'invalid_union') return undefined;
  const label = z.globalRegistry.get(issue.inst as z.ZodType)?.description?.trim();
  if (!label) return undefined;
  const choice = issue.code !== 'invalid_type' || issue.expected === 'boolean';
  return choice ? `Kies een antwoord bij «${label}»` : `Vul «${label}» in`;
}
z.config({ customError: requiredFieldMessage });

/**
 * The plausible range of every date of the API: each is a step of the route (an aanvraag, a besluit, a gesprek, a
 * contract's start), a date planned in it or how long a registration is valid; none is a birth date (none is asked).
 * The Omslagroute postdates 2000, and nothing is planned beyond 2100. A bound is needed at all because the deadline
 * engine counts werkdagen from these dates: it must never be asked to count to the year 9999 (issue 16). Fixed, not
 * relative to today: a schema has no clock. The OpenAPI document states the range in every date field's description.
 */
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-12-31';

/** A calendar date `YYYY-MM-DD` that exists (no 31 February), between `EARLIEST_DATE` and `LATEST_DATE`. Integer arithmetic, not a JS Date. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Verwacht een datum als JJJJ-MM-DD', abort: true })
  .refine((value) => isIsoDate(value), { message: 'Deze datum bestaat niet', abort: true })
  // ISO dates of the same shape order as strings.
  .refine((value) => value >= EARLIEST_DATE && value <= LATEST_DATE, `Verwacht een datum tussen ${EARLIEST_DATE} en ${LATEST_DATE}`)
  .meta({ format: 'date', formatMinimum: EARLIEST_DATE, formatMaximum: LATEST_DATE });

/** Short free text: a name, a function, a reference. */
export const shortText = z.string().trim().min(1, 'Verplicht').max(200, 'Hoogstens 200 tekens');
/** Longer free text for the form's open questions. Not for health details the form does not ask for. */
export const longText = z.string().trim().min(1, 'Verplicht').max(4000, 'Hoogstens 4000 tekens');
export const optionalLongText = z.string().trim().max(4000, 'Hoogstens 4000 tekens').optional();

/** The answer to one open question of a paper-era form (Bijlage 2b, 3; the city app's Char fields). */
export const antwoord = z.string().trim().min(1, 'Verplicht').max(2000, 'Hoogstens 2000 tekens');
export const optioneelAntwoord = z.string().trim().max(2000, 'Hoogstens 2000 tekens').optional();
/** A short explanation. Never a diagnosis or other health detail (002 WA10). */
export const toelichting = z
  .string()
  .trim()
  .max(1000, 'Hoogstens 1000 tekens')
  .optional()
  .meta({ description: 'Toelichting', hint: 'Kort; geen diagnoses, geen gezondheidsinformatie, geen namen van derden' });

export const email = z.email('Geen geldig e-mailadres');
export const phone = z.string().regex(/^[+0-9 ()-]{6,20}$/, 'Geen geldig telefoonnummer');

/** A professional's contact (begeleider, contactpersoon corporatie). Professionals' details are not client data. */
export const contact = z.object({
  naam: shortText.describe('Naam'),
  telefoon: phone.optional().describe('Telefoonnummer'),
  email: email.optional().describe('E-mailadres'),
});

/** A signature on a paper-era form: name (or initials for the client) and date (002 Bijlage 2b, 3). */
export const signature = z.object({
  akkoord: z.literal(true, { error: 'Akkoord is nodig' }).describe('Akkoord'),
  naam: shortText.describe('Naam'),
  datum: isoDate.describe('Datum'),
});

/**
 * The client's initials, never a name: groups of one or two letters with optional dots, e.g. `J.D.`, `IJ.K.`, `JD`.
 */
export const initialen = z
  .string()
  .trim()
  .regex(/^(?:[A-Za-zÀ-ÿ]{1,2}\.? ?){1,5}$/, 'Alleen initialen, bijvoorbeeld J.D. (geen volledige naam)');

/** The bewoner's signature: initials and date (002 Bijlage 2b, 3 "Handtekening bewoner"; AVG: no name). */
export const clientSignature = z
  .object({
    akkoord: z.literal(true, { error: 'Akkoord van de bewoner is nodig' }).describe('Akkoord bewoner'),
    initialen: initialen.meta({ description: 'Initialen bewoner', hint: 'Alleen initialen, geen naam (bijvoorbeeld J.D.)' }),
    datum: isoDate.describe('Datum'),
  })
  .describe('Handtekening bewoner');

/**
 * The signatures under the Supplement Wonen en Goed Huurderschap and the Woonevaluatieformulier (002 Bijlage 2a, 3:
 * bewoner, zorgaanbieder, woningcorporatie). Only the bewoner's is entered on the form: the bewoner has no account, so
 * the begeleider records the akkoord the bewoner gave on paper (initials, date). The zorgaanbieder's akkoord is the
 * submission itself (a named begeleider, with its timestamp) and the corporatie gives its own in the werkplek
 * (akkoord.ts): nobody types a name for another party.
 */
export const driegesprekHandtekeningen = z
  .object({
    bewoner: clientSignature.describe('Handtekening bewoner'),
  })
  .meta({ description: 'Handtekening', hint: 'Het akkoord van de zorgaanbieder is het indienen; de corporatie geeft haar akkoord zelf in de werkplek' });

/** An organisation id from the directory, e.g. `corp-ymere`. */
export const organisationId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Onbekende organisatie-id');

export const dutchAddress = z
  .object({
    straat: shortText.describe('Straat'),
    huisnummer: z
      .string()
      .trim()
      .regex(/^\d{1,5}( ?[A-Za-z0-9-]{1,6})?$/, 'Geen geldig huisnummer')
      .meta({ description: 'Huisnummer', hint: 'Met toevoeging, bijvoorbeeld 12 H of 7-2' }),
    postcode: z.string().trim().regex(/^\d{4} ?[A-Z]{2}$/, 'Verwacht een postcode als 1234 AB').meta({ description: 'Postcode', hint: 'Bijvoorbeeld 1011 AB' }),
    plaats: shortText.describe('Plaats'),
  })
  .describe('Adres van de woning');

/** WoningNet registration: how Wonen and the corporatie find the person without the form naming them. */
export const woningnet = z
  .object({
    nummer: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{3,40}$/, 'Geen geldig WoningNet-nummer of gebruikersnaam')
      .meta({ description: 'WoningNet-nummer of gebruikersnaam', hint: 'Het registratienummer of de gebruikersnaam bij WoningNet (letters, cijfers, punt, streepje); geen naam of BSN' }),
    geldigTot: isoDate.describe('Geldigheid inschrijving WoningNet'),
  })
  .describe('WoningNet');

/** "Jonger dan 26 jaar?" of the city's URGENTIE_AANVRAAG and OMKLAP_AANVRAAG (002 Bijlage 4: jongerencontract). */
export const jongerDan26 = z
  .object({
    plaatsing: z.enum(['niet-van-toepassing', 'project', 'reguliere-woning']).describe('Plaatsing jonger dan 26 jaar'),
    toelichting: optioneelAntwoord.meta({ description: 'Toelichting plaatsing', hint: 'Bij plaatsing in een project, of motivatie contract onbepaalde tijd' }),
  })
  .superRefine((value, ctx) => {
    if (value.plaatsing !== 'niet-van-toepassing' && !value.toelichting) {
      ctx.addIssue({ code: 'custom', path: ['toelichting'], message: 'Licht de plaatsing toe' });
    }
  })
  .describe('Jonger dan 26 jaar?');

/** An area in square metres (002 Bijlage 6: the 60/61 m² boundary). */
export const oppervlakteM2 = z.number().int('Hele vierkante meters').min(10, 'Minstens 10 m²').max(300, 'Hoogstens 300 m²');

/** An amount in euros with at most two decimals. */
export const bedragEuro = z
  .number()
  .min(0, 'Niet negatief')
  .max(10_000, 'Hoogstens € 10.000')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'Hoogstens twee decimalen');

/**
 * How often the woonevaluatie takes place, in months: at least yearly (12), half-yearly (6) for jongvolwassenen and
 * multiprobleemgezinnen (002 WA4 noot 5), more often when the three parties agree (002 Bijlage 2a).
 */
export const evaluatieFrequentieMaanden = z
  .number()
  .int('Hele maanden')
  .min(1, 'Minstens 1 maand')
  .max(12, 'Minstens eens per jaar (002 WA4)')
  .meta({ description: 'Frequentie woonevaluatie (in maanden)', hint: 'Minstens eens per jaar (12); 6 voor jongvolwassenen en multiprobleemgezinnen (002 WA4)' });

/** Where a driegesprek took place (002 Bijlage 2a: op de woning; 001 §4: UMO-cases telefonisch mogelijk). */
export const gesprekslocatie = z.enum(['woning', 'elders', 'telefonisch']).describe('Waar vond het gesprek plaats?');

/** One gepersonaliseerd doel rond het wonen with its status (002 Bijlage 3 vraag 5; EVALUATIE_WONEN doel 1–3). */
export const woondoel = z.object({
  doel: antwoord.meta({ description: 'Doel rond het wonen', hint: 'Gepersonaliseerd; geen diagnoses' }),
  standVanZaken: antwoord.describe('Stand van zaken'),
  behaald: z.boolean().describe('Is het doel behaald?'),
});
export type Woondoel = z.infer<typeof woondoel>;

const LEEFGEBIED_LABELS: Readonly<Record<Leefgebied, string>> = {
  dagbesteding: '1. Passende zinvolle dagbesteding',
  sociaal: '2. Sociaal stabiel functioneren',
  psychisch: '3. Psychisch stabiel functioneren',
  financieel: '4. Financieel stabiel functioneren',
  veiligheid_kinderen: '5. Geen risico voor de veiligheid van de kinderen',
};

/**
 * Goals keyed by leefgebied of the urgentievoorwaarden (001 §3; 002 WA1/WA2), at least one. One entry per leefgebied,
 * so a later form can compare the same goal (voordracht: "alle doelen behaald").
 */
export function doelenPerLeefgebied<T extends z.ZodType>(item: T) {
  const shape = Object.fromEntries(LEEFGEBIEDEN.map((l) => [l, item.optional().describe(LEEFGEBIED_LABELS[l])])) as Record<
    Leefgebied,
    z.ZodOptional<T>
  >;
  return z
    .object(shape)
    .refine((value) => LEEFGEBIEDEN.some((l) => value[l] !== undefined), { message: 'Noem minstens één doel (per leefgebied)' });
}

/** The four leefgebieden every client has goals for; the fifth only with children (001 §3). */
export function doelenVierLeefgebieden<T extends z.ZodType>(item: T) {
  return z.object({
    dagbesteding: item.describe(LEEFGEBIED_LABELS.dagbesteding),
    sociaal: item.describe(LEEFGEBIED_LABELS.sociaal),
    psychisch: item.describe(LEEFGEBIED_LABELS.psychisch),
    financieel: item.describe(LEEFGEBIED_LABELS.financieel),
    veiligheid_kinderen: item.optional().describe(`${LEEFGEBIED_LABELS.veiligheid_kinderen} (alleen met kinderen)`),
  });
}
