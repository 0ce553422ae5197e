/** The handlers the local server can invoke, loaded on first use like a cold start. */
import type { FunctionName } from '#http/routes.js';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const loaders: Record<FunctionName, () => Promise<{ handler: Handler }>> = {
  health: () => import('../../functions/health.js') as Promise<{ handler: Handler }>,
  openapi: () => import('../../functions/openapi.js') as Promise<{ handler: Handler }>,
  'not-found': () => import('../../functions/not-found.js') as Promise<{ handler: Handler }>,
  'create-case': () => import('../../functions/create-case.js') as Promise<{ handler: Handler }>,
  'get-case': () => import('../../functions/get-case.js') as Promise<{ handler: Handler }>,
  'list-cases': () => import('../../functions/list-cases.js') as Promise<{ handler: Handler }>,
  'submit-form': () => import('../../functions/submit-form.js') as Promise<{ handler: Handler }>,
};

export async function loadHandler(name: FunctionName): Promise<Handler> {
  return (await loaders[name]()).handler;
}
