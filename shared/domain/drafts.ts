/**
 * Drafts: a form saved incomplete, before it is submitted (issue "every form": "a case's forms can be drafted").
 *
 * A draft belongs to the organisation that will submit the form, not to one person: a colleague can finish it. It
 * is never part of the case's history and starts no deadline; submitting the form discards it in the same
 * transaction. A draft is checked against the form's schema only to tell the user what is still missing or wrong;
 * the rules of the route (phase, dates against the history) are checked when the form is submitted.
 */
import { z } from 'zod';
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

/** The body of a save: an object, whatever its fields hold so far. */
export const draftInputSchema = z
  .record(z.string(), z.unknown())
  .refine((input) => Buffer.byteLength(JSON.stringify(input)) <= MAX_DRAFT_BYTES, `Een concept is hoogstens ${MAX_DRAFT_BYTES / 1024} KB`);

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
