import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { account, call, claims, context, desktop, eventually, launch, phone, shot, type Tokens } from './support';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

const seoulDate = (daysAhead: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(Date.now() + daysAhead * 86_400_000));

/** A published restaurant that asks every booking for a 20,000 won deposit and refunds half of it until a day before. */
async function depositRestaurant() {
  const owner = await account('business', '한사장');
  const name = `e2e 예약금 식당 ${Date.now().toString(36)}`;
  const restaurant = await call<{ id: string }>('POST', '/api/restaurants', {
    name, nameEn: 'E2E Deposit', cuisine: 'korean', address: '서울 중구 세종대로 110', location: { lat: 37.5663, lng: 126.9779 }, priceRange: 3,
  }, owner.tokens.accessToken);
  let tokens: Tokens = owner.tokens;
  await eventually('the owner token to carry the restaurant', async () => {
    tokens = await call<Tokens>('POST', '/api/auth/refresh', { refreshToken: tokens.refreshToken });
    return claims(tokens.accessToken).memberships?.some((m: { restaurantId: string }) => m.restaurantId === restaurant.id);
  });
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  await call('PUT', `/api/restaurants/${restaurant.id}/hours`, { weekly: days.map(day => ({ day, open: '11:00', close: '22:00' })), exceptions: [] }, tokens.accessToken);
  await call('POST', `/api/restaurants/${restaurant.id}/menu/items`, { name: '한우 코스', price: { amount: 90000, currency: 'KRW' }, category: '코스' }, tokens.accessToken);
  await call('POST', `/api/restaurants/${restaurant.id}/tables`, { label: 'T1', minCapacity: 1, maxCapacity: 4, area: '홀' }, tokens.accessToken);
  await call('PUT', `/api/reservations/settings/${restaurant.id}`, {
    deposit: { minPartySize: 1, amount: { amount: 20000, currency: 'KRW' }, perCover: false, holdMinutes: 15 },
    cancellation: { windows: [{ minutesBefore: 1440, refundPercent: 50 }] },
  }, tokens.accessToken);
  await call('POST', `/api/restaurants/${restaurant.id}/publish`, undefined, tokens.accessToken);
  const date = seoulDate(2);
  await eventually('the restaurant to be bookable', async () => {
    const a = await call<{ slots: unknown[] }>('GET', `/api/reservations/availability?restaurantId=${restaurant.id}&date=${date}&partySize=2`);
    return a.slots.length > 0;
  });
  return { id: restaurant.id, name, owner: { ...owner, tokens }, date };
}

describe('payments', () => {
  it('a diner books with a deposit, pays with the sandbox card, cancels and sees the refund', async () => {
    const restaurant = await depositRestaurant();
    const diner = await account('diner', '이서연');
    const ctx = await context(browser, { session: diner.tokens, viewport: phone });
    const page = await ctx.newPage();
    onTestFailed(async () => { await shot(page, 'failed-payment'); });

    await page.goto(`/restaurants/${restaurant.id}?date=${restaurant.date}&party=2`);
    const panel = page; // on a phone the booking panel sits in the page, not in an aside
    await panel.getByRole('radio', { name: '19:00' }).click();
    await panel.getByLabel('휴대전화').fill('010-3456-7890');
    await panel.getByRole('button', { name: '예약 확정' }).click();
    const booked = page.getByRole('status').filter({ has: page.getByRole('heading', { name: '예약금 결제가 필요합니다' }) });
    await booked.getByText('예약금 20,000원을(를) 결제하면 예약이 확정됩니다.').waitFor();
    await booked.getByRole('link', { name: '예약금 결제' }).click();

    // The card form opens for this booking; a mistyped card is explained before anything is sent.
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: '예약금 결제' }).waitFor();
    await dialog.getByLabel('카드 번호').fill('4111 1111 1111 1112');
    await dialog.getByLabel('유효기간 (MM/YY)').fill('12/30');
    await dialog.getByLabel('CVC').fill('123');
    await dialog.getByRole('button', { name: '20,000원 결제하기' }).click();
    await dialog.getByText('올바른 카드 번호가 아닙니다.').waitFor();
    await shot(page, 'pay-deposit-phone');
    await dialog.getByLabel('카드 번호').fill('4111 1111 1111 1111');
    await dialog.getByRole('button', { name: '20,000원 결제하기' }).click();
    await page.getByText('20,000원 결제가 완료되었습니다. 예약이 곧 확정됩니다.').waitFor();

    // Paid: the booking confirms, and the payment shows on it (brand and last four digits only).
    await page.locator('[data-testid="reservation"][data-status="confirmed"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('deposit-payment').getByText(/\*\*\*\*1111로 20,000원 결제/).waitFor();
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toContain('4111');
    await shot(page, 'reservation-paid-phone');

    // Cancelling two days ahead: half comes back, shown before confirming, then on the reservation once refunded.
    await page.getByRole('button', { name: '취소' }).click();
    const cancel = page.getByRole('dialog');
    await cancel.getByTestId('refund-preview').getByText('10,000원 환불 (50%)').waitFor();
    await cancel.getByRole('button', { name: '예약 취소' }).click();
    await page.locator('[data-testid="reservation"][data-status="cancelled"]').waitFor();
    await eventually('the refund to show', async () => {
      await page.reload();
      // The payment line renders once the page's own requests answer, after the reload itself: wait for it, then read it.
      const payment = page.getByTestId('deposit-payment');
      await payment.waitFor({ timeout: 15_000 });
      return (await payment.textContent())?.includes('10,000원 환불됨');
    });
    await shot(page, 'reservation-refunded-phone');
    await page.setViewportSize(desktop);
    await shot(page, 'reservation-refunded-desktop');
    await ctx.close();

    // The restaurant's money page: the capture less the refund waits for settlement; the ledger names both.
    const owner = await context(browser, { session: restaurant.owner.tokens, viewport: desktop });
    const money = await owner.newPage();
    await money.goto(`/manage/${restaurant.id}/settlements`);
    await money.getByRole('heading', { name: '지갑 원장' }).waitFor();
    await money.getByText('결제 · 총액').first().waitFor();
    await money.getByText('환불 · 환불').first().waitFor();
    await shot(money, 'settlements-desktop');
    await money.setViewportSize(phone);
    await shot(money, 'settlements-phone');
    await owner.close();

    // A worker's wallet renders on a phone and in English with no raw keys.
    const worker = await account('worker', '박하준');
    const workerCtx = await context(browser, { session: worker.tokens, viewport: phone });
    const wallet = await workerCtx.newPage();
    await wallet.goto('/wallet');
    await wallet.getByRole('heading', { name: '내 지갑' }).waitFor();
    await wallet.getByLabel('계좌번호').waitFor();
    await shot(wallet, 'wallet-phone');
    await workerCtx.close();
    const english = await context(browser, { session: worker.tokens, viewport: desktop, lang: 'en' });
    const walletEn = await english.newPage();
    await walletEn.goto('/wallet');
    await walletEn.getByRole('heading', { name: 'My wallet' }).waitFor();
    expect(await walletEn.locator('main').innerText()).not.toMatch(/\b(wallet|card|pay|settlements)\.[a-zA-Z]/);
    await shot(walletEn, 'wallet-desktop-en');
    await english.close();
  });
});
