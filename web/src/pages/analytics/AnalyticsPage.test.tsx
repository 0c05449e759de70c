import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, todayIn } from '../../lib/format';
import { fakeFetch, renderAt } from '../../test/render';
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
  guests: { new: 3, returning: 2 },
  topItems: [{ menuItemId: 'm-1', name: '삼겹살', category: 'mains', quantity: 6, sales: won(90_000), sharePercent: 65.7 }],
});

describe('analytics dashboard', () => {
  it('shows yesterday’s numbers and asks for the last 7 days when chosen', async () => {
    const yesterday = addDays(todayIn('Asia/Seoul'), -1);
    const week = addDays(yesterday, -6);
    const fetch = fakeFetch({ status: 200, body: dashboard(yesterday, yesterday) }, { status: 200, body: dashboard(week, yesterday) });
    vi.stubGlobal('fetch', fetch.fn);
    renderAt(<Analytics restaurantId="r-1" zone="Asia/Seoul" />);

    expect(await screen.findByText('122,000원')).toBeInTheDocument();
    expect(screen.getByText('지난주 같은 기간 대비 +22.0%')).toBeInTheDocument();
    expect(screen.getByText('15,250원')).toBeInTheDocument();
    expect(screen.getByText('주문 4건 · 신규 3 · 재방문 2')).toBeInTheDocument();
    expect(screen.getByText('25.0%')).toBeInTheDocument();
    expect(screen.getByText('50.0%')).toBeInTheDocument();
    expect(screen.getByText('18.4%')).toBeInTheDocument();
    expect(screen.getByText('삼겹살')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: '시간대별 매출' })).toBeInTheDocument();
    expect(fetch.sent[0].url).toContain(`/api/analytics/restaurants/r-1/dashboard?from=${yesterday}&to=${yesterday}`);

    await userEvent.click(screen.getByRole('tab', { name: '최근 7일' }));
    await waitFor(() => expect(fetch.sent).toHaveLength(2));
    expect(fetch.sent[1].url).toContain(`from=${week}&to=${yesterday}`);
  });
});
