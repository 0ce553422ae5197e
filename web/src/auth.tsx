/**
 * Sign-in with authorization code + PKCE (oidc-client-ts), the same code path locally (shared/local/oidc.ts) and on
 * AWS (Cognito managed login). Tokens live in sessionStorage (gone with the tab); the access token is renewed with
 * the refresh token before it expires, so a long form survives — and a form saves its draft when renewal is due.
 */
import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { RuntimeConfig } from './config';

export interface Profile {
  name: string;
  organisationId: string;
  role: string;
  teamId?: string;
  regio?: string;
}

let manager: UserManager | undefined;
let config: RuntimeConfig | undefined;

export function createAuth(runtime: RuntimeConfig): UserManager {
  config = runtime;
  manager = new UserManager({
    authority: runtime.authority,
    client_id: runtime.clientId,
    redirect_uri: `${location.origin}/auth/callback`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: 'openid profile email',
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 120,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  return manager;
}

export function authManager(): UserManager {
  if (!manager) throw new Error('auth not initialised');
  return manager;
}

export async function accessToken(): Promise<string | undefined> {
  const user = await authManager().getUser();
  return user && !user.expired ? user.access_token : undefined;
}

/** The organisation and role are claims of the access token (Cognito: the pre-token-generation trigger). */
export function profileOf(user: User): Profile {
  const claims = JSON.parse(atob(user.access_token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, string>;
  return {
    name: (user.profile.name as string | undefined) ?? user.profile.sub,
    organisationId: claims['custom:org'] ?? '',
    role: claims['custom:role'] ?? '',
    ...(claims['custom:team'] ? { teamId: claims['custom:team'] } : {}),
    ...(claims['custom:regio'] ? { regio: claims['custom:regio'] } : {}),
  };
}

export function signIn(returnTo: string): Promise<void> {
  return authManager().signinRedirect({ state: { returnTo } });
}

export async function signOut(): Promise<void> {
  const m = authManager();
  if (config?.logoutUrl) {
    await m.removeUser();
    location.assign(config.logoutUrl);
    return;
  }
  await m.signoutRedirect();
}

interface AuthState {
  user: User | null;
  profile: Profile | null;
  ready: boolean;
}

const AuthContext = createContext<AuthState>({ user: null, profile: null, ready: false });

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ user: null, profile: null, ready: false });
  useEffect(() => {
    const m = authManager();
    const update = (user: User | null) => setState({ user: user && !user.expired ? user : null, profile: user && !user.expired ? profileOf(user) : null, ready: true });
    void m.getUser().then(update);
    const loaded = (user: User) => update(user);
    const unloaded = () => update(null);
    m.events.addUserLoaded(loaded);
    m.events.addUserUnloaded(unloaded);
    m.events.addAccessTokenExpired(unloaded);
    return () => {
      m.events.removeUserLoaded(loaded);
      m.events.removeUserUnloaded(unloaded);
      m.events.removeAccessTokenExpired(unloaded);
    };
  }, []);
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  return useContext(AuthContext);
}

/** Calls `save` shortly before the access token expires (and renewal is attempted): a long form keeps its text. */
export function useBeforeTokenExpiry(save: () => void): void {
  useEffect(() => {
    const m = authManager();
    m.events.addAccessTokenExpiring(save);
    return () => m.events.removeAccessTokenExpiring(save);
  }, [save]);
}
