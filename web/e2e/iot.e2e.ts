import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser } from 'playwright-core';
import { account, call, claims, context, desktop, eventually, launch, phone, shot, type Tokens } from './support';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('iot', () => {
  it('a manager registers a fridge, sees its readings and its alarm live, records the corrective action and reads the HACCP log', async () => {
    const owner = await account('business', '최사장');
    const restaurant = await call<{ id: string }>('POST', '/api/restaurants', {
      name: `e2e 냉장 ${Date.now().toString(36)}`, cuisine: 'korean', address: '서울 중구 1', location: { lat: 37.56, lng: 126.97 }, priceRange: 2,
    }, owner.tokens.accessToken);
    let tokens: Tokens = owner.tokens;
    await eventually('the owner token to carry the restaurant', async () => {
      tokens = await call<Tokens>('POST', '/api/auth/refresh', { refreshToken: tokens.refreshToken });
      return claims(tokens.accessToken).memberships?.some((m: { restaurantId: string }) => m.restaurantId === restaurant.id);
    });
    const base = `/api/iot/${restaurant.id}`;

    const ctx = await context(browser, { session: tokens, viewport: desktop });
    const page = await ctx.newPage();
    onTestFailed(async () => { await shot(page, 'failed-iot'); });
    await page.goto(`/manage/${restaurant.id}/devices`);
    await page.locator('[data-testid="live-state"][data-state="live"]').waitFor();
    await page.getByText('등록된 기기가 없습니다').waitFor();

    // Register through the page: the MQTT password is shown once.
    await page.getByLabel('기기 이름').fill('워크인 냉장고');
    await page.getByLabel('지속 시간(초)').fill('60');
    await page.getByRole('button', { name: '등록', exact: true }).click();
    await page.getByText('워크인 냉장고 접속 정보').waitFor();
    expect((await page.getByTestId('mqtt-password').textContent())?.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: '입력했습니다' }).click();
    const device = (await call<{ items: { id: string }[] }>('GET', `${base}/devices`, undefined, tokens.accessToken)).items[0];

    // Readings of the last half hour (the HTTP fallback, explicit times), then a drift above 5 °C held for two minutes.
    const now = Date.now();
    const send = (minutesAgo: number, value: number) =>
      call('POST', `${base}/devices/${device.id}/telemetry`, { value, at: new Date(now - minutesAgo * 60_000).toISOString() }, tokens.accessToken);
    for (let m = 30; m >= 4; m -= 2) await send(m, 3 + Math.sin(m / 4) * 0.6);
    await page.locator(`[data-device="${device.id}"] [data-testid="device-value"]`).filter({ hasText: '°C' }).waitFor();
    await send(3, 6.4);
    await send(2, 7.1);
    await send(1, 7.3);
    await page.locator(`[data-device="${device.id}"][data-alarm="raised"]`).waitFor();
    expect(await page.locator(`[data-device="${device.id}"] [data-testid="device-value"]`).textContent()).toBe('7.3 °C');
    await shot(page, 'iot-devices-desktop');

    await page.getByRole('tab', { name: /경보/ }).click();
    const alarm = page.locator('[data-testid="alarm"][data-state="raised"]');
    await alarm.waitFor();
    await alarm.getByLabel('조치 내용').fill('문 고무패킹 교체, 식재료를 예비 냉장고로 옮김');
    await alarm.getByLabel('측정 온도(°C)').fill('6.8');
    await shot(page, 'iot-alarms-desktop');
    await alarm.getByRole('button', { name: '조치 기록' }).click();
    await page.locator('[data-testid="alarm"][data-state="acknowledged"]').getByText('문 고무패킹 교체', { exact: false }).waitFor();

    await page.getByRole('tab', { name: 'HACCP 기록' }).click();
    await page.getByRole('cell', { name: /문 고무패킹 교체/ }).waitFor();
    expect(await page.getByRole('cell', { name: /이탈/ }).count()).toBe(1);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV 내려받기' }).click();
    expect((await download).suggestedFilename()).toMatch(/^haccp-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
    await shot(page, 'iot-haccp-desktop');
    await ctx.close();

    // The same restaurant on a phone, and in English.
    for (const lang of ['ko', 'en'] as const) {
      const phoneCtx = await context(browser, { session: tokens, viewport: phone, lang });
      const small = await phoneCtx.newPage();
      await small.goto(`/manage/${restaurant.id}/devices`);
      await small.locator(`[data-device="${device.id}"] svg polyline`).waitFor();
      expect(await small.locator('body').textContent()).not.toMatch(/iot\.[a-zA-Z]/);
      await shot(small, `iot-devices-phone-${lang}`);
      await small.getByRole('tab', { name: lang === 'ko' ? 'HACCP 기록' : 'HACCP log' }).click();
      await small.getByRole('table').waitFor();
      await shot(small, `iot-haccp-phone-${lang}`);
      await phoneCtx.close();
    }
  });
});
