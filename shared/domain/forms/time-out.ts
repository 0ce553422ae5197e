/**
 * Time-out (002 WA5): "Een time-outplek is een veilige woonplek binnen de keten MO/BW of in een respijtvoorziening.
 * De bewoner kan hier met passende begeleiding één tot maximaal twee weken tot rust komen." Two records: `fase`
 * 'start' then 'einde'. An einde more than 14 days after the start is still recorded (the facts are what they are),
 * flagged `langerDanTweeWeken`; the deadline engine reminds before the two weeks pass. No reason is recorded: it
 * would be health information.
 *
 * Event data contract (deadline engine): `{ fase }`; occurredOn = datum.
 */
import * as z from 'zod';
import { daysBetween } from '../calendar.js';
import type { CaseEvent } from '../case.js';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture, requireSleuteloverdracht } from './checks.js';
import { antwoord, isoDate, toelichting } from './fields.js';
import { after, latestOf, priorEvents } from './history.js';
import { defineForm } from './types.js';

/** 002 WA5: maximaal twee weken. */
export const MAX_TIME_OUT_DAGEN = 14;

export const timeOutSchema = z.discriminatedUnion('fase', [
  z.object({
    fase: z.literal('start').describe('Start van de time-out'),
    datum: isoDate.describe('Eerste dag van de time-out'),
    plek: z.enum(['eigen-aanbieder', 'andere-aanbieder', 'respijtvoorziening']).describe('Waar is de time-outplek?'),
    toelichting,
  }),
  z
    .object({
      fase: z.literal('einde').describe('Einde van de time-out'),
      datum: isoDate.describe('Dag van terugkeer of einde van de time-out'),
      terugNaarWoning: z.boolean().describe('Keert de bewoner terug naar de eigen woning?'),
      vervolg: antwoord.optional().describe('Zo nee: welke passende structurele oplossing wordt gezocht?'),
      toelichting,
    })
    .superRefine((v, ctx) => {
      if (!v.terugNaarWoning && !v.vervolg) ctx.addIssue({ code: 'custom', path: ['vervolg'], message: 'Beschrijf het vervolg als de bewoner niet terugkeert' });
    }),
]);

/** The time-out that started and has not ended yet. */
export function lopendeTimeOut(events: readonly CaseEvent[]): CaseEvent | undefined {
  const start = latestOf(events, 'time-out', (e) => e.data.fase === 'start');
  if (!start) return undefined;
  return after(events, start).some((e) => e.type === 'time-out' && e.data.fase === 'einde') ? undefined : start;
}

export const timeOut = defineForm({
  action: 'time-out',
  title: 'Time-out',
  summary: 'De zorgaanbieder legt begin en einde van een time-out vast (één tot maximaal twee weken).',
  source: '002 WA5; 002 WA6',
  schema: timeOutSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const events = priorEvents(ctx);
    assertNotInFuture(input.datum, today, 'datum', 'De time-out');
    const lopend = lopendeTimeOut(events);
    if (input.fase === 'start') {
      const sleutel = requireSleuteloverdracht(current, events);
      assertNotBefore(input.datum, sleutel, 'datum', 'time-out-voor-sleuteloverdracht', 'Een time-out kan niet vóór de sleuteloverdracht beginnen.');
      if (lopend) throw new RuleViolated('time-out-loopt', `Er loopt al een time-out sinds ${lopend.occurredOn}; leg eerst het einde vast.`);
      return { phase: current.phase, occurredOn: input.datum };
    }
    if (!lopend) throw new RuleViolated('geen-time-out', 'Er loopt geen time-out om te beëindigen.', [{ path: 'body.fase', message: 'Leg eerst de start vast' }]);
    assertNotBefore(input.datum, lopend.occurredOn, 'datum', 'einde-voor-start', 'Het einde ligt vóór de start van de time-out.');
    const duurDagen = daysBetween(lopend.occurredOn, input.datum);
    return {
      phase: current.phase,
      occurredOn: input.datum,
      data: { ...input, startOp: lopend.occurredOn, duurDagen, langerDanTweeWeken: duurDagen > MAX_TIME_OUT_DAGEN },
    };
  },
});
