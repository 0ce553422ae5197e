/**
 * Woningruil tijdens zelfstandig wonen met begeleiding (002 Bijlage 6). "De woning mag worden geruild indien: beide
 * woningen gelijksoortig zijn (qua oppervlak, aantal kamers, bereikbaarheid, enz.); beide partijen instemmen en
 * beiden passend komen te wonen; de bewoner verhuist naar een kleinere woning van ten hoogste 60m²; de directie Wonen
 * akkoord gaat met een ongelijke ruil met een woning van 61m² of groter." "Toestemming is alleen vereist als het om
 * een ongelijke ruil betreft": `ongelijk` = not gelijksoortig and the new home is 61 m² or more → Wonen decides
 * (besluit-woningruil). Stappenplan: the onafhankelijke derde has toetst the voordracht (stap 3), zorgaanbieder and
 * corporatie record the besluit in an extra woonevaluatie (stap 4).
 *
 * Event data contract (deadline engine): `{ ongelijk }`; occurredOn = datum.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture, requireSleuteloverdracht } from './checks.js';
import { antwoord, isoDate, oppervlakteM2 } from './fields.js';
import { openWonenVerzoek, priorEvents } from './history.js';
import { defineForm } from './types.js';

/** 002 Bijlage 6: the boundary between "ten hoogste 60m²" and "61m² of groter". */
export const GROTE_WONING_M2 = 61;

export const woningruilSchema = z.object({
  datum: isoDate.describe('Datum van het besluit (extra woonevaluatiegesprek, stap 4)'),
  huidigeWoningM2: oppervlakteM2.describe('Oppervlakte huidige woning in m²'),
  nieuweWoningM2: oppervlakteM2.describe('Oppervlakte nieuwe woning in m²'),
  gelijksoortig: z.boolean().describe('Zijn beide woningen gelijksoortig (oppervlak, aantal kamers, bereikbaarheid)?'),
  beidePartijenAkkoord: z.literal(true, { error: 'Beide partijen moeten instemmen (002 Bijlage 6)' }).describe('Beide partijen stemmen in met de ruil'),
  beidenPassend: z.literal(true, { error: 'Beide huurders moeten passend komen te wonen (002 Bijlage 6)' }).describe('Beide huurders komen passend te wonen'),
  onafhankelijkeDerdeGetoetstOp: isoDate.describe('Datum toets door de onafhankelijke derde (stap 3)'),
  overlastOpWoning: z.boolean().meta({ description: 'Is er overlast op één of beide woningen?', hint: 'Dan heeft verhuizing de voorkeur van de corporatie' }),
  motivatie: antwoord.describe('Wat is gedaan op de huidige woning, en waarom is de ruil nodig voor het herstel (stap 2)'),
});

export const woningruil = defineForm({
  action: 'woningruil',
  title: 'Woningruil',
  summary: 'Zorgaanbieder en corporatie leggen een woningruil vast; een ongelijke ruil naar 61 m² of meer gaat naar Wonen.',
  source: '002 Bijlage 6',
  schema: woningruilSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const events = priorEvents(ctx);
    const sleutel = requireSleuteloverdracht(current, events);
    assertNotInFuture(input.datum, today, 'datum', 'Het besluit');
    assertNotBefore(input.datum, sleutel, 'datum', 'ruil-voor-sleuteloverdracht', 'Een ruil kan niet vóór de sleuteloverdracht zijn besloten.');
    assertNotBefore(input.datum, input.onafhankelijkeDerdeGetoetstOp, 'onafhankelijkeDerdeGetoetstOp', 'toets-na-besluit', 'De onafhankelijke derde toetst vóór het besluit (stap 3–4).');
    if (openWonenVerzoek(events)) {
      throw new RuleViolated('verzoek-loopt', 'Er ligt al een woningruil of verhuizing bij Wonen.');
    }
    const ongelijk = !input.gelijksoortig && input.nieuweWoningM2 >= GROTE_WONING_M2;
    return { phase: current.phase, occurredOn: input.datum, data: { ...input, ongelijk, naarWonen: ongelijk } };
  },
});
