import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch } from '../test/render';
import { decodeClaims, session } from './session';

const token = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
const tokens = (expiresInSeconds: number, refreshToken = 'r1') => ({
  accessToken: token({ jti: crypto.randomUUID(), sub: 'u1', name: 'Kim', email: 'k@example.com', roles: 'owner', memberships: [{ restaurantId: 'r-1', role: 'owner' }], exp: Math.floor(Date.now() / 1000) + expiresInSeconds }),
  refreshToken, tokenType: 'Bearer', expiresIn: expiresInSeconds,
});

afterEach(() => {
  vi.unstubAllGlobals();
  session.expire();
});

describe('session', () => {
  it('reads roles and memberships from the access token, Korean names included', () => {
    const claims = decodeClaims(token({ sub: 'u', name: '김민수', email: 'e', roles: ['owner'], memberships: [{ restaurantId: 'r', role: 'owner' }], exp: 1 }));
    expect(claims).toMatchObject({ name: '김민수', roles: ['owner'], memberships: [{ restaurantId: 'r', role: 'owner' }], exp: 1000 });
  });

  it('refreshes silently when the access token is about to expire, rotating the refresh token', async () => {
    const fetch = fakeFetch({ status: 200, body: tokens(10, 'r1') }, { status: 200, body: tokens(900, 'r2') });
    vi.stubGlobal('fetch', fetch.fn);
    await session.login('k@example.com', 'Kimchi-2026!');
    const access = await session.accessToken();
    expect(fetch.sent[1].url).toMatch(/\/api\/auth\/refresh$/);
    expect(fetch.sent[1].body).toEqual({ refreshToken: 'r1' });
    expect(access).toBe(session.current.tokens!.accessToken);
    expect(session.current.tokens!.refreshToken).toBe('r2');
  });

  it('adopts tokens another tab stored instead of spending a used refresh token', async () => {
    const fetch = fakeFetch({ status: 200, body: tokens(10, 'r1') });
    vi.stubGlobal('fetch', fetch.fn);
    await session.login('k@example.com', 'Kimchi-2026!');
    const other = tokens(900, 'r-other');
    localStorage.setItem('brigade.session', JSON.stringify({ accessToken: other.accessToken, refreshToken: 'r-other', expiresAt: Date.now() + 900_000 }));
    await session.refresh();
    expect(fetch.sent).toHaveLength(1);
    expect(session.current.tokens!.refreshToken).toBe('r-other');
  });

  it('ends the session when the refresh token is refused', async () => {
    vi.stubGlobal('fetch', fakeFetch({ status: 200, body: tokens(10) }, { status: 401, body: { status: 401 } }).fn);
    await session.login('k@example.com', 'Kimchi-2026!');
    expect(await session.accessToken()).toBeNull();
    expect(session.current.user).toBeNull();
    expect(localStorage.getItem('brigade.session')).toBeNull();
  });
});

describe('typed client', () => {
  it('retries a request refused with 401 once with a fresh token, and keeps the session when that works', async () => {
    const { api, ok } = await import('./client');
    const fetch = fakeFetch(
      { status: 200, body: tokens(900, 'r1') },
      { status: 401, body: { status: 401, title: 'Unauthorized' } },
      { status: 200, body: tokens(900, 'r2') },
      { status: 200, body: { unread: 3 } },
    );
    vi.stubGlobal('fetch', fetch.fn);
    await session.login('k@example.com', 'Kimchi-2026!');
    const result = await ok(api.GET('/api/notifications/unread-count'));
    expect(result).toEqual({ unread: 3 });
    expect(fetch.sent.map(s => new URL(s.url).pathname)).toEqual(['/api/auth/login', '/api/notifications/unread-count', '/api/auth/refresh', '/api/notifications/unread-count']);
    expect(fetch.sent[3].headers.get('Authorization')).not.toBe(fetch.sent[1].headers.get('Authorization'));
    expect(session.current.user).not.toBeNull();
  });

  it('keeps a refreshed session when a service goes on refusing, and ends it when the refresh is refused', async () => {
    const { api } = await import('./client');
    const refused = { status: 401, body: { status: 401 } };
    vi.stubGlobal('fetch', fakeFetch({ status: 200, body: tokens(900, 'r1') }, refused, { status: 200, body: tokens(900, 'r2') }, refused, refused, refused).fn);
    await session.login('k@example.com', 'Kimchi-2026!');
    expect((await api.GET('/api/notifications/unread-count')).response.status).toBe(401);
    expect(session.current.user).not.toBeNull();

    vi.stubGlobal('fetch', fakeFetch(refused, refused).fn);
    expect((await api.GET('/api/notifications/unread-count')).response.status).toBe(401);
    expect(session.current.user).toBeNull();
  });
});
