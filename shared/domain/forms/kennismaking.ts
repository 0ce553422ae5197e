/**
 * Kennismakingsgesprek with the Supplement Wonen en Goed Huurderschap (002 WA4; Bijlage 2a Leidraad, Bijlage 2b
 * Supplement): bewoner, begeleider and the corporatie's contactpersoon meet in the woning and record their agreements
 * on wonen en goed huurderschap. All six sections of Bijlage 2b and every field of the city app's
 * KENNISMAKING_WONINGCORPORATIE form, minus the bewoner's name, address and phone number (known elsewhere or not
 * needed: AVG data minimisation); the bewoner signs with initials.
 *
 * Rules: the gesprek cannot be before the sleuteloverdracht nor in the future; the startdatum intermediaire verhuur is
 * the sleuteloverdracht; the first woonevaluatie is after the gesprek; the woonevaluatie frequency is at least yearly,
 * half-yearly for jongvolwassenen and multiprobleemgezinnen (002 WA4 noot 5), or more often when agreed (Bijlage 2a).
 *
 * Event data contract (deadline engine): occurredOn = datumGesprek; `{ evaluatieFrequentieMaanden }` (always stored,
 * the doelgroep's default when not agreed otherwise).
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertAfter, assertNotBefore, assertNotInFuture, assertSignatureDates, requireSleuteloverdracht } from './checks.js';
import {
  antwoord,
  bedragEuro,
  contact,
  doelenPerLeefgebied,
  driegesprekHandtekeningen,
  evaluatieFrequentieMaanden,
  gesprekslocatie,
  initialen,
  isoDate,
  optioneelAntwoord,
  woondoel,
} from './fields.js';
import { maxEvaluatieFrequentie, priorEvents } from './history.js';
import { defineForm } from './types.js';

/** 1. Landen in de woning (Bijlage 2b; also the woonevaluatie's first section). */
export const landenInDeWoning = z.object({
  ervaringWonen: antwoord.describe('Hoe ervaar je het wonen?'),
  goedMinderGoed: antwoord.describe('Wat gaat goed, wat gaat minder goed?'),
}).describe('1. Landen in de woning');

/** 2. Landen in het complex. */
const landenInHetComplex = z
  .object({
    kennisgemaaktMetBuren: z.boolean().describe('Heb je kennisgemaakt met je buren?'),
    kennismakenMetBuren: optioneelAntwoord.describe('Zo nee, wil je dat? Hoe kun je dat het beste doen?'),
    goedeBuur: antwoord.describe('Wanneer ben je een goede buur?'),
    huisregels: antwoord.describe('Zijn er huisregels in het complex waarmee je rekening moet houden?'),
    afval: antwoord.describe('Weet je waar je afval kwijt kunt (afvalbak, glasbak, grof vuil voorzieningen)?'),
    technischeKlachten: antwoord.describe('Weet je hoe je technische klachten kunt melden bij de woningcorporatie?'),
    overlastMelden: antwoord.describe('Weet je hoe je overlast kunt melden?'),
    overlastVoorkomen: antwoord.describe('Weet je hoe je overlast kunt voorkomen?'),
    signalenOverlast: antwoord.describe('Hoe worden signalen van overlast gedeeld? (verwijzing overlastprotocol)'),
  })
  .superRefine((value, ctx) => {
    if (!value.kennisgemaaktMetBuren && !value.kennismakenMetBuren) {
      ctx.addIssue({ code: 'custom', path: ['kennismakenMetBuren'], message: 'Vul in hoe de kennismaking met de buren kan' });
    }
  })
  .describe('2. Landen in het complex');

/** 3. Landen in de wijk. */
const landenInDeWijk = z.object({
  ervaringWijk: antwoord.describe('Hoe ervaar je de wijk?'),
  voorzieningenWaar: antwoord.describe('Weet je waar voorzieningen zijn waar jij gebruik van kunt maken?'),
  voorzieningenBehoefte: antwoord.describe('Aan welke voorziening heb jij behoefte?'),
  voorzieningenAnders: antwoord.describe('Zijn er nog andere voorzieningen die de woningcorporatiemedewerker of begeleider wil voorstellen?'),
}).describe('3. Landen in de wijk');

/** 4. Woondoelen: the gepersonaliseerde doelen rond het wonen with stand van zaken and behaald, per leefgebied. */
const woondoelen = z.object({
  doelen: doelenPerLeefgebied(woondoel).describe('Aan welke gepersonaliseerde woondoelen ga je werken?'),
  werkenAan: antwoord.describe('Waar wil jij aan werken dat met wonen en goed huurderschap te maken heeft?'),
  ondersteuning: antwoord.describe('Hoe kan de medewerker van de zorgaanbieder en/of de corporatie hierbij ondersteunen?'),
}).describe('4. Woondoelen');

