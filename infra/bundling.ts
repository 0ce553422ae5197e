/**
 * The esbuild settings every function is bundled with, in one place: infra/constructs/functions.ts (NodejsFunction)
 * and bench/bundles.ts (the bundle budgets) both read them, so the bench measures what is deployed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** See "ESM output" in infra/constructs/functions.ts. The alias avoids a clash with a `createRequire` import inside the bundle. */
export const ESM_REQUIRE_BANNER = "import { createRequire as __bannerCreateRequire } from 'node:module'; const require = __bannerCreateRequire(import.meta.url);";

/**
 * Packages replaced in every bundle (esbuild `alias`, absolute paths); only the functions that import them carry them.
 * - The SDK's Node credential chain becomes the one provider that answers on Lambda: shared/adapters/lambda-credentials.ts
 *   says why.
 * - mailparser's charset tables (iconv-lite ~490 kB, encoding-japanese ~90 kB) become stand-ins on Node's own ICU
 *   TextDecoder (shared/adapters/charsets/: what they cover and why it is safe; test/unit/charsets.test.ts holds them
 *   against the real packages), and `he` (~87 kB of entity tables, which mailparser uses only to build the HTML views
 *   of text we never read) a small escaper; linkify-it (which mailparser compiles at import with every TLD, for the
 *   links in that same HTML view) a linkifier that finds none.
 * - libmime resolves to its CommonJS build: mailparser imports its ES build and mailsplit requires the CommonJS one, so
 *   the bundle carried both (~90 kB each).
 * Locally (tsx, vitest) nothing is swapped: the real packages run.
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': join(ROOT, 'shared', 'adapters', 'lambda-credentials.ts'),
  'iconv-lite': join(ROOT, 'shared', 'adapters', 'charsets', 'iconv-lite.ts'),
  'encoding-japanese': join(ROOT, 'shared', 'adapters', 'charsets', 'encoding-japanese.ts'),
  he: join(ROOT, 'shared', 'adapters', 'charsets', 'he.ts'),
  'linkify-it': join(ROOT, 'shared', 'adapters', 'charsets', 'linkify-it.ts'),
  libmime: join(ROOT, 'node_modules', 'libmime', 'dist', 'cjs', 'libmime.js'),
};
