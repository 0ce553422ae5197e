/**
 * Idempotency-Key handling for every POST: a replay returns the first response and writes nothing; the same key
 * with a different request is refused. The record is written in the same transaction as the change it answers.
 */
import { createHash } from 'node:crypto';
import { ConcurrentModification, IdempotencyKeyReused } from '#domain/errors.js';
import type { Principal } from '#domain/roles.js';
import { pause } from './pause.js';
import { IdempotencyRace, type CaseStore, type IdempotencyRecord, type StoredResponse } from './ports.js';

export interface IdempotentRequest {
  key: string;
  method: string;
  path: string;
  body: unknown;
}

export type Answer = StoredResponse & { replayed?: boolean };

export function fingerprintOf(request: IdempotentRequest): string {
  return createHash('sha256').update(`${request.method} ${request.path}\n${JSON.stringify(request.body ?? null)}`).digest('base64url');
}

/**
 * Runs `execute` at most once per (caller, key). `execute` receives the record to commit with its change, built from
 * the response it is about to return. Any failure is first checked for a concurrent request with the same key — whose
 * answer is then replayed. Retrying a lost race on a fresh read is changeCase's (change-case.ts), inside `execute`.
 */
export async function idempotent(
  store: CaseStore,
  principal: Principal,
  request: IdempotentRequest,
  execute: (recordFor: (response: StoredResponse) => IdempotencyRecord) => Promise<StoredResponse>,
): Promise<Answer> {
  const scope = `${principal.organisationId}#${principal.userId}`;
  const fingerprint = fingerprintOf(request);
  const replay = async (): Promise<Answer | undefined> => {
    const existing = await store.getIdempotencyRecord(scope, request.key);
    if (!existing) return undefined;
    if (existing.fingerprint !== fingerprint) throw new IdempotencyKeyReused();
    return { ...existing.response, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await execute((response) => ({ scope, key: request.key, fingerprint, response }));
  } catch (error) {
    // A request with the same key may have committed while this one ran (then this one read the changed case and
    // may have been refused): its answer is the answer. The winner of a race may still be committing: wait a moment.
    if (error instanceof IdempotencyRace || error instanceof ConcurrentModification) await pause(20 + Math.random() * 20);
    const winner = await replay();
    if (winner) return winner;
    throw error;
  }
}
