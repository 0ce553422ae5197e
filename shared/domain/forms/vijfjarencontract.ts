/**
 * Vijfjarencontract op een jongerenwoning (002 Bijlage 4): jongvolwassenen from MOJ/BW/Jeugdhulp met verblijf get a
 * five-year contract on their own name at the omklap; "Een jongvolwassene die in het laatste jaar van het
 * vijfjarencontract jonger dan 28 jaar is, kan een nieuw vijfjarencontract krijgen op een andere jongerenwoning."
 * Filed by the corporatie; only when the contract op eigen naam was a vijfjarencontract, or for a jongvolwassene.
 * Starts the gemeente's and corporatie's letters at 4 and 4.5 years (deadline engine).
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { bezwaarNieuwContract, bezwarenEersteContract, eindOp, urgentieAanvragenVanaf } from '../vijfjarencontract.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, shortText } from './fields.js';
import { effectiveHistory, latestOf, metKinderen, priorEvents, sleuteloverdrachtOp } from './history.js';
import { huurcontractEigenNaamSchema } from './huurcontract-eigen-naam.js';
import { defineForm } from './types.js';

const leeftijdJaren = z.number().int('Hele jaren').min(14, 'Minstens 14').max(120, 'Hoogstens 120');

export const vijfjarencontractSchema = z
  .object({
    startOp: isoDate.describe('Ingangsdatum van het vijfjarencontract'),
    soort: z
      .enum(['eerste', 'nieuw-op-andere-jongerenwoning'])
      .meta({ description: 'Soort contract', hint: 'Een nieuw vijfjarencontract op een andere jongerenwoning kan tot 28 jaar (002 Bijlage 4)' }),
    kenmerk: shortText.optional().describe('Kenmerk van het contract bij de corporatie'),
    // 002 Bijlage 4: the ages of a first contract (unless the contract op eigen naam already gave them).
    leeftijd: huurcontractEigenNaamSchema.shape.leeftijd,
    leeftijdInLaatsteJaar: leeftijdJaren
      .optional()
      .meta({ description: 'Leeftijd (jaren) in het laatste jaar van het vorige vijfjarencontract', hint: 'Verplicht bij een nieuw vijfjarencontract: jonger dan 28 (002 Bijlage 4)' }),
  })
  .superRefine((value, ctx) => {
    if (value.soort === 'nieuw-op-andere-jongerenwoning' && value.leeftijdInLaatsteJaar === undefined) {
      ctx.addIssue({ code: 'custom', path: ['leeftijdInLaatsteJaar'], message: 'Vul de leeftijd in het laatste jaar van het vorige contract in (002 Bijlage 4)' });
    }
  });

export const vijfjarencontract = defineForm({
  action: 'vijfjarencontract',
  title: 'Vijfjarencontract',
  summary: 'De corporatie legt de start van een vijfjarencontract op een jongerenwoning vast.',
  source: '002 Bijlage 4',
  schema: vijfjarencontractSchema,
  // Offered where the decision below can accept it: a vijfjarencontract op eigen naam, or a jongvolwassene.
  offered: ({ case: current, history }) =>
    latestOf(effectiveHistory(history), 'huurcontract-eigen-naam')?.data.vijfjarencontract === true || current.doelgroep === 'jongvolwassene',
  decide(ctx) {
    const { case: current, input, today } = ctx;
    const contract = latestOf(priorEvents(ctx), 'huurcontract-eigen-naam');
    if (contract?.data.vijfjarencontract !== true && current.doelgroep !== 'jongvolwassene') {
      throw new RuleViolated('geen-vijfjarencontract', 'Een vijfjarencontract is er voor jongvolwassenen, of als het contract op eigen naam er een is (002 Bijlage 4).');
    }
    assertNotInFuture(input.startOp, today, 'startOp', 'De ingangsdatum');
    if (contract) assertNotBefore(input.startOp, contract.occurredOn, 'startOp', 'vijfjarencontract-voor-contract', 'Het vijfjarencontract ligt vóór het contract op eigen naam.');
    const events = priorEvents(ctx);
    if (input.soort === 'nieuw-op-andere-jongerenwoning') {
      // 002 Bijlage 4: "Een jongvolwassene die in het laatste jaar van het vijfjarencontract jonger dan 28 jaar is, kan een
      // nieuw vijfjarencontract krijgen op een andere jongerenwoning." A new one follows an earlier one.
      if (!latestOf(events, 'vijfjarencontract') && contract?.data.vijfjarencontract !== true) {
        throw new RuleViolated('geen-vorig-vijfjarencontract', 'Een nieuw vijfjarencontract volgt op een eerder vijfjarencontract (002 Bijlage 4).', [
          { path: 'body.soort', message: 'Er is nog geen vijfjarencontract vastgelegd: kies "eerste"' },
        ]);
      }
      const bezwaar = bezwaarNieuwContract(input.leeftijdInLaatsteJaar!);
      if (bezwaar) throw new RuleViolated('geen-vijfjarencontract', bezwaar, [{ path: 'body.leeftijdInLaatsteJaar', message: bezwaar }]);
    } else {
      // A first contract: the ages and peildata of "Wie krijgt standaard een vijfjarencontract" (002 Bijlage 4), given
      // here or already on the contract op eigen naam.
      const leeftijd = input.leeftijd ?? (contract?.data.leeftijd as typeof input.leeftijd);
      if (!leeftijd) {
        throw new RuleViolated('leeftijd-onbekend', 'Een vijfjarencontract hangt af van de leeftijd (002 Bijlage 4).', [{ path: 'body.leeftijd', message: 'Vul de leeftijd bij de plaatsing en bij het omklappen in' }]);
      }
      const paths = { leeftijdBijPlaatsing: 'body.leeftijd.bijPlaatsing', leeftijdBijOmklap: 'body.leeftijd.bijOmklap', geplaatstOp: 'body.soort' } as const;
      const bezwaren = bezwarenEersteContract({
        geplaatstOp: sleuteloverdrachtOp(current, events),
        corporatieId: current.corporatieId,
        metKinderen: metKinderen(current, events),
        leeftijdBijPlaatsing: leeftijd.bijPlaatsing,
        leeftijdBijOmklap: leeftijd.bijOmklap,
      });
      if (bezwaren.length > 0) {
        throw new RuleViolated('geen-vijfjarencontract', 'Dit contract voldoet niet aan de voorwaarden van het vijfjarencontract (002 Bijlage 4).', bezwaren.map((b) => ({ path: paths[b.field], message: b.message })));
      }
    }
    return { phase: current.phase, occurredOn: input.startOp, data: { ...input, eindOp: eindOp(input.startOp), urgentieAanvragenVanaf: urgentieAanvragenVanaf(input.startOp) } };
  },
});
