import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session } from '../../api/session';
import { addDays, todayIn } from '../../lib/format';
import { renderAt } from '../../test/render';
import { ForecastView } from './ForecastPage';

const manager = { accessToken: `e30.${Buffer.from(JSON.stringify({ sub: 'u1', name: '박매니저', roles: ['owner'], memberships: [{ restaurantId: 'r-1', role: 'manager' }],
  exp: Math.floor(Date.now() / 1000) + 900 })).toString('base64url')}.s`, refreshToken: 'r', expiresIn: 900 };

afterEach(() => {
  vi.unstubAllGlobals();
  session.expire();
});

const won = (amount: number) => ({ amount, currency: 'KRW' });
const today = todayIn('Asia/Seoul');
const model = (target: string, version = 3) => ({
  id: `m-${target}`, target, version, method: 'gbt', reason: 'model_beat_naive', trigger: 'nightly', origin: today, mase: 0.6, coverage: 0.765,
  intervalLevel: 0.8, historyDays: 730, backtestPoints: 84, trees: 100, trainedBy: null, trainedAt: `${today}T18:00:00Z`,
});
const day = (i: number) => ({
  date: addDays(today, i), weekday: 'friday', holiday: i === 2 ? 'public' : null, payday: false,
  covers: { value: 100 + i, low: 80 + i, high: 120 + i }, sales: { value: won(3_000_000), low: won(2_500_000), high: won(3_500_000) },
  bookedCovers: i === 0 ? 12 : 0, override: i === 1 ? { date: addDays(today, 1), covers: 150, sales: null, note: '단체 예약', by: 'u1', at: `${today}T01:00:00Z` } : null,
  expectedCovers: i === 1 ? 150 : 100 + i, expectedSales: won(3_000_000), hours: [{ hour: 12, covers: 40, sales: won(1_200_000) }],
});
const forecast = (version = 3) => ({ restaurantId: 'r-1', timeZone: 'Asia/Seoul', currency: 'KRW', from: today, coversModel: model('covers', version), salesModel: model('sales', version),
  days: Array.from({ length: 14 }, (_, i) => day(i)) });
const labour = {
  restaurantId: 'r-1', coversPerStaffHour: 8, minimumStaff: 1,
  days: [0, 1].map(i => ({ date: addDays(today, i), expectedCovers: 100, staffHours: 14, peakStaff: i === 0 ? 5 : 7,
    hours: [{ hour: 12, covers: i === 0 ? 40 : 55, staff: i === 0 ? 5 : 7 }, { hour: 15, covers: 0, staff: 0 }] })),
};
const items = { restaurantId: 'r-1', windowDays: 28, days: [0, 1].map(i => ({ date: addDays(today, i), expectedCovers: 100,
  items: [{ menuItemId: 'i-1', name: '마르게리타', quantity: 31.6 + i }] })) };

/** Answers the forecasting and analytics paths; records every request. */
function forecastFetch() {
  const sent: { method: string; path: string; body: unknown }[] = [];
  let version = 3;
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), location.origin), init);
    const path = new URL(request.url).pathname;
    const text = await request.clone().text();
    sent.push({ method: request.method, path, body: text ? JSON.parse(text) : undefined });
    const answer = (status: number, body?: unknown) => new Response(body === undefined ? null : JSON.stringify(body), {
      status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    if (path === '/api/auth/login') return answer(200, manager);
    if (path === '/api/forecasts/r-1') return answer(200, forecast(version));
    if (path === '/api/forecasts/r-1/retrain') { version = 4; return answer(200, { covers: model('covers', 4), sales: model('sales', 4) }); }
    if (path === '/api/forecasts/r-1/labour') return answer(200, labour);
    if (path === '/api/forecasts/r-1/items') return answer(200, items);
    if (path.startsWith('/api/forecasts/r-1/overrides/')) return request.method === 'PUT' ? answer(200, { ...(JSON.parse(text)), date: path.split('/').pop(), by: 'u1', at: `${today}T02:00:00Z` }) : answer(204);
    if (path.startsWith('/api/analytics/')) return answer(200, { byDay: [{ date: addDays(today, -1), covers: 90, grossSales: won(2_800_000) }] });
    return answer(404, { status: 404, title: 'Not found' });
  };
  return { fn, sent };
}

