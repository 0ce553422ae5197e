/**
 * The one HTTP client of the werkplek: the same API as curl uses (problem+json errors, Idempotency-Key on POST,
 * If-Match), under `/api` of the app's own origin (CloudFront on AWS, the local server locally).
 */
import { accessToken } from './auth';

export interface FieldError {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  currentVersion?: number;
  [key: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
}

let apiBase = '/api';
export function setApiBase(base: string): void {
  apiBase = base.replace(/\/$/, '');
}

export interface ApiResult<T> {
  body: T;
  etag?: string;
  status: number;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  idempotencyKey?: string;
  ifMatch?: number | string;
  accept?: string;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const token = await accessToken();
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${String(options.ifMatch).replace(/"/g, '')}"`;
  let response: Response;
  try {
    response = await fetch(apiBase + path, { method: options.method ?? 'GET', headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  } catch {
    throw new ApiError({ title: 'Geen verbinding', status: 0, detail: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.' });
  }
  const text = await response.text();
  const body = text && (response.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as unknown) : text;
  if (!response.ok) {
    const problem = (typeof body === 'object' && body ? body : {}) as Partial<Problem>;
    throw new ApiError({ ...problem, title: problem.title ?? response.statusText, status: response.status });
  }
  return { body: body as T, status: response.status, ...(response.headers.get('etag') ? { etag: response.headers.get('etag')! } : {}) };
}

export const get = <T>(path: string) => request<T>(path).then((r) => r.body);
