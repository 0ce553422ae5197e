/**
 * `npm run token -- --org corp-ymere --role contactpersoon [--sub u123] [--team t1] [--regio amsterdam] [--expires 8h]`
 *
 * Prints a bearer token for the LOCAL API, signed with the local dev issuer's key (`.data/dev-issuer.json`, the same
 * file `npm start` uses; created on first use). Only the token goes to stdout, so `TOKEN=$(npm run -s token -- …)`
 * works. On AWS tokens come from Cognito; this key is never trusted there.
 */
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../shared/domain/roles.js';
import { DEV_KEY_FILE, devIssuer } from '../shared/local/dev-auth.js';

const usage = `Usage: npm run token -- --org <organisation-id> --role <${ROLES.join('|')}>
                       [--sub <user-id>] [--team <team-id>] [--regio <regio>] [--expires 8h] [--key-file ${DEV_KEY_FILE}]`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      org: { type: 'string' },
      role: { type: 'string' },
      sub: { type: 'string' },
      team: { type: 'string' },
      regio: { type: 'string' },
      expires: { type: 'string', default: '8h' },
      'key-file': { type: 'string', default: DEV_KEY_FILE },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail((error as Error).message);
}

if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const org = values.org as string | undefined;
const role = values.role as string | undefined;
if (!org || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(org)) fail('--org is required: an organisation id such as za-hvo-querido or corp-ymere');
if (!role || !ROLES.includes(role as Role)) fail(`--role is required: one of ${ROLES.join(', ')}`);
const expires = values.expires as string;
if (!/^\d+\s?(s|m|h|d|w)$/.test(expires)) fail('--expires: a time span such as 15m, 8h or 1d');
const regio = values.regio as string | undefined;
if (role === 'medewerker-wonen' && !regio) process.stderr.write('Note: a medewerker-wonen token without --regio sees no cases.\n');

const issuer = await devIssuer(values['key-file'] as string);
const token = await issuer.mint(
  {
    sub: (values.sub as string | undefined) ?? `${role}-1`,
    organisationId: org,
    role: role as Role,
    ...(values.team ? { teamId: values.team as string } : {}),
    ...(regio ? { regio } : {}),
  },
  { expiresIn: expires },
);
process.stdout.write(`${token}\n`);
