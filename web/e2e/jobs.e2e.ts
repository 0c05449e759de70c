import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { account, call, claims, context, desktop, eventually, launch, phone, shot, unique, type Tokens } from './support';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

/** The page's text holds no dictionary key left untranslated (`shifts.title`, `category.serving`, …). */
async function noRawKeys(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text.match(/\b(?:nav|common|status|shiftStatus|category|requirement|jobs|shifts|posting|postings|applicants|timesheets|validation|manage)\.[A-Za-z_]+/g)).toBeNull();
}

/** A restaurant whose owner's token carries it and that the jobs service has learned of (from its event). */
async function employer() {
  const owner = await account('business', '최사장');
  const restaurant = await call<{ id: string }>('POST', '/api/restaurants', {
    name: `e2e 분식 ${unique()}`, cuisine: 'korean', address: '서울 중구 세종대로 110', location: { lat: 37.5663, lng: 126.9779 }, priceRange: 1,
  }, owner.tokens.accessToken);
  let tokens: Tokens = owner.tokens;
  await eventually('the owner token to carry the restaurant', async () => {
    tokens = await call<Tokens>('POST', '/api/auth/refresh', { refreshToken: tokens.refreshToken });
    return claims(tokens.accessToken).memberships?.some((m: { restaurantId: string }) => m.restaurantId === restaurant.id);
  });
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date(Date.now() + 86_400_000));
  await eventually('the jobs service to know the restaurant', () => call('POST', '/api/jobs', {
    restaurantId: restaurant.id, title: '준비 중인 공고', category: 'prep', date: tomorrow, startTime: '10:00', endTime: '12:00',
    hourlyWage: { amount: 11000, currency: 'KRW' }, headcount: 1, draft: true,
  }, tokens.accessToken).then(() => true));
  return { id: restaurant.id, tokens };
}

describe('shift jobs', () => {
  it('a manager posts a shift, a worker finds it near City Hall and applies, the manager books them', async () => {
    const restaurant = await employer();
    const worker = await account('worker', '정알바');
    const title = `e2e 저녁 서빙 ${unique()}`;

    const managerCtx = await context(browser, { session: restaurant.tokens });
    const manage = await managerCtx.newPage();
    const workerCtx = await context(browser, { session: worker.tokens, viewport: phone });
    const page = await workerCtx.newPage();
    onTestFailed(async () => { await shot(manage, 'failed-jobs-manager'); await shot(page, 'failed-jobs-worker'); });

    // The manager posts through the form; the minimum wage is checked before anything is sent.
    await manage.goto(`/manage/${restaurant.id}/jobs`);
    await manage.getByRole('button', { name: '새 공고' }).click();
    await manage.getByLabel('공고 제목').fill(title);
    await manage.getByLabel('시급 (원)').fill('9000');
    await manage.getByRole('button', { name: '공고 올리기' }).click();
    await manage.getByText(/최저시급 10,320원보다 낮습니다/).waitFor();
    await manage.getByLabel('시급 (원)').fill('13000');
    await manage.getByLabel('현장 담당자').fill('최매니저');
    await manage.getByLabel('담당자 연락처').fill('010-3333-4444');
    await noRawKeys(manage);
    await manage.getByRole('button', { name: '공고 올리기' }).click();
    const posting = manage.locator('[data-testid="posting"][data-status="open"]', { hasText: title });
    await posting.waitFor();
    await shot(manage, 'jobs-postings');

    // The worker's feed, on a phone: distance from City Hall, then the shift and its details.
    await page.goto('/jobs?radiusKm=3');
    await page.locator('[data-testid="job-card"]', { hasText: title }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    const detail = page.url();
    await page.getByLabel('한마디').fill('주말마다 서빙 경험이 있습니다');
    await shot(page, 'jobs-detail-phone');
    await page.getByRole('button', { name: '지원하기' }).click();
    await page.getByText('지원했습니다. 식당이 확인하면 알려 드립니다.').waitFor();

    // The manager sees the applicant with their record and books them.
    await posting.getByRole('link', { name: title }).click();
    const applicant = manage.locator('[data-testid="applicant"][data-status="applied"]', { hasText: '정알바' });
    await applicant.waitFor();
    await manage.getByRole('button', { name: '확정' }).click();
    await manage.locator('[data-testid="applicant"][data-status="accepted"]', { hasText: '정알바' }).waitFor();
    await manage.getByRole('button', { name: '출근 코드 보기' }).click();
    await manage.locator('[data-testid="attendance-code"]').waitFor();
    await noRawKeys(manage);
    await shot(manage, 'jobs-applicants');
    await manage.goto(`/manage/${restaurant.id}/timesheets`);
    await manage.getByText('승인할 근무 기록이 없습니다').waitFor();
    await noRawKeys(manage);
    await shot(manage, 'jobs-timesheets');

    // The worker's shifts: booked, with the on-site contact.
    await page.goto('/jobs/shifts');
    const shift = page.locator('[data-testid="shift"][data-status="accepted"]', { hasText: title });
    await shift.waitFor();
    await shift.getByText('최매니저').waitFor();
    await noRawKeys(page);
    await shot(page, 'jobs-my-shifts-phone');

    const wide = await context(browser, { session: worker.tokens, viewport: desktop });
    const feed = await wide.newPage();
    await feed.goto('/jobs');
    await feed.locator('[data-testid="job-card"]').first().waitFor();
    await noRawKeys(feed);
    await shot(feed, 'jobs-feed-desktop');
    await wide.close();

    // Switched to English (the choice is kept across pages), every jobs page reads in English, on a phone too.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'My shifts' }).waitFor();
    await shift.getByText('Booked').first().waitFor();
    await noRawKeys(page);
    await shot(page, 'jobs-my-shifts-phone-en');
    await page.goto('/jobs');
    await page.getByRole('heading', { name: 'Shifts' }).waitFor();
    await page.getByRole('group', { name: 'Positions' }).getByRole('button', { name: 'Serving' }).waitFor();
    await noRawKeys(page);
    await shot(page, 'jobs-feed-phone-en');
    await page.goto(detail);
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByText('Serving', { exact: true }).first().waitFor();
    await noRawKeys(page);
    await shot(page, 'jobs-detail-phone-en');

    await manage.getByRole('button', { name: 'Switch to English' }).click();
    await manage.getByRole('heading', { name: 'Timesheets' }).waitFor();
    await manage.getByText('No timesheets to approve').waitFor();
    await noRawKeys(manage);
    await manage.goto(`/manage/${restaurant.id}/jobs`);
    await manage.getByRole('heading', { name: 'Shift postings' }).waitFor();
    const filled = manage.locator('[data-testid="posting"][data-status="filled"]', { hasText: title });
    await filled.getByText('Filled', { exact: true }).waitFor();
    await manage.getByRole('button', { name: 'New posting' }).click();
    await manage.getByLabel('Hourly wage (KRW)').waitFor();
    await noRawKeys(manage);
    await shot(manage, 'jobs-postings-en');
    await manage.setViewportSize(phone);
    await shot(manage, 'jobs-postings-phone-en');
    await filled.getByRole('link', { name: title }).click();
    await manage.locator('[data-testid="applicant"][data-status="accepted"]', { hasText: 'Booked' }).waitFor();
    await noRawKeys(manage);
    await shot(manage, 'jobs-applicants-phone-en');
    await managerCtx.close();
    await workerCtx.close();
  });
});
