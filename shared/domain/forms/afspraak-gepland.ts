/**
 * Afspraak gepland: the begeleider plans the kennismakingsgesprek or a woonevaluatie with the corporatie (002 WA4,
 * Bijlage 2a: "het kennismakingsgesprek binnen 6 weken na de sleuteloverdracht ingepland wordt en binnen 3 maanden na
 * het sleutelmoment plaatsvindt"). The form only records the planning; the deadline engine reminds.
 *
 * Event data contract (deadline engine): `{ soort, datum }` with `datum` the date of the planned gesprek;
 * occurredOn = geplandOp, the day it was planned (that is what the six weeks measure).
 */
import * as z from 'zod';
import { assertNotBefore, assertNotInFuture, requireSleuteloverdracht } from './checks.js';
import { gesprekslocatie, isoDate } from './fields.js';
import { priorEvents } from './history.js';
import { defineForm } from './types.js';

export const afspraakGeplandSchema = z.object({
  soort: z.enum(['kennismaking', 'woonevaluatie']).describe('Soort gesprek'),
  datum: isoDate.describe('Datum van het geplande gesprek'),
  geplandOp: isoDate.optional().describe('Datum waarop de afspraak is gemaakt; standaard vandaag'),
  locatie: gesprekslocatie.optional().meta({ description: 'Waar vindt het gesprek plaats?', hint: 'Het gesprek vindt plaats in de woning (002 Bijlage 2a)' }),
});

export const afspraakGepland = defineForm({
  action: 'afspraak-gepland',
  title: 'Afspraak gepland',
  summary: 'De begeleider legt vast dat de kennismaking of een woonevaluatie met de corporatie is ingepland.',
  source: '002 WA4; 002 Bijlage 2a; 001 §3',
  schema: afspraakGeplandSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const sleutel = requireSleuteloverdracht(current, priorEvents(ctx));
    const geplandOp = input.geplandOp ?? today;
    assertNotInFuture(geplandOp, today, 'geplandOp', 'Het plannen');
    assertNotBefore(geplandOp, sleutel, 'geplandOp', 'afspraak-voor-sleuteloverdracht', 'Er kan niet gepland worden vóór de sleuteloverdracht.');
    assertNotBefore(input.datum, geplandOp, 'datum', 'afspraak-voor-planning', 'Het gesprek ligt vóór de dag waarop het werd gepland.');
    return { phase: current.phase, occurredOn: geplandOp, data: { ...input, geplandOp } };
  },
});
