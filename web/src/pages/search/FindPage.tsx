import { Fragment, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ok, type SearchHit, type Suggestion } from '../../api/client';
import { cuisineLabel, Distinction, PriceRange } from '../../components/RestaurantBits';
import { Button, cx, Empty, ErrorText, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDate, formatDistance, formatMoney, formatTime } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { SearchBox } from './SearchBox';

/** Seoul City Hall: where distances are measured from. */
const cityHall = '37.5665,126.978';
const types = ['all', 'restaurant', 'job'] as const;

/**
 * Search over the search service (`/api/search`): restaurants with their menus and shift postings, in Korean or
 * English, with typos, 초성 and romanisation understood. Everything chosen lives in the address (q, type, cuisine,
 * price, openNow, category, sort), so a search can be shared and the back button works.
 */
export default function FindPage() {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = (types as readonly string[]).includes(params.get('type') ?? '') ? params.get('type')! : 'all';
  const cuisine = params.get('cuisine') ?? '';
  const price = params.get('price') ?? '';
  const openNow = params.get('openNow') === 'true';
  const category = params.get('category') ?? '';
  const sort = params.get('sort') === 'distance' ? 'distance' : 'relevance';

  const results = useLoad(() => ok(api.GET('/api/search', {
    params: {
      query: {
        q: q || undefined,
        type: type === 'all' ? undefined : type,
        cuisine: type !== 'job' && cuisine ? cuisine : undefined,
        priceMin: type !== 'job' && price ? Number(price) : undefined,
        priceMax: type !== 'job' && price ? Number(price) : undefined,
        openNow: type !== 'job' && openNow ? true : undefined,
        category: type === 'job' && category ? category : undefined,
        near: cityHall,
        sort: sort === 'distance' || !q ? 'distance' : 'relevance',
        limit: 30,
      },
    },
  })), [q, type, cuisine, price, openNow, category, sort]);

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value); else next.delete(key);
    }
    setParams(next);
  };
  const toggle = (key: string, value: string, current: string) => set({ [key]: current === value ? null : value });
  const pick = (s: Suggestion) => {
    if (s.kind === 'restaurant' && s.id) void navigate(`/restaurants/${s.id}`);
    else if (s.kind === 'cuisine') set({ q: null, type: 'restaurant', cuisine: s.text, category: null });
    else if (s.kind === 'category') set({ q: null, type: 'job', category: s.text, cuisine: null, price: null, openNow: null });
    else set({ q: s.text });
  };
  const display = (s: Suggestion) =>
    s.kind === 'cuisine' ? cuisineLabel(t, s.text) : s.kind === 'category' ? t(`category.${s.text}`, { defaultValue: s.text }) : s.text;

  const facets = results.data?.facets ?? {};
  const counts = (name: string) => Object.entries(facets[name] ?? {}).sort((a, b) => Number(b[1]) - Number(a[1]));

  return (
    <div>
      <section className="mb-6 rounded-3xl bg-stone-900 px-5 py-8 text-white sm:px-10 sm:py-10">
        <h1 className="text-[26px] leading-tight font-bold sm:text-4xl">{t('find.headline')}</h1>
        <p className="mt-2 mb-6 max-w-xl text-stone-300">{t('find.lead')}</p>
        <SearchBox initial={q} onSearch={text => set({ q: text || null })} onPick={pick} display={display} />
      </section>

      <div className="grid gap-6 lg:grid-cols-[15rem_1fr]">
        <aside aria-label={t('find.filters')} className="space-y-5">
          <FilterGroup label={t('find.type')}>
            {types.map(value => (
              <Chip key={value} pressed={type === value} count={value === 'all' ? undefined : facets.type?.[value]}
                onClick={() => set({ type: value === 'all' ? null : value, cuisine: null, price: null, openNow: null, category: null })}>
                {t(`find.types.${value}`)}
              </Chip>
            ))}
          </FilterGroup>
          {type !== 'job' && counts('cuisine').length > 0 && (
            <FilterGroup label={t('find.cuisine')}>
              {counts('cuisine').slice(0, 12).map(([value, count]) => (
                <Chip key={value} pressed={cuisine === value} count={count} onClick={() => toggle('cuisine', value, cuisine)}>{cuisineLabel(t, value)}</Chip>
              ))}
            </FilterGroup>
          )}
          {type !== 'job' && counts('priceRange').length > 0 && (
            <FilterGroup label={t('find.price')}>
              {counts('priceRange').sort((a, b) => Number(a[0]) - Number(b[0])).map(([value, count]) => (
                <Chip key={value} pressed={price === value} count={count} onClick={() => toggle('price', value, price)}>{t(`price.${value}`)}</Chip>
              ))}
            </FilterGroup>
          )}
          {type !== 'job' && (
            <FilterGroup label={t('find.hours')}>
              <Chip pressed={openNow} onClick={() => set({ openNow: openNow ? null : 'true' })}>{t('find.openNow')}</Chip>
            </FilterGroup>
          )}
          {type !== 'restaurant' && counts('category').length > 0 && (
            <FilterGroup label={t('find.category')}>
              {counts('category').map(([value, count]) => (
                <Chip key={value} pressed={category === value} count={count}
                  onClick={() => set({ type: 'job', category: category === value ? null : value, cuisine: null, price: null, openNow: null })}>
                  {t(`category.${value}`, { defaultValue: value })}
                </Chip>
              ))}
            </FilterGroup>
          )}
        </aside>

        <section aria-labelledby="find-results">
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <h2 id="find-results" className="text-[15px] font-semibold text-stone-800" aria-live="polite">
              {results.data ? t('find.total', { count: Number(results.data.total) }) : t('common.loading')}
            </h2>
            {q && (
              <div role="group" aria-label={t('find.sort')} className="flex gap-1">
                <Chip pressed={sort === 'relevance'} onClick={() => set({ sort: null })}>{t('find.byRelevance')}</Chip>
                <Chip pressed={sort === 'distance'} onClick={() => set({ sort: 'distance' })}>{t('find.byDistance')}</Chip>
              </div>
            )}
          </div>
          {results.data?.relaxed && <p className="mb-3 text-sm text-stone-600">{t('find.relaxed')}</p>}
          <ErrorText error={results.error} />
          {results.loading && !results.data && <Spinner label={t('common.loading')} />}
          {results.data && results.data.items.length === 0 && <Empty title={t('find.none')}>{t('find.noneHint')}</Empty>}
          <ul className="grid gap-3" aria-busy={results.loading}>
            {results.data?.items.map(hit => <li key={`${hit.type}-${hit.id}`}><HitCard hit={hit} lang={lang} /></li>)}
          </ul>
        </section>
      </div>
    </div>
  );
}

