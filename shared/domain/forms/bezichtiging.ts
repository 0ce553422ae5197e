/**
 * Bezichtiging (002 WA1 stap 2): "bezichtigt (indien gewenst) binnen 2 werkdagen nadat de woning beschikbaar/leeg
 * is". A bezichtiging before the woning is free cannot be. `uitkomst` 'weigeren' starts the two werkdagen for the
 * weigering met redenen (weigering-aanbod).
 *
 * Event data contract (deadline engine): `{ aanbodId, uitkomst, clientGeinformeerdOp? }`; occurredOn = bezichtigdOp.
 */
import * as z from 'zod';
import { assertClientGeinformeerd, assertNotBefore, assertNotInFuture, requireOpenAanbod } from './checks.js';
import { isoDate, toelichting } from './fields.js';
import { priorEvents, text } from './history.js';
import { defineForm } from './types.js';
import { aanbodId } from './woningaanbod.js';

export const bezichtigingSchema = z.object({
  aanbodId,
  bezichtigdOp: isoDate.describe('Datum van de bezichtiging'),
  uitkomst: z.enum(['accepteren', 'weigeren']).describe('Uitkomst van de bezichtiging'),
  clientAanwezig: z.boolean().describe('Was de cliënt bij de bezichtiging?'),
  clientGeinformeerdOp: isoDate.optional().describe('Datum waarop de cliënt over het aanbod is geïnformeerd (002 WA1 stap 3)'),
  toelichting,
});

export const bezichtiging = defineForm({
  action: 'bezichtiging',
  title: 'Bezichtiging woning',
  summary: 'De zorgaanbieder legt de bezichtiging van de aangeboden woning en de uitkomst vast.',
  source: '002 WA1 stap 2',
  schema: bezichtigingSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const aanbod = requireOpenAanbod(priorEvents(ctx), input.aanbodId);
    assertNotInFuture(input.bezichtigdOp, today, 'bezichtigdOp', 'De bezichtiging');
    const beschikbaarOp = text(aanbod, 'beschikbaarOp') ?? aanbod.occurredOn;
    assertNotBefore(input.bezichtigdOp, beschikbaarOp, 'bezichtigdOp', 'bezichtiging-voor-beschikbaar', `De woning is pas beschikbaar op ${beschikbaarOp}.`);
    assertClientGeinformeerd(input.clientGeinformeerdOp, aanbod, today);
    return { phase: current.phase, occurredOn: input.bezichtigdOp };
  },
});
