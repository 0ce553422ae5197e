/**
 * Production dependencies of the bounce concern, built once per container. The clock is the shared one (appDeps), so
 * the local stack's dev clock moves these functions too; the directory is the validated organisation directory
 * (ORGANISATIONS_FILE, else the bundled local file).
 */
import { DynamoBounceStore } from '#adapters/dynamo/bounce-store.js';
import { DynamoReminderStore } from '#adapters/dynamo/reminder-store.js';
import { createDocumentClient } from '#adapters/dynamo/client.js';
import { config, required } from '#config/config.js';
import type { OrganisationDirectory } from '#domain/directory.js';
import { loadDirectory } from '../reminders/wiring.js';
import { appDeps } from '../wiring.js';
import type { BounceDeps } from './bounces.js';
import type { MailEventDeps } from './events.js';
import type { BounceStore } from './ports.js';

let built: { tableName: string; store: BounceStore } | undefined;
let directory: OrganisationDirectory | undefined;

/** The bounce store on TABLE_NAME (rebuilt when the table changes: tests pointing at another local server). */
export function bounceStore(tableName = required(config(), 'TABLE_NAME', 'bounces')): BounceStore {
  if (!built || built.tableName !== tableName) built = { tableName, store: new DynamoBounceStore(createDocumentClient(), tableName) };
  return built.store;
}

function directoryOf(): OrganisationDirectory {
  directory ??= loadDirectory(config().ORGANISATIONS_FILE);
  return directory;
}

/** `ses-events`. */
export function mailEventDeps(): MailEventDeps {
  const tableName = required(config(), 'TABLE_NAME', 'ses-events');
  return { bounces: bounceStore(tableName), directory: directoryOf(), clock: appDeps().clock, reminders: new DynamoReminderStore(createDocumentClient(), tableName) };
}

/** `GET/DELETE /organisations/{organisationId}/bounces…`. */
export function bounceDeps(): BounceDeps {
  return { bounces: bounceStore(), clock: appDeps().clock };
}

