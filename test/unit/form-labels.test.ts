/**
 * Issue 12 "One schema, four uses": every field of every form (and of the Nieuw dossier and consent bodies) carries a
 * Dutch label in the schema itself, and a missing required field says "Vul «label» in" / "Kies een antwoord bij
 * «label»" instead of zod's "verwacht string, ontving undefined" — in the werkplek and in the API's 400 alike.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCaseSchema } from '#domain/open-case.js';
import { consentRequestSchema } from '#domain/consent.js';
import { allFields, describeForm } from '#domain/forms/describe.js';
import { FORMS } from '#domain/forms/index.js';
import { toelichting, woningnet } from '#domain/forms/fields.js';
import { ValidationFailed } from '#domain/errors.js';
import { parseWith } from '#http/request.js';

/** A discriminated union at the top (time-out, consent) has no fields of its own: each branch is a form of its own. */
function branches(name: string, schema: z.ZodType): Array<[string, z.ZodType]> {
  if (schema instanceof z.ZodDiscriminatedUnion) return (schema.options as z.ZodType[]).map((option, i) => [`${name} [${i}]`, option]);
  return [[name, schema]];
}

const SCHEMAS: Array<[string, z.ZodType]> = [
  ...Object.values(FORMS).flatMap((form) => branches(form.action, form.schema)),
  ['nieuw dossier (POST /cases)', createCaseSchema],
  ...branches('toestemming', consentRequestSchema),
];

/** A label a professional reads: Dutch words, not a code, a path or an English placeholder. */
function looksLikeDutchLabel(label: string): boolean {
  return label.trim().length >= 2 && /[a-zà-ÿ]/i.test(label) && !/^[a-z]+[A-Z]\w*$/.test(label) && !/\b(the|field|enter|required|invalid)\b/i.test(label);
}

function issuesOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('form labels', () => {
  it.each(SCHEMAS)('%s: every field and every group has a Dutch label', (_name, schema) => {
    const fields = allFields(describeForm(schema));
    expect(fields.length).toBeGreaterThan(0);
    const unlabelled = fields.filter((f) => !f.label || !looksLikeDutchLabel(f.label)).map((f) => f.path);
    expect(unlabelled).toEqual([]);
  });

  it('hints come from .meta({ hint }) and reach the field tree (privacy reminders, formats)', () => {
    const aanvraag = allFields(describeForm(FORMS['aanvraag-urgentie'].schema));
    const byPath = new Map(aanvraag.map((f) => [f.path, f]));
    expect(byPath.get('woningnet.nummer')).toMatchObject({ label: 'WoningNet-nummer of gebruikersnaam', hint: expect.stringMatching(/geen naam/) });
    expect(byPath.get('akkoordClient.naam')).toMatchObject({ label: 'Initialen cliënt', hint: expect.stringMatching(/geen naam/) });
    expect(byPath.get('woningnet')).toMatchObject({ kind: 'group', label: 'WoningNet' });
    const afmelding = new Map(allFields(describeForm(FORMS.afmelding.schema)).map((f) => [f.path, f]));
    expect(afmelding.get('toelichting')).toMatchObject({ label: 'Toelichting', hint: expect.stringMatching(/geen diagnoses/) });
  });

  it('a use site keeps its own label over the shared block; the block keeps its own', () => {
    const kennismaking = new Map(allFields(describeForm(FORMS.kennismaking.schema)).map((f) => [f.path, f]));
    expect(kennismaking.get('contactZorgaanbieder')?.label).toBe('Contactpersoon zorgaanbieder');
    expect(kennismaking.get('contactWoningcorporatie')?.label).toBe('Contactpersoon woningcorporatie');
    expect(kennismaking.get('handtekeningen.bewoner.initialen')?.label).toBe('Initialen bewoner');
    const overlast = new Map(allFields(describeForm(FORMS['overlast-melding'].schema)).map((f) => [f.path, f]));
    expect(overlast.get('omschrijving')?.label).toBe('Omschrijving');
    expect(z.globalRegistry.get(toelichting)?.description).toBe('Toelichting');
    expect(z.globalRegistry.get(woningnet)?.description).toBe('WoningNet');
  });
});

