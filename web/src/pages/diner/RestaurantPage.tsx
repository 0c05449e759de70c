import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, draft, ok, type RestaurantsApi } from '../../api/client';
import { useSession } from '../../api/session';
import { BookingPanel } from '../../components/BookingPanel';
import { cuisineLabel, Distinction, PriceRange, restaurantName } from '../../components/RestaurantBits';
import { Alert, Button, Card, Empty, ErrorText, Field, Spinner, Stars } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDate, formatMoney, type Lang } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { useMedia } from '../../lib/useMedia';

const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export default function RestaurantPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const restaurant = useLoad(() => ok(api.GET('/api/restaurants/{restaurantId}', { params: { path: { restaurantId: id } } })), [id]);
  // One booking panel: beside the page on wide screens, inline on phones.
  const wide = useMedia('(min-width: 1024px)');
  useEffect(() => {
    if (restaurant.data) document.title = `${restaurantName(restaurant.data, lang)} · Brigade`;
    return () => { document.title = 'Brigade'; };
  }, [restaurant.data, lang]);

  if (restaurant.error instanceof ApiError && restaurant.error.status === 404) {
    return <Empty title={t('restaurant.notFound')} />;
  }
  if (!restaurant.data) return restaurant.error ? <ErrorText error={restaurant.error} /> : <Spinner label={t('common.loading')} />;
  const r = restaurant.data;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_380px]">
      <div className="min-w-0 space-y-6">
        <header>
          <p className="flex flex-wrap items-center gap-2 text-sm text-stone-600">
            <span>{cuisineLabel(t, r.cuisine)}</span><span aria-hidden="true">·</span><PriceRange value={r.priceRange} /><Distinction value={r.distinction} />
          </p>
          <h1 className="mt-1 text-3xl font-bold">{restaurantName(r, lang)}</h1>
          {lang === 'ko' && r.nameEn && <p className="text-stone-500">{r.nameEn}</p>}
          <p className="mt-2 text-stone-700">{r.address}{r.phone && <> · <a className="underline" href={`tel:${r.phone}`}>{r.phone}</a></>}</p>
          {Number(r.rating.count) > 0 && (
            <p className="mt-1 text-sm"><Stars value={Number(r.rating.average)} label={t('reviews.average', { value: Number(r.rating.average).toFixed(1) })} /> {Number(r.rating.average).toFixed(1)} · {t('reviews.count', { count: Number(r.rating.count) })}</p>
          )}
          {r.description && <p className="mt-4 max-w-2xl leading-7 text-stone-800">{r.description}</p>}
        </header>
        {!wide && <Card><BookingPanel restaurant={r} /></Card>}
        <Hours id={id} lang={lang} />
        <Menu id={id} lang={lang} />
        <Reviews id={id} />
      </div>
      {wide && (
        <aside>
          <div className="sticky top-24"><Card><BookingPanel restaurant={r} /></Card></div>
        </aside>
      )}
    </div>
  );
}