function HitCard({ hit, lang }: { hit: SearchHit; lang: 'ko' | 'en' }) {
  const { t } = useT();
  const distance = formatDistance(hit.distanceKm, lang);
  const h = hit.highlights ?? {};
  const card = 'group block rounded-2xl bg-white p-4 shadow-sm ring-1 ring-stone-200 transition hover:shadow-md hover:ring-stone-300 sm:p-5';
  if (hit.restaurant) {
    const r = hit.restaurant;
    return (
      <Link to={`/restaurants/${r.id}`} className={card} data-testid="search-hit">
        <div className="flex items-start justify-between gap-3">
          <h3 className="text-lg font-bold text-stone-900 group-hover:text-brand-700"><Marked html={h.name} plain={r.name} /></h3>
          {distance && <span className="shrink-0 text-sm font-medium text-stone-600 tabular">{distance}</span>}
        </div>
        {r.nameEn && <p className="text-sm text-stone-500"><Marked html={h.nameEn} plain={r.nameEn} /></p>}
        <p className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-700">
          <span>{cuisineLabel(t, r.cuisine)}</span>
          <span aria-hidden="true">·</span>
          <PriceRange value={r.priceRange} />
          <Distinction value={r.distinction} />
          <span className={cx('rounded-full px-2 py-0.5 text-xs font-medium', r.openNow ? 'bg-green-50 text-green-800' : 'bg-stone-100 text-stone-600')}>
            {r.openNow ? t('find.open') : t('find.closed')}
          </span>
        </p>
        <p className="mt-1 text-sm text-stone-600"><Marked html={h.address} plain={r.address} /></p>
        {h.description && <p className="mt-1 text-sm text-stone-600"><Marked html={h.description} plain="" /></p>}
        {r.matchedMenu.length > 0 && (
          <p className="mt-2 text-sm text-stone-700">
            <span className="font-medium">{t('find.menu')}</span>{' '}
            {r.matchedMenu.map((m, i) => (
              <Fragment key={m.id}>
                {i > 0 && ', '}
                <Marked html={m.highlight} plain={m.name} /> <span className="text-stone-500 tabular">{formatMoney(m.price, lang)}</span>
              </Fragment>
            ))}
          </p>
        )}
      </Link>
    );
  }
  const j = hit.job!;
  return (
    <Link to={`/restaurants/${j.restaurantId}`} className={card} data-testid="search-hit">
      <div className="flex items-start justify-between gap-3">
        <h3 className="text-lg font-bold text-stone-900 group-hover:text-brand-700"><Marked html={h.title} plain={j.title} /></h3>
        {distance && <span className="shrink-0 text-sm font-medium text-stone-600 tabular">{distance}</span>}
      </div>
      <p className="text-sm text-stone-600"><Marked html={h.restaurantName} plain={j.restaurantName} /></p>
      <p className="mt-2 flex flex-wrap gap-x-2 text-sm text-stone-700">
        <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800">{t('find.types.job')}</span>
        <span>{t(`category.${j.category}`, { defaultValue: j.category })}</span>
        <span aria-hidden="true">·</span>
        <span>{formatDate(j.date, lang)} {formatTime(j.start, 'Asia/Seoul', lang)}–{formatTime(j.end, 'Asia/Seoul', lang)}</span>
        <span aria-hidden="true">·</span>
        <span className="tabular">{t('find.hourly', { wage: formatMoney(j.hourlyWage, lang) })}</span>
      </p>
    </Link>
  );
}