describe('messages for a missing required field', () => {
  it('a text or date field: "Vul «label» in"; a choice: "Kies een antwoord bij «label»"', () => {
    expect(issuesOf(FORMS['afspraak-gepland'].schema, {})).toEqual({
      soort: 'Kies een antwoord bij «Soort gesprek»',
      datum: 'Vul «Datum van het geplande gesprek» in',
    });
    const besluit = issuesOf(FORMS['besluit-urgentie'].schema, {});
    expect(besluit.besluit).toBe('Kies een antwoord bij «Besluit»');
    expect(besluit.besluitDatum).toBe('Vul «Datum besluit» in');
  });

  it('a boolean and a union are choices; a missing section names its legend', () => {
    const woningaanbod = issuesOf(FORMS.woningaanbod.schema, { woning: {} });
    expect(woningaanbod['woning.lift']).toBe('Kies een antwoord bij «Is er een lift?»');
    expect(woningaanbod['woning.kamers']).toBe('Vul «Aantal kamers» in');
    expect(woningaanbod.adres).toBe('Vul «Adres van de woning» in');
    expect(issuesOf(FORMS['overlast-actie'].schema, {}).actie).toBe('Kies een antwoord bij «Actie»');
  });

  it('nested fields of a shared block, and the Nieuw dossier form', () => {
    const kennismaking = issuesOf(FORMS.kennismaking.schema, { handtekeningen: { bewoner: {} } });
    expect(kennismaking['handtekeningen.bewoner.initialen']).toBe('Vul «Initialen bewoner» in');
    expect(kennismaking['handtekeningen.bewoner.datum']).toBe('Vul «Datum» in');
    expect(issuesOf(createCaseSchema, {})).toMatchObject({
      regio: 'Kies een antwoord bij «Regio»',
      clientPseudonym: 'Vul «Initialen of pseudoniem van de cliënt» in',
    });
  });

  it("a schema's own message stays ('Akkoord van de bewoner is nodig', 'Verplicht', …)", () => {
    const kennismaking = issuesOf(FORMS.kennismaking.schema, { handtekeningen: { bewoner: {} }, vervolg: { volgendGesprek: '  ' } });
    expect(kennismaking['handtekeningen.bewoner.akkoord']).toBe('Akkoord van de bewoner is nodig');
    expect(kennismaking['vervolg.volgendGesprek']).toBe('Verplicht');
    expect(issuesOf(FORMS['duurzame-verhuur'].schema, {}).akkoordBewoner).toBe('De bewoner besluit mee (002 WA3)');
  });

  it('a wrong value (not a missing one) keeps zod\'s Dutch message', () => {
    expect(issuesOf(FORMS['afspraak-gepland'].schema, { soort: 'feest', datum: 12 })).toEqual({
      soort: expect.stringMatching(/^Ongeldige optie/),
      datum: expect.stringMatching(/^Ongeldige invoer/),
    });
  });

  it("no form answers a missing field with zod's 'verwacht …, ontving undefined'", () => {
    for (const [name, schema] of SCHEMAS) {
      const messages = Object.values(issuesOf(schema, {}));
      expect(messages.filter((m) => /ontving undefined|Invalid input/.test(m)), name).toEqual([]);
    }
  });

  it("the API's 400 carries the same message at the field's path", () => {
    try {
      parseWith(FORMS['afspraak-gepland'].schema, { soort: 'kennismaking' }, 'body');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationFailed);
      expect((error as ValidationFailed).errors).toContainEqual(expect.objectContaining({ path: 'body.datum', message: 'Vul «Datum van het geplande gesprek» in' }));
    }
  });
});