function Hours({ id, lang }: { id: string; lang: Lang }) {
  const { t } = useT();
  const hours = useLoad(() => ok(api.GET('/api/restaurants/{restaurantId}/hours', { params: { path: { restaurantId: id } } })), [id]);
  const data = hours.data;
  return (
    <Card>
      <h2 className="text-lg font-bold">{t('restaurant.hours')}</h2>
      {!data ? <Spinner /> : (
        <>
          <dl className="mt-3 grid grid-cols-[5rem_1fr] gap-y-1.5 text-[15px]">
            {days.map(day => {
              const periods = data.weekly.filter(w => w.day === day);
              return (
                <div key={day} className="contents">
                  <dt className="font-medium text-stone-700">{t(`days.${day}`)}</dt>
                  <dd className="tabular">{periods.length === 0 ? <span className="text-stone-500">{t('restaurant.closed')}</span>
                    : periods.map(p => `${p.open}–${p.close}${p.name ? ` (${p.name})` : ''}`).join(', ')}</dd>
                </div>
              );
            })}
          </dl>
          {data.exceptions.filter(e => e.date >= data.from).length > 0 && (
            <ul className="mt-4 space-y-1 text-sm text-stone-700">
              {data.exceptions.filter(e => e.date >= data.from).slice(0, 4).map(e => (
                <li key={e.date}>
                  <span className="font-medium">{formatDate(e.date, lang)}</span>{' '}
                  {e.closed ? t('restaurant.closed') : e.periods.map(p => `${p.open}–${p.close}`).join(', ')}
                  {e.note && <span className="text-stone-500"> · {e.note}</span>}
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-xs text-stone-500">{t('restaurant.zone', { zone: data.timeZone })}</p>
        </>
      )}
    </Card>
  );
}

function Menu({ id, lang }: { id: string; lang: Lang }) {
  const { t } = useT();
  const menu = useLoad(() => ok(api.GET('/api/restaurants/{restaurantId}/menu', { params: { path: { restaurantId: id } } })), [id]);
  const data = menu.data;
  const groups = data ? [...data.categories.map(c => ({ id: c.id, name: c.name })), { id: null, name: t('restaurant.otherItems') }]
    .map(c => ({ ...c, items: data.items.filter(i => (i.categoryId ?? null) === c.id) }))
    .filter(g => g.items.length > 0) : [];
  return (
    <Card>
      <h2 className="text-lg font-bold">{t('restaurant.menu')}</h2>
      {!data ? <Spinner /> : groups.length === 0 ? <p className="mt-2 text-stone-600">{t('restaurant.noMenu')}</p> : (
        <div className="mt-3 space-y-5">
          {groups.map(g => (
            <section key={g.id ?? 'other'}>
              <h3 className="border-b border-stone-200 pb-1 text-sm font-semibold tracking-wide text-stone-600">{g.name}</h3>
              <ul className="mt-2 divide-y divide-stone-100">
                {g.items.map(item => (
                  <li key={item.id} className="flex items-start justify-between gap-4 py-2.5">
                    <div className="min-w-0">
                      <p className="font-medium">{item.name}{item.soldOut && <span className="ml-2 text-xs font-semibold text-red-700">{t('restaurant.soldOut')}</span>}</p>
                      {item.description && <p className="text-sm text-stone-600">{item.description}</p>}
                      {item.allergens.length > 0 && <p className="text-xs text-stone-500">{t('restaurant.allergens')}: {item.allergens.map(a => t(`allergen.${a}`, { defaultValue: a })).join(', ')}</p>}
                      <AlsoOrdered menuItemId={item.id} name={item.name} lang={lang} />
                    </div>
                    <p className="shrink-0 font-semibold tabular">{formatMoney(item.price, lang)}</p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Card>
  );
}

/** "Guests also ordered": fetched when opened, so a long menu costs no requests until a diner asks. */
function AlsoOrdered({ menuItemId, name, lang }: { menuItemId: string; name: string; lang: Lang }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <details className="mt-1 text-sm" onToggle={e => setOpen(e.currentTarget.open)}>
      <summary className="w-fit cursor-pointer text-[13px] font-medium text-brand-700 hover:underline" aria-label={t('recommend.alsoOrderedFor', { name })}>{t('recommend.alsoOrdered')}</summary>
      {open && <AlsoOrderedList menuItemId={menuItemId} lang={lang} />}
    </details>
  );
}

function AlsoOrderedList({ menuItemId, lang }: { menuItemId: string; lang: Lang }) {
  const { t } = useT();
  const also = useLoad(() => ok(api.GET('/api/recommendations/menu-items/{menuItemId}/also-ordered', { params: { path: { menuItemId }, query: { take: 3 } } })), [menuItemId]);
  if (also.error) return <p className="mt-1 text-stone-500">{t('recommend.alsoOrderedNone')}</p>;
  if (!also.data) return <Spinner className="size-4" />;
  if (also.data.items.length === 0) return <p className="mt-1 text-stone-500">{t('recommend.alsoOrderedNone')}</p>;
  return (
    <ul className="mt-1 flex flex-wrap gap-1.5">
      {also.data.items.map(i => (
        <li key={i.menuItemId} className="rounded-full bg-stone-100 px-2.5 py-0.5 text-stone-700">
          {i.name} <span className="tabular text-stone-500">{formatMoney(i.price, lang)}</span>
        </li>
      ))}
    </ul>
  );
}

function Reviews({ id }: { id: string }) {
  const { t, lang } = useT();
  const { user } = useSession();
  const reviews = useLoad(() => ok(api.GET('/api/restaurants/{restaurantId}/reviews', { params: { path: { restaurantId: id } } })), [id]);
  const eligibility = useLoad(() => ok(api.GET('/api/restaurants/{restaurantId}/reviews/eligibility', { params: { path: { restaurantId: id } } })), [id, user?.id], !!user);
  return (
    <Card>
      <h2 className="text-lg font-bold">{t('reviews.title')}</h2>
      {eligibility.data?.eligible && <ReviewForm id={id} onPosted={() => { void reviews.reload(); void eligibility.reload(); }} />}
      {!reviews.data ? <Spinner /> : reviews.data.items.length === 0 ? <p className="mt-2 text-stone-600">{t('reviews.noneYet')}</p> : (
        <ul className="mt-3 divide-y divide-stone-100">
          {reviews.data.items.map(r => (
            <li key={r.id} className="py-3">
              <p className="flex items-center gap-2 text-sm">
                <Stars value={Number(r.rating)} label={t('reviews.stars', { count: Number(r.rating) })} />
                <span className="font-medium">{r.author.displayName ?? t('reviews.anonymous')}</span>
                <span className="text-stone-500">{formatDate(r.createdAt.slice(0, 10), lang, true)}</span>
              </p>
              <p className="mt-1 leading-7">{r.text}</p>
              {r.reply && <p className="mt-2 rounded-lg bg-stone-100 px-3 py-2 text-sm"><span className="font-semibold">{t('reviews.reply')}</span> {r.reply.text}</p>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ReviewForm({ id, onPosted }: { id: string; onPosted: () => void }) {
  const { t } = useT();
  const [rating, setRating] = useState(0);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (rating < 1) return setError(t('reviews.pickRating'));
    if (text.trim().length < 5) return setError(t('reviews.tooShort'));
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/restaurants/{restaurantId}/reviews', {
        params: { path: { restaurantId: id } },
        body: draft<RestaurantsApi['ReviewDraft']>({ rating, text: text.trim() }),
      }));
      onPosted();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="mt-3 space-y-3 rounded-xl bg-brand-50/60 p-4">
      <p className="text-sm font-semibold">{t('reviews.invite')}</p>
      <fieldset>
        <legend className="mb-1 text-sm font-medium">{t('reviews.rating')}</legend>
        <div className="flex gap-1">
          {[1, 2, 3, 4, 5].map(n => (
            <label key={n} className="cursor-pointer text-2xl has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600">
              <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} className="sr-only" />
              <span aria-hidden="true" className={n <= rating ? 'text-amber-500' : 'text-stone-300'}>★</span>
              <span className="sr-only">{t('reviews.stars', { count: n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('reviews.text')}><textarea rows={3} value={text} onChange={e => setText(e.target.value)} maxLength={2000} /></Field>
      {error && <Alert>{error}</Alert>}
      <Button type="submit" busy={busy}>{t('reviews.post')}</Button>
    </form>
  );
}
