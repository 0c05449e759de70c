import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, todayIn } from '../../lib/format';
import { renderAt } from '../../test/render';
import { Analytics } from './AnalyticsPage';

afterEach(() => vi.unstubAllGlobals());

const won = (amount: number) => ({ amount, currency: 'KRW' });
const kpis = (net: number) => ({
  orders: 4, covers: 8, grossSales: won(net + 15_000), refunds: won(15_000), netSales: won(net), averageCheck: won(15_250), averageOrder: won(30_500),
  payments: won(147_000), reservations: 5, bookedCovers: 10, completed: 2, noShows: 1, cancellations: 1, noShowRate: 25, cancellationRate: 20,
  labourMinutes: 840, labourCost: won(61_000), labourPercent: 50, foodCost: won(22_500), foodCostPercent: 18.4,
});
const dashboard = (from: string, to: string) => ({
  restaurantId: 'r-1', from, to, timeZone: 'Asia/Seoul', dayStartsAtHour: 5, totals: kpis(122_000), weekBefore: kpis(100_000),
  byHour: Array.from({ length: 24 }, (_, i) => ({ hour: (i + 5) % 24, orders: 1, covers: 2, grossSales: won(i === 14 ? 75_000 : 0) })),
  byDay: [{ date: from, orders: 4, covers: 8, grossSales: won(137_000), netSales: won(122_000), reservations: 5, noShows: 1, labourCost: won(61_000), foodCost: won(22_500) }],
  guests: { new: 3, returning: 2 }, yearBefore: kpis(80_000),
  topItems: [{ menuItemId: 'm-1', name: '삼겹살', category: 'mains', quantity: 6, sales: won(90_000), sharePercent: 65.7 }],
});

const seating = (from: string, to: string) => ({
  restaurantId: 'r-1', from, to, seats: 6, openHours: 8.5, completed: 2, averageTurnMinutes: 105, netSales: won(122_000), revPash: won(2_392),
  revPashUnavailable: null, byDay: [],
});
const menu = (from: string, to: string) => ({
  restaurantId: 'r-1', from, to, costKnown: false, costNote: 'no_recipe_cost', popularityThresholdPercent: 23.3, averageMargin: null,
  items: [
    { menuItemId: 'm-1', name: '삼겹살', category: 'mains', quantity: 6, sales: won(90_000), mixPercent: 46.2, popular: true, unitMargin: null, totalMargin: null, highMargin: null, quadrant: null },
    { menuItemId: 'm-2', name: '김치찌개', category: 'mains', quantity: 3, sales: won(27_000), mixPercent: 23.1, popular: false, unitMargin: null, totalMargin: null, highMargin: null, quadrant: null },
  ],
});
const customers = (from: string, to: string) => ({
  restaurantId: 'r-1', from, to, guests: 3, visits: 4, visitsPerGuest: 1.33,
  segments: ['champions', 'loyal', 'new', 'at_risk', 'one_time', 'lost'].map((segment, i) => ({ segment, guests: i === 0 ? 1 : 0, visits: 0, spend: won(0), spendPerGuest: i === 0 ? won(40_000) : null })),
  cohorts: [{ month: '2026-09', guests: 2, retention: [{ offset: 0, month: '2026-09', guests: 2, percent: 100 }, { offset: 1, month: '2026-10', guests: 1, percent: 50 }] }],
});

/** Answers each analytics path with its fixture for the range asked, and records what was asked. */
function analyticsFetch() {
  const sent: string[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), location.origin), init);
    const url = new URL(request.url);
    sent.push(url.pathname + url.search);
    const [from, to] = [url.searchParams.get('from') ?? '', url.searchParams.get('to') ?? ''];
    const body = url.pathname.endsWith('/dashboard') ? dashboard(from, to)
      : url.pathname.endsWith('/seating') ? seating(from, to)
        : url.pathname.endsWith('/menu-engineering') ? menu(from, to)
          : url.pathname.endsWith('/customers') ? customers(from, to) : null;
    return new Response(JSON.stringify(body ?? { status: 404 }), { status: body ? 200 : 404, headers: { 'Content-Type': 'application/json' } });
  };
  return { fn, sent };
}

describe('analytics dashboard', () => {
  it('shows yesterday’s numbers and asks for the last 7 days when chosen', async () => {
    const yesterday = addDays(todayIn('Asia/Seoul'), -1);
    const week = addDays(yesterday, -6);
    const fetch = analyticsFetch();
    vi.stubGlobal('fetch', fetch.fn);
    renderAt(<Analytics restaurantId="r-1" zone="Asia/Seoul" />);

    expect(await screen.findByText('122,000원')).toBeInTheDocument();
    expect(screen.getByText('지난주 같은 기간 대비 +22.0%')).toBeInTheDocument();
    expect(screen.getByText('작년 같은 기간 대비 +52.5% (80,000원)')).toBeInTheDocument();
    expect(screen.getByText('15,250원')).toBeInTheDocument();
    expect(screen.getByText('주문 4건 · 신규 3 · 재방문 2')).toBeInTheDocument();
    expect(screen.getByText('25.0%')).toBeInTheDocument();
    expect(screen.getByText('50.0%')).toBeInTheDocument();
    expect(screen.getByText('18.4%')).toBeInTheDocument();
    expect(screen.getAllByText('삼겹살').length).toBeGreaterThan(0);
    expect(screen.getByRole('img', { name: '시간대별 매출' })).toBeInTheDocument();
    expect(fetch.sent).toContain(`/api/analytics/restaurants/r-1/dashboard?from=${yesterday}&to=${yesterday}`);

    // Turn time and RevPASH, the menu grid (popularity only without recipe costs), segments and cohorts.
    expect(await screen.findByText('105분')).toBeInTheDocument();
    expect(screen.getByText('2,392원')).toBeInTheDocument();
    expect(screen.getByText('좌석 6석 × 영업 8.5시간')).toBeInTheDocument();
    expect(await screen.findByText(/레시피 원가가 아직 없어 인기도만 봅니다/)).toBeInTheDocument();
    expect(screen.getByText('인기')).toBeInTheDocument();
    expect(screen.getByText('비인기')).toBeInTheDocument();
    expect(await screen.findByText('최우수')).toBeInTheDocument();
    expect(screen.getByText('이탈 위험')).toBeInTheDocument();
    expect(screen.getByText('고객 3명이 4번 방문: 1인당 1.33회')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '+1개월' })).toBeInTheDocument();
    expect(screen.getByText('2026-09')).toBeInTheDocument();
    // Every CSV report is listed.
    expect(screen.getAllByRole('button', { name: /CSV$/ })).toHaveLength(7);
    expect(screen.getByRole('button', { name: '코호트 CSV' })).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: '최근 7일' }));
    await waitFor(() => expect(fetch.sent).toContain(`/api/analytics/restaurants/r-1/dashboard?from=${week}&to=${yesterday}`));
    await waitFor(() => expect(fetch.sent).toContain(`/api/analytics/restaurants/r-1/customers?from=${week}&to=${yesterday}`));
  });

  it('says why RevPASH is missing', async () => {
    const fetch = analyticsFetch();
    const plain = fetch.fn;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await plain(input, init);
      const url = input instanceof Request ? input.url : String(input);
      if (!url.includes('/seating')) return response;
      const body = { ...(await response.json()), revPash: null, revPashUnavailable: 'no_tables', seats: 0 };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    renderAt(<Analytics restaurantId="r-1" zone="Asia/Seoul" />);
    expect(await screen.findByText('아직 테이블이 없습니다')).toBeInTheDocument();
  });
});
