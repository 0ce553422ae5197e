/**
 * Huurcontract op eigen naam (002 WA8 stap 4: "De woningcorporatie streeft ernaar om de huurovereenkomst binnen
 * vier tot zes weken na ontvangst van de bevestiging op de naam van de bewoner te zetten"; 001 §4). Filed by the
 * corporatie once the contract is in force: omgeklapt. A vijfjarencontract (002 Bijlage 4) starts its own clocks.
 *
 * Event data contract (deadline engine): occurredOn = getekendOp (default ingangsdatum); `{ vijfjarencontract?, startOp }`
 * with startOp = ingangsdatum.
 */
import * as z from 'zod';
import { RuleViolated } from '../errors.js';
import { omklapNogNietOpen, opentOmklap } from '../regio.js';
import { assertNotBefore, assertNotInFuture } from './checks.js';
import { isoDate, shortText } from './fields.js';
import { metKinderen, priorEvents, sleuteloverdrachtOp } from './history.js';
import { bezwarenEersteContract, urgentieAanvragenVanaf, eindOp } from '../vijfjarencontract.js';
import { defineForm } from './types.js';

/** Whole years of age: the corporatie knows its tenant's age; no birth date is stored (data minimisation). */
const leeftijdJaren = z.number().int('Hele jaren').min(14, 'Minstens 14').max(120, 'Hoogstens 120');

export const huurcontractEigenNaamSchema = z.object({
  ingangsdatum: isoDate.describe('Ingangsdatum van het huurcontract op naam van de bewoner (mag na de ondertekening liggen)'),
  getekendOp: isoDate.optional().describe('Datum waarop het contract op naam van de bewoner is gezet (ondertekend); standaard de ingangsdatum'),
  vijfjarencontract: z.boolean().optional().describe('Vijfjarencontract op een jongerenwoning (002 Bijlage 4); anders onbepaalde tijd'),
  kenmerk: shortText.optional().describe('Kenmerk van het contract bij de corporatie'),
  // 002 Bijlage 4: the age limits of the vijfjarencontract (at the placement in the omslagwoning and at the omklap).
  leeftijd: z
    .object({
      bijPlaatsing: leeftijdJaren.describe('Leeftijd (jaren) toen de bewoner op de omslagwoning ging wonen'),
      bijOmklap: leeftijdJaren.describe('Leeftijd (jaren) bij het omklappen'),
    })
    .optional()
    .meta({ description: 'Leeftijd van de bewoner', hint: 'Verplicht bij een vijfjarencontract: tot en met 25 jaar bij de plaatsing, jonger dan 28 bij het omklappen (002 Bijlage 4)' }),
}).superRefine((value, ctx) => {
  if (value.vijfjarencontract === true && !value.leeftijd) {
    ctx.addIssue({ code: 'custom', path: ['leeftijd'], message: 'Vul de leeftijd in: een vijfjarencontract hangt af van de leeftijd (002 Bijlage 4)' });
  }
});

export const huurcontractEigenNaam = defineForm({
  action: 'huurcontract-eigen-naam',
  title: 'Huurcontract op eigen naam',
  summary: 'De woningcorporatie legt vast dat het huurcontract op naam van de bewoner staat.',
  source: '002 WA8 stap 4; 001 §4; 002 Bijlage 4',
  schema: huurcontractEigenNaamSchema,
  decide(ctx) {
    const { input, today } = ctx;
    // The step that opens the contract op eigen naam in the case's regio (regio.ts opentOmklap): Wonen's besluit akkoord
    // (002 WA8 stap 4) or the positive eindevaluatie (003 Omkappen huurcontract).
    const besluit = priorEvents(ctx).filter((e) => opentOmklap(ctx.case.regio, e.type, e.data)).at(-1);
    if (!besluit) throw new RuleViolated('geen-besluit-omklap', omklapNogNietOpen(ctx.case.regio));
    // 002 WA8 stap 4: the term is met when the contract is put on the client's name (signed); its ingangsdatum may be
    // later (a contract signed now that starts on the first of next month).
    const getekendOp = input.getekendOp ?? input.ingangsdatum;
    assertNotBefore(getekendOp, besluit.occurredOn, input.getekendOp ? 'getekendOp' : 'ingangsdatum', 'contract-voor-besluit', 'Het contract op eigen naam ligt vóór het besluit tot omklap.');
    assertNotInFuture(getekendOp, today, input.getekendOp ? 'getekendOp' : 'ingangsdatum', 'Het op naam zetten (leg het contract vast zodra het getekend is)');
    assertNotBefore(input.ingangsdatum, besluit.occurredOn, 'ingangsdatum', 'contract-voor-besluit', 'Het contract op eigen naam ligt vóór het besluit tot omklap.');
    if (input.vijfjarencontract === true && input.leeftijd) {
      // 002 Bijlage 4, "Wie krijgt standaard een vijfjarencontract": the ages and the dates from which a placement counts.
      const paths = { leeftijdBijPlaatsing: 'body.leeftijd.bijPlaatsing', leeftijdBijOmklap: 'body.leeftijd.bijOmklap', geplaatstOp: 'body.vijfjarencontract' } as const;
      const events = priorEvents(ctx);
      const bezwaren = bezwarenEersteContract({
        geplaatstOp: sleuteloverdrachtOp(ctx.case, events),
        corporatieId: ctx.case.corporatieId,
        metKinderen: metKinderen(ctx.case, events),
        leeftijdBijPlaatsing: input.leeftijd.bijPlaatsing,
        leeftijdBijOmklap: input.leeftijd.bijOmklap,
      });
      if (bezwaren.length > 0) {
        throw new RuleViolated('geen-vijfjarencontract', 'Dit contract voldoet niet aan de voorwaarden van het vijfjarencontract (002 Bijlage 4).', bezwaren.map((b) => ({ path: paths[b.field], message: b.message })));
      }
    }
    // The vijfjarencontract's clocks run from the contract's start (002 Bijlage 4): startOp, as the vijfjarencontract form.
    const vijfjaren = input.vijfjarencontract === true ? { eindOp: eindOp(input.ingangsdatum), urgentieAanvragenVanaf: urgentieAanvragenVanaf(input.ingangsdatum) } : {};
    return { phase: 'omgeklapt', occurredOn: getekendOp, data: { ...input, startOp: input.ingangsdatum, ...vijfjaren }, facts: { contractEigenNaamOp: input.ingangsdatum } };
  },
});
