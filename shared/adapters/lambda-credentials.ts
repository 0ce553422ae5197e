/**
 * The AWS credential chain of the deployed functions, in place of `@aws-sdk/credential-provider-node`: the esbuild
 * alias in infra/bundling.ts swaps it in for every bundle (CDK and bench/bundles.ts alike). Locally (tsx, tests, the
 * local stack) nothing is aliased and the SDK's own chain runs.
 *
 * Why it is honest: Lambda puts the execution role's credentials in the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), and the SDK's default chain tries the environment first, so on Lambda
 * `fromEnv` is the provider that answers every time. The rest of the chain (shared ini files, SSO, login, process,
 * STS web identity, container and instance metadata, with the STS/SSO clients they build) never runs there but costs
 * ~135 kB in every bundle and its import time (issue 15's budgets). A function that runs somewhere without
 * credentials in its environment must drop the alias.
 */
import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

/** Same name and call as the SDK's: each client's runtimeConfig calls `defaultProvider(config)`. */
export const defaultProvider = (init?: FromEnvInit) => fromEnv(init);
