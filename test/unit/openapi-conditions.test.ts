/**
 * The OpenAPI document says what the server enforces (issue 14 point 13): every field a form refuses when missing under
 * a condition is documented as `if`/`then` on its object, and the form's schema refuses exactly that case at that path.
 */
import { describe, expect, it } from 'vitest';
import { FORMS } from '../../shared/domain/forms/index.js';
import type { Action } from '../../shared/domain/phases.js';
import { CONDITIONAL_REQUIRED, openApiDocument } from '../../shared/http/openapi.js';
import { validInput } from './forms.fixtures.js';

type Json = Record<string, any>;

function objectAt(body: Json, at: readonly string[]): Json {
  return at.reduce((o, key) => (o[key] ??= {}), body);
}

describe('conditional required fields', () => {
  const doc = openApiDocument() as Json;
  for (const [action, conditions] of Object.entries(CONDITIONAL_REQUIRED)) {
    for (const c of conditions) {
      const name = `${action}: ${[...c.at, c.required.join('+')].join('.')} when ${c.when.field} = ${c.when.equals}`;

      it(`${name} is in the document`, () => {
        let schema = doc.paths[`/cases/{caseId}/forms/${action}`].post.requestBody.content['application/json'].schema as Json;
        for (const key of c.at) schema = schema.properties[key];
        const rule = (schema.allOf as Json[] | undefined)?.find((r) => r.if.properties[c.when.field]?.const === c.when.equals);
        expect(rule?.then.required).toEqual(c.required);
        for (const field of c.required) expect(schema.required ?? []).not.toContain(field);
      });

      it(`${name} is what the server refuses`, () => {
        const body = structuredClone(validInput(action as Action)) as Json;
        const holder = objectAt(body, c.at);
        holder[c.when.field] = c.when.equals;
        for (const field of c.required) delete holder[field];
        if (action === 'overlast-actie' && c.when.equals === 6) delete holder.oordeel;
        const parsed = FORMS[action as Action]!.schema.safeParse(body);
        expect(parsed.success).toBe(false);
        const paths = parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
        for (const field of c.required) expect(paths).toContain([...c.at, field].join('.'));
      });
    }
  }
});
