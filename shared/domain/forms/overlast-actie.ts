/**
 * Een actie van het overlastprotocol (002 Bijlage 1) op een melding:
 * - the melder is benaderd within two werkdagen (002 WA6): 'melder-benaderd', recorded apart from actie 1;
 * - categorie 1 (eerste klachten): actie 1 contact met de woningcorporatie binnen twee werkdagen; actie 2 het gesprek
 *   met de bewoner en het oordeel: gedrag bewust/onbewust × klacht terecht/onterecht; after onbewust + terecht, the
 *   zorgaanbieder checks with the klager after six weeks ('klager-nagevraagd');
 * - categorie 2 (herhaling of voortduring): actie 3 waarschuwingsgesprek ("Bij een nieuwe gelijksoortige, terechte
 *   klacht", so only after a terecht oordeel on an earlier melding), actie 4 officiële waarschuwingsbrief, actie 5
 *   aangetekende sommatiebrief, actie 6 ontbinding van de zorgovereenkomst en het gebruik van de woning (veelal met
 *   een Einde Interventie Verklaring) — in that order, each after the previous one;
 * - 'afgerond': the overlast is over (Termijnen: "maximaal binnen drie maanden").
 * Actie 6 ends the intermediaire verhuur: afgesloten. After the omklap the contract is the bewoner's own and the
 * MZWO's regular process applies (002 WA9): no ontbinding through this protocol then.
 *
 * Event data contract (deadline engine): `{ meldingId, actie, oordeel? }`; occurredOn = datum.
 */
import * as z from 'zod';
import type { CaseEvent } from '../case.js';
import { RuleViolated } from '../errors.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, toelichting } from './fields.js';
import { eventsOf, latestOf, priorEvents, text } from './history.js';
import { meldingId } from './overlast-melding.js';
import { defineForm } from './types.js';

/**
 * Named steps besides actie 1–6: 'melder-benaderd' (002 WA6: "De zorgaanbieder benadert de melder zo snel mogelijk
 * … binnen twee werkdagen"; a duty apart from actie 1, contact with the woningcorporatie), 'klager-nagevraagd',
 * 'afgerond'.
 */
export const GENOEMDE_ACTIES = ['melder-benaderd', 'klager-nagevraagd', 'afgerond'] as const;
export const overlastActieNummer = z.number().int('Actie 1 t/m 6').min(1, 'Actie 1 t/m 6').max(6, 'Actie 1 t/m 6');

export const oordeel = z.object({
  gedrag: z.enum(['bewust', 'onbewust']).describe('Is het gedrag bewust of onbewust?'),
  klacht: z.enum(['terecht', 'onterecht']).describe('Is de klacht terecht?'),
});

export const overlastActieSchema = z
  .object({
    meldingId,
    actie: z
      .union([overlastActieNummer, z.enum(GENOEMDE_ACTIES)])
      .meta({ description: 'Actie', hint: '1–6 volgens het overlastprotocol, of klager-nagevraagd / afgerond' }),
    datum: isoDate.describe('Datum van de actie'),
    oordeel: oordeel.optional().meta({ description: 'Oordeel', hint: 'Alleen en verplicht bij actie 2' }),
    corporatieGeinformeerd: z.boolean().optional().describe('Acties en afspraken schriftelijk teruggekoppeld aan de woningcorporatie'),
    mzwoBetrokken: z.boolean().optional().describe('Meldpunt Zorg en Woonoverlast betrokken (actie 3 e.v.)'),
    juridischAdvies: z.boolean().optional().describe('Juridisch advies gevraagd (actie 4–6)'),
    ontbinding: z
      .object({
        eiv: z.boolean().describe('Einde Interventie Verklaring aanwezig'),
        bewonerStemtIn: z.boolean().describe('Stemt de bewoner in met alternatieve huisvesting en zorg? Zo nee: ontruimingsvonnis via de rechter'),
      })
      .optional()
      .meta({ description: 'Ontbinding', hint: 'Alleen en verplicht bij actie 6' }),
    toelichting,
  })
  .superRefine((v, ctx) => {
    if (v.actie === 2 && !v.oordeel) ctx.addIssue({ code: 'custom', path: ['oordeel'], message: 'Actie 2 legt het oordeel vast: bewust/onbewust en terecht/onterecht' });
    if (v.actie !== 2 && v.oordeel) ctx.addIssue({ code: 'custom', path: ['oordeel'], message: 'Een oordeel hoort bij actie 2' });
    if (v.actie === 6 && !v.ontbinding) ctx.addIssue({ code: 'custom', path: ['ontbinding'], message: 'Actie 6: leg vast of er een EIV is en of de bewoner instemt' });
    if (v.actie !== 6 && v.ontbinding) ctx.addIssue({ code: 'custom', path: ['ontbinding'], message: 'Hoort bij actie 6' });
  });

