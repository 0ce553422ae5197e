/**
 * The local dev issuer: stands in for the Cognito user pool. It signs RS256 JWTs with the same claims Cognito
 * puts in ours (`custom:org`, `custom:role`, …), and the local server verifies them the way API Gateway's JWT
 * authorizer does (signature, issuer, audience, expiry). The key pair is kept under .data so tokens survive restarts.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Role } from '#domain/roles.js';

export const DEV_ISSUER = 'https://omslagroute.local/dev-issuer';
export const DEV_AUDIENCE = 'omslagroute-api';
/** The key pair the local server (`npm start`, data in `.data/`) and `npm run token` share. Never used on AWS. */
export const DEV_KEY_FILE = '.data/dev-issuer.json';

interface StoredKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface DevIssuer {
  /** `expiresIn`: a jose time span ('8h', '15m'; '-1h' for an already expired token in tests) or epoch seconds. */
  mint(claims: DevClaims, options?: MintOptions): Promise<string>;
  verify(token: string): Promise<JWTPayload>;
  jwks(): { keys: JWK[] };
}

export interface MintOptions {
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
  /** `id` for the local OpenID provider's ID token (audience: the web client); `access` for the API. */
  tokenUse?: 'access' | 'id';
  /** Further claims (the ID token's `name`, `nonce`). */
  extra?: Record<string, string>;
}

export interface DevClaims {
  sub: string;
  organisationId: string;
  role: Role;
  teamId?: string;
  regio?: string;
}

export async function devIssuer(keyFile?: string): Promise<DevIssuer> {
  const keys = await loadOrCreateKeys(keyFile);
  const privateKey = await importJWK(keys.privateJwk, 'RS256');
  const publicKey = await importJWK(keys.publicJwk, 'RS256');
  return {
    async mint(claims, options = {}) {
      return new SignJWT({
        'custom:org': claims.organisationId,
        'custom:role': claims.role,
        ...(claims.teamId ? { 'custom:team': claims.teamId } : {}),
        ...(claims.regio ? { 'custom:regio': claims.regio } : {}),
        ...options.extra,
        token_use: options.tokenUse ?? 'access',
      })
        .setProtectedHeader({ alg: 'RS256', kid: keys.publicJwk.kid! })
        .setSubject(claims.sub)
        .setIssuer(options.issuer ?? DEV_ISSUER)
        .setAudience(options.audience ?? DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '8h')
        .sign(privateKey);
    },
    async verify(token) {
      // As API Gateway's JWT authorizer: signature (RS256 only, no `none`, no HMAC), issuer, audience, exp/nbf.
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: ['RS256'],
        requiredClaims: ['exp', 'sub'],
      });
      return payload;
    },
    jwks: () => ({ keys: [keys.publicJwk] }),
  };
}

async function loadOrCreateKeys(keyFile?: string): Promise<StoredKeys> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as StoredKeys;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `dev-${randomUUID().slice(0, 8)}`;
  const keys: StoredKeys = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(keys), { mode: 0o600 });
  }
  return keys;
}
