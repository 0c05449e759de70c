import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { account, call, claims, context, desktop, eventually, launch, phone, shot, type Tokens } from './support';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('forecast', () => {
  it('an owner opens the forecast of a new restaurant with one closed order, sets a day’s own covers with a reason, retrains, and reads it in English on a phone', async () => {
    const owner = await account('business', '윤사장');
    const restaurant = await call<{ id: string }>('POST', '/api/restaurants', {
      name: `e2e 예측 ${Date.now().toString(36)}`, cuisine: 'korean', address: '서울 중구 세종대로 110', location: { lat: 37.5665, lng: 126.978 }, priceRange: 2,
    }, owner.tokens.accessToken);
    let tokens: Tokens = owner.tokens;
    await eventually('the owner token to carry the restaurant', async () => {
      tokens = await call<Tokens>('POST', '/api/auth/refresh', { refreshToken: tokens.refreshToken });
      return claims(tokens.accessToken).memberships?.some((m: { restaurantId: string }) => m.restaurantId === restaurant.id);
    });
    await call('POST', `/api/restaurants/${restaurant.id}/menu/items`, { name: '김치찌개', price: { amount: 9000, currency: 'KRW' }, category: '식사' }, tokens.accessToken);
    await call('POST', `/api/restaurants/${restaurant.id}/tables`, { label: 'T1', minCapacity: 1, maxCapacity: 4, area: '홀' }, tokens.accessToken);
    await call('POST', `/api/restaurants/${restaurant.id}/publish`, undefined, tokens.accessToken);
    const link = await eventually('ordering to know the table and the menu', async () => {
      const tables = await call<{ label: string; link: string }[]>('GET', `/api/orders/tables?restaurantId=${restaurant.id}`, undefined, tokens.accessToken);
      return tables.find(tb => tb.label === 'T1')?.link ?? null;
    });
    // A little history: one dine-in order, served and closed paid at the counter.
    const qr = link.split('/').pop()!;
    const diner = await account('diner', '문손님');
    const menu = await eventually('the table menu', async () => {
      const m = await call<{ items: { id: string; name: string }[] }>('GET', `/api/carts/qr/${qr}`);
      return m.items.length > 0 ? m : null;
    });
    const order = await call<{ id: string }>('POST', '/api/orders', { items: [{ productId: menu.items[0].id, quantity: 2 }], tableToken: qr, covers: 2 },
      diner.tokens.accessToken, { 'Idempotency-Key': `e2e-fc-${Date.now()}` });
    for (const step of ['accept', 'start', 'ready', 'serve']) await call('POST', `/api/orders/${order.id}/${step}`, {}, tokens.accessToken);
    await call('POST', `/api/orders/${order.id}/close`, { paidAtCounter: true }, tokens.accessToken);

    const ctx = await context(browser, { session: tokens, viewport: desktop });
    const page = await ctx.newPage();
    onTestFailed(async () => { await shot(page, 'failed-forecast'); });
    await page.goto(`/manage/${restaurant.id}`);
    await page.getByRole('link', { name: '예측', exact: true }).click();
    await page.waitForURL(`**/manage/${restaurant.id}/forecast`);
    // No day before today has orders yet, so there is nothing to model: the page says so in words.
    await page.getByRole('table', { name: '날짜별 예측' }).waitFor();
    expect(await page.getByText('아직 주문 기록이 없어 예측이 비어 있습니다.', { exact: false }).count()).toBe(2);
    const days = page.getByRole('table', { name: '날짜별 예측' });
    expect(await days.getByRole('row').count()).toBe(15);

    // The day after tomorrow gets the owner's own covers, with the reason, beside the model's.
    const row = days.getByRole('row').nth(3);
    await row.getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('손님 수').fill('40');
    await dialog.getByLabel('이유').fill('단체 예약 문의');
    await dialog.getByRole('button', { name: '저장' }).click();
    await row.getByText('단체 예약 문의').waitFor();
    await row.getByText('40명 · ', { exact: false }).waitFor();
    const log = await call<{ items: { action: string; covers: number; note: string }[] }>('GET', `/api/forecasts/${restaurant.id}/overrides/log`, undefined, tokens.accessToken);
    expect(log.items[0]).toMatchObject({ covers: 40, note: '단체 예약 문의' });

    // Staff for that day follow the owner's covers.
    await page.getByLabel('날짜 선택').selectOption({ index: 2 });
    await page.getByText('예상 손님 40명', { exact: false }).waitFor();

    // The page's first reads may each have trained a version, so the new one is known by how it was asked for, not its number.
    await page.getByRole('button', { name: '다시 학습' }).click();
    await page.getByText(/학습\(직접 요청\)/).first().waitFor({ timeout: 60_000 });
    await shot(page, 'forecast-desktop');
    await ctx.close();

    const en = await context(browser, { session: tokens, viewport: phone, lang: 'en' });
    const enPage = await en.newPage();
    onTestFailed(async () => { await shot(enPage, 'failed-forecast-en'); });
    await enPage.goto(`/manage/${restaurant.id}/forecast`);
    await enPage.getByRole('table', { name: 'Day by day' }).waitFor();
    await enPage.getByText('Staff needed', { exact: true }).waitFor();
    expect(await enPage.locator('body').textContent()).not.toMatch(/forecast\.[a-z]/);
    expect(await enPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await shot(enPage, 'forecast-phone-en');
    await en.close();
  });
});
