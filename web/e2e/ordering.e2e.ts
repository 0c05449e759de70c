import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { account, call, claims, context, eventually, launch, phone, shot, type Tokens } from './support';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** A published restaurant with a menu (one item with a required size) and a table, known to ordering. */
async function openRestaurant() {
  const owner = await account('business', '이사장');
  const restaurant = await call<{ id: string; name: string }>('POST', '/api/restaurants', {
    name: `e2e 중식당 ${Date.now().toString(36)}`, cuisine: 'chinese', address: '서울 중구 명동길 1', location: { lat: 37.5636, lng: 126.9829 }, priceRange: 1,
  }, owner.tokens.accessToken);
  let tokens: Tokens = owner.tokens;
  await eventually('the owner token to carry the restaurant', async () => {
    tokens = await call<Tokens>('POST', '/api/auth/refresh', { refreshToken: tokens.refreshToken });
    return claims(tokens.accessToken).memberships?.some((m: { restaurantId: string }) => m.restaurantId === restaurant.id);
  });
  await call('POST', `/api/restaurants/${restaurant.id}/menu/items`, {
    name: '짜장면', price: { amount: 8000, currency: 'KRW' }, category: '면', description: '춘장에 볶은 돼지고기와 양파',
    modifierGroups: [{ name: '양', required: true, options: [{ name: '보통' }, { name: '곱빼기', priceDelta: { amount: 1000 } }] }],
  }, tokens.accessToken);
  await call('POST', `/api/restaurants/${restaurant.id}/menu/items`, { name: '탕수육', price: { amount: 18000, currency: 'KRW' }, category: '요리' }, tokens.accessToken);
  await call('POST', `/api/restaurants/${restaurant.id}/tables`, { label: 'T1', minCapacity: 1, maxCapacity: 4, area: '홀' }, tokens.accessToken);
  await call('POST', `/api/restaurants/${restaurant.id}/publish`, undefined, tokens.accessToken);
  const link = await eventually('ordering to know the table and the menu', async () => {
    const tables = await call<{ label: string; link: string }[]>('GET', `/api/orders/tables?restaurantId=${restaurant.id}`, undefined, tokens.accessToken);
    const table = tables.find(tb => tb.label === 'T1');
    if (!table) return null;
    const menu = await call<{ items: unknown[] }>('GET', `/api/carts/qr/${table.link.split('/').pop()}`);
    return menu.items.length === 2 ? table.link : null;
  });
  return { id: restaurant.id, name: restaurant.name, owner: { ...owner, tokens }, link };
}

