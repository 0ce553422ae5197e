/**
 * Trajectwijziging / herijking perspectief (001 §3 noot 1 and Kernboodschap herstelfase 5–6): "Een trajectwijziging
 * is nodig als het woonperspectief van de cliënt wijzigt: bijvoorbeeld van 24-uurs zorg naar zelfstandig wonen of
 * omgekeerd"; "De directie Wonen trekt de urgentie in als het perspectief verandert naar 24-uurs zorg of
 * groepswonen" (then Wonen files intrekking-urgentie). The perspectives are those of 001 §2 "Het perspectief van de
 * cliënt". The case stays where it is: the trajectwijziging is requested at the veldtafel.
 *
 * Event data contract (deadline engine): `{ perspectief }`; `urgentieIntrekken` says whether Wonen must withdraw (the
 * perspectieven of the intake table, wonen-intakes.ts).
 */
import * as z from 'zod';
import { assertNotInFuture } from './checks.js';
import { isoDate, toelichting } from './fields.js';
import { defineForm } from './types.js';
import { PERSPECTIEF_ZONDER_URGENTIE } from '../wonen-intakes.js';

export const PERSPECTIEVEN = ['zelfstandig', '24-uurs-zorg', 'groepswonen', 'individueel-beschermd-wonen'] as const;
export type Perspectief = (typeof PERSPECTIEVEN)[number];

export const trajectwijzigingSchema = z.object({
  datum: isoDate.describe('Datum van de herijking (aanvraag trajectwijziging bij de veldtafel)'),
  perspectief: z.enum(PERSPECTIEVEN).describe('Het nieuwe woonperspectief'),
  veldtafelAkkoordOp: isoDate.optional().describe('Datum akkoord veldtafel, als dat er al is'),
  toelichting,
});

export const trajectwijziging = defineForm({
  action: 'trajectwijziging',
  title: 'Trajectwijziging / herijking perspectief',
  summary: 'De zorgaanbieder legt een gewijzigd woonperspectief vast; bij 24-uurs zorg of groepswonen trekt Wonen de urgentie in.',
  source: '001 §3 noot 1, Kernboodschap herstelfase 5–6',
  schema: trajectwijzigingSchema,
  decide({ case: current, input, today }) {
    assertNotInFuture(input.datum, today, 'datum', 'De herijking');
    if (input.veldtafelAkkoordOp) assertNotInFuture(input.veldtafelAkkoordOp, today, 'veldtafelAkkoordOp', 'Het akkoord van de veldtafel');
    return {
      phase: current.phase,
      occurredOn: input.datum,
      data: { ...input, urgentieIntrekken: PERSPECTIEF_ZONDER_URGENTIE.some((p) => p === input.perspectief) },
    };
  },
});
