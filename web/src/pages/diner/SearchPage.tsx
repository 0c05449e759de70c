import { lazy, Suspense, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { cuisineLabel, Distinction, PriceRange, restaurantName } from '../../components/RestaurantBits';
import { Button, Empty, ErrorText, Spinner, Stars, cx, inputStyle } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDistance } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';

/** Seoul City Hall: where distances are measured from until the browser shares a location. */
const cityHall = { lat: 37.5665, lng: 126.978 };
// Its own chunk, fetched only for a signed-in diner: the first visit's download stays the same.
const Recommended = lazy(() => import('./Recommended'));

const cuisines = ['korean', 'japanese', 'chinese', 'french', 'italian', 'brunch', 'cafe', 'vegan'];

export function SearchPage() {
  const { t, lang } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const cuisine = params.get('cuisine') ?? '';
  const [text, setText] = useState(query);
  const [origin, setOrigin] = useState<{ lat: number; lng: number; mine: boolean }>({ ...cityHall, mine: false });
  const [locating, setLocating] = useState(false);

  const list = useLoad(() => ok(api.GET('/api/restaurants', {
    params: { query: { Query: query || undefined, Cuisine: cuisine || undefined, Near: `${origin.lat},${origin.lng}`, Limit: 50 } },
  })), [query, cuisine, origin.lat, origin.lng]);

  // Words typed here are searched by the search service (Korean typos, 초성, romanisation; menus and jobs too).
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) {
      void navigate(`/search?q=${encodeURIComponent(text.trim())}`);
      return;
    }
    const next = new URLSearchParams(params);
    next.delete('q');
    setParams(next);
  };
  const pickCuisine = (value: string) => {
    const next = new URLSearchParams(params);
    if (value && value !== cuisine) next.set('cuisine', value); else next.delete('cuisine');
    setParams(next);
  };
  const locate = () => {
    if (!navigator.geolocation) return;
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      p => { setOrigin({ lat: p.coords.latitude, lng: p.coords.longitude, mine: true }); setLocating(false); },
      () => setLocating(false),
      { timeout: 8000 },
    );
  };

  return (
    <div>
      <section className="mb-8 rounded-3xl bg-stone-900 px-5 py-8 text-white sm:px-10 sm:py-12">
        <h1 className="text-[26px] leading-tight font-bold sm:text-4xl">{t('search.headline')}</h1>
        <p className="mt-2 max-w-xl text-stone-300">{t('search.lead')}</p>
        <form role="search" onSubmit={submit} className="mt-6 flex max-w-2xl gap-2">
          <label htmlFor="search-q" className="sr-only">{t('search.label')}</label>
          <input
            id="search-q"
            type="search"
            value={text}
            onChange={e => setText(e.target.value)}
            placeholder={t('search.placeholder')}
            className={cx(inputStyle, 'h-12 text-base')}
          />
          <Button type="submit" size="lg">{t('search.submit')}</Button>
        </form>
      </section>

      {user && !query && !cuisine && <Suspense fallback={null}><Recommended key={user.id} /></Suspense>}

      <div className="mb-5 flex flex-wrap items-center gap-2" role="group" aria-label={t('search.cuisines')}>
        {cuisines.map(c => (
          <button
            key={c}
            type="button"
            aria-pressed={cuisine === c}
            onClick={() => pickCuisine(c)}
            className={cx('rounded-full px-3.5 py-1.5 text-sm font-medium ring-1 ring-inset',
              cuisine === c ? 'bg-stone-900 text-white ring-stone-900' : 'bg-white text-stone-700 ring-stone-300 hover:bg-stone-100')}
          >
            {cuisineLabel(t, c)}
          </button>
        ))}
        <span className="ml-auto flex items-center gap-2 text-sm text-stone-600">
          {origin.mine ? t('search.fromYou') : t('search.fromCityHall')}
          {!origin.mine && <Button variant="secondary" size="sm" onClick={locate} busy={locating}>{t('search.useLocation')}</Button>}
        </span>
      </div>

      <ErrorText error={list.error} />
      {list.loading && !list.data && <Spinner label={t('common.loading')} />}
      {list.data && list.data.items.length === 0 && <Empty title={t('search.none')}>{t('search.noneHint')}</Empty>}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-busy={list.loading}>
        {list.data?.items.map(r => (
          <li key={r.id}>
            <Link to={`/restaurants/${r.id}`} className="group block h-full rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 transition hover:shadow-md hover:ring-stone-300">
              <div className="flex items-start justify-between gap-3">
                <h2 className="text-lg font-bold text-stone-900 group-hover:text-brand-700">{restaurantName(r, lang)}</h2>
                {r.distanceKm != null && <span className="shrink-0 text-sm font-medium text-stone-600 tabular">{formatDistance(r.distanceKm, lang)}</span>}
              </div>
              {lang === 'ko' && r.nameEn && <p className="text-sm text-stone-500">{r.nameEn}</p>}
              <p className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-700">
                <span>{cuisineLabel(t, r.cuisine)}</span>
                <span aria-hidden="true">·</span>
                <PriceRange value={r.priceRange} />
                <Distinction value={r.distinction} />
              </p>
              <p className="mt-1 text-sm text-stone-600">{r.address}</p>
              <p className="mt-3 text-sm text-stone-700">
                {Number(r.rating.count) > 0
                  ? <><Stars value={Number(r.rating.average)} label={t('reviews.average', { value: Number(r.rating.average).toFixed(1) })} /> <span className="tabular">{Number(r.rating.average).toFixed(1)}</span> <span className="text-stone-500">({t('reviews.count', { count: Number(r.rating.count) })})</span></>
                  : <span className="text-stone-500">{t('reviews.noneYet')}</span>}
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
