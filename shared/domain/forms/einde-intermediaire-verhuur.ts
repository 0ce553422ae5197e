/**
 * Einde intermediaire verhuur vóór de omklap (002 WA1 NB; WA3): "Het komt voor dat het zorgtraject met begeleiding op
 * de woning wordt gestopt, voordat de bewoner een huurcontract op eigen naam heeft gekregen. Het huurcontract tussen
 * de zorgaanbieder en de bewoner eindigt in dat geval. De woning gaat terug naar de woningcorporatie." The
 * zorgaanbieder tells the corporatie and Wonen (team indicaties); the client may get the old inschrijfduur back.
 * Ends the route: afgesloten. (Notifications are sent by the notification module from this event.)
 */
import * as z from 'zod';
import { assertNotBefore, assertNotInFuture, requireSleuteloverdracht } from './checks.js';
import { isoDate, toelichting } from './fields.js';
import { priorEvents } from './history.js';
import { defineForm } from './types.js';

export const EINDE_REDENEN = ['zorg-gestopt', 'opzegging-door-bewoner', 'trajectwijziging', 'ontbinding-na-overlast', 'overlijden', 'vertrek', 'anders'] as const;

export const eindeIntermediaireVerhuurSchema = z
  .object({
    datum: isoDate.describe('Einddatum van de intermediaire verhuur'),
    reden: z.enum(EINDE_REDENEN).describe('Reden van het einde'),
    oudeInschrijvingTerug: z.boolean().describe('Vraagt de bewoner de oude inschrijfduur in WoningNet terug? (002 WA1 NB)'),
    toelichting,
  })
  .superRefine((v, ctx) => {
    if (v.reden === 'anders' && !v.toelichting) ctx.addIssue({ code: 'custom', path: ['toelichting'], message: "Licht de reden 'anders' toe" });
  });

export const eindeIntermediaireVerhuur = defineForm({
  action: 'einde-intermediaire-verhuur',
  title: 'Einde intermediaire verhuur',
  summary: 'De intermediaire verhuur stopt vóór de omklap; de woning gaat terug naar de corporatie.',
  source: '002 WA1 NB; 002 WA3',
  schema: eindeIntermediaireVerhuurSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const sleutel = requireSleuteloverdracht(current, priorEvents(ctx));
    assertNotBefore(input.datum, sleutel, 'datum', 'einde-voor-sleuteloverdracht', 'De verhuur kan niet eindigen vóór de sleuteloverdracht.');
    assertNotInFuture(input.datum, today, 'datum', 'Het einde van de verhuur');
    return { phase: 'afgesloten', occurredOn: input.datum };
  },
});
