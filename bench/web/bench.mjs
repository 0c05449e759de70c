// Bundle sizes per route, and time to interactive (TTI) in headless Chromium:
//  - restaurant page: navigation start → the booking panel's time slots are on screen and the main thread is idle;
//  - booking flow: signed-in diner on the restaurant page → picks a time → confirms → sees the confirmation.
// Each measurement runs in a fresh browser context (cold cache) and again after one warm-up (warm cache).
import { createRequire } from 'node:module';
import { bundleSizes, kb } from '../../web/scripts/bundle-sizes.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const offset = Number(process.env.BRIGADE_PORT_OFFSET ?? 0);
const base = process.env.BRIGADE_WEB_URL ?? `http://127.0.0.1:${5000 + offset}`;
const dist = new URL('../../web/dist', import.meta.url).pathname;

const sizes = bundleSizes(dist);
console.log('bundle (gzip level 9)');
console.log(`  initial JS (every route)        ${kb(sizes.initial.gzip).padStart(9)}   (${kb(sizes.initial.raw)} raw, ${sizes.initial.files.length} files)`);
console.log(`  CSS                             ${kb(sizes.css).padStart(9)}`);
for (const r of sizes.routes) console.log(`  + ${r.route.padEnd(30)} ${kb(r.gzip).padStart(9)}`);
for (const r of sizes.lazyOther) console.log(`  + ${r.chunk.replace(/\/dist.*$/, '').padEnd(30)} ${kb(r.gzip).padStart(9)}   (on demand: SignalR once signed in, English when chosen)`);

const json = async (method, path, body, token) => {
  const r = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) });
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
  return r.status === 204 ? null : r.json();
};
const restaurants = (await json('GET', '/api/restaurants?limit=5')).items;
if (restaurants.length === 0) throw new Error('no published restaurant: run ./brigade up (it loads the demo data)');
const email = `bench-${Date.now().toString(36)}@example.com`;
await json('POST', '/api/auth/register', { email, password: 'Bench-web-2026!', name: 'Bench Diner' });
const tokens = await json('POST', '/api/auth/login', { email, password: 'Bench-web-2026!' });
const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(Date.now() + 9 * 86_400_000));

const browser = await chromium.launch({
  executablePath: process.env.BRIGADE_CHROMIUM ?? '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const idle = page => page.evaluate(() => new Promise(r => requestIdleCallback(() => r(performance.now()), { timeout: 5000 })));

async function restaurantPage(ctx, restaurant) {
  const page = await ctx.newPage();
  await page.goto(`${base}/restaurants/${restaurant.id}?date=${date}`, { waitUntil: 'commit' });
  await page.locator('[role="radio"]').first().waitFor();
  const tti = await idle(page);
  const nav = await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd }; });
  await page.close();
  return { tti, ...nav };
}

async function bookingFlow(ctx, restaurant, i) {
  const page = await ctx.newPage();
  await page.goto(`${base}/restaurants/${restaurant.id}?date=${date}&party=2`, { waitUntil: 'commit' });
  const radios = page.locator('[role="radio"]');
  await radios.first().waitFor();
  await radios.nth(i % await radios.count()).click();
  await page.getByRole('button', { name: /예약 확정|Confirm booking/ }).click();
  await page.getByRole('heading', { name: /예약이 확정되었습니다|Your table is booked|예약금 결제가 필요합니다|A deposit is needed/ }).waitFor();
  const done = await idle(page);
  await page.close();
  return done;
}

const stats = xs => { const s = [...xs].sort((a, b) => a - b); return `p50 ${s[Math.floor(s.length / 2)].toFixed(0).padStart(5)} ms   min ${s[0].toFixed(0).padStart(5)}   max ${s.at(-1).toFixed(0).padStart(5)}`; };
const session = { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresAt: Date.now() + 14 * 60_000 };
const newContext = async signedIn => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  if (signedIn) await ctx.addInitScript(s => localStorage.setItem('brigade.session', s), JSON.stringify(session));
  return ctx;
};

const cold = [], warm = [], dcl = [], flowCold = [], flowWarm = [];
for (let i = 0; i < runs; i++) {
  const restaurant = restaurants[i % restaurants.length];
  const ctx = await newContext(false);
  const first = await restaurantPage(ctx, restaurant);
  cold.push(first.tti); dcl.push(first.dcl);
  warm.push((await restaurantPage(ctx, restaurant)).tti);
  await ctx.close();

  const signed = await newContext(true);
  flowCold.push(await bookingFlow(signed, restaurant, 2 * i));
  flowWarm.push(await bookingFlow(signed, restaurant, 2 * i + 1));
  await signed.close();
}
await browser.close();

const { loadavg, cpus } = await import('node:os');
console.log(`\ntime to interactive, ${runs} runs, headless Chromium on this machine (${base}; ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)})`);
console.log(`  restaurant page, cold cache     ${stats(cold)}   (DOMContentLoaded ${stats(dcl)})`);
console.log(`  restaurant page, warm cache     ${stats(warm)}`);
console.log(`  booking flow, cold cache        ${stats(flowCold)}   (navigation → confirmation shown)`);
console.log(`  booking flow, warm cache        ${stats(flowWarm)}`);