describe('ordering', () => {
  it('a diner orders from the table by QR code, the order list and the kitchen display follow it live', async () => {
    const restaurant = await openRestaurant();
    const diner = await account('diner', '정다은');

    const staffCtx = await context(browser, { session: restaurant.owner.tokens });
    const orders = await staffCtx.newPage();
    const kitchen = await staffCtx.newPage();
    const guestCtx = await context(browser, { viewport: phone });
    const guest = await guestCtx.newPage();
    const dinerCtx = await context(browser, { session: diner.tokens, viewport: phone });
    const table = await dinerCtx.newPage();
    onTestFailed(async () => {
      await shot(orders, 'failed-orders');
      await shot(kitchen, 'failed-kitchen');
      await shot(table, 'failed-table');
    });
    await orders.goto(`/manage/${restaurant.id}/orders`);
    await orders.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    await kitchen.goto(`/manage/${restaurant.id}/kitchen`);
    await kitchen.locator('[data-testid="live-state"][data-state="live"]').waitFor();

    // Anyone can read the menu; ordering needs a sign-in.
    await guest.goto(restaurant.link);
    await guest.getByRole('heading', { name: '면' }).waitFor();
    await guest.getByRole('link', { name: '로그인하고 주문하기' }).waitFor();
    await shot(guest, 'table-menu-guest');

    await table.goto(restaurant.link);
    await table.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    const noodles = table.locator('[data-testid="menu-item"]', { hasText: '짜장면' });
    await noodles.getByRole('button', { name: '담기' }).click();
    const add = noodles.getByRole('button', { name: /담기 ·/ });
    expect(await add.isDisabled()).toBe(true);
    await noodles.getByRole('radio', { name: /곱빼기/ }).check();
    await noodles.getByRole('button', { name: '하나 더' }).click();
    await shot(table, 'table-choose-options');
    await add.click();
    await table.locator('[data-testid="cart-line"]', { hasText: '짜장면' }).waitFor();
    await table.getByText('18,000원').first().waitFor();
    await shot(table, 'table-cart');
    await table.getByRole('button', { name: '주문하기' }).click();
    await table.getByText('주문이 접수되었습니다').waitFor();
    await shot(table, 'table-ordered');

    // The order list learns of it live; the restaurant accepts it and the kitchen display gets the ticket live.
    const card = orders.locator('[data-testid="order-card"]', { hasText: '짜장면' });
    await card.waitFor({ timeout: 30_000 });
    expect(await card.getAttribute('data-status')).toBe('received');
    await shot(orders, 'orders-new');
    await card.getByRole('button', { name: '수락' }).click();
    await orders.locator('[data-testid="order-card"][data-status="accepted"]').waitFor();

    const ticket = kitchen.locator('[data-testid="ticket"]', { hasText: '짜장면' });
    await ticket.waitFor({ timeout: 30_000 });
    expect(await ticket.getAttribute('data-status')).toBe('fired');
    await ticket.getByText('곱빼기').waitFor();
    await shot(kitchen, 'kitchen-display');
    await ticket.getByRole('button', { name: '완료' }).click();
    await kitchen.locator('[data-testid="ticket"][data-status="bumped"]').waitFor();
    await orders.locator('[data-testid="order-card"][data-status="ready"]').waitFor({ timeout: 30_000 });

    // Served, then the check closes as paid at the counter.
    await orders.locator('[data-testid="order-card"][data-status="ready"]').getByRole('button', { name: '서빙' }).click();
    await orders.locator('[data-testid="order-card"][data-status="served"]').getByRole('button', { name: '계산 완료' }).click();
    await orders.getByRole('dialog').getByLabel('현장에서 결제했습니다').check();
    await orders.getByRole('dialog').getByRole('button', { name: '확인' }).click();
    await orders.getByRole('button', { name: '오늘 전체' }).click();
    await orders.locator('[data-testid="order-card"][data-status="closed"]').waitFor();
    await shot(orders, 'orders-closed');
    await orders.getByRole('button', { name: 'QR 코드' }).click();
    await orders.getByRole('img', { name: '테이블 T1 주문 QR 코드' }).waitFor();
    await shot(orders, 'orders-table-qr');

    // The diner follows it on their phone.
    await table.getByRole('link', { name: '주문 보기' }).click();
    await table.getByText('완료').first().waitFor();
    await shot(table, 'order-status');
    await table.goto('/orders');
    await table.locator('a', { hasText: restaurant.name }).getByText('짜장면', { exact: false }).waitFor();
    await shot(table, 'my-orders');

    await staffCtx.close();
    await guestCtx.close();
    await dinerCtx.close();
  });
  it('a diner pays for a table order by card on the order page, and the order shows it paid', async () => {
    const restaurant = await openRestaurant();
    const diner = await account('diner', '한결제');
    const token = restaurant.link.split('/').pop()!;
    const menu = await call<{ items: { id: string; name: string }[] }>('GET', `/api/carts/qr/${token}`);
    const pork = menu.items.find(i => i.name === '탕수육')!;
    const order = await call<{ id: string }>('POST', '/api/orders', { items: [{ productId: pork.id, quantity: 1 }], tableToken: token },
      diner.tokens.accessToken, { 'Idempotency-Key': `e2e-${Date.now()}` });

    const ctx = await context(browser, { session: diner.tokens, viewport: phone });
    const page = await ctx.newPage();
    onTestFailed(async () => { await shot(page, 'failed-order-pay'); });
    await page.goto(`/orders/${order.id}`);
    await page.getByText('미결제').waitFor();
    await page.getByRole('button', { name: '18,000원 카드로 결제' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('카드 번호').fill('4111 1111 1111 1111');
    await dialog.getByLabel('유효기간 (MM/YY)').fill('12/30');
    await dialog.getByLabel('CVC').fill('123');
    await dialog.getByRole('button', { name: '18,000원 결제하기' }).click();
    await page.getByText('결제가 완료되었습니다.').waitFor({ timeout: 30_000 });
    await page.getByText('결제 완료', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /카드로 결제/ }).count()).toBe(0);
    await shot(page, 'order-paid-phone');
    await ctx.close();
  });
});
