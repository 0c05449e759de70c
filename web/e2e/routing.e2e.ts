import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { fetchDocument, services, typesFor } from '../scripts/api-types.mjs';
import { readFileSync } from 'node:fs';
import { baseUrl, context, launch, shot } from './support';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('what the gateway serves', () => {
  it('answers unknown API and hub paths with a 404 problem, never the app', async () => {
    for (const path of ['/api/no-such-service/things', '/api/restaurants-x', '/hubs/nothing-here']) {
      const response = await fetch(baseUrl + path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).toMatch(/application\/problem\+json/);
      expect(await response.text(), path).not.toContain('<div id="root">');
    }
  });

  it('answers unknown app paths with the app, which shows its own not-found page', async () => {
    const response = await fetch(`${baseUrl}/somewhere/deep/in/the/app`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('<div id="root">');

    const ctx = await context(browser);
    const page = await ctx.newPage();
    await page.goto('/somewhere/deep/in/the/app');
    await expect(page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).isVisible()).resolves.toBe(true);
    await shot(page, 'not-found');
    await ctx.close();
  });

  it('has API types that match the OpenAPI documents the running services serve', async () => {
    const stale: string[] = [];
    for (const service of services) {
      const fresh = await typesFor(await fetchDocument(baseUrl, service), service);
      const committed = readFileSync(new URL(`../src/api/schema/${service}.ts`, import.meta.url), 'utf8');
      if (fresh !== committed) stale.push(service);
    }
    // Regenerate with `npm run api:generate` against a running platform and commit the result.
    expect(stale).toEqual([]);
  });
});
