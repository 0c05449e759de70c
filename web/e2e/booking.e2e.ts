import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { account, call, claims, context, eventually, launch, phone, shot, type Tokens } from './support';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const seoulDate = (daysAhead: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(Date.now() + daysAhead * 86_400_000));

/** A published restaurant with hours, a menu and tables, set up through the API as its owner would. */
async function openRestaurant() {
  const owner = await account('business', '박사장');
  const name = `e2e 한식당 ${Date.now().toString(36)}`;
  const restaurant = await call<{ id: string }>('POST', '/api/restaurants', {
    name, nameEn: 'E2E Hansik', cuisine: 'korean', address: '서울 중구 세종대로 110', location: { lat: 37.5663, lng: 126.9779 }, priceRange: 2,
  }, owner.tokens.accessToken);
  // Reservations reads restaurant rights from the token, which learns of the restaurant through identity's events.
  let tokens: Tokens = owner.tokens;
  await eventually('the owner token to carry the restaurant', async () => {
    tokens = await call<Tokens>('POST', '/api/auth/refresh', { refreshToken: tokens.refreshToken });
    return claims(tokens.accessToken).memberships?.some((m: { restaurantId: string }) => m.restaurantId === restaurant.id);
  });
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  await call('PUT', `/api/restaurants/${restaurant.id}/hours`, { weekly: days.map(day => ({ day, open: '11:00', close: '22:00' })), exceptions: [] }, tokens.accessToken);
  await call('POST', `/api/restaurants/${restaurant.id}/menu/items`, { name: '평양냉면', price: { amount: 16000, currency: 'KRW' }, category: '식사' }, tokens.accessToken);
  await call('POST', `/api/restaurants/${restaurant.id}/menu/items`, { name: '녹두전', price: { amount: 14000, currency: 'KRW' }, category: '곁들임', allergens: ['soy'] }, tokens.accessToken);
  for (const label of ['T1', 'T2', 'T3']) {
    await call('POST', `/api/restaurants/${restaurant.id}/tables`, { label, minCapacity: 1, maxCapacity: 4, area: '홀' }, tokens.accessToken);
  }
  await call('POST', `/api/restaurants/${restaurant.id}/publish`, undefined, tokens.accessToken);
  const date = seoulDate(2);
  await eventually('the restaurant to be bookable', async () => {
    const a = await call<{ slots: unknown[] }>('GET', `/api/reservations/availability?restaurantId=${restaurant.id}&date=${date}&partySize=2`);
    return a.slots.length > 0;
  });
  return { id: restaurant.id, name, owner: { ...owner, tokens }, date };
}

