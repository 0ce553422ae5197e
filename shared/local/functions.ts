/**
 * Loads a handler of `functions/<name>.ts` on first use, like a Lambda cold start, bound to the local stack's
 * container (`handler.with(container)`: the stack's clock and overrides, never a process-global hook in the app).
 * Every function file exports `handler`; the local stack invokes exactly the code that is bundled for AWS.
 */
import { pathToFileURL } from 'node:url';
import type { Container } from '#app/composition-root.js';

type Handler = ((event: unknown, context: unknown) => Promise<unknown>) & { with?: (container: Container) => Handler };

const modules = new Map<string, Promise<Handler>>();
const bound = new WeakMap<Container, Map<string, Handler>>();
/** The handler of `functions/<name>.ts` bound to `container`: there is no default, so no code runs on a container it was not given. */
export async function loadHandler(name: string, container: Container): Promise<Handler> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Invalid function name ${name}`);
  let loaded = modules.get(name);
  if (!loaded) {
    const file = pathToFileURL(new URL(`../../functions/${name}.ts`, import.meta.url).pathname).href;
    loaded = import(/* @vite-ignore */ file).then((module: { handler: Handler }) => module.handler);
    modules.set(name, loaded);
  }
  const handler = await loaded;
  if (!handler.with) return handler;
  let handlers = bound.get(container);
  if (!handlers) bound.set(container, (handlers = new Map()));
  let found = handlers.get(name);
  if (!found) handlers.set(name, (found = handler.with(container)));
  return found;
}
