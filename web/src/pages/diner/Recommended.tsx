// "추천 식당": restaurants and dishes for the signed-in diner from the forecasting service's recommender (liked by diners
// who chose what they chose; the most popular for a new diner, shown the same way with its own reason). Loaded on its
// own after the home page, and only for a signed-in diner, so the first download does not grow.
import { Link } from 'react-router';
import { api, ok, type ForecastingApi } from '../../api/client';
import { useT } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';

type Recommendations = ForecastingApi['RecommendationsResponse'];

export default function Recommended() {
  const recommendations = useLoad(() => ok(api.GET('/api/recommendations/me', { params: { query: { take: 6 } } })), []);
  // A recommendation is a nicety: when the service cannot answer, the home page simply goes without it.
  if (!recommendations.data || recommendations.data.restaurants.length === 0) return null;
  return <RecommendedList data={recommendations.data} />;
}

export function RecommendedList({ data }: { data: Recommendations }) {
  const { t, lang } = useT();
  const names = new Map(data.restaurants.map(r => [r.restaurantId, lang === 'en' && r.nameEn ? r.nameEn : r.name]));
  return (
    <section aria-labelledby="recommended-title" className="mb-8">
      <h2 id="recommended-title" className="mb-3 text-lg font-bold">{t('recommend.title')}</h2>
      <ul className="-mx-1 flex snap-x gap-3 overflow-x-auto px-1 py-1">
        {data.restaurants.map(r => (
          <li key={r.restaurantId} className="w-56 shrink-0 snap-start">
            <Link to={`/restaurants/${r.restaurantId}`}
              className="block h-full rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200 transition hover:shadow-md hover:ring-stone-300">
              <p className="font-bold text-stone-900">{names.get(r.restaurantId)}</p>
              {lang === 'ko' && r.nameEn && <p className="text-sm text-stone-500">{r.nameEn}</p>}
              <p className="mt-2 text-sm text-stone-600">{t(r.reason === 'similar' ? 'recommend.similar' : 'recommend.popular')}</p>
            </Link>
          </li>
        ))}
      </ul>
      {data.dishes.length > 0 && (
        <div className="mt-3">
          <h3 className="text-sm font-semibold text-stone-600">{t('recommend.dishes')}</h3>
          <ul className="-mx-1 mt-1 flex gap-2 overflow-x-auto px-1 py-1">
            {data.dishes.map(d => (
              <li key={d.menuItemId} className="shrink-0">
                <Link to={`/restaurants/${d.restaurantId}`} className="inline-flex items-center gap-1.5 whitespace-nowrap rounded-full bg-white px-3 py-1.5 text-sm ring-1 ring-stone-300 ring-inset hover:bg-stone-100">
                  <span className="font-medium">{d.name}</span>
                  {names.get(d.restaurantId) && <span className="text-stone-500">· {names.get(d.restaurantId)}</span>}
                  <span className="tabular text-stone-600">{formatMoney(d.price, lang)}</span>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
