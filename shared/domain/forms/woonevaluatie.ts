/**
 * Woonevaluatie (002 WA4, WA8 stap 2; Bijlage 3a Leidraad en Woonevaluatieformulier; 001 §4 "Regelmatig evalueren"):
 * at least yearly the bewoner, the begeleider and the corporatie evaluate the wonen in the woning. The whole
 * Woonevaluatieformulier (sections 1–7, three signatures) and every field of the city app's EVALUATIE_WONEN form,
 * minus the bewoner's name, address and phone number; the bewoner signs with initials.
 *
 * Question 6 "Is er sprake van voordracht voor omklap?": in klantreis-2023 a JA is the positive eindevaluatie of 003
 * ("Bij een positieve eindevaluatie wordt het huurcontract op naam van de client gezet"). JA → "Zijn alle doelen behaald?" and the steunstructuur,
 * question 7 lapses; NEE → question 7 (vervolg). A voordracht needs every goal behaald (002 WA8 stap 3).
 *
 * Rules: not before the sleuteloverdracht nor the kennismaking, not in the future; the frequency rule as in the
 * kennismaking. Cases that came in through the UMO/UJO-tafel had no kennismaking (002 WA8): then the datum
 * kennismakingsgesprek stays empty.
 *
 * Event data contract (deadline engine): occurredOn = datumGesprek; `{ voordracht, evaluatieFrequentieMaanden }`
 * (the frequency agreed here, else the one agreed before, else the doelgroep's default).
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { opentOmklap } from '../regio.js';
import { assertNotBefore, assertNotInFuture, assertSignatureDates, requireSleuteloverdracht } from './checks.js';
import {
  antwoord,
  doelenPerLeefgebied,
  driegesprekHandtekeningen,
  evaluatieFrequentieMaanden,
  gesprekslocatie,
  isoDate,
  optioneelAntwoord,
  woondoel,
  type Woondoel,
} from './fields.js';
import { afgesprokenFrequentie, latestOf, maxEvaluatieFrequentie, priorEvents } from './history.js';
import { landenInDeWoning, resolveFrequentie } from './kennismaking.js';
import { defineForm } from './types.js';

type Issue = { path: (string | number)[]; message: string };
function requireWhen(condition: boolean, value: unknown, path: (string | number)[], message: string, issues: Issue[]): void {
  if (condition && (value === undefined || value === '')) issues.push({ path, message });
}

const omgeving = z
  .object({
    contactMetBuren: z.object({
      heeftContact: z.boolean().describe('Heb je contact met de buren?'),
      verloop: optioneelAntwoord.describe('Zo ja, hoe verloopt dat?'),
      contactGewenst: optioneelAntwoord.describe('Zo nee, wil je wel contact? En heb je daar ondersteuning bij nodig?'),
    }).describe('Contact met de buren'),
    overlast: z.object({
      ervaartOverlast: z.boolean().describe('Ervaar je wel eens overlast?'),
      gemeldBijCorporatie: z.boolean().optional().describe('Zo ja, heb je dit gemeld bij de corporatie?'),
      overlastVanOmwonendenGemeld: z.boolean().describe('Is er overlast van omwonenden gemeld?'),
      afhandeling: optioneelAntwoord.describe('Hoe is daarmee omgegaan? Is het opgelost?'),
    }).describe('Overlast'),
    netwerk: z.object({
      heeftNetwerk: z.boolean().describe('Heb je een netwerk in de buurt?'),
      hoeGaatDat: optioneelAntwoord.describe('Zo ja, hoe gaat dat?'),
      behoefteAanNetwerk: z.boolean().optional().describe('Zo nee, heb je hier behoefte aan?'),
      behoefteMeerContacten: antwoord.describe('Heb je behoefte aan meer of andere contacten in de buurt?'),
    }).describe('Netwerk'),
  })
  .superRefine((v, ctx) => {
    const issues: Issue[] = [];
    requireWhen(v.contactMetBuren.heeftContact, v.contactMetBuren.verloop, ['contactMetBuren', 'verloop'], 'Hoe verloopt het contact?', issues);
    requireWhen(!v.contactMetBuren.heeftContact, v.contactMetBuren.contactGewenst, ['contactMetBuren', 'contactGewenst'], 'Is contact gewenst?', issues);
    requireWhen(v.overlast.ervaartOverlast, v.overlast.gemeldBijCorporatie, ['overlast', 'gemeldBijCorporatie'], 'Is de overlast gemeld bij de corporatie?', issues);
    requireWhen(v.overlast.overlastVanOmwonendenGemeld, v.overlast.afhandeling, ['overlast', 'afhandeling'], 'Hoe is met de melding omgegaan?', issues);
    requireWhen(v.netwerk.heeftNetwerk, v.netwerk.hoeGaatDat, ['netwerk', 'hoeGaatDat'], 'Hoe gaat het met het netwerk?', issues);
    requireWhen(!v.netwerk.heeftNetwerk, v.netwerk.behoefteAanNetwerk, ['netwerk', 'behoefteAanNetwerk'], 'Is er behoefte aan een netwerk?', issues);
    for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
  })
  .describe('3. Omgeving');

export const woonevaluatieSchema = z
  .object({
    startIntermediaireVerhuur: isoDate.describe('Startdatum intermediaire verhuur (= sleuteloverdracht)'),
    datumKennismakingsgesprek: isoDate
      .optional()
      .meta({ description: 'Datum kennismakingsgesprek', hint: 'Leeg als er geen was (UMO/UJO-tafel, 002 WA8)' }),
    datumGesprek: isoDate.describe('Datum woonevaluatiegesprek'),
    soort: z
      .enum(['periodiek', 'extra'])
      .optional()
      .meta({ description: 'Soort woonevaluatie', hint: 'extra: vervroegd bij signalen, of bij woningruil/verhuizing (002 Bijlage 3a, 6)' }),
    locatie: gesprekslocatie.optional(),
    landenInDeWoning,
    woning: z.object({
      woning: antwoord.describe('Hoe ziet de woning er uit?'),
      balkonTuin: antwoord.describe('Hoe ziet het balkon en/of de tuin er uit?'),
      portiek: antwoord.describe('Hoe ziet het portiek er uit?'),
    }).describe('2. De woning'),
    omgeving,
    huurbetaling: z
      .object({
        opTijd: z.boolean().describe('Heb je de huur elke maand op tijd betaald aan de zorgaanbieder?'),
        regeling: optioneelAntwoord.describe('Zo nee, is er een regeling getroffen en/of extra ondersteuning geregeld?'),
      })
      .superRefine((v, ctx) => {
        if (!v.opTijd && !v.regeling) ctx.addIssue({ code: 'custom', path: ['regeling'], message: 'Beschrijf de regeling of ondersteuning' });
      })
      .describe('4. Huurbetaling'),
    doelen: doelenPerLeefgebied(woondoel).describe('5. Stand van zaken gepersonaliseerde doelen rond het wonen'),
    voordracht: z.boolean().describe('6. Is er sprake van voordracht voor omklap?'),
    omklap: z
      .object({
        alleDoelenBehaald: z.boolean().describe('Zijn alle doelen behaald?'),
        steunstructuur: antwoord.describe('Op welke steunstructuur / structuren kun je een beroep doen na het moment van omklappen?'),
      })
      .optional()
      .meta({ description: 'Omklap', hint: 'Alleen bij een voordracht voor omklap (vraag 6)' }),
    vervolg: z
      .object({
        volgendGesprek: antwoord.describe('Wat is een goed moment voor het volgende gesprek?'),
        bijzonderheden: antwoord.describe('Zijn er bijzonderheden rond het wonen?'),
      })
      .optional()
      .meta({ description: '7. Vervolg', hint: 'Vervalt bij een voordracht voor omklap' }),
    evaluatieFrequentieMaanden: evaluatieFrequentieMaanden.optional(),
    handtekeningen: driegesprekHandtekeningen,
  })
  .superRefine((v, ctx) => {
    if (v.voordracht && !v.omklap) {
      ctx.addIssue({ code: 'custom', path: ['omklap'], message: 'Bij een voordracht: zijn alle doelen behaald, en welke steunstructuur is er?' });
    }
    if (!v.voordracht && !v.vervolg) {
      ctx.addIssue({ code: 'custom', path: ['vervolg'], message: 'Zonder voordracht: wanneer is het volgende gesprek?' });
    }
    const doelen = Object.values(v.doelen).filter((d): d is Woondoel => d !== undefined);
    if (v.omklap?.alleDoelenBehaald && doelen.some((d) => !d.behaald)) {
      ctx.addIssue({ code: 'custom', path: ['omklap', 'alleDoelenBehaald'], message: 'Niet alle doelen hierboven zijn behaald' });
    }
  });

export const woonevaluatie = defineForm({
  action: 'woonevaluatie',
  title: 'Woonevaluatie',
  summary: 'Bewoner, begeleider en corporatie evalueren het wonen en de woondoelen; eventueel volgt een voordracht voor omklap.',
  source: '002 WA4, WA8 stap 2–3; 002 Bijlage 3a; 001 §4',
  schema: woonevaluatieSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const events = priorEvents(ctx);
    const sleutel = requireSleuteloverdracht(current, events);
    assertNotBefore(input.datumGesprek, sleutel, 'datumGesprek', 'woonevaluatie-voor-sleuteloverdracht', `De woonevaluatie kan niet vóór de sleuteloverdracht (${sleutel}) zijn.`);
    assertNotInFuture(input.datumGesprek, today, 'datumGesprek', 'De woonevaluatie');
    if (input.startIntermediaireVerhuur !== sleutel) {
      throw new RuleViolated('startdatum-verhuur-onjuist', 'De startdatum intermediaire verhuur is de datum van de sleuteloverdracht.', [
        { path: 'body.startIntermediaireVerhuur', message: `Verwacht ${sleutel}` },
      ]);
    }
    const kennismaking = latestOf(events, 'kennismaking');
    if (kennismaking) {
      assertNotBefore(input.datumGesprek, kennismaking.occurredOn, 'datumGesprek', 'woonevaluatie-voor-kennismaking', `De woonevaluatie volgt op de kennismaking (${kennismaking.occurredOn}).`);
    }
    if (input.datumKennismakingsgesprek && (kennismaking ? input.datumKennismakingsgesprek !== kennismaking.occurredOn : input.datumKennismakingsgesprek > input.datumGesprek)) {
      throw new RuleViolated('datum-kennismaking-onjuist', 'De datum van het kennismakingsgesprek klopt niet met het dossier.', [
        { path: 'body.datumKennismakingsgesprek', message: kennismaking ? `Verwacht ${kennismaking.occurredOn}` : 'Mag niet na het woonevaluatiegesprek liggen' },
      ]);
    }
    // 002 WA8 stap 3: "Als één van de gepersonaliseerde doelen … nog niet is behaald, wordt er nog niet omgeklapt."
    if (input.voordracht && !input.omklap?.alleDoelenBehaald) {
      throw new RuleViolated('doelen-niet-behaald', 'Een voordracht voor omklap kan pas als alle doelen behaald zijn (002 WA8 stap 3).', [
        { path: 'body.omklap.alleDoelenBehaald', message: 'Niet alle doelen zijn behaald' },
      ]);
    }
    assertSignatureDates(input.handtekeningen, input.datumGesprek, today, 'handtekeningen');
    const frequentie = resolveFrequentie(input.evaluatieFrequentieMaanden, maxEvaluatieFrequentie(current.doelgroep), afgesprokenFrequentie(events));
    const datumKennismakingsgesprek = input.datumKennismakingsgesprek ?? kennismaking?.occurredOn;
    return {
      // 003 Omkappen huurcontract: where the regio's omklap is the eindevaluatie (regio.ts), the positive one leads to
      // omklap_akkoord (it counts once the corporatie gave its akkoord); elsewhere a voordracht follows as its own form.
      phase: opentOmklap(current.regio, 'woonevaluatie', input) ? 'omklap_akkoord' : current.phase,
      occurredOn: input.datumGesprek,
      data: { ...input, ...(datumKennismakingsgesprek ? { datumKennismakingsgesprek } : {}), evaluatieFrequentieMaanden: frequentie },
    };
  },
});
