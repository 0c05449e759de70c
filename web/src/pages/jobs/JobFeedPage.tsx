import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, ok, type Job } from '../../api/client';
import { useSession } from '../../api/session';
import { Button, Empty, ErrorText, PageHeader, Spinner, cx, inputStyle } from '../../components/ui';
import { useT } from '../../i18n';
import { categories } from '../../lib/jobs';
import { useLoad } from '../../lib/useLoad';
import { JobCard } from './JobBits';

/** Seoul City Hall: where distances are measured from until the browser shares a location. */
const cityHall = { lat: 37.5665, lng: 126.978 };
const radii = [1, 3, 5, 10, 20];

export default function JobFeedPage() {
  const { t } = useT();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const category = params.get('category') ?? '';
  const date = params.get('date') ?? '';
  const minWage = params.get('minWage') ?? '';
  const radius = Number(params.get('radiusKm') ?? 10);
  const sort = params.get('sort') ?? 'start';
  const [origin, setOrigin] = useState<{ lat: number; lng: number; mine: boolean }>({ ...cityHall, mine: false });
  const [locating, setLocating] = useState(false);
  const [more, setMore] = useState<{ items: Job[]; cursor: string | null } | null>(null);

  const query = {
    category: category || undefined, date: date || undefined, minWage: minWage ? Number(minWage) : undefined,
    near: `${origin.lat},${origin.lng}`, radiusKm: radius, sort, limit: 20,
  };
  const feed = useLoad(async () => {
    setMore(null);
    return ok(api.GET('/api/jobs', { params: { query } }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [category, date, minWage, radius, sort, origin.lat, origin.lng, user?.id]);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value); else next.delete(key);
    setParams(next, { replace: true });
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
  const loadMore = async () => {
    const cursor = more?.cursor ?? feed.data?.nextCursor;
    if (!cursor) return;
    const page = await ok(api.GET('/api/jobs', { params: { query: { ...query, cursor } } }));
    setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor ?? null });
  };
  const items = [...(feed.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.cursor : feed.data?.nextCursor;

  return (
    <div>
      <PageHeader title={t('jobs.title')} subtitle={t('jobs.subtitle')} />
      <div className="mb-4 flex flex-wrap gap-2" role="group" aria-label={t('jobs.categories')}>
        {categories.map(c => (
          <button key={c} type="button" aria-pressed={category === c} onClick={() => set('category', category === c ? '' : c)}
            className={cx('rounded-full px-3.5 py-1.5 text-sm font-medium ring-1 ring-inset',
              category === c ? 'bg-stone-900 text-white ring-stone-900' : 'bg-white text-stone-700 ring-stone-300 hover:bg-stone-100')}>
            {t(`category.${c}`)}
          </button>
        ))}
      </div>
      <div className="mb-6 grid gap-3 rounded-2xl bg-white p-4 ring-1 ring-stone-200 sm:grid-cols-2 lg:grid-cols-5">
        <label className="text-sm font-medium text-stone-800">{t('jobs.date')}
          <input type="date" value={date} onChange={e => set('date', e.target.value)} className={cx(inputStyle, 'mt-1')} />
        </label>
        <label className="text-sm font-medium text-stone-800">{t('jobs.minWage')}
          <select value={minWage} onChange={e => set('minWage', e.target.value)} className={cx(inputStyle, 'mt-1')}>
            <option value="">{t('jobs.any')}</option>
            {[11000, 12000, 13000, 15000].map(w => <option key={w} value={w}>{t('jobs.atLeast', { amount: w.toLocaleString('ko-KR') })}</option>)}
          </select>
        </label>
        <label className="text-sm font-medium text-stone-800">{t('jobs.radius')}
          <select value={radius} onChange={e => set('radiusKm', e.target.value)} className={cx(inputStyle, 'mt-1')}>
            {radii.map(r => <option key={r} value={r}>{t('jobs.withinKm', { count: r })}</option>)}
          </select>
        </label>
        <label className="text-sm font-medium text-stone-800">{t('jobs.sort')}
          <select value={sort} onChange={e => set('sort', e.target.value)} className={cx(inputStyle, 'mt-1')}>
            <option value="start">{t('jobs.sortStart')}</option>
            <option value="distance">{t('jobs.sortDistance')}</option>
            <option value="wage">{t('jobs.sortWage')}</option>
          </select>
        </label>
        <div className="flex items-end gap-2 text-sm text-stone-600">
          <span className="pb-2">{origin.mine ? t('search.fromYou') : t('search.fromCityHall')}</span>
          {!origin.mine && <Button variant="secondary" size="sm" className="mb-1" onClick={locate} busy={locating}>{t('search.useLocation')}</Button>}
        </div>
      </div>

      <ErrorText error={feed.error} />
      {feed.loading && !feed.data && <Spinner label={t('common.loading')} />}
      {feed.data && items.length === 0 && <Empty title={t('jobs.none')}>{t('jobs.noneHint')}</Empty>}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-busy={feed.loading}>
        {items.map(job => <li key={job.id}><JobCard job={job} to={`/jobs/${job.id}`} /></li>)}
      </ul>
      {nextCursor && <div className="mt-6 text-center"><Button variant="secondary" onClick={loadMore}>{t('jobs.more')}</Button></div>}
    </div>
  );
}
