/**
 * Loads a handler of `functions/<name>.ts` on first use, like a Lambda cold start. Every function file exports
 * `handler`; the local stack invokes exactly the code that is bundled for AWS.
 */
import { pathToFileURL } from 'node:url';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const cache = new Map<string, Promise<Handler>>();

export function loadHandler(name: string): Promise<Handler> {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`Invalid function name ${name}`);
  let loaded = cache.get(name);
  if (!loaded) {
    const file = pathToFileURL(new URL(`../../functions/${name}.ts`, import.meta.url).pathname).href;
    loaded = import(/* @vite-ignore */ file).then((module: { handler: Handler }) => module.handler);
    cache.set(name, loaded);
  }
  return loaded;
}
