/**
 * Serves the werkplek's build (web/dist) locally as CloudFront serves it on AWS: files by path, deep links that a
 * browser navigates to (`/cases/<id>` from a reminder mail) answered with the app's index.html, the same security
 * headers, and `/config.json` telling the app where to sign in.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { webHeaders, type WebRuntimeConfig } from '#http/web-headers.js';
import type { RawAnswer } from './oidc.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export interface LocalWeb {
  /** `undefined` when the request is not for the app (then it is an API call). */
  serve(method: string, url: URL, accept: string | undefined): RawAnswer | undefined;
}

export function localWeb(dir: string, config: () => WebRuntimeConfig): LocalWeb {
  const headers = webHeaders();
  const file = (path: string): RawAnswer | undefined => {
    const full = normalize(join(dir, path));
    if (!full.startsWith(normalize(dir)) || !existsSync(full) || !statSync(full).isFile()) return undefined;
    const immutable = path.startsWith('/assets/');
    return {
      status: 200,
      headers: { ...headers, 'content-type': TYPES[extname(full)] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' },
      body: readFileSync(full),
    };
  };
  return {
    serve(method, url, accept) {
      if (method !== 'GET' && method !== 'HEAD') return undefined;
      if (url.pathname === '/config.json') {
        return { status: 200, headers: { ...headers, 'content-type': 'application/json', 'cache-control': 'no-cache' }, body: JSON.stringify(config()) };
      }
      if (url.pathname !== '/' && url.pathname !== '/index.html') {
        const found = file(url.pathname);
        if (found) return found;
      }
      // A navigation (a person following a link, or typing the address) gets the app; anything else is the API's.
      if (url.pathname === '/' || url.pathname === '/index.html' || (accept ?? '').includes('text/html')) return file('/index.html') ?? missingBuild();
      return undefined;
    },
  };
}

function missingBuild(): RawAnswer {
  return {
    status: 503,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: 'De werkplek is niet gebouwd: npm run build:web (npm start doet dat zelf).',
  };
}
