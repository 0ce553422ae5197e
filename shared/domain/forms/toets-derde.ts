/**
 * Toets door de onafhankelijke derde (002 WA8 stap 3: "Een onafhankelijke derde binnen de zorgaanbieder toetst deze
 * voordracht. Als ook de onafhankelijke derde oordeelt dat de doelen zijn behaald en er geen onaanvaardbare risico's
 * zijn, stuurt de zorgaanbieder het voordrachtformulier naar de directie Wonen"; 001 §4 "Zijn de gepersonaliseerde
 * doelen niet behaald, dan bespreken de persoonlijk begeleider en de cliënt waaraan nog moet worden gewerkt").
 *
 * akkoord → toets_wonen (sent to Wonen: the 5 werkdagen start); not akkoord → back to where the voordracht came from
 * (herstelfase, or duurzame verhuur), with the redenen. The derde is not the begeleider who wrote the voordracht.
 *
 * Event data contract (deadline engine): `{ akkoord }`; occurredOn = datum.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, shortText, toelichting } from './fields.js';
import { after, latestOf, priorEvents, text } from './history.js';
import { defineForm } from './types.js';

export const TOETS_REDENEN = ['doel-niet-behaald', 'onaanvaardbaar-risico', 'steunstructuur-onvoldoende', 'voordracht-onvolledig', 'anders'] as const;

export const toetsDerdeSchema = z
  .object({
    datum: isoDate.describe('Datum akkoord (of afwijzing) door de onafhankelijke derde'),
    akkoord: z.boolean().describe('Gaat de onafhankelijke derde akkoord?'),
    naamAfdeling: shortText.describe('Naam / afdeling van de onafhankelijke derde'),
    redenen: z.array(z.enum(TOETS_REDENEN)).min(1, 'Noem minstens één reden').optional().meta({ description: 'Redenen', hint: 'Verplicht als de derde niet akkoord is' }),
    toelichting,
  })
  .superRefine((v, ctx) => {
    if (!v.akkoord && !v.redenen) ctx.addIssue({ code: 'custom', path: ['redenen'], message: 'Noem waarom de voordracht (nog) niet naar Wonen kan (002 WA8 stap 3)' });
    if (v.akkoord && v.redenen) ctx.addIssue({ code: 'custom', path: ['redenen'], message: 'Alleen als de derde niet akkoord is' });
    if (v.redenen?.includes('anders') && !v.toelichting) ctx.addIssue({ code: 'custom', path: ['toelichting'], message: "Licht de reden 'anders' toe" });
  });

export const toetsDerde = defineForm({
  action: 'toets-derde',
  title: 'Toets onafhankelijke derde',
  summary: 'De onafhankelijke derde toetst de voordracht voor omklap; bij akkoord gaat die naar de directie Wonen.',
  source: '002 WA8 stap 3; 001 §4',
  schema: toetsDerdeSchema,
  decide(ctx) {
    const { input, today, principal } = ctx;
    const voordracht = latestOf(priorEvents(ctx), 'voordracht-omklap');
    if (!voordracht) throw new RuleViolated('geen-voordracht', 'Er is geen voordracht voor omklap om te toetsen.');
    if (voordracht.actor.userId === principal.userId) {
      throw new RuleViolated('derde-niet-onafhankelijk', 'Wie de voordracht schreef, kan die niet als onafhankelijke derde toetsen (002 WA8 stap 3).');
    }
    // 002 WA8 stap 4: "Als niet is voldaan aan de urgentie onder voorwaarden, stuurt Wonen het formulier – voorzien van
    // motivatie – terug naar de zorgaanbieder." A voordracht is toetst once: after Wonen sent it back, only a new
    // version (voordracht-omklap) can be toetst and sent again, never the same one.
    if (after(priorEvents(ctx), voordracht).some((e) => e.type === 'toets-derde')) {
      throw new RuleViolated('voordracht-al-getoetst', 'Deze voordracht is al getoetst. Na terugsturing door Wonen volgt eerst een aangepaste voordracht (002 WA8 stap 4).', [
        { path: 'body.datum', message: 'Leg eerst de aangepaste voordracht vast' },
      ]);
    }
    assertNotInFuture(input.datum, today, 'datum', 'De toets');
    assertNotBefore(input.datum, voordracht.occurredOn, 'datum', 'toets-voor-voordracht', 'De toets ligt vóór de voordracht.');
    const terugNaar = text(voordracht, 'vanuitFase') === 'duurzame_verhuur' ? 'duurzame_verhuur' : 'herstelfase';
    return {
      phase: input.akkoord ? 'toets_wonen' : terugNaar,
      occurredOn: input.datum,
      data: { ...input, voordrachtVersie: voordracht.data.versie ?? 1 },
    };
  },
});
