/**
 * Voordracht voor Omklap (002 WA8 stap 3; 001 §4): the begeleider proposes to put the huurcontract in the client's
 * name. Fields of the city app's OMKLAP_AANVRAAG form minus the client's name, birth date and e-mail (Wonen finds the
 * person through WoningNet): per leefgebied the doel, why it is behaald, who judged it, akkoord and the evaluatiemoment;
 * the afspraken na de omklap (002 WA9); the corporatie's akkoord at the woonevaluatie; the client's akkoord. The
 * onafhankelijke derde's akkoord is its own form (toets-derde).
 *
 * Rules (RuleViolated, 422):
 * - `omklap-te-vroeg`: not before one year of begeleiding since the sleuteloverdracht (001 §4 "Omklappen is pas
 *   mogelijk na minimaal een jaar begeleiding"; 002 WA3 "duurt minimaal één jaar");
 * - `woonevaluatie-eerst`: at least one woonevaluatie first (002 Bijlage 3a: "Voorafgaand aan het omklapgesprek heeft
 *   minimaal één woonevaluatiegesprek plaatsgevonden"), and the evaluatiemoment named is one of them;
 * - `doelen-niet-behaald`: every gepersonaliseerd doel behaald (002 WA8 stap 3: "Als één van de gepersonaliseerde
 *   doelen … nog niet is behaald, wordt er nog niet omgeklapt"), goal 5 included when there are children;
 * - the corporatie agreed (001 §4 Kernboodschap: "Als de corporatie akkoord gaat, bereidt de begeleider de voordracht
 *   voor Omklap voor"): a woonevaluatie counts only with the corporatie's own akkoord (akkoord.ts), so
 *   `woonevaluatie-eerst` covers it; the corporatie then agrees to the voordracht itself after the derde's toets.
 * A voordracht submitted again (after Wonen sent it back, or after the onafhankelijke derde) is a new version.
 */
import * as z from 'zod';
import { addYears } from '../calendar.js';
import { LEEFGEBIEDEN } from '../case.js';
import { earliestOmklapDate } from '../deadlines/index.js';
import { RuleViolated } from '../errors.js';
import type { FieldError } from '../errors.js';
import { assertNotInFuture, assertSignatureDates, requireSleuteloverdracht } from './checks.js';
import { antwoord, clientSignature, doelenVierLeefgebieden, isoDate, jongerDan26, optioneelAntwoord, shortText, woningnet } from './fields.js';
import { eventsOf, heeftKinderdoel, latestOf, priorEvents, text } from './history.js';
import { defineForm } from './types.js';

const omklapDoel = z.object({
  doel: antwoord.describe('Dat betekent voor deze cliënt het volgende'),
  behaaldOmdat: antwoord.describe('Deze doelen zijn behaald omdat'),
  beoordeeldDoor: shortText.describe('Deze doelen zijn beoordeeld door (naam/functie of organisatie)'),
  akkoord: z.boolean().describe('Akkoord: het doel is behaald'),
  datumEvaluatiemoment: isoDate.describe('Datum evaluatiemoment'),
});

export const voordrachtOmklapSchema = z.object({
  datumVoordracht: isoDate.describe('Datum voordracht'),
  persoonlijkBegeleider: shortText.describe('Persoonlijk begeleider'),
  startZelfstandigWonen: isoDate.describe('Start zelfstandig wonen (intermediair) = sleuteloverdracht'),
  woningnet,
  woonevaluatie: z.object({
    datumEvaluatiemoment: isoDate.meta({ description: 'Datum van de woonevaluatie waarin de omklap is besproken', hint: 'Een woonevaluatie waarop de corporatie akkoord gaf' }),
  }).describe('Woonevaluatie'),
  jongerDan26,
  doelen: doelenVierLeefgebieden(omklapDoel).describe('Urgentiecriteria in de huisvestingsverordening'),
  afsprakenNaOmklap: z.object({
    openstaandeVragen: optioneelAntwoord.describe('Voor deze cliënt staan de volgende vragen nog open'),
    volgendeStappen: antwoord.describe('Hiervoor worden de volgende stappen gezet (zowel formeel als informeel); steun na de omklap (002 WA9)'),
    beoordeeldDoor: shortText.optional().describe('Dit is beoordeeld door'),
    datumEvaluatiemoment: isoDate.optional().describe('Datum evaluatiemoment'),
  }).describe('Afspraken na de omklap'),
  toelichting: optioneelAntwoord.meta({ description: 'Toelichting', hint: 'Geen diagnoses, geen gezondheidsinformatie' }),
  akkoordClient: clientSignature.describe('Akkoord cliënt'),
});