/**
 * A highlight from the service: its text is HTML-escaped with <em> around what matched. It is read as text and marks,
 * never put into the page as HTML.
 */
export function Marked({ html, plain }: { html?: string | null; plain: string }) {
  if (!html) return <>{plain}</>;
  const parts = html.split(/(<em>.*?<\/em>)/g).filter(Boolean);
  return (
    <>
      {parts.map((part, i) => part.startsWith('<em>')
        ? <mark key={i} className="rounded bg-amber-100 px-0.5 text-inherit">{unescape(part.slice(4, -5))}</mark>
        : <Fragment key={i}>{unescape(part)}</Fragment>)}
    </>
  );
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, e => entities[e] ?? e);

function FilterGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label}>
      <p className="mb-2 text-xs font-semibold tracking-wide text-stone-500 uppercase">{label}</p>
      <div className="flex flex-wrap gap-1.5">{children}</div>
    </div>
  );
}

function Chip({ pressed, count, onClick, children }: { pressed: boolean; count?: number | string; onClick: () => void; children: ReactNode }) {
  return (
    <Button
      variant={pressed ? 'primary' : 'secondary'}
      size="sm"
      aria-pressed={pressed}
      onClick={onClick}
      className="rounded-full"
    >
      {children}
      {count !== undefined && <span className={cx('tabular text-xs', pressed ? 'text-white/80' : 'text-stone-500')}>{Number(count)}</span>}
    </Button>
  );
}
