/**
 * The werkplek's security headers: one definition for CloudFront's response headers policy (infra/constructs/web.ts)
 * and the local server (shared/local/web.ts), so the browser tests run under the CSP that production sends.
 * No 'unsafe-inline' for scripts or styles: the built app has neither inline scripts nor style attributes in its
 * HTML (React sets styles through the CSSOM, which CSP does not govern).
 */

/** `identityOrigin`: where sign-in happens (Cognito's domain on AWS; the same origin locally). */
export function webContentSecurityPolicy(identityOrigin?: string): string {
  const idp = identityOrigin ? ` ${identityOrigin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${idp}`,
    `form-action 'self'${idp}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
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

/** The same headers as HTTP header names, for a plain server. */
export function webHeaders(identityOrigin?: string): Record<string, string> {
  return {
    'content-security-policy': webContentSecurityPolicy(identityOrigin),
    'strict-transport-security': WEB_SECURITY_HEADERS.strictTransportSecurity,
    'x-content-type-options': WEB_SECURITY_HEADERS.contentTypeOptions,
    'x-frame-options': WEB_SECURITY_HEADERS.frameOptions,
    'referrer-policy': WEB_SECURITY_HEADERS.referrerPolicy,
    'permissions-policy': WEB_SECURITY_HEADERS.permissionsPolicy,
  };
}
