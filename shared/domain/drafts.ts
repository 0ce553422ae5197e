/**
 * Drafts: a form saved incomplete, before it is submitted (issue "every form": "a case's forms can be drafted").
 *
 * A draft belongs to the organisation that will submit the form, not to one person: a colleague can finish it. It
 * is never part of the case's history and starts no deadline; submitting the form discards it in the same
 * transaction. A draft is checked against the form's schema only to tell the user what is still missing or wrong;
 * the rules of the route (phase, dates against the history) are checked when the form is submitted.
 */
import * as z from 'zod';
import type { FieldError } from './errors.js';
import type { FormDefinition } from './forms/types.js';

export interface Draft {
  caseId: string;
  action: string;
  organisationId: string;
  /** What was typed so far: any JSON object, at most `MAX_DRAFT_BYTES`. */
  input: Record<string, unknown>;
  /** Starts at 1, +1 per save; the ETag of the draft. */
  version: number;
  savedAt: string;
  savedBy: string;
}

export const MAX_DRAFT_BYTES = 64 * 1024;

/** How a draft is marked among a case's stored items. */
export const DRAFT_ENTITY = 'draft';

/**
 * How deep a draft may nest. DynamoDB allows 32 levels in an item; the draft is one level inside its item, and no
 * form of the route nests deeper than 4, so 16 leaves room without ever reaching DynamoDB's limit.
 */
export const MAX_DRAFT_DEPTH = 16;
/** Key names a draft may not use: empty (DynamoDB refuses them) or one that reaches an object's prototype. */
const FORBIDDEN_KEYS = new Set(['', '__proto__', 'constructor', 'prototype']);
/**
 * The numbers a draft may hold: zero, or a magnitude above 1e-130 (DynamoDB's smallest) and at most
 * `Number.MAX_SAFE_INTEGER`. DynamoDB itself goes up to 1e126, but the SDK's marshaller refuses (and its unmarshaller
 * cannot read back) a number beyond the safe integers, and no form asks for one (the largest is an amount ≤ € 10.000).
 */
const MIN_MAGNITUDE = 1e-130;
const MAX_MAGNITUDE = Number.MAX_SAFE_INTEGER;

/**
 * The first place where `value` leaves the shape a draft may have, as a path and a Dutch message; undefined when it
 * fits. A draft is incomplete by design, but what it holds must be storable as it is: bounded depth, plain key names,
 * numbers DynamoDB and the SDK can hold (a JavaScript number has at most 17 significant digits, inside DynamoDB's 38).
 */
export function draftShapeIssue(value: unknown, path: (string | number)[] = [], depth = 1): { path: (string | number)[]; message: string } | undefined {
  if (typeof value === 'number') {
    const magnitude = Math.abs(value);
    if (!Number.isFinite(value) || (magnitude !== 0 && (magnitude <= MIN_MAGNITUDE || magnitude > MAX_MAGNITUDE))) {
      return { path, message: 'Dit getal is te groot of te klein om op te slaan' };
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > MAX_DRAFT_DEPTH) return { path, message: `Een concept is hoogstens ${MAX_DRAFT_DEPTH} niveaus diep` };
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const issue = draftShapeIssue(item, [...path, index], depth + 1);
      if (issue) return issue;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) return { path: [...path, key], message: key ? `De veldnaam '${key}' is niet toegestaan` : 'Een veldnaam mag niet leeg zijn' };
    const issue = draftShapeIssue(item, [...path, key], depth + 1);
    if (issue) return issue;
  }
  return undefined;
}

/**
 * The body of a save: an object, whatever its fields hold so far, within the bounds of `draftShapeIssue` and size.
 * The shape is checked on the parsed JSON as it came, before zod copies it (a copy would drop a `__proto__` key).
 */
export const draftInputSchema = z
  .unknown()
  .superRefine((input, ctx) => {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) return; // the record below says so
    // The shape first: a value nested too deep is not serialised (that could exhaust the stack) but refused.
    const issue = draftShapeIssue(input);
    if (issue) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input });
    else if (Buffer.byteLength(JSON.stringify(input)) > MAX_DRAFT_BYTES) ctx.addIssue({ code: 'custom', message: `Een concept is hoogstens ${MAX_DRAFT_BYTES / 1024} KB`, input });
  })
  .pipe(z.record(z.string(), z.unknown()));
export interface DraftReadiness {
  /** True when the form's schema accepts the draft as it is. */
  complete: boolean;
  /** What the schema still refuses, with paths as a submission would report them (`body.…`). */
  issues: FieldError[];
  /** Whether the case's phase allows the form now (the draft may be prepared ahead). */
  allowedNow: boolean;
}

export function readinessOf(form: FormDefinition, input: Record<string, unknown>, phaseAllows: boolean): DraftReadiness {
  const result = form.schema.safeParse(input);
  const issues = result.success
    ? []
    : result.error.issues.map((issue): FieldError => ({ path: ['body', ...issue.path.map(String)].join('.'), message: issue.message }));
  return { complete: result.success, issues, allowedNow: phaseAllows };
}
