/**
 * Overlastmelding (002 WA6; Bijlage 1 Overlastprotocol): a complaint about the bewoner reaches the zorgaanbieder's
 * Centraal Meldpunt Overlast — directly, via the corporatie, the MZWO, the wijkagent or the buren. Starts the protocol:
 * contact within two werkdagen (actie 1), resolved within three months (the deadline engine reminds).
 *
 * Only the aard van de overlast is recorded (002 WA10: "de zorgaanbieder deelt de aard van de overlast"), never the
 * melder's name nor health information about the bewoner. Each melding has a `meldingId`, unique within the case: the
 * caller's own short reference, or `OV-<seq>` derived from the event's sequence number.
 *
 * Event data contract (deadline engine): `{ meldingId }`; occurredOn = ontvangenOp.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture, requireSleuteloverdracht } from './checks.js';
import { isoDate, toelichting } from './fields.js';
import { eventsOf, priorEvents, text } from './history.js';
import { defineForm } from './types.js';

export const meldingId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,31}$/, 'Kenmerk van 3–32 tekens: letters, cijfers en -')
  .meta({ description: 'Kenmerk van de melding', hint: 'Uniek binnen het dossier' });

export const MELDERS = ['buren', 'omwonenden', 'woningcorporatie', 'wijkagent', 'mzwo', 'anders'] as const;
export const MELDKANALEN = ['meldpunt', 'corporatie', 'mzwo', 'wijkagent', 'buren'] as const;
export const AARD_OVERLAST = ['geluid', 'vervuiling', 'stank', 'intimidatie-of-agressie', 'bezoekers', 'huisdieren', 'anders'] as const;

export const overlastMeldingSchema = z
  .object({
    meldingId: meldingId.optional().meta({ description: 'Kenmerk van de melding', hint: 'Eigen kenmerk; leeg laten voor OV-<volgnummer>' }),
    ontvangenOp: isoDate.describe('Datum waarop de melding binnenkwam'),
    melder: z.enum(MELDERS).meta({ description: 'Wie meldt?', hint: 'Alleen de categorie, geen namen' }),
    via: z.enum(MELDKANALEN).describe('Langs welke weg kwam de melding binnen?'),
    aard: z.array(z.enum(AARD_OVERLAST)).min(1, 'Noem de aard van de overlast').max(AARD_OVERLAST.length).describe('Aard van de overlast'),
    meerdereMelders: z.boolean().optional().describe('Geven meerdere buren aan dat zij overlast ervaren? (002 WA6, criterium MZWO)'),
    ernstigIncident: z.boolean().optional().describe('Gaat het om een ernstig incident?'),
    omschrijving: toelichting.meta({ description: 'Omschrijving', hint: 'Het gedrag dat overlast geeft; geen gezondheidsinformatie, geen namen' }),
  })
  .superRefine((v, ctx) => {
    if (v.aard.includes('anders') && !v.omschrijving) ctx.addIssue({ code: 'custom', path: ['omschrijving'], message: "Omschrijf de overlast bij 'anders'" });
  });

export const overlastMelding = defineForm({
  action: 'overlast-melding',
  title: 'Overlastmelding',
  summary: 'Een melding van overlast komt binnen; het overlastprotocol start (contact binnen twee werkdagen).',
  source: '002 WA6; 002 Bijlage 1',
  schema: overlastMeldingSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const events = priorEvents(ctx);
    const sleutel = requireSleuteloverdracht(current, events);
    assertNotInFuture(input.ontvangenOp, today, 'ontvangenOp', 'De melding');
    assertNotBefore(input.ontvangenOp, sleutel, 'ontvangenOp', 'melding-voor-sleuteloverdracht', 'Een melding over de woning kan niet vóór de sleuteloverdracht zijn.');
    // Deterministic: the event's own sequence number (the version this change produces).
    const id = input.meldingId ?? `OV-${current.version + 1}`;
    if (eventsOf(events, 'overlast-melding').some((e) => text(e, 'meldingId') === id)) {
      throw new RuleViolated('melding-bestaat', `Er is al een melding met kenmerk ${id}.`, [{ path: 'body.meldingId', message: 'Kies een eigen kenmerk per melding' }]);
    }
    // 002 WA9: after the omklap the MZWO's regular process applies, not the zorgaanbieder's protocol.
    return { phase: current.phase, occurredOn: input.ontvangenOp, data: { ...input, meldingId: id, ...(current.phase === 'omgeklapt' ? { naOmklap: true } : {}) } };
  },
});
