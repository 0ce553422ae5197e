/**
 * A local stand-in for API Gateway HTTP API: it routes by the same route table, checks the bearer token like the
 * JWT authorizer, and invokes the same handlers with payload-v2 events. Nothing here runs on AWS.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '#domain/clock.js';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { matchRoute, type FunctionName } from '#http/paths.js';
import type { DevIssuer } from './dev-auth.js';
import type { RawAnswer } from './oidc.js';
import type { LocalWeb } from './web.js';
import type { Container } from '#app/composition-root.js';
import { loadHandler } from './functions.js';

/** Extra local-only endpoints (dev clock, ticking the scheduler, …), under `/_dev/`. */
export type DevRoute = (request: { method: string; path: string; body: unknown; query: URLSearchParams }) => Promise<{ status: number; body: unknown } | undefined>;

export interface LocalApiOptions {
  port?: number;
  issuer: DevIssuer;
  devRoutes?: DevRoute[];
  /** Size limit API Gateway applies to payloads (10 MB); the handlers apply their own, smaller limit. */
  maxBodyBytes?: number;
  /** The local OpenID provider under /_dev/oidc (the werkplek's sign-in). */
  oidc?: (method: string, url: URL, body: string) => Promise<RawAnswer | undefined>;
  /** The werkplek's build, served as CloudFront serves it; the API is then also at `/api/*`, as behind CloudFront. */
  web?: LocalWeb;
  /** The container the handlers are bound to (the local stack's; see shared/local/functions.ts). */
  container: Container;
}

export interface LocalApi {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startLocalApi(options: LocalApiOptions): Promise<LocalApi> {
  const server = createServer((req, res) => {
    handle(req, res, options).catch((error) => {
      console.error('local api error', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ type: 'about:blank', title: 'Local server error', status: 500 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, headers: Record<string, string | number | boolean>, body: string | Buffer): void {
  res.writeHead(status, Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)])));
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse, options: LocalApiOptions): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const raw = await readBody(req, options.maxBodyBytes ?? 10 * 1024 * 1024);
  if (raw === 'too-large') return send(res, 413, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Request Entity Too Large' }));

  const signIn = await options.oidc?.(method, url, raw.toString('utf8'));
  if (signIn) return send(res, signIn.status, signIn.headers, method === 'HEAD' ? '' : signIn.body);
  // Behind CloudFront the API is at /api/* of the app's origin; API Gateway's own address (the root here) stays too.
  if (url.pathname.startsWith('/api/')) url.pathname = url.pathname.slice('/api'.length);
  else if (options.web) {
    const app = options.web.serve(method, url, req.headers.accept);
    if (app) return send(res, app.status, app.headers, method === 'HEAD' ? '' : app.body);
  }

  if (url.pathname.startsWith('/_dev/')) {
    const body = raw.length ? safeJson(raw.toString('utf8')) : undefined;
    for (const route of options.devRoutes ?? []) {
      const answer = await route({ method, path: url.pathname, body, query: url.searchParams });
      if (answer) return send(res, answer.status, { 'content-type': 'application/json' }, JSON.stringify(answer.body));
    }
    if (url.pathname === '/_dev/jwks.json') return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify(options.issuer.jwks()));
  }

  const { match } = matchRoute(method, url.pathname);
  const fn: FunctionName = match?.route.function ?? 'not-found';
  let claims: Record<string, unknown> | undefined;
  if (match?.route.authenticated) {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    try {
      if (!token) throw new Error('missing');
      claims = (await options.issuer.verify(token)) as Record<string, unknown>;
    } catch {
      // API Gateway's JWT authorizer answers 401 before any function runs.
      return send(
        res,
        401,
        { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' },
        JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Een geldig toegangstoken is nodig.' }),
      );
    }
  }
  const event = toEvent(req, url, method, raw, match?.route ? `${match.route.method} ${match.route.path}` : '$default', match?.params, claims);
  const handler = await loadHandler(fn, options.container);
  const result = (await handler(event, lambdaContext(fn))) as APIGatewayProxyStructuredResultV2;
  const headers = { ...(result.headers ?? {}) } as Record<string, string | number | boolean>;
  send(res, result.statusCode ?? 200, headers, typeof result.body === 'string' ? result.body : '');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  method: string,
  raw: Buffer,
  routeKey: string,
  params: Record<string, string> | undefined,
  claims: Record<string, unknown> | undefined,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  // API Gateway stamps a request with the real time, whatever the dev clock says.
  const now = new Date(systemClock.now());
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(params && Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
      ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
    },
    ...(raw.length ? { body: raw.toString('utf8'), isBase64Encoded: false } : { isBase64Encoded: false }),
  } as APIGatewayProxyEventV2;
}

function lambdaContext(functionName: string) {
  return {
    functionName,
    functionVersion: '$LATEST',
    awsRequestId: randomUUID(),
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
