import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { account, call, context, launch, shot, type Tokens } from './support';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('concierge desk and the diner pages', () => {
  it('a concierge requests a VIP table and follows it; search and notifications render', async () => {
    const stateDir = process.env.BRIGADE_E2E_STATE_DIR ?? resolve(__dirname, '../../.brigade');
    const adminPassword = readFileSync(join(stateDir, 'admin-password'), 'utf8').trim();
    const admin = await call<Tokens>('POST', '/api/auth/login', { username: 'admin', password: adminPassword });
    const desk = await account('diner', '호텔 컨시어지');
    const me = await call<{ id: string }>('GET', '/api/users/me', undefined, desk.tokens.accessToken);
    await call('PUT', `/api/users/${me.id}/roles`, { roles: ['diner', 'concierge'] }, admin.accessToken);
    // The concierge role reaches the token on the next refresh.
    const tokens = await call<Tokens>('POST', '/api/auth/refresh', { refreshToken: desk.tokens.refreshToken });

    const ctx = await context(browser, { session: tokens });
    const page = await ctx.newPage();
    await page.goto('/');
    await page.locator('main li a').first().waitFor();
    await shot(page, 'search');
    const first = await page.locator('main li a h2').first().textContent();

    await page.getByRole('link', { name: '컨시어지 데스크' }).first().click();
    await page.getByLabel('식당', { exact: true }).selectOption({ label: first! });
    await page.getByLabel('고객 이름').fill('Ms. Laurent');
    await page.getByLabel('요청 사항').fill('조용한 룸, 와인 페어링');
    await page.getByRole('button', { name: '요청 보내기' }).click();
    await page.getByText('요청을 보냈습니다').waitFor();
    await page.locator('[data-testid="concierge-request"][data-status="pending"]').waitFor();
    await shot(page, 'concierge-desk');

    await page.goto('/notifications');
    await page.getByRole('heading', { name: '알림' }).waitFor();
    await shot(page, 'notifications');
    await ctx.close();
  });
});
