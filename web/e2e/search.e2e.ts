import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { context, desktop, launch, phone, shot } from './support';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

// Over the Seoul demo restaurants the platform loads in the Local environment, indexed by the search service.
describe('search page', () => {
  it('finds a restaurant from the home box by its initial consonants, suggests as one types, narrows by a facet and opens the restaurant', async () => {
    const ctx = await context(browser, { viewport: desktop });
    const page = await ctx.newPage();
    await page.goto('/');
    await page.getByRole('searchbox', { name: '식당 검색' }).fill('ㄷㅈㄱㅂ');
    await page.getByRole('button', { name: '검색', exact: true }).click();
    await page.waitForURL(/\/search\?q=/);
    const first = page.getByTestId('search-hit').first();
    await first.getByRole('heading', { name: '마포 돼지갈비' }).waitFor();

    const box = page.getByRole('combobox', { name: '통합 검색' });
    await box.fill('떡볶');
    await page.getByRole('option', { name: /떡볶이/ }).first().waitFor();
    await shot(page, 'find-suggestions');
    await box.fill('김치찌게'); // a typo
    await box.press('Enter');
    await page.getByTestId('search-hit').getByRole('heading', { name: '마포 돼지갈비' }).waitFor();
    await page.locator('mark').first().waitFor();
    await shot(page, 'find-results');

    const cuisines = page.getByRole('group', { name: '음식 종류' });
    const chip = cuisines.getByRole('button').first();
    await chip.click();
    await page.waitForURL(/cuisine=/);
    await expect.poll(() => chip.getAttribute('aria-pressed')).toBe('true');

    await page.getByTestId('search-hit').first().click();
    await page.waitForURL(/\/restaurants\//);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await ctx.close();
  });

  it('reads romanised English queries on a phone, in English', async () => {
    const ctx = await context(browser, { viewport: phone, lang: 'en' });
    const page = await ctx.newPage();
    await page.goto('/search?q=galbi');
    await page.getByRole('combobox', { name: 'Search everything' }).waitFor();
    await page.getByTestId('search-hit').first().waitFor();
    await page.getByRole('heading', { name: /results?$/ }).waitFor();
    await page.getByRole('group', { name: 'Type' }).getByRole('button', { name: /Shifts/ }).waitFor();
    await shot(page, 'find-phone-en');
    await ctx.close();
  });
});
