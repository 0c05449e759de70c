import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { renderAt } from '../../test/render';
import FindPage from './FindPage';

const restaurantId = '0193a1b2-0000-7000-8000-000000000001';

const hit = {
  type: 'restaurant', id: restaurantId, score: 3.2, distanceKm: 1.25,
  highlights: { name: '마포 <em>돼지갈비</em>', description: '&lt;script&gt;alert(1)&lt;/script&gt; 숯불 <em>갈비</em>' },
  restaurant: {
    id: restaurantId, name: '마포 돼지갈비', nameEn: 'Mapo Pork Galbi', cuisine: 'korean-bbq', priceRange: 2, distinction: null,
    address: '서울 마포구 도화동 1', location: { lat: 37.54, lng: 126.95 }, timeZone: 'Asia/Seoul', openNow: true,
    matchedMenu: [{ id: '0193a1b2-0000-7000-8000-0000000000aa', name: '돼지갈비', highlight: '<em>돼지갈비</em>', price: { amount: 16000, currency: 'KRW' }, soldOut: false }],
  },
  job: null,
};

/** Answers the search service's two endpoints and records every query string it was asked. */
function searchService() {
  const asked: URL[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), location.origin), init);
    const url = new URL(request.url);
    asked.push(url);
    const body = url.pathname === '/api/search/suggestions'
      ? { items: url.searchParams.get('q') === 'ㄷㅈ'
          ? [{ text: '돼지갈비', kind: 'menu', weight: 5, id: null }, { text: 'korean-bbq', kind: 'cuisine', weight: 3, id: null }]
          : [{ text: '냉면', kind: 'query', weight: 9, id: null }] }
      : { items: [hit], total: 1, facets: { type: { restaurant: 1 }, cuisine: { 'korean-bbq': 1 }, priceRange: { 2: 1 }, category: {} }, relaxed: false, nextCursor: null };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  const searches = () => asked.filter(u => u.pathname === '/api/search');
  return { fn, asked, searches };
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await changeLanguage('ko');
});

describe('search page', () => {
  it('suggests as a person types 초성, searches the chosen suggestion and shows marked results linking to the restaurant', async () => {
    const service = searchService();
    vi.stubGlobal('fetch', service.fn);
    renderAt(<FindPage />, '/search');
    const box = screen.getByRole('combobox', { name: '통합 검색' });

    await userEvent.type(box, 'ㄷㅈ');
    const list = await screen.findByRole('listbox', { name: '추천 검색어' });
    await within(list).findByRole('option', { name: /돼지갈비/ });
    expect(within(list).getByRole('option', { name: /고기구이/ })).toBeInTheDocument(); // a cuisine code reads as its name
    await userEvent.keyboard('{ArrowDown}{Enter}');

    await waitFor(() => expect(service.searches().some(u => u.searchParams.get('q') === '돼지갈비')).toBe(true));
    const result = await screen.findByTestId('search-hit');
    expect(result).toHaveAttribute('href', `/restaurants/${restaurantId}`);
    expect(within(result).getByRole('heading', { level: 3 })).toHaveTextContent('마포 돼지갈비');
    expect(within(result).getAllByText('돼지갈비', { selector: 'mark' }).length).toBeGreaterThan(0);
    // The service's escaped text stays text: no element is made from it.
    expect(within(result).getByText(/<script>alert\(1\)<\/script>/)).toBeInTheDocument();
    expect(result.querySelector('script')).toBeNull();
    expect(screen.getByRole('heading', { name: '검색 결과 1건' })).toBeInTheDocument();
  });

  it('offers popular searches on an empty box and narrows by a facet', async () => {
    const service = searchService();
    vi.stubGlobal('fetch', service.fn);
    renderAt(<FindPage />, '/search?q=갈비');
    await userEvent.clear(screen.getByRole('combobox'));
    await within(await screen.findByRole('listbox', { name: '인기 검색어' })).findByRole('option', { name: /냉면/ });
    expect(service.asked.some(u => u.pathname === '/api/search/suggestions' && !u.searchParams.has('q'))).toBe(true);
    await userEvent.keyboard('{Escape}');

    const cuisines = await screen.findByRole('group', { name: '음식 종류' });
    await userEvent.click(within(cuisines).getByRole('button', { name: /고기구이/ }));
    await waitFor(() => expect(service.searches().at(-1)!.searchParams.get('cuisine')).toBe('korean-bbq'));
    expect(service.searches().at(-1)!.searchParams.get('q')).toBe('갈비');
    expect(within(cuisines).getByRole('button', { name: /고기구이/ })).toHaveAttribute('aria-pressed', 'true');
  });

  it('speaks English', async () => {
    await changeLanguage('en');
    vi.stubGlobal('fetch', searchService().fn);
    renderAt(<FindPage />, '/search?q=galbi');
    expect(screen.getByRole('combobox', { name: 'Search everything' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: '1 result' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Cuisine' })).toBeInTheDocument();
    expect(screen.getByText('Open')).toBeInTheDocument();
  });
});
