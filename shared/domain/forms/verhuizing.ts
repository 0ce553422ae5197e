/**
 * Verhuizing bij herijking van perspectief (002 Bijlage 6): "Verhuizen is toegestaan indien de woonsituatie het
 * begeleidingstraject van de cliënt ernstig belemmert, de zorgaanbieder en de woningcorporatie nemen samen dit
 * besluit." Rules of the Bijlage:
 * - "Een verhuizing is niet toegestaan als gehorigheid of kwaliteit van de woning de reden is" — unless the corporatie
 *   cannot solve it otherwise and the parties agree ("Blijkt een oplossing echt niet mogelijk … dan is verhuizen een
 *   optie");
 * - medical reasons need the advice of the GGD-arts: recorded as yes/no, never the condition (002 WA10);
 * - "Naar welke woning mag worden verhuisd? Een gelijksoortige woning; een woning van ten hoogste 60m²; bij verhuizing
 *   van een woning kleiner dan 61m² naar een grotere woning legt de zorgaanbieder dit altijd ter goedkeuring voor aan
 *   de directie Wonen" (`naarGroter`); uitbreiding van het gezin only "bij hoge uitzondering" by Wonen.
 *
 * Event data contract (deadline engine): `{ naarGroter }`; occurredOn = datum. `wonenAkkoordNodig` also covers
 * gezinsuitbreiding.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture, requireSleuteloverdracht } from './checks.js';
import { antwoord, isoDate, oppervlakteM2 } from './fields.js';
import { openWonenVerzoek, priorEvents } from './history.js';
import { defineForm } from './types.js';
import { GROTE_WONING_M2 } from './woningruil.js';

export const VERHUISREDENEN = [
  'woonsituatie-belemmert-traject',
  'gezinsverkleining',
  'gezinsuitbreiding',
  'gehorigheid',
  'kwaliteit-woning',
  'anders',
] as const;
const ALLEEN_MET_OPLOSSING_CORPORATIE: readonly string[] = ['gehorigheid', 'kwaliteit-woning'];

export const verhuizingSchema = z
  .object({
    datum: isoDate.describe('Datum van het besluit van zorgaanbieder en corporatie'),
    redenen: z.array(z.enum(VERHUISREDENEN)).max(VERHUISREDENEN.length).describe('Redenen voor de verhuizing'),
    medischeReden: z.boolean().meta({ description: 'Is er een medische reden?', hint: 'Alleen ja/nee, nooit de aandoening' }),
    ggdAdviesAanwezig: z.boolean().optional().describe('Advies van de GGD-arts aanwezig (verplicht bij een medische reden)'),
    corporatieKanNietOplossen: z.boolean().optional().describe('Bij gehorigheid of kwaliteit: kan de corporatie het niet op andere wijze oplossen?'),
    huidigeWoningM2: oppervlakteM2.describe('Oppervlakte huidige woning in m²'),
    nieuweWoningM2: oppervlakteM2.describe('Oppervlakte van de beoogde woning in m²'),
    gelijksoortig: z.boolean().describe('Is de beoogde woning gelijksoortig (oppervlak, aantal kamers, bereikbaarheid)?'),
    onafhankelijkeDerdeGetoetstOp: isoDate.describe('Datum toets door de onafhankelijke derde (stap 3)'),
    onderbouwing: antwoord.describe('Onderbouwing van zorgaanbieder of behandelaar; geen diagnoses'),
  })
  .superRefine((v, ctx) => {
    if (v.redenen.length === 0 && !v.medischeReden) ctx.addIssue({ code: 'custom', path: ['redenen'], message: 'Noem minstens één reden' });
  });

export const verhuizing = defineForm({
  action: 'verhuizing',
  title: 'Verhuizing bij herijking perspectief',
  summary: 'Zorgaanbieder en corporatie besluiten tot verhuizing; naar een grotere woning vanaf minder dan 61 m² beslist Wonen.',
  source: '002 Bijlage 6',
  schema: verhuizingSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const events = priorEvents(ctx);
    const sleutel = requireSleuteloverdracht(current, events);
    assertNotInFuture(input.datum, today, 'datum', 'Het besluit');
    assertNotBefore(input.datum, sleutel, 'datum', 'verhuizing-voor-sleuteloverdracht', 'Een verhuizing kan niet vóór de sleuteloverdracht zijn besloten.');
    assertNotBefore(input.datum, input.onafhankelijkeDerdeGetoetstOp, 'onafhankelijkeDerdeGetoetstOp', 'toets-na-besluit', 'De onafhankelijke derde toetst vóór het besluit (stap 3–4).');
    const alleenKwaliteit = !input.medischeReden && input.redenen.length > 0 && input.redenen.every((r) => ALLEEN_MET_OPLOSSING_CORPORATIE.includes(r));
    if (alleenKwaliteit && !input.corporatieKanNietOplossen) {
      throw new RuleViolated('verhuizing-reden-niet-toegestaan', 'Gehorigheid of kwaliteit van de woning is geen reden om te verhuizen; de corporatie lost het zo mogelijk anders op (002 Bijlage 6).', [
        { path: 'body.redenen', message: 'Alleen als de corporatie het echt niet anders kan oplossen' },
      ]);
    }
    if (input.medischeReden && input.ggdAdviesAanwezig !== true) {
      throw new RuleViolated('ggd-advies-ontbreekt', 'Bij een medische reden is advies van de GGD-arts nodig (002 Bijlage 6).', [
        { path: 'body.ggdAdviesAanwezig', message: 'GGD-advies is verplicht bij een medische reden' },
      ]);
    }
    const naarGroter = input.huidigeWoningM2 < GROTE_WONING_M2 && input.nieuweWoningM2 > input.huidigeWoningM2;
    if (!input.gelijksoortig && input.nieuweWoningM2 >= GROTE_WONING_M2 && !naarGroter) {
      throw new RuleViolated('verhuizing-woning-niet-passend', 'Verhuizen mag naar een gelijksoortige woning of een woning van ten hoogste 60 m² (002 Bijlage 6).', [
        { path: 'body.nieuweWoningM2', message: 'Niet gelijksoortig en groter dan 60 m²' },
      ]);
    }
    if (openWonenVerzoek(events)) {
      throw new RuleViolated('verzoek-loopt', 'Er ligt al een woningruil of verhuizing bij Wonen.');
    }
    const wonenAkkoordNodig = naarGroter || input.redenen.includes('gezinsuitbreiding');
    return { phase: current.phase, occurredOn: input.datum, data: { ...input, naarGroter, wonenAkkoordNodig, naarWonen: wonenAkkoordNodig } };
  },
});