const isActie =
  (actie: number | string) =>
  (e: CaseEvent): boolean =>
    String(e.data.actie) === String(actie);

export const overlastActie = defineForm({
  action: 'overlast-actie',
  title: 'Actie overlastprotocol',
  summary: 'De zorgaanbieder legt een actie van het overlastprotocol vast (contact, oordeel, waarschuwing, sommatie, ontbinding).',
  source: '002 Bijlage 1; 002 WA6, WA9',
  schema: overlastActieSchema,
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const events = priorEvents(ctx);
    const melding = latestOf(events, 'overlast-melding', (e) => e.data.meldingId === input.meldingId);
    if (!melding) {
      throw new RuleViolated('melding-onbekend', `Er is geen melding met kenmerk ${input.meldingId}.`, [{ path: 'body.meldingId', message: 'Leg eerst de melding vast' }]);
    }
    const acties = eventsOf(events, 'overlast-actie');
    const vanMelding = acties.filter((e) => text(e, 'meldingId') === input.meldingId);
    if (vanMelding.some(isActie('afgerond'))) {
      throw new RuleViolated('melding-afgerond', `Melding ${input.meldingId} is afgerond; leg een nieuwe melding vast.`, [{ path: 'body.meldingId', message: 'Afgerond' }]);
    }
    assertNotInFuture(input.datum, today, 'datum', 'De actie');
    assertNotBefore(input.datum, melding.occurredOn, 'datum', 'actie-voor-melding', 'De actie ligt vóór de melding.');
    const volgorde = (detail: string): never => {
      throw new RuleViolated('protocol-volgorde', detail, [{ path: 'body.actie', message: detail }]);
    };
    if ((input.actie === 'melder-benaderd' || (typeof input.actie === 'number' && input.actie <= 2)) && vanMelding.some(isActie(input.actie))) {
      throw new RuleViolated('actie-al-vastgelegd', `Actie ${input.actie} is voor deze melding al vastgelegd; corrigeer die zo nodig.`, [
        { path: 'body.actie', message: 'Al vastgelegd' },
      ]);
    }
    if (input.actie === 'klager-nagevraagd' && !vanMelding.some(isActie(2))) {
      volgorde('Bij de klager navragen volgt op het oordeel (actie 2) over deze melding.');
    }
    if (input.actie === 3) {
      // Bijlage 1 Actie 3: "Bij een nieuwe gelijksoortige, terechte klacht" — a terecht oordeel on an earlier melding.
      const eerdereTerecht = acties.some(
        (e) =>
          isActie(2)(e) &&
          text(e, 'meldingId') !== input.meldingId &&
          (e.data.oordeel as { klacht?: unknown } | undefined)?.klacht === 'terecht' &&
          e.occurredOn <= input.datum,
      );
      if (!eerdereTerecht) volgorde('Actie 3 (waarschuwingsgesprek) volgt op een terecht oordeel over een eerdere melding (categorie 2).');
    }
    if (typeof input.actie === 'number' && input.actie >= 4) {
      const vorige = input.actie - 1;
      if (!acties.some((e) => isActie(vorige)(e) && e.occurredOn <= input.datum)) volgorde(`Actie ${input.actie} volgt op actie ${vorige} (002 Bijlage 1).`);
    }
    if (input.actie === 6 && current.phase === 'omgeklapt') {
      throw new RuleViolated('ontbinding-na-omklap', 'Na de omklap is het huurcontract van de bewoner zelf; de reguliere werkwijze van het MZWO geldt (002 WA9).', [
        { path: 'body.actie', message: 'Geen ontbinding via het protocol na de omklap' },
      ]);
    }
    return { phase: input.actie === 6 ? 'afgesloten' : current.phase, occurredOn: input.datum };
  },
});
