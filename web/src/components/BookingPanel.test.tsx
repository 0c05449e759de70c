import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Restaurant } from '../api/client';
import { session } from '../api/session';
import { todayIn } from '../lib/format';
import { fakeFetch, renderAt } from '../test/render';
import { BookingPanel } from './BookingPanel';

const restaurant = { id: 'r-1', name: '을지로 평양면옥', nameEn: null, timeZone: 'Asia/Seoul', currency: 'KRW' } as unknown as Restaurant;
const today = todayIn('Asia/Seoul');
const slots = { restaurantId: 'r-1', timeZone: 'Asia/Seoul', partySize: 2, from: today, to: today,
  slots: [{ start: `${today}T19:00:00+09:00`, end: `${today}T20:30:00+09:00`, coversLeft: 4 }] };
const tokens = { accessToken: `e30.${Buffer.from(JSON.stringify({ sub: 'u1', name: '김민수', roles: ['diner'], exp: Math.floor(Date.now() / 1000) + 900 })).toString('base64url')}.s`, refreshToken: 'r', expiresIn: 900 };

afterEach(() => {
  vi.unstubAllGlobals();
  session.expire();
});

describe('booking panel', () => {
  it('books the chosen time with one idempotency key per attempt and explains a taken table', async () => {
    const conflict = { status: 409, title: 'Conflict', detail: 'No table fits.', alternatives: [{ start: `${today}T19:30:00+09:00` }] };
    const fetch = fakeFetch(
      { status: 200, body: tokens },
      { status: 200, body: slots },
      { status: 409, body: conflict },
      { status: 409, body: conflict },
    );
    vi.stubGlobal('fetch', fetch.fn);
    await session.login('kim@example.com', 'Kimchi-2026!');
    renderAt(<BookingPanel restaurant={restaurant} />, '/restaurants/r-1');

    await userEvent.click(await screen.findByRole('radio', { name: '19:00' }));
    await userEvent.type(screen.getByLabelText('휴대전화'), '010-1234-5678');
    await userEvent.click(screen.getByRole('button', { name: '예약 확정' }));
    expect(await screen.findByText('방금 다른 분이 예약했습니다')).toBeInTheDocument();
    expect(screen.getByText('19:30')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '예약 확정' }));
    await waitFor(() => expect(fetch.sent).toHaveLength(4));
    const [first, second] = fetch.sent.slice(2);
    expect(first.body).toEqual({ restaurantId: 'r-1', partySize: 2, start: `${today}T19:00:00+09:00`, guest: { name: '김민수', phone: '010-1234-5678' }, notes: null });
    expect(first.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    // A retry of the same attempt reuses the key, so a lost answer can never book twice.
    expect(second.headers.get('Idempotency-Key')).toBe(first.headers.get('Idempotency-Key'));
    expect(first.headers.get('Authorization')).toBe(`Bearer ${tokens.accessToken}`);
  });

  it('asks a signed-out visitor to log in, keeping the chosen time in the return address', async () => {
    vi.stubGlobal('fetch', fakeFetch({ status: 200, body: slots }).fn);
    renderAt(<BookingPanel restaurant={restaurant} />, '/restaurants/r-1');
    await userEvent.click(await screen.findByRole('radio', { name: '19:00' }));
    expect(screen.getByText('예약하려면 로그인해 주세요.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '로그인' }).getAttribute('href')).toContain(encodeURIComponent('/restaurants/r-1'));
  });
});
