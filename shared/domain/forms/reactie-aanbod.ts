/**
 * Reactie op het woningaanbod (002 WA1 stap 2): "De zorgaanbieder reageert binnen 1 werkdag op het aanbod van de
 * woningcorporatie" (the deadline engine reminds). Records the reaction and, when done, the date the client was
 * informed (stap 3: binnen 5 werkdagen).
 *
 * Event data contract (deadline engine): `{ aanbodId, clientGeinformeerdOp? }`; occurredOn = reactieDatum.
 */
import * as z from 'zod';
import { assertClientGeinformeerd, assertNotBefore, assertNotInFuture, requireOpenAanbod } from './checks.js';
import { isoDate, toelichting } from './fields.js';
import { priorEvents } from './history.js';
import { defineForm } from './types.js';
import { aanbodId } from './woningaanbod.js';

export const REACTIES = ['bezichtiging-gewenst', 'akkoord-zonder-bezichtiging', 'niet-passend'] as const;

export const reactieAanbodSchema = z.object({
  aanbodId,
  reactieDatum: isoDate.describe('Datum waarop de zorgaanbieder op het aanbod reageerde'),
  reactie: z.enum(REACTIES).meta({ description: 'Reactie op het aanbod', hint: 'niet-passend: de weigering met redenen volgt (weigering-aanbod)' }),
  clientGeinformeerdOp: isoDate.optional().describe('Datum waarop de cliënt over het aanbod is geïnformeerd (002 WA1 stap 3)'),
  toelichting,
});

export const reactieAanbod = defineForm({
  action: 'reactie-aanbod',
  title: 'Reactie op woningaanbod',
  summary: 'De zorgaanbieder reageert op het aanbod van de woningcorporatie (binnen 1 werkdag).',
  source: '002 WA1 stap 2–3',
  schema: reactieAanbodSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const aanbod = requireOpenAanbod(priorEvents(ctx), input.aanbodId);
    assertNotInFuture(input.reactieDatum, today, 'reactieDatum', 'De reactie');
    assertNotBefore(input.reactieDatum, aanbod.occurredOn, 'reactieDatum', 'reactie-voor-aanbod', 'De reactie ligt vóór het aanbod.');
    assertClientGeinformeerd(input.clientGeinformeerdOp, aanbod, today);
    return { phase: current.phase, occurredOn: input.reactieDatum };
  },
});
