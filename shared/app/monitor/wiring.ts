/**
 * Dependencies of the monitor endpoint. The clock and the table come from the shared appDeps() (so the local stack's
 * clock moves these reads too); the organisation directory (ORGANISATIONS_FILE, else the bundled local file) says
 * which organisations are zorgaanbieders and corporaties.
 */
import { createDocumentClient } from '#adapters/dynamo/client.js';
import { DynamoMonitorReader } from '#adapters/dynamo/monitor-store.js';
import { config, required } from '#config/config.js';
import type { OrganisationDirectory } from '#domain/directory.js';
import { loadDirectory } from '../directory.js';
import { appDeps } from '../wiring.js';
import type { MonitorDeps } from './figures.js';

let built: { store: unknown; reader: DynamoMonitorReader } | undefined;
let directory: OrganisationDirectory | undefined;

export function monitorDeps(): MonitorDeps {
  const base = appDeps();
  // Rebuilt when the shared dependencies were reset (tests pointing the module at another local server).
  if (!built || built.store !== base.store) {
    built = { store: base.store, reader: new DynamoMonitorReader(createDocumentClient(), required(config(), 'TABLE_NAME', 'monitor'), { now: () => appDeps().clock.now() }) };
  }
  directory ??= loadDirectory(config().ORGANISATIONS_FILE);
  const dir = directory;
  return {
    monitor: built.reader,
    clock: base.clock,
    isCountedOrganisation: (id) => {
      const kind = dir.organisation(id)?.kind;
      return kind === 'zorgaanbieder' || kind === 'woningcorporatie';
    },
  };
}
