// Shared by the end-to-end tests: the platform the test step started (BRIGADE_WEB_URL), Debian's Chromium, accounts
// made through the API, e-mails read from the platform's pickup folder, screenshots kept as test artefacts.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const baseUrl = process.env.BRIGADE_WEB_URL ?? `http://127.0.0.1:${5000 + Number(process.env.BRIGADE_PORT_OFFSET ?? 0)}`;
const stateDir = process.env.BRIGADE_E2E_STATE_DIR ?? resolve(__dirname, '../../.brigade');
export const artifacts = process.env.BRIGADE_E2E_ARTIFACTS ?? resolve(__dirname, '../../.brigade/test-results/web');
mkdirSync(join(artifacts, 'screenshots'), { recursive: true });

export const chromiumFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.BRIGADE_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: chromiumFlags });
}

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 860 };

export async function context(browser: Browser, options: { session?: Tokens; lang?: 'ko' | 'en'; viewport?: { width: number; height: number } } = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({ baseURL: baseUrl, viewport: options.viewport ?? desktop, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  await ctx.addInitScript(({ session, lang }) => {
    if (session && !localStorage.getItem('brigade.session')) localStorage.setItem('brigade.session', JSON.stringify(session));
    if (lang) localStorage.setItem('brigade.lang', lang);
  }, { session: options.session ? { accessToken: options.session.accessToken, refreshToken: options.session.refreshToken, expiresAt: Date.now() + 14 * 60_000 } : null, lang: options.lang ?? null });
  return ctx;
}

export async function shot(page: Page, name: string) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(artifacts, 'screenshots', `${name}.png`), fullPage: true });
}

export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export type Tokens = { accessToken: string; refreshToken: string };

export async function call<T = unknown>(method: string, path: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function account(kind: 'diner' | 'business' | 'worker', name: string) {
  const email = `${kind}-${unique()}@example.com`;
  const password = 'Brigade-e2e-2026!';
  await call('POST', '/api/auth/register', { email, password, name, accountType: kind });
  const tokens = await call<Tokens>('POST', '/api/auth/login', { email, password });
  return { email, password, name, tokens };
}

export function claims(accessToken: string) {
  return JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
}

export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (let delay = 200; Date.now() < until; delay = Math.min(delay * 2, 2000)) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise(r => setTimeout(r, delay));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** Every e-mail to an address in the platform's pickup folder, decoded enough to find its links. */
export function mailTo(address: string): string | undefined {
  const dir = join(stateDir, 'mail');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter(f => f.endsWith('.eml'));
  } catch {
    return undefined;
  }
  const mails = files.map(f => readFileSync(join(dir, f), 'utf8')).filter(m => m.includes(`To: ${address}`));
  if (mails.length === 0) return undefined;
  const mail = mails.join('\n');
  // Quoted-printable (when a mail says so) has soft breaks and escapes; decoded, links read whole.
  return /Content-Transfer-Encoding: quoted-printable/i.test(mail)
    ? mail.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)))
    : mail;
}

export function linkIn(mail: string, path: string): URL {
  const match = mail.match(new RegExp(`https?://[^\\s"'<>]*${path}\\?token=[A-Za-z0-9_\\-%.~]+`));
  if (!match) throw new Error(`no ${path} link in the e-mail`);
  return new URL(match[0]);
}
