/**
 * Woningaanbod (002 WA1 stap 1–3; 001 §3): a corporatie offers a woning for the client. The offer links the
 * corporatie to the case. After the zorgaanbieder's matching (matching.ts) the matched corporatie files it itself.
 *
 * Rules: "De cliënt krijgt een eenmalig aanbod" (001 §3): one offer at a time, a second aanbod while one is open is
 * refused (the matrix refuses it in phase `aanbod`; the decision checks the history too). "Bovendien krijgt de cliënt
 * gedurende twee jaar geen nieuw aanbod" after refusing it (001 §3): see `facts.aanbodGeblokkeerdTot`, set by the
 * weigering-aanbod door de cliënt. A refusal by the zorgaanbieder (woning niet passend) blocks nothing.
 *
 * Event data contract (deadline engine): `{ aanbodId, beschikbaarOp }`; occurredOn = aanbodDatum.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { dutchAddress, isoDate, organisationId, oppervlakteM2 } from './fields.js';
import { eventsOf, openAanbod, priorEvents, text, urgentieVerleend } from './history.js';
import { defineForm } from './types.js';

/** The corporatie's reference of the offer: short, no personal data; unique within the case. */
export const aanbodId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{1,39}$/, 'Kenmerk van 2–40 tekens: letters, cijfers, . _ / -')
  .describe('Kenmerk van het aanbod bij de corporatie');

export const woningaanbodSchema = z.object({
  aanbodId,
  /**
   * Filled by the zorgaanbieder when it records an offer it received (default: the corporatie of the matching); a
   * corporatie's own filing uses its own id.
   */
  corporatieId: organisationId.optional().meta({ description: 'Woningcorporatie', hint: 'Id uit het register, bijvoorbeeld corp-ymere' }),
  aanbodDatum: isoDate.describe('Datum aanbod'),
  beschikbaarOp: isoDate.describe('Datum waarop de woning beschikbaar/leeg is'),
  adres: dutchAddress,
  // 002 WA1 stap 1: verdieping, lift, faciliteiten, gehorigheid en gebreken.
  woning: z
    .object({
      verdieping: z.number().int().min(-1).max(60).meta({ description: 'Verdieping', hint: '0 = begane grond, -1 = souterrain' }),
      lift: z.boolean().describe('Is er een lift?'),
      kamers: z.number().int().min(1).max(10).describe('Aantal kamers'),
      oppervlakteM2: oppervlakteM2.describe('Oppervlakte in m²'),
      gehorigheid: z.string().trim().max(200, 'Hoogstens 200 tekens').optional().describe('Gehorigheid'),
      faciliteiten: z.string().trim().max(500, 'Hoogstens 500 tekens').optional().describe('Faciliteiten en gebreken'),
    })
    .describe('De woning'),
});

export const woningaanbod = defineForm({
  action: 'woningaanbod',
  title: 'Woningaanbod',
  summary: 'De woningcorporatie biedt een woning aan voor de cliënt (eenmalig aanbod).',
  source: '002 WA1; 001 §3',
  schema: woningaanbodSchema,
  decide(ctx) {
    const { case: current, input, principal, today } = ctx;
    const events = priorEvents(ctx);
    // 001 §3: "De woningcorporatie selecteert geschikte woningen": the corporatie matched to the case (matching) files its
    // own offer. The zorgaanbieder may still record an offer it received in WoningNet (002 WA1 Step 1: the corporatie's
    // werkveld there), for a corporatie without an account here; it names the corporatie, or the matched one counts.
    const corporatieId = principal.role === 'contactpersoon' ? principal.organisationId : (input.corporatieId ?? current.corporatieId);
    if (!corporatieId) {
      throw new RuleViolated('corporatie-onbekend', 'Noem de corporatie die het aanbod doet.', [
        { path: 'body.corporatieId', message: 'Verplicht als de zorgaanbieder het aanbod vastlegt' },
      ]);
    }
    assertNotInFuture(input.aanbodDatum, today, 'aanbodDatum', 'Het aanbod');
    const urgentie = urgentieVerleend(events);
    if (urgentie) {
      assertNotBefore(input.aanbodDatum, urgentie.occurredOn, 'aanbodDatum', 'aanbod-voor-urgentie', 'Het aanbod ligt vóór het besluit urgentie.');
    }
    // 001 §3: eenmalig aanbod — never two open offers.
    const open = openAanbod(events);
    if (open) {
      throw new RuleViolated('aanbod-loopt', `Er loopt al een aanbod (${text(open, 'aanbodId')}); de cliënt krijgt één aanbod tegelijk.`, [
        { path: 'body.aanbodId', message: 'Eerst het lopende aanbod afronden of weigeren' },
      ]);
    }
    if (eventsOf(events, 'woningaanbod').some((e) => text(e, 'aanbodId') === input.aanbodId)) {
      throw new RuleViolated('aanbod-id-bestaat', `Het kenmerk ${input.aanbodId} is in dit dossier al gebruikt.`, [
        { path: 'body.aanbodId', message: 'Elk aanbod heeft een eigen kenmerk' },
      ]);
    }
    const blockedUntil = current.facts.aanbodGeblokkeerdTot;
    if (blockedUntil && input.aanbodDatum < blockedUntil) {
      // 001 §3: na weigering gedurende twee jaar geen nieuw aanbod.
      throw new RuleViolated('aanbod-geblokkeerd', `Na een geweigerd aanbod is tot ${blockedUntil} geen nieuw aanbod mogelijk (001 §3).`, [
        { path: 'body.aanbodDatum', message: `Niet vóór ${blockedUntil}` },
      ]);
    }
    assertNotBefore(input.beschikbaarOp, input.aanbodDatum, 'beschikbaarOp', 'beschikbaar-voor-aanbod', 'De woning kan niet beschikbaar zijn vóór het aanbod.');
    return { phase: 'aanbod', occurredOn: input.aanbodDatum, corporatieId, data: { ...input, corporatieId } };
  },
});
