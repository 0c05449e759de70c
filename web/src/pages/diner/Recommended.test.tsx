import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, renderAt } from '../../test/render';
import Recommended from './Recommended';

afterEach(() => vi.unstubAllGlobals());

describe('recommended for you', () => {
  it('shows similar and popular restaurants the same way, each with its reason, and dishes with their restaurant', async () => {
    const fetch = fakeFetch({ status: 200, body: {
      restaurants: [
        { restaurantId: 'r-1', name: '성수 화덕 피자', nameEn: 'Seongsu Wood-Fired Pizza', score: 0.8, reason: 'similar' },
        { restaurantId: 'r-2', name: '명동 만두집', nameEn: null, score: 0.01, reason: 'popular' },
      ],
      dishes: [{ menuItemId: 'i-1', restaurantId: 'r-2', name: '고기만두', category: null, price: { amount: 8000, currency: 'KRW' }, score: 0.5, reason: 'popular' }],
    } });
    vi.stubGlobal('fetch', fetch.fn);
    renderAt(<Recommended />);
    expect(await screen.findByRole('heading', { name: '추천 식당' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /성수 화덕 피자.*취향이 비슷한 손님들이 고른 곳/ })).toHaveAttribute('href', '/restaurants/r-1');
    expect(screen.getByRole('link', { name: /명동 만두집.*요즘 인기 있는 곳/ })).toHaveAttribute('href', '/restaurants/r-2');
    expect(screen.getByRole('link', { name: /고기만두.*명동 만두집.*8,000원/ })).toHaveAttribute('href', '/restaurants/r-2');
    expect(fetch.sent[0].url).toMatch(/\/api\/recommendations\/me\?take=6$/);
  });

  it('shows nothing when there is nothing to recommend or the service does not answer', async () => {
    const fetch = fakeFetch({ status: 503, body: { status: 503, title: 'Unavailable' } });
    vi.stubGlobal('fetch', fetch.fn);
    const { container } = renderAt(<Recommended />);
    await vi.waitFor(() => expect(fetch.sent).toHaveLength(1));
    expect(container).toBeEmptyDOMElement();
  });
});