describe('booking', () => {
  it('a diner books, the dashboard shows it live, the diner cancels and the dashboard sees that too', async () => {
    const restaurant = await openRestaurant();
    const diner = await account('diner', '김민수');

    // The owner's dashboard is open on the booking's date before the booking exists.
    const ownerCtx = await context(browser, { session: restaurant.owner.tokens });
    const dashboard = await ownerCtx.newPage();
    const dinerCtx = await context(browser);
    const page = await dinerCtx.newPage();
    onTestFailed(async () => { await shot(dashboard, 'failed-dashboard'); await shot(page, 'failed-diner'); });
    await dashboard.goto(`/manage/${restaurant.id}`);
    await dashboard.getByLabel('날짜').fill(restaurant.date);
    await dashboard.getByText('이 날짜의 예약이 없습니다').waitFor();
    await dashboard.locator('[data-testid="live-state"][data-state="live"]').waitFor();

    // The diner finds the restaurant, logs in from the booking panel and books.
    await page.goto(`/?q=${encodeURIComponent(restaurant.name)}`);
    await page.getByRole('link', { name: new RegExp(restaurant.name) }).click();
    await page.getByRole('heading', { name: restaurant.name }).waitFor();
    const panel = page.locator('aside');
    await panel.getByLabel('날짜').fill(restaurant.date);
    await panel.getByRole('radiogroup', { name: new RegExp(`${Number(restaurant.date.slice(8))}일`) }).getByRole('radio', { name: '19:00' }).click();
    await panel.getByRole('link', { name: '로그인' }).click();
    await page.getByLabel('이메일 또는 아이디').fill(diner.email);
    await page.getByLabel('비밀번호').fill(diner.password);
    await page.getByRole('button', { name: '로그인' }).click();
    // Back on the restaurant page with the date and time still chosen.
    await panel.getByRole('radiogroup', { name: new RegExp(`${Number(restaurant.date.slice(8))}일`) }).getByRole('radio', { name: '19:00', checked: true }).waitFor();
    await shot(page, 'restaurant');
    await panel.getByLabel('휴대전화').fill('010-2345-6789');
    await panel.getByLabel('요청 사항').fill('창가 자리 부탁드립니다');
    await panel.getByRole('button', { name: '예약 확정' }).click();
    await panel.getByText('예약이 확정되었습니다').waitFor();
    await shot(page, 'booking-confirmed');

    // Live: the row appears on the open dashboard without a reload, marked new.
    const row = dashboard.locator('[data-testid="booking-row"]', { hasText: '김민수' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.getAttribute('data-status')).toBe('confirmed');
    expect(await row.getByText('새 예약').count()).toBe(1);
    await shot(dashboard, 'dashboard-today');

    // The diner's bell learns of the confirmation live too.
    await page.getByTestId('unread-count').waitFor({ timeout: 30_000 });

    // The diner cancels, seeing what comes back before confirming.
    await page.goto('/reservations');
    const mine = page.locator('[data-testid="reservation"][data-status="confirmed"]');
    await mine.waitFor();
    await page.getByRole('button', { name: '취소' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('refund-preview').getByText('예약금이 없는 예약이라 취소 수수료가 없습니다.').waitFor();
    await shot(page, 'cancel-dialog');
    await dialog.getByRole('button', { name: '예약 취소' }).click();
    await page.locator('[data-testid="reservation"][data-status="cancelled"]').waitFor();
    await shot(page, 'my-reservations');

    await dashboard.locator('[data-testid="booking-row"][data-status="cancelled"]', { hasText: '김민수' }).waitFor({ timeout: 30_000 });
    await ownerCtx.close();
    await dinerCtx.close();
  });

  it('staff move a party through arrive, seat and complete; the restaurant pages render on a phone', async () => {
    const restaurant = await openRestaurant();
    const booking = await call<{ id: string }>('POST', '/api/reservations', {
      restaurantId: restaurant.id, partySize: 3, start: `${restaurant.date}T12:00:00+09:00`, guest: { name: '최지우', phone: '010-5555-1234' },
    }, restaurant.owner.tokens.accessToken, { 'Idempotency-Key': crypto.randomUUID() });
    expect(booking.id).toBeTruthy();

    const ctx = await context(browser, { session: restaurant.owner.tokens });
    const page = await ctx.newPage();
    await page.goto(`/manage/${restaurant.id}`);
    await page.getByLabel('날짜').fill(restaurant.date);
    const row = page.locator('[data-testid="booking-row"]', { hasText: '최지우' });
    await row.getByRole('button', { name: '도착' }).click();
    await page.locator('[data-testid="booking-row"][data-status="arrived"]').waitFor();
    await row.getByRole('button', { name: '착석' }).click();
    await page.locator('[data-testid="booking-row"][data-status="seated"]').waitFor();
    await row.getByRole('button', { name: '완료' }).click();
    await page.locator('[data-testid="booking-row"][data-status="completed"]').waitFor();

    await page.goto(`/manage/${restaurant.id}/guests`);
    await page.getByRole('cell', { name: /최지우/ }).waitFor();
    await shot(page, 'guests');

    await page.goto(`/manage/${restaurant.id}/waitlist`);
    await page.getByLabel('이름').fill('정하늘');
    await page.getByRole('button', { name: '등록', exact: true }).click();
    await page.getByText('정하늘').waitFor();
    await shot(page, 'waitlist');
    await page.getByRole('button', { name: '입장 안내' }).click();
    await page.locator('[data-testid="waitlist-entry"][data-status="ready"]', { hasText: '정하늘' }).waitFor();

    await page.goto(`/manage/${restaurant.id}/setup`);
    await page.getByRole('button', { name: '예약 설정 저장' }).waitFor();
    await shot(page, 'setup');
    await page.goto('/manage');
    await page.getByRole('link', { name: '오늘 예약' }).first().waitFor();
    await shot(page, 'manage');
    await page.goto('/manage/new');
    await page.getByLabel('식당 이름').waitFor();
    await shot(page, 'create-restaurant');

    await page.setViewportSize(phone);
    await page.goto(`/manage/${restaurant.id}`);
    await page.getByLabel('날짜').fill(restaurant.date);
    await page.locator('[data-testid="booking-row"]').first().waitFor();
    await shot(page, 'dashboard-phone');
    await page.goto(`/restaurants/${restaurant.id}`);
    await page.getByRole('heading', { name: restaurant.name }).waitFor();
    await shot(page, 'restaurant-phone');
    await page.goto('/');
    await page.getByRole('heading', { name: '오늘 어디서 드실까요?' }).waitFor();
    await page.locator('main li a').first().waitFor();
    await shot(page, 'search-phone');
    await ctx.close();
  });

  it('an owner opens a restaurant through the onboarding pages and diners can then find it', async () => {
    const owner = await account('business', '오너 한');
    const ctx = await context(browser, { session: owner.tokens });
    const page = await ctx.newPage();
    const name = `온보딩 식당 ${Date.now().toString(36)}`;
    await page.goto('/manage');
    await page.getByRole('link', { name: '식당 등록' }).click();
    await page.getByLabel('식당 이름').fill(name);
    await page.getByLabel('주소').fill('서울 종로구 세종대로 175');
    await page.getByRole('button', { name: '등록하고 설정하기' }).click();

    // Setup: hours (the defaults), a dish, a table, booking settings with a refund window, then publish.
    await page.getByRole('button', { name: '영업시간 저장' }).click();
    await page.getByText('저장했습니다.').first().waitFor();
    await page.getByLabel('메뉴 이름').fill('비빔밥');
    await page.getByLabel('가격 (원)').fill('12000');
    await page.getByRole('button', { name: '메뉴 추가' }).click();
    await page.getByText('12,000원').waitFor();
    await page.getByLabel('테이블 이름').fill('A1');
    await page.getByRole('button', { name: '테이블 추가' }).click();
    await page.getByText('A1 · 1–4명').waitFor();
    await page.getByRole('button', { name: '환불 구간 추가' }).click();
    await page.getByRole('button', { name: '예약 설정 저장' }).click();
    await page.getByLabel('환불 비율 (%)').waitFor();
    await page.getByRole('button', { name: '지금 공개하기' }).click();
    await page.getByText('공개되어 손님이 예약할 수 있습니다.').waitFor();
    await shot(page, 'onboarding-done');

    const settings = await eventually('the refund window to be saved', async () => {
      const s = await call<{ cancellation: { windows: { minutesBefore: number; refundPercent: number }[] } }>(
        'GET', `/api/reservations/settings/${page.url().split('/manage/')[1].split('/')[0]}`, undefined, owner.tokens.accessToken);
      return s.cancellation?.windows?.length ? s : undefined;
    });
    expect(settings.cancellation.windows[0]).toMatchObject({ minutesBefore: 1440, refundPercent: 100 });
    const found = await call<{ items: { name: string }[] }>('GET', `/api/restaurants?query=${encodeURIComponent(name)}`);
    expect(found.items.map(r => r.name)).toContain(name);
    await ctx.close();
  });
});
