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
 * Packages replaced in every bundle (esbuild `alias`, absolute paths). The SDK's Node credential chain becomes the one
 * provider that answers on Lambda: shared/adapters/lambda-credentials.ts says why.
 */
export const BUNDLE_ALIASES: Record<string, string> = {
  '@aws-sdk/credential-provider-node': join(ROOT, 'shared', 'adapters', 'lambda-credentials.ts'),
};
