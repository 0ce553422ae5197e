/**
 * Weigering van het woningaanbod met opgave van redenen (002 WA1 stap 2: "meldt deze dit met opgave van redenen aan
 * de woningcorporatie binnen 2 werkdagen na bezichtiging"). Two cases:
 * - `door: 'zorgaanbieder'`: the woning is not passend for the client (001 §3 "Als er geen geschikte kandidaat is …
 *   geeft de zorgaanbieder de woning terug"): back to the wachtlijst, a new offer is allowed;
 * - `door: 'client'`: the client refuses the one offer (001 §3: "Het weigeren van de woning heeft consequenties voor
 *   het zorgtraject. Bovendien krijgt de cliënt gedurende twee jaar geen nieuw aanbod"):
 *   `facts.aanbodGeblokkeerdTot` = datum + 2 jaar.
 *
 * Event data contract (deadline engine): `{ aanbodId }`; occurredOn = datum.
 */
import * as z from 'zod';
import { addYears } from '../calendar.js';
import { assertNotBefore, assertNotInFuture, requireOpenAanbod } from './checks.js';
import { isoDate, toelichting } from './fields.js';
import { latestOf, priorEvents } from './history.js';
import { regioRules } from '../regio.js';
import { defineForm } from './types.js';
import { aanbodId } from './woningaanbod.js';

export const WEIGERREDENEN = [
  'niet-passend-woonbehoefteprofiel',
  'verdieping-of-lift',
  'grootte-of-indeling',
  'ligging-of-buurt',
  'gehorigheid',
  'staat-van-de-woning',
  'overlast-in-complex',
  'anders',
] as const;

export const weigeringAanbodSchema = z
  .object({
    aanbodId,
    datum: isoDate.describe('Datum van de weigering'),
    door: z.enum(['zorgaanbieder', 'client']).meta({ description: 'Wie weigert?', hint: 'zorgaanbieder: woning niet passend; client: de cliënt weigert het aanbod' }),
    redenen: z.array(z.enum(WEIGERREDENEN)).min(1, 'Noem minstens één reden (002 WA1 stap 2)').max(WEIGERREDENEN.length).describe('Redenen van de weigering'),
    toelichting,
  })
  .superRefine((value, ctx) => {
    if (value.redenen.includes('anders') && !value.toelichting) {
      ctx.addIssue({ code: 'custom', path: ['toelichting'], message: "Licht de reden 'anders' toe" });
    }
  });

export const weigeringAanbod = defineForm({
  action: 'weigering-aanbod',
  title: 'Weigering woningaanbod',
  summary: 'De zorgaanbieder meldt met redenen dat het aanbod niet wordt aanvaard; weigert de cliënt, dan volgt twee jaar geen nieuw aanbod.',
  source: '002 WA1 stap 2; 001 §3',
  schema: weigeringAanbodSchema,
  decide(ctx) {
    const { input, today } = ctx;
    const events = priorEvents(ctx);
    const aanbod = requireOpenAanbod(events, input.aanbodId);
    assertNotInFuture(input.datum, today, 'datum', 'De weigering');
    assertNotBefore(input.datum, aanbod.occurredOn, 'datum', 'weigering-voor-aanbod', 'De weigering ligt vóór het aanbod.');
    const bezichtiging = latestOf(events, 'bezichtiging', (e) => e.data.aanbodId === input.aanbodId);
    if (bezichtiging) {
      assertNotBefore(input.datum, bezichtiging.occurredOn, 'datum', 'weigering-voor-bezichtiging', 'De weigering ligt vóór de bezichtiging.');
    }
    if (input.door === 'client' && regioRules(ctx.case.regio).eenmaligAanbod) {
      // 001 §3: gedurende twee jaar geen nieuw aanbod (Amsterdam; 004 Drechtsteden: the client searches with priority).
      const geblokkeerdTot = addYears(input.datum, 2);
      return { phase: 'wachtlijst', occurredOn: input.datum, facts: { aanbodGeblokkeerdTot: geblokkeerdTot }, data: { ...input, geblokkeerdTot } };
    }
    return { phase: 'wachtlijst', occurredOn: input.datum };
  },
});
