/**
 * The werkplek's security headers: one definition for CloudFront's response headers policy (infra/constructs/web.ts)
 * and the local server (shared/local/web.ts), so the browser tests run under the CSP that production sends.
 * No 'unsafe-inline' for scripts or styles: the built app has neither inline scripts nor style attributes in its
 * HTML (React sets styles through the CSSOM, which CSP does not govern).
 */

/**
 * `signIn`: the origins of sign-in — the managed login's host (token calls, and the navigation to it) and the issuer's
 * (OpenID discovery, JWKS) on AWS; none locally, where the provider is the same origin. No frames in or out: silent
 * renew uses the refresh token, not an iframe.
 */
export function webContentSecurityPolicy(signIn: { login?: string; issuer?: string } = {}): string {
  const connect = [signIn.login, signIn.issuer].filter(Boolean).map((o) => ` ${o}`).join('');
  const navigate = signIn.login ? ` ${signIn.login}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${connect}`,
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action 'self'${navigate}`,
  ].join('; ');
}

export const WEB_SECURITY_HEADERS = {
  /** Two years, subdomains, preload: the site is only ever served over TLS. */
  strictTransportSecurity: 'max-age=63072000; includeSubDomains; preload',
  contentTypeOptions: 'nosniff',
  frameOptions: 'DENY',
  referrerPolicy: 'strict-origin-when-cross-origin',
  permissionsPolicy: 'camera=(), microphone=(), geolocation=(), payment=()',
} as const;

/** The same headers as HTTP header names, for a plain server (the local one: sign-in on the same origin). */
export function webHeaders(): Record<string, string> {
  return {
    'content-security-policy': webContentSecurityPolicy(),
    'strict-transport-security': WEB_SECURITY_HEADERS.strictTransportSecurity,
    'x-content-type-options': WEB_SECURITY_HEADERS.contentTypeOptions,
    'x-frame-options': WEB_SECURITY_HEADERS.frameOptions,
    'referrer-policy': WEB_SECURITY_HEADERS.referrerPolicy,
    'permissions-policy': WEB_SECURITY_HEADERS.permissionsPolicy,
  };
}

/** What the app reads at start-up, so one build runs locally and on every stage. */
export interface WebRuntimeConfig {
  /** The OpenID provider (its discovery document is at `<authority>/.well-known/openid-configuration`). */
  authority: string;
  clientId: string;
  /** Where the API is, relative to the app (CloudFront routes `/api/*` to API Gateway). */
  apiBase: string;
  /** Cognito publishes no end_session_endpoint: its logout URL, when the provider has no endpoint of its own. */
  logoutUrl?: string;
  /** A label for the environment shown in the header ("lokaal", "acceptatie"); none in production. */
  environment?: string;
}

