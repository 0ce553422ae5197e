/**
 * Besluit Wonen op een ongelijke woningruil of een verhuizing naar een grotere woning (002 Bijlage 6: "De directie
 * Wonen beoordeelt of de woning passend is"; "legt de zorgaanbieder dit altijd ter goedkeuring voor aan de directie
 * Wonen"). Decides the request that waits for Wonen; the case stays where it is.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, optionalLongText, shortText } from './fields.js';
import { openWonenVerzoek, priorEvents } from './history.js';
import { defineForm } from './types.js';

export const besluitWoningruilSchema = z
  .object({
    besluit: z.enum(['akkoord', 'afgewezen']).describe('Besluit'),
    besluitDatum: isoDate.describe('Datum besluit'),
    kenmerk: shortText.optional().describe('Kenmerk van het besluit bij Wonen'),
    motivatie: optionalLongText.meta({ description: 'Motivatie', hint: 'Verplicht bij afwijzing' }),
  })
  .superRefine((v, ctx) => {
    if (v.besluit === 'afgewezen' && !v.motivatie) ctx.addIssue({ code: 'custom', path: ['motivatie'], message: 'Een afwijzing vraagt een motivatie' });
  });

export const besluitWoningruil = defineForm({
  action: 'besluit-woningruil',
  title: 'Besluit Wonen op woningruil of verhuizing',
  summary: 'De directie Wonen besluit over een ongelijke woningruil of een verhuizing naar een grotere woning.',
  source: '002 Bijlage 6',
  schema: besluitWoningruilSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const verzoek = openWonenVerzoek(priorEvents(ctx));
    if (!verzoek) throw new RuleViolated('geen-verzoek', 'Er ligt geen woningruil of verhuizing ter beoordeling bij Wonen.');
    assertNotInFuture(input.besluitDatum, today, 'besluitDatum', 'Het besluit');
    assertNotBefore(input.besluitDatum, verzoek.occurredOn, 'besluitDatum', 'besluit-voor-verzoek', 'Het besluit ligt vóór het verzoek.');
    return { phase: current.phase, occurredOn: input.besluitDatum, data: { ...input, verzoek: verzoek.type, verzoekSeq: verzoek.seq } };
  },
});
