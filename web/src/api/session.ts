// The signed-in session: tokens in localStorage (so a reload or a second tab stays signed in), the user read
// from the access token's claims, and silent refresh shortly before the access token expires. Refresh tokens
// rotate on every use and a reused one ends the whole session, so tabs refresh one at a time (Web Locks) and
// a tab that waited adopts the tokens the other tab just stored instead of spending its stale refresh token.
import { useSyncExternalStore } from 'react';

export type Membership = { restaurantId: string; role: string };
export type User = { id: string; name: string; email: string; roles: string[]; memberships: Membership[] };
export type Tokens = { accessToken: string; refreshToken: string; expiresAt: number };
type TokenResponse = { accessToken: string; refreshToken: string; expiresIn: number | string };

const storageKey = 'brigade.session';
/** Refresh this long before the access token expires. */
const refreshMargin = 60_000;

export function decodeClaims(accessToken: string): User & { exp: number } {
  const part = accessToken.split('.')[1] ?? '';
  const json = new TextDecoder().decode(
    Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=')), c => c.charCodeAt(0)));
  const claims = JSON.parse(json);
  const roles = claims.roles ?? claims.role ?? [];
  return {
    id: claims.sub,
    name: claims.name ?? '',
    email: claims.email ?? '',
    roles: Array.isArray(roles) ? roles : [roles],
    memberships: Array.isArray(claims.memberships) ? claims.memberships : [],
    exp: Number(claims.exp) * 1000,
  };
}

export class AuthError extends Error {
  constructor(public status: number, public problem: { title?: string; detail?: string; errors?: Record<string, string[]> } | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

async function post(path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

function toTokens(r: TokenResponse): Tokens {
  return { accessToken: r.accessToken, refreshToken: r.refreshToken, expiresAt: Date.now() + Number(r.expiresIn) * 1000 };
}

type Snapshot = { tokens: Tokens | null; user: User | null };

class Session {
  private snapshot: Snapshot = { tokens: null, user: null };
  private listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<Tokens | null> | null = null;

  constructor() {
    if (typeof window === 'undefined') return;
    this.adopt(this.read());
    window.addEventListener('storage', e => {
      if (e.key === storageKey) this.adopt(this.read());
    });
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get current(): Snapshot {
    return this.snapshot;
  }

  private read(): Tokens | null {
    try {
      const raw = localStorage.getItem(storageKey);
      return raw ? (JSON.parse(raw) as Tokens) : null;
    } catch {
      return null;
    }
  }

  private adopt(tokens: Tokens | null) {
    let user: User | null = null;
    if (tokens) {
      try {
        const { exp: _exp, ...claims } = decodeClaims(tokens.accessToken);
        user = claims;
      } catch {
        tokens = null;
      }
    }
    this.snapshot = { tokens, user };
    clearTimeout(this.timer);
    if (tokens) {
      const due = Math.max(tokens.expiresAt - Date.now() - refreshMargin, 1_000);
      this.timer = setTimeout(() => void this.refresh().catch(() => undefined), Math.min(due, 2 ** 31 - 1));
    }
    this.listeners.forEach(l => l());
  }

  private store(tokens: Tokens | null) {
    if (tokens) localStorage.setItem(storageKey, JSON.stringify(tokens));
    else localStorage.removeItem(storageKey);
    this.adopt(tokens);
  }

  async login(login: string, password: string): Promise<User> {
    const body = login.includes('@') ? { email: login, password } : { username: login, password };
    const response = await post('/api/auth/login', body);
    if (!response.ok) throw new AuthError(response.status, await response.json().catch(() => null));
    this.store(toTokens(await response.json()));
    return this.snapshot.user!;
  }

  /** A fresh access token, refreshing first when it is about to expire; null when signed out. */
  async accessToken(): Promise<string | null> {
    const tokens = this.snapshot.tokens;
    if (!tokens) return null;
    if (tokens.expiresAt - Date.now() > refreshMargin / 2) return tokens.accessToken;
    return (await this.refresh())?.accessToken ?? null;
  }

  /** Rotates the refresh token; the new access token carries the current roles and memberships. */
  refresh(): Promise<Tokens | null> {
    this.refreshing ??= this.withLock(async () => {
      const before = this.snapshot.tokens;
      const stored = this.read();
      // Another tab refreshed while this one waited: take its tokens.
      if (stored && before && stored.refreshToken !== before.refreshToken && stored.expiresAt - Date.now() > refreshMargin) {
        this.adopt(stored);
        return stored;
      }
      if (!stored) {
        this.adopt(null);
        return null;
      }
      const response = await post('/api/auth/refresh', { refreshToken: stored.refreshToken });
      if (response.status === 400 || response.status === 401) {
        this.store(null);
        return null;
      }
      if (!response.ok) throw new AuthError(response.status, await response.json().catch(() => null));
      const tokens = toTokens(await response.json());
      this.store(tokens);
      return tokens;
    }).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? locks.request('brigade.session.refresh', work) : work();
  }

  async logout(): Promise<void> {
    const tokens = this.snapshot.tokens;
    this.store(null);
    if (tokens) {
      await post('/api/auth/logout', { refreshToken: tokens.refreshToken }, tokens.accessToken).catch(() => undefined);
    }
  }

  /** Drops the session without telling the server (it already refused the token). */
  expire() {
    this.store(null);
  }
}

export const session = new Session();

export function useSession(): Snapshot {
  return useSyncExternalStore(session.subscribe, () => session.current, () => session.current);
}

export const isRestaurantPerson = (user: User | null) =>
  !!user && (user.roles.includes('owner') || user.roles.includes('admin') || user.memberships.length > 0);
