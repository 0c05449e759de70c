import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, context, eventually, launch, linkIn, mailTo, phone, shot, unique } from './support';

let browser: Browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

describe('account', () => {
  it('signs up, verifies the e-mail from the link, logs in and out', async () => {
    const email = `new-${unique()}@example.com`;
    const password = 'Gimbap-2026!';
    const ctx = await context(browser);
    const page = await ctx.newPage();

    await page.goto('/signup');
    await shot(page, 'signup');
    await page.getByLabel('이름').fill('이서연');
    await page.getByLabel('이메일').fill(email);
    await page.getByLabel('비밀번호', { exact: true }).fill(password);
    await page.getByLabel('비밀번호 확인').fill(password);
    await page.getByRole('button', { name: '가입하기' }).click();
    await page.getByText('가입을 환영합니다').waitFor();

    // Mail travels identity → outbox → RabbitMQ → notifications → delivery worker; on a busy machine that can take a while.
    const link = await eventually('the verification e-mail', async () => linkIn(mailTo(email) ?? '', '/verify-email'), 120_000);
    await page.goto(link.pathname + link.search);
    await page.getByText('인증되었습니다').waitFor();
    await shot(page, 'verify-email');

    await page.goto('/login');
    await page.getByLabel('이메일 또는 아이디').fill(email);
    await page.getByLabel('비밀번호').fill(password);
    await shot(page, 'login');
    await page.getByRole('button', { name: '로그인' }).click();
    await page.getByRole('link', { name: /이서연/ }).click();
    await page.getByRole('heading', { name: '내 계정' }).waitFor();
    expect(await page.getByText('이메일이 아직 인증되지 않았습니다').count()).toBe(0);
    await shot(page, 'account');

    await page.getByRole('button', { name: '로그아웃' }).click();
    await page.getByRole('link', { name: '로그인' }).first().waitFor();
    expect(await page.evaluate(() => localStorage.getItem('brigade.session'))).toBeNull();
    await ctx.close();
  });

  it('resets a forgotten password from the e-mailed link, in English on a phone', async () => {
    const email = `forgot-${unique()}@example.com`;
    await fetch(`${baseUrl}/api/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'Original-2026!', name: 'Park Jiho' }) });
    const ctx = await context(browser, { lang: 'en', viewport: phone });
    const page = await ctx.newPage();
    await page.goto('/forgot-password');
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await page.getByText(/a reset link is on its way/).waitFor();
    await shot(page, 'forgot-password-phone');

    const link = await eventually('the reset e-mail', async () => linkIn(mailTo(email) ?? '', '/reset-password'), 120_000);
    await page.goto(link.pathname + link.search);
    await page.getByLabel('New password').fill('Changed-2026!');
    await page.getByLabel('Repeat password').fill('Changed-2026!');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed.').waitFor();

    await page.goto('/login');
    await page.getByLabel('E-mail or username').fill(email);
    await page.getByLabel('Password').fill('Changed-2026!');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Where are you eating tonight?' }).waitFor();
    await ctx.close();
  });
});