/** 5. Andere afspraken of opmerkingen: de borg bij het omklappen (002 WA4: "zodat de bewoner hiervoor kan sparen"). */
const borg = z
  .object({
    moetBetalen: z.boolean().describe('Moet er borg worden betaald als het huurcontract op naam van de bewoner komt te staan?'),
    bedragEuro: bedragEuro.optional().describe('Zo ja, hoeveel is deze borg?'),
  })
  .superRefine((value, ctx) => {
    if (value.moetBetalen && value.bedragEuro === undefined) {
      ctx.addIssue({ code: 'custom', path: ['bedragEuro'], message: 'Noem de hoogte van de borg' });
    }
    if (!value.moetBetalen && value.bedragEuro !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['bedragEuro'], message: 'Alleen als er borg betaald moet worden' });
    }
  })
  .describe('Borg');

export const kennismakingSchema = z.object({
  startIntermediaireVerhuur: isoDate.describe('Startdatum intermediaire verhuur (= sleuteloverdracht)'),
  datumGesprek: isoDate.describe('Datum kennismakingsgesprek'),
  datumWoonevaluatiegesprek: isoDate.describe('Datum (gepland) woonevaluatiegesprek'),
  locatie: gesprekslocatie.optional(),
  contactZorgaanbieder: contact.optional().describe('Contactpersoon zorgaanbieder'),
  contactWoningcorporatie: contact.optional().describe('Contactpersoon woningcorporatie'),
  goedHuurderschap: z
    .object({
      verklaard: z
        .literal(true, { error: 'De verklaring goed huurderschap is nodig' })
        .meta({
          description: 'Ik verklaar dat ik me als een goed huurder zal gedragen',
          hint: 'Dit houdt in dat ik me houd aan de woonregels, geen overlast veroorzaak en mijn huur op tijd betaal.',
        }),
      initialenBewoner: initialen.meta({ description: 'Initialen bewoner', hint: 'Alleen initialen, geen naam (bijvoorbeeld J.D.)' }),
    })
    .describe('Verklaring goed huurderschap'),
  landenInDeWoning,
  landenInHetComplex,
  landenInDeWijk,
  woondoelen,
  borg,
  andereAfspraken: optioneelAntwoord.describe('Andere afspraken of opmerkingen'),
  vervolg: z.object({ volgendGesprek: antwoord.describe('Wat is een goed moment voor het volgende gesprek?') }).describe('Vervolg'),
  evaluatieFrequentieMaanden: evaluatieFrequentieMaanden.optional(),
  handtekeningen: driegesprekHandtekeningen,
});

/** The agreed frequency, the doelgroep's maximum when none was agreed; more than the maximum is refused. */
export function resolveFrequentie(agreed: number | undefined, max: number, fallback?: number): number {
  if (agreed !== undefined && agreed > max) {
    throw new RuleViolated(
      'evaluatiefrequentie-te-laag',
      `Voor deze doelgroep is de woonevaluatie minstens eens per ${max} maanden (002 WA4 noot 5).`,
      [{ path: 'body.evaluatieFrequentieMaanden', message: `Hoogstens ${max} maanden` }],
    );
  }
  return agreed ?? Math.min(fallback ?? max, max);
}

export const kennismaking = defineForm({
  action: 'kennismaking',
  title: 'Kennismakingsgesprek (Supplement Wonen en Goed Huurderschap)',
  summary: 'Bewoner, begeleider en corporatie leggen de afspraken over wonen en goed huurderschap vast.',
  source: '002 WA4; 002 Bijlage 2a, 2b; 001 §3',
  schema: kennismakingSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const sleutel = requireSleuteloverdracht(current, priorEvents(ctx));
    assertNotBefore(
      input.datumGesprek,
      sleutel,
      'datumGesprek',
      'kennismaking-voor-sleuteloverdracht',
      `De kennismaking kan niet vóór de sleuteloverdracht (${sleutel}) zijn.`,
    );
    assertNotInFuture(input.datumGesprek, today, 'datumGesprek', 'Het kennismakingsgesprek');
    if (input.startIntermediaireVerhuur !== sleutel) {
      throw new RuleViolated('startdatum-verhuur-onjuist', 'De startdatum intermediaire verhuur is de datum van de sleuteloverdracht.', [
        { path: 'body.startIntermediaireVerhuur', message: `Verwacht ${sleutel}` },
      ]);
    }
    assertAfter(
      input.datumWoonevaluatiegesprek,
      input.datumGesprek,
      'datumWoonevaluatiegesprek',
      'woonevaluatie-voor-kennismaking',
      'De woonevaluatie volgt op de kennismaking.',
    );
    assertSignatureDates(input.handtekeningen, input.datumGesprek, today, 'handtekeningen');
    const frequentie = resolveFrequentie(input.evaluatieFrequentieMaanden, maxEvaluatieFrequentie(current.doelgroep));
    return { phase: current.phase, occurredOn: input.datumGesprek, data: { ...input, evaluatieFrequentieMaanden: frequentie } };
  },
});