describe('forecast page', () => {
  it('shows the model in words, each day with its interval and override, staff per hour and items; a manager overrides a day and retrains', async () => {
    const fetch = forecastFetch();
    vi.stubGlobal('fetch', fetch.fn);
    await session.login('park@example.com', 'Kimchi-2026!');
    renderAt(<ForecastView restaurantId="r-1" zone="Asia/Seoul" />);

    // The chart, with the actuals beside the forecast, and both models in plain words.
    expect(await screen.findByRole('img', { name: /까지 예측: 하루 100명에서 113명/ })).toBeInTheDocument();
    expect(screen.getByText('지난 4주 실적')).toBeInTheDocument();
    expect(screen.getAllByText('평균 오차가 ‘지난주 같은 요일’ 방식보다 40% 작습니다 (MASE 0.60, 1보다 작을수록 좋음).')).toHaveLength(2);
    expect(screen.getAllByText('검증한 84일 중 77%의 실적이 80% 예측 구간 안에 들었습니다.')).toHaveLength(2);
    expect(screen.getAllByText(/^버전 3 · .* 학습\(야간 자동\) · 기록 730일$/)).toHaveLength(2);

    // A day: the model's covers and sales with their ranges, the booked covers, the override beside the model's, a holiday.
    const table = screen.getByRole('table', { name: '날짜별 예측' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(15);
    expect(within(rows[1]).getByText('(80–120)')).toBeInTheDocument();
    expect(within(rows[1]).getByText('3,000,000원')).toBeInTheDocument();
    expect(within(rows[1]).getByText('(2,500,000원–3,500,000원)')).toBeInTheDocument();
    expect(within(rows[1]).getByText('12')).toBeInTheDocument();
    expect(within(rows[2]).getByText('150명')).toBeInTheDocument();
    expect(within(rows[2]).getByText('단체 예약')).toBeInTheDocument();
    expect(within(rows[3]).getByText('공휴일')).toBeInTheDocument();

    // Staff per hour for the chosen day (hours without guests left out), and the items per day.
    const staff = await screen.findByRole('table', { name: /시간대별 필요 인원/ });
    expect(within(staff).getAllByRole('row')).toHaveLength(2);
    expect(within(staff).getByText('5')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('날짜 선택'), addDays(today, 1));
    expect(within(screen.getByRole('table', { name: /시간대별 필요 인원/ })).getByText('7')).toBeInTheDocument();
    const itemTable = await screen.findByRole('table', { name: /메뉴별 예상 수량/ });
    expect(within(itemTable).getByRole('rowheader', { name: '마르게리타' })).toBeInTheDocument();
    expect(within(itemTable).getByText('65')).toBeInTheDocument();

    // An override needs a number and a reason; it is sent in whole won with the reason.
    await userEvent.click(within(rows[3]).getByRole('button'));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: '저장' }));
    expect(within(dialog).getByText('손님 수나 매출 중 하나 이상을 입력해 주세요.')).toBeInTheDocument();
    expect(within(dialog).getByText('이유를 적어 주세요.')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('매출(KRW)'), '4,200,000');
    await userEvent.type(within(dialog).getByLabelText('이유'), '근처 축제');
    await userEvent.click(within(dialog).getByRole('button', { name: '저장' }));
    await waitFor(() => expect(fetch.sent.find(r => r.method === 'PUT')).toEqual({
      method: 'PUT', path: `/api/forecasts/r-1/overrides/${addDays(today, 2)}`, body: { covers: null, sales: 4_200_000, note: '근처 축제' } }));

    // Retraining reloads the forecast with the new version.
    await userEvent.click(screen.getByRole('button', { name: '다시 학습' }));
    expect(await screen.findAllByText(/^버전 4 · /)).toHaveLength(2);
    expect(fetch.sent.some(r => r.method === 'POST' && r.path === '/api/forecasts/r-1/retrain')).toBe(true);
  });

  it('shows no edit or retrain to someone who is not a manager of the restaurant', async () => {
    vi.stubGlobal('fetch', forecastFetch().fn);
    renderAt(<ForecastView restaurantId="r-1" zone="Asia/Seoul" />);
    expect(await screen.findByRole('table', { name: '날짜별 예측' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '다시 학습' })).toBeNull();
    expect(screen.queryByRole('button', { name: /예측 수정$/ })).toBeNull();
  });
});
