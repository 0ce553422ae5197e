/**
 * What each role sees of a case (issue "Who may see and do what"; 002 WA10), field by field, for every form type that
 * exists in shared/domain/forms: each form is filled with a value in every field its schema has (optional ones too),
 * projected for every role, and the fields that come out are compared with the projection table.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CaseEvent, CaseState } from '../../shared/domain/case.js';
import type { ConsentFact } from '../../shared/domain/consent.js';
import type { FormDefinition } from '../../shared/domain/forms/types.js';
import { ROLES, type Principal, type Role } from '../../shared/domain/roles.js';
import { ACTIONS } from '../../shared/domain/phases.js';
import { caseView, FORM_VIEWS, NOT_SHARED, project, projectionFor, ROLE_AUDIENCE, timelineEntry, type TimelineType } from '../../shared/domain/views.js';

const formsDir = join(dirname(fileURLToPath(import.meta.url)), '../../shared/domain/forms');
let forms: FormDefinition[] = [];

beforeAll(async () => {
  const found = new Map<string, FormDefinition>();
  for (const file of readdirSync(formsDir).filter((f) => f.endsWith('.ts'))) {
    const module = (await import(pathToFileURL(join(formsDir, file)).href)) as Record<string, unknown>;
    for (const value of Object.values(module)) {
      const form = value as Partial<FormDefinition> | undefined;
      if (form && typeof form === 'object' && typeof form.action === 'string' && form.schema && typeof form.decide === 'function') found.set(form.action, form as FormDefinition);
    }
  }
  forms = [...found.values()].sort((a, b) => a.action.localeCompare(b.action));
});

// ---------------------------------------------------------------------------------------------------------------------
// A value in every field of a schema, and the leaf paths of a value (`a.b`, `a[].b`).

type Json = Record<string, any>;

function sample(schema: Json, root: Json, path: string): unknown {
  if (schema.$ref) return sample(resolve(schema.$ref, root), root, path);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return sample(options.find((o: Json) => o.type !== 'null') ?? options[0], root, path);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s: Json) => sample(s, root, path)));
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries((schema.properties ?? {}) as Record<string, Json>).map(([k, v]) => [k, sample(v, root, path ? `${path}.${k}` : k)]));
    case 'array':
      return [sample(schema.items ?? {}, root, `${path}[]`)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return `value of ${path}`;
  }
}

function resolve(ref: string, root: Json): Json {
  return ref.replace(/^#\//, '').split('/').reduce((node: Json, key) => node[key], root);
}

function leaves(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v, `${path}[]`));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? entries.flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k)) : [path];
  }
  return [path];
}

const covered = (leaf: string, paths: readonly string[]) => paths.some((p) => leaf === p || leaf.startsWith(`${p}.`) || leaf.startsWith(`${p}[]`));

function fullData(form: FormDefinition): Record<string, unknown> {
  const schema = z.toJSONSchema(form.schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return sample(schema, schema, '') as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------------------

const consentAll: ConsentFact = {
  gegeven: true,
  sinds: '2026-01-10',
  doelen: ['match', 'start-verhuur', 'overlast', 'evaluatie', 'omklap'],
  metWie: ['woningcorporatie', 'gemeente-wonen'],
};

function caseState(overrides: Partial<CaseState> = {}): CaseState {
  return {
    caseId: 'c-1',
    reference: 'OMS-2026-000001',
    regio: 'amsterdam',
    route: 'LAATSTE_KANS',
    doelgroep: 'multiprobleemgezin',
    clientPseudonym: 'J.D.',
    zorgaanbiederId: 'za-hvo-querido',
    teamId: 'team-noord',
    corporatieId: 'corp-ymere',
    phase: 'herstelfase',
    version: 3,
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-03-01T10:00:00.000Z',
    facts: { toestemmingDelen: consentAll },
    ...overrides,
  };
}

const principals: Record<Role, Principal> = {
  begeleider: { userId: 'b', organisationId: 'za-hvo-querido', role: 'begeleider' },
  'onafhankelijke-derde': { userId: 'd', organisationId: 'za-hvo-querido', role: 'onafhankelijke-derde' },
  organisatiebeheerder: { userId: 'o', organisationId: 'za-hvo-querido', role: 'organisatiebeheerder' },
  contactpersoon: { userId: 'c', organisationId: 'corp-ymere', role: 'contactpersoon' },
  'medewerker-wonen': { userId: 'w', organisationId: 'gemeente-amsterdam-wonen', role: 'medewerker-wonen', regio: 'amsterdam' },
  systeembeheerder: { userId: 's', organisationId: 'beheer', role: 'systeembeheerder' },
  corporatiebeheerder: { userId: 'cb', organisationId: 'corp-ymere', role: 'corporatiebeheerder' },
  wonenbeheerder: { userId: 'wb', organisationId: 'gemeente-amsterdam-wonen', role: 'wonenbeheerder', regio: 'amsterdam' },
};

function eventOf(type: string, data: Record<string, unknown>, seq = 2): CaseEvent {
  return {
    caseId: 'c-1',
    seq,
    type: type as CaseEvent['type'],
    occurredOn: '2026-02-01',
    recordedAt: '2026-02-01T10:00:00.000Z',
    actor: { userId: 'b', organisationId: 'za-hvo-querido', role: 'begeleider' },
    data,
  };
}

describe('every form, every role, field by field', () => {
  it('finds the forms of shared/domain/forms', () => {
    expect(forms.map((f) => f.action)).toEqual(expect.arrayContaining(['aanvraag-urgentie', 'besluit-urgentie', 'woningaanbod', 'sleuteloverdracht']));
  });

  it('shows each role exactly the fields of its projection (zorgaanbieder: all; systeembeheerder: nothing)', () => {
    const state = caseState();
    for (const form of forms) {
      // The schema's fields plus whatever any projection says the decision derives (e.g. `ongelijk`), and one
      // derived field nobody lists (must never be shown outside the zorgaanbieder).
      const derived = [...new Set([...(FORM_VIEWS.corporatie[form.action]?.derived ?? []), ...(FORM_VIEWS.wonen[form.action]?.derived ?? []), 'nietGelijst'])];
      const data = { ...fullData(form), ...Object.fromEntries(derived.map((d) => [d, `derived ${d}`])) };
      const all = leaves(data).sort();
      for (const role of ROLES) {
        const entry = timelineEntry(principals[role], state, eventOf(form.action, data));
        const projection = projectionFor(role, form.action);
        const label = `${form.action} as ${role}`;
        if (projection === undefined) {
          expect(entry, label).toBeUndefined();
          continue;
        }
        expect(entry, label).toBeDefined();
        const expected = projection === 'all' ? all : all.filter((leaf) => covered(leaf, projection.fields));
        if (projection !== 'all' && projection.fields.length === 0) expect(entry!.data, label).toBeUndefined();
        else expect(leaves(entry!.data ?? {}).sort(), label).toEqual(expected);
        if (projection !== 'all') expect(entry!.data ?? {}, label).not.toHaveProperty('nietGelijst');
      }
    }
  });

  it('lists in the projection table only fields that exist in the form’s schema (no typos, no renamed fields)', () => {
    for (const audience of ['corporatie', 'wonen'] as const) {
      for (const [type, projection] of Object.entries(FORM_VIEWS[audience])) {
        for (const d of projection?.derived ?? []) expect(projection!.fields, `${audience} ${type}: derived ${d} is shown`).toContain(d);
      }
    }
    for (const form of forms) {
      const all = leaves(fullData(form));
      for (const audience of ['corporatie', 'wonen'] as const) {
        const projection = FORM_VIEWS[audience][form.action];
        for (const path of (projection?.fields ?? []).filter((f) => !projection?.derived?.includes(f))) {
          expect(all.some((leaf) => covered(leaf, [path])), `${audience} ${form.action}: ${path}`).toBe(true);
        }
      }
    }
  });

  it('has every form of the route decided once per audience: shown (FORM_VIEWS) or not shared (NOT_SHARED), never both', () => {
    for (const audience of ['corporatie', 'wonen'] as const) {
      const notShared: readonly string[] = NOT_SHARED[audience];
      for (const action of ACTIONS) expect([action in FORM_VIEWS[audience], notShared.includes(action)], `${audience}: ${action}`).toContain(true);
      expect(notShared.filter((action) => action in FORM_VIEWS[audience]), audience).toEqual([]);
      const role = audience === 'corporatie' ? 'contactpersoon' : 'medewerker-wonen';
      for (const action of notShared) expect(projectionFor(role, action as TimelineType), `${audience}: ${action}`).toBeUndefined();
    }
  });

  it('defaults a form type nobody classified to "zorgaanbieder only"', () => {
    for (const role of ROLES) {
      const entry = timelineEntry(principals[role], caseState(), eventOf('formulier-van-morgen', { geheim: 'x' }));
      if (ROLE_AUDIENCE[role] === 'zorgaanbieder') expect(entry?.data).toEqual({ geheim: 'x' });
      else expect(entry, role).toBeUndefined();
    }
  });
});

describe('the corporatie (002 WA10: wonen en goed huurderschap only)', () => {
  const corporatie = principals.contactpersoon;

  it('never sees the begeleidingsplan, time-out, fibu or toets derde — not even that they exist', () => {
    for (const type of ['begeleidingsplan', 'time-out', 'fibu-afspraken', 'fibu-evaluatie', 'toets-derde', 'trajectwijziging', 'mail-ontvangen', 'toestemming-ingetrokken']) {
      expect(projectionFor('contactpersoon', type as TimelineType), type).toBeUndefined();
      expect(timelineEntry(corporatie, caseState(), eventOf(type, { doelen: 'x' })), type).toBeUndefined();
    }
  });

  it('sees of the aanvraag urgentie nothing but that it exists', () => {
    const entry = timelineEntry(corporatie, caseState(), eventOf('aanvraag-urgentie', { doelen: { psychisch: 'x' }, woningnet: { nummer: 'WN1' } }));
    expect(entry).toMatchObject({ type: 'aanvraag-urgentie', occurredOn: '2026-02-01' });
    expect(entry).not.toHaveProperty('data');
  });

  it('sees a form’s content only for a purpose the client consented to (Doelbinding)', () => {
    const aanbod = eventOf('woningaanbod', { aanbodId: 'A1', aanbodDatum: '2026-02-01' });
    expect(timelineEntry(corporatie, caseState(), aanbod)?.data).toEqual({ aanbodId: 'A1', aanbodDatum: '2026-02-01' });
    const onlyOverlast = caseState({ facts: { toestemmingDelen: { ...consentAll, doelen: ['overlast'] } } });
    expect(timelineEntry(corporatie, onlyOverlast, aanbod)).not.toHaveProperty('data');
  });

  it('does not see the client’s pseudonym, route, doelgroep, team or consent details on the case', () => {
    const view = caseView(corporatie, caseState(), []);
    expect(Object.keys(view).sort()).toEqual(['caseId', 'corporatieId', 'createdAt', 'phase', 'reference', 'regio', 'timeline', 'updatedAt', 'version', 'zorgaanbiederId']);
  });
});

describe('Wonen (only what its decisions need)', () => {
  const wonen = principals['medewerker-wonen'];

  it('sees of the aanvraag urgentie route, akkoorddocument, doelen, WoningNet and the household size only', () => {
    const form = forms.find((f) => f.action === 'aanvraag-urgentie')!;
    const entry = timelineEntry(wonen, caseState(), eventOf('aanvraag-urgentie', fullData(form)));
    expect(Object.keys(entry!.data!).sort()).toEqual(['aanvraagDatum', 'akkoordDocument', 'doelen', 'huishouden', 'woningnet']);
    expect(Object.keys(entry!.data!.huishouden as object).sort()).toEqual(['aantalKinderen', 'partner']);
    for (const hidden of ['wooneisen', 'toestemmingDelen', 'akkoordClient', 'jongerDan26', 'trajecthouder']) expect(entry!.data).not.toHaveProperty(hidden);
    expect(caseView(wonen, caseState()).route).toBe('LAATSTE_KANS');
  });

  it('does not see the kennismaking or the begeleidingsplan', () => {
    for (const type of ['kennismaking', 'begeleidingsplan', 'afspraak-gepland']) expect(projectionFor('medewerker-wonen', type as TimelineType), type).toBeUndefined();
  });

  it('does not see the client’s pseudonym or team on the case', () => {
    const view = caseView(wonen, caseState());
    expect(view).not.toHaveProperty('clientPseudonym');
    expect(view).not.toHaveProperty('teamId');
    expect(view).not.toHaveProperty('toestemming');
  });
});

describe('systeembeheerder and zorgaanbieder', () => {
  it('gives the systeembeheerder no case content at all', () => {
    const view = caseView(principals.systeembeheerder, caseState(), [eventOf('case-aangemaakt', { route: 'MO' }, 1), eventOf('woningaanbod', { aanbodId: 'A' })]);
    expect(view).toEqual({ caseId: 'c-1', timeline: [] });
  });

  it('gives the zorgaanbieder the whole case, its consent and every form in full', () => {
    const history = [eventOf('begeleidingsplan', { doelen: { psychisch: 'x' } })];
    const view = caseView(principals.begeleider, caseState(), history);
    expect(view).toMatchObject({ clientPseudonym: 'J.D.', route: 'LAATSTE_KANS', teamId: 'team-noord', toestemming: { gegeven: true } });
    expect(view.timeline?.[0]?.data).toEqual({ doelen: { psychisch: 'x' } });
  });
});

describe('project', () => {
  it('copies only the listed paths, through objects and arrays, without sharing references', () => {
    const data = { a: { b: 1, c: 2 }, list: [{ x: 1, y: 2 }, { x: 3, y: 4 }], z: 'weg' };
    const out = project(data, ['a.b', 'list[].x', 'missing.path']);
    expect(out).toEqual({ a: { b: 1 }, list: [{ x: 1 }, { x: 3 }] });
    (out.a as { b: number }).b = 9;
    expect(data.a.b).toBe(1);
  });
});
