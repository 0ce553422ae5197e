/**
 * Builds the production dependencies from the environment: one SDK client per container, reused by every
 * invocation. The endpoint comes from the SDK's configuration (AWS_ENDPOINT_URL_* locally).
 */
import { randomUUID } from 'node:crypto';
import { createDocumentClient } from '#adapters/dynamo/client.js';
import { DynamoPrivacyStore } from '#adapters/dynamo/audit-store.js';
import { DynamoCaseStore } from '#adapters/dynamo/case-store.js';
import { DynamoDeadlineIndex } from '#adapters/dynamo/deadline-index.js';
import { DynamoDraftStore } from '#adapters/dynamo/draft-store.js';
import { config, required } from '#config/config.js';
import { systemClock, type Clock } from '#domain/clock.js';
import type { AuditStore, PrivacyDeps } from './audit.js';
import type { DeadlineIndexReader } from './deadlines.js';
import type { DraftStore } from './drafts.js';
import type { OrganisationDirectory } from '#domain/directory.js';
import { loadDirectory } from './directory.js';
import type { AppDeps } from './ports.js';

export type Deps = AppDeps & { deadlineIndex: DeadlineIndexReader; drafts: DraftStore };

let deps: Deps | undefined;
let directory: OrganisationDirectory | undefined;
let clockOverride: Clock | undefined;

export function appDeps(): Deps {
  if (!deps) {
    const db = createDocumentClient();
    const c = config();
    const tableName = required(c, 'TABLE_NAME', 'app');
    deps = {
      // The store reads the current clock (useClock) to treat expired items (retention, TTL) as gone.
      store: new DynamoCaseStore(db, tableName, { now: () => (clockOverride ?? systemClock).now() }),
      deadlineIndex: new DynamoDeadlineIndex(db, tableName),
      drafts: new DynamoDraftStore(db, tableName),
      clock: clockOverride ?? systemClock,
      newId: randomUUID,
      organisationKind: (id) => (directory ??= loadDirectory(c.ORGANISATIONS_FILE)).organisation(id)?.kind,
    };
  }
  return deps;
}

/** The local stack and tests move time through this; on AWS the system clock is used. */
export function useClock(clock: Clock): void {
  clockOverride = clock;
  if (deps) deps = { ...deps, clock };
}

/** Forget cached dependencies (tests that point the same module at another local server). */
export function resetAppDeps(): void {
  deps = undefined;
}

const privacyCache = new WeakMap<Deps, PrivacyDeps & Deps>();
let auditOverride: AuditStore | undefined;

/** Tests: replace the audit store (e.g. one that fails) for every function in this process; `undefined` restores. */
export function useAuditStore(store: AuditStore | undefined): void {
  auditOverride = store;
}

/**
 * The application's dependencies plus the audit and retention stores, built once per `appDeps()` instance (so
 * `resetAppDeps()` and `useClock()` carry over). Also what every authenticated HTTP function's audit trail writes with.
 */
export function privacyDeps(): PrivacyDeps & Deps {
  const base = appDeps();
  let deps = privacyCache.get(base);
  if (!deps) {
    const store = new DynamoPrivacyStore(createDocumentClient(), required(config(), 'TABLE_NAME', 'privacy'));
    deps = { ...base, audit: store, retention: store };
    privacyCache.set(base, deps);
  }
  return auditOverride ? { ...deps, audit: auditOverride } : deps;
}