export const voordrachtOmklap = defineForm({
  action: 'voordracht-omklap',
  title: 'Voordracht voor omklap',
  summary: 'De begeleider draagt de cliënt voor om het huurcontract op eigen naam te krijgen; daarna toetst de onafhankelijke derde.',
  source: '002 WA8 stap 3, WA9; 002 Bijlage 3a; 001 §4',
  schema: voordrachtOmklapSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const events = priorEvents(ctx);
    const sleutel = requireSleuteloverdracht(current, events);
    assertNotInFuture(input.datumVoordracht, today, 'datumVoordracht', 'De voordracht');
    if (input.startZelfstandigWonen !== sleutel) {
      throw new RuleViolated('startdatum-verhuur-onjuist', 'De start van het zelfstandig wonen is de datum van de sleuteloverdracht.', [
        { path: 'body.startZelfstandigWonen', message: `Verwacht ${sleutel}` },
      ]);
    }
    // 001 §4; 002 WA3: minimaal een jaar begeleiding.
    const vanaf = earliestOmklapDate(events) ?? addYears(sleutel, 1);
    if (input.datumVoordracht < vanaf) {
      throw new RuleViolated('omklap-te-vroeg', `Omklappen kan pas na minimaal een jaar begeleiding: vanaf ${vanaf} (001 §4; 002 WA3).`, [
        { path: 'body.datumVoordracht', message: `Niet vóór ${vanaf}` },
      ]);
    }
    // 002 Bijlage 3a: eerst minimaal één woonevaluatie. 001 §4 Kernboodschap: "Als de corporatie akkoord gaat, bereidt
    // de begeleider de voordracht voor Omklap voor": the corporatie gives its akkoord itself (akkoord.ts), and a
    // woonevaluatie is in the history a decision reads only once it did.
    const evaluaties = eventsOf(events, 'woonevaluatie', (e) => e.occurredOn <= input.datumVoordracht);
    if (evaluaties.length === 0) {
      throw new RuleViolated('woonevaluatie-eerst', 'Aan een voordracht voor omklap gaat minimaal één woonevaluatie vooraf (002 Bijlage 3a).', [
        { path: 'body.woonevaluatie.datumEvaluatiemoment', message: 'Leg eerst een woonevaluatie vast' },
      ]);
    }
    if (!evaluaties.some((e) => e.occurredOn === input.woonevaluatie.datumEvaluatiemoment)) {
      throw new RuleViolated('woonevaluatie-onbekend', 'Er is op die datum geen woonevaluatie vastgelegd.', [
        { path: 'body.woonevaluatie.datumEvaluatiemoment', message: `Bekende woonevaluaties: ${evaluaties.map((e) => e.occurredOn).join(', ')}` },
      ]);
    }
    // 001 §3: doel 5 when there are children; 002 WA8 stap 3: every doel behaald.
    if (heeftKinderdoel(events) && !input.doelen.veiligheid_kinderen) {
      throw new RuleViolated('doel-kinderen-ontbreekt', 'Met kinderen hoort doel 5 (veiligheid van de kinderen) in de voordracht (001 §3).', [
        { path: 'body.doelen.veiligheid_kinderen', message: 'Verplicht: de aanvraag urgentie noemt kinderen' },
      ]);
    }
    const nietBehaald: FieldError[] = LEEFGEBIEDEN.flatMap((l) =>
      input.doelen[l] && !input.doelen[l].akkoord ? [{ path: `body.doelen.${l}.akkoord`, message: 'Dit doel is niet behaald' }] : [],
    );
    if (nietBehaald.length > 0) {
      throw new RuleViolated('doelen-niet-behaald', 'Alle gepersonaliseerde doelen moeten behaald zijn voordat er wordt omgeklapt (002 WA8 stap 3).', nietBehaald);
    }
    for (const l of LEEFGEBIEDEN) {
      const doel = input.doelen[l];
      if (doel && doel.datumEvaluatiemoment > input.datumVoordracht) {
        throw new RuleViolated('evaluatiemoment-na-voordracht', 'Een doel kan niet beoordeeld zijn na de voordracht.', [
          { path: `body.doelen.${l}.datumEvaluatiemoment`, message: `Uiterlijk ${input.datumVoordracht}` },
        ]);
      }
    }
    assertSignatureDates({ akkoordClient: input.akkoordClient }, input.woonevaluatie.datumEvaluatiemoment, today);
    const eerdere = eventsOf(events, 'voordracht-omklap');
    const vorige = eerdere[eerdere.length - 1];
    // 002 WA8 stap 4: Wonen sends the voordracht back "voorzien van motivatie": what goes to Wonen again must differ
    // from what it sent back.
    const terug = latestOf(events, 'besluit-omklap', (e) => e.data.besluit === 'terug');
    if (vorige && terug && terug.seq > vorige.seq && sameContent(input, vorige.data)) {
      throw new RuleViolated('voordracht-ongewijzigd', 'Wonen stuurde deze voordracht terug met motivatie; een ongewijzigde voordracht kan niet opnieuw (002 WA8 stap 4).', [
        { path: 'body', message: 'Pas de voordracht aan op de motivatie van Wonen' },
      ]);
    }
    // Where a refusal by the onafhankelijke derde returns the case to (herstelfase or duurzame verhuur).
    const vanuitFase = current.phase === 'voordracht' ? (text(vorige, 'vanuitFase') ?? 'herstelfase') : current.phase;
    return {
      phase: 'voordracht',
      occurredOn: input.datumVoordracht,
      data: { ...input, versie: eerdere.length + 1, ...(vorige ? { vorigeVersie: vorige.seq } : {}), vanuitFase },
    };
  },
});

/** The fields the decision adds to a voordracht's data (not what the begeleider wrote). */
const ADDED_FIELDS = new Set(['versie', 'vorigeVersie', 'vanuitFase']);

/** Whether a new voordracht says exactly what an earlier one said (key order aside). */
function sameContent(input: Record<string, unknown>, earlier: Record<string, unknown>): boolean {
  const written = Object.fromEntries(Object.entries(earlier).filter(([k]) => !ADDED_FIELDS.has(k)));
  return canonical(input) === canonical(written);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
