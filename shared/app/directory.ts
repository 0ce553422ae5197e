/** The organisation directory of this stage, for every function that needs it (config, validated once; fails loudly). */
import { readFileSync } from 'node:fs';
import { OrganisationDirectory } from '#domain/directory.js';
import localDirectory from '../../config/organisations.local.json' with { type: 'json' };

/** The organisation directory: ORGANISATIONS_FILE when set, else the bundled local file. Validated; fails loudly. */
export function loadDirectory(file?: string): OrganisationDirectory {
  return OrganisationDirectory.parse(file ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : localDirectory);
}
