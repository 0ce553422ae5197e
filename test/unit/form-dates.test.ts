/**
 * Every date field of every form has a plausible range (issue 16: `beschikbaarOp: 9999-12-31` answered 500 because
 * the deadline engine was asked to count werkdagen to the year 9999). The range lives in one place (fields.ts
 * `isoDate`) and the OpenAPI document states it in every date field's description.
 */
import { describe, expect, it } from 'vitest';
import { createCaseSchema } from '../../shared/app/create-case.js';
import { consentRequestSchema } from '../../shared/domain/consent.js';
import { EARLIEST_DATE, LATEST_DATE } from '../../shared/domain/forms/fields.js';
import { FORMS } from '../../shared/domain/forms/index.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { validInput } from './forms.fixtures.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The paths of the date fields in a body. */
function datePaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return DATE.test(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => datePaths(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => datePaths(v, [...path, k]));
  return [];
}

function withValue(body: unknown, path: (string | number)[], replacement: string): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return copy;
}

describe('date ranges', () => {
  it(`refuses a date before ${EARLIEST_DATE} or after ${LATEST_DATE} in every date field of every form, with its path`, () => {
    let checked = 0;
    for (const form of Object.values(FORMS)) {
      const body = validInput(form.action as never);
      expect(form.schema.safeParse(body).success, form.action).toBe(true);
      for (const path of datePaths(body)) {
        for (const outside of ['9999-12-31', '2101-01-01', '1999-12-31', '0001-01-01']) {
          const result = form.schema.safeParse(withValue(body, path, outside));
          expect(result.success, `${form.action}.${path.join('.')} = ${outside}`).toBe(false);
          expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path.join('.'));
        }
        for (const inside of [EARLIEST_DATE, LATEST_DATE]) {
          const issues = form.schema.safeParse(withValue(body, path, inside)).error?.issues ?? [];
          expect(issues.filter((i) => /tussen/i.test(i.message)), `${form.action}.${path.join('.')} = ${inside}`).toEqual([]);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('bounds the dates of a new case and of a consent the same way', () => {
    expect(createCaseSchema.safeParse({ regio: 'amsterdam', route: 'MO', doelgroep: 'volwassene', clientPseudonym: 'J.D.', geplandeUitstroomOp: '9999-12-31' }).success).toBe(false);
    const consent = consentRequestSchema.safeParse({ gegeven: true, datum: '9999-12-31' });
    expect(consent.success).toBe(false);
  });

  it('states the range in the description of every date field of the OpenAPI document', () => {
    const dates: Array<Record<string, unknown>> = [];
    JSON.stringify(openApiDocument(), (_key, value) => {
      if (value && typeof value === 'object' && value.format === 'date' && value.formatMinimum) dates.push(value);
      return value;
    });
    expect(dates.length).toBeGreaterThan(50);
    for (const date of dates) {
      expect(date).toMatchObject({ formatMinimum: EARLIEST_DATE, formatMaximum: LATEST_DATE });
      expect(date.description).toContain(`Tussen ${EARLIEST_DATE} en ${LATEST_DATE}`);
    }
  });
});
