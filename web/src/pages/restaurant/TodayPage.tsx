import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { api, ok, type Reservation, type Restaurant, type RestaurantsApi } from '../../api/client';
import { StatusBadge } from '../../components/StatusBadge';
import { Alert, Button, Card, Empty, ErrorText, Spinner, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { addDays, formatDate, formatPhone, formatTime, todayIn } from '../../lib/format';
import { useLive } from '../../lib/live';
import { useLoad } from '../../lib/useLoad';
import { RestaurantShell } from './RestaurantShell';

type Action = 'confirm' | 'arrive' | 'seat' | 'complete' | 'no-show' | 'cancel';
/** What staff can do next in each status (the reservations service's lifecycle decides; it answers 409 otherwise). */
const next: Record<string, Action[]> = {
  pending_payment: ['confirm', 'cancel'],
  confirmed: ['arrive', 'seat', 'no-show', 'cancel'],
  arrived: ['seat', 'cancel'],
  seated: ['complete'],
};
const active = ['pending_payment', 'confirmed', 'arrived', 'seated'];

export default function TodayPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <Today restaurant={r} />}</RestaurantShell>;
}

function Today({ restaurant }: { restaurant: Restaurant }) {
  const { t, lang } = useT();
  const zone = restaurant.timeZone;
  const today = todayIn(zone);
  const [date, setDate] = useState(today);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [news, setNews] = useState<string | null>(null);

  const day = useLoad(async () => {
    const items: Reservation[] = [];
    let cursor: string | undefined;
    do {
      const page = await ok(api.GET('/api/reservations', { params: { query: { restaurantId: restaurant.id, date, limit: 100, cursor } } }));
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { date, items: items.sort((a, b) => a.start.localeCompare(b.start)) };
  }, [restaurant.id, date]);
  const floor = useLoad(() => ok(api.GET('/api/restaurants/{restaurantId}/floor', { params: { path: { restaurantId: restaurant.id } } })), [restaurant.id]);

  // New, changed and cancelled bookings reach staff as notifications (booking_new, booking_modified,
  // booking_cancelled); the hub has no event of its own for the day sheet, so the sheet is read again.
  const live = useLive(item => {
    if (!item.type.startsWith('booking_')) return;
    void day.reload();
    setNews(item.title + (item.body ? ` — ${item.body}` : ''));
  });

  // Bookings that appear while the sheet is open are marked new until the page is left.
  const known = useRef<{ date: string; ids: Set<string> } | null>(null);
  useEffect(() => {
    if (!day.data || day.data.date !== date) return;
    const ids = new Set(day.data.items.map(r => r.id));
    if (known.current?.date === date) {
      const added = [...ids].filter(id => !known.current!.ids.has(id));
      if (added.length) setFresh(prev => new Set([...prev, ...added]));
    }
    known.current = { date, ids };
  }, [day.data, date]);

  const act = async (r: Reservation, action: Action) => {
    const path = { params: { path: { id: r.id } } };
    const calls = {
      confirm: () => api.POST('/api/reservations/{id}/confirm', path),
      arrive: () => api.POST('/api/reservations/{id}/arrive', path),
      seat: () => api.POST('/api/reservations/{id}/seat', path),
      complete: () => api.POST('/api/reservations/{id}/complete', path),
      'no-show': () => api.POST('/api/reservations/{id}/no-show', path),
      cancel: () => api.POST('/api/reservations/{id}/cancel', path),
    };
    await ok(calls[action]());
    await day.reload();
  };

  const tables = floor.data?.tables ?? [];
  const labels = new Map(tables.map(tb => [tb.id, tb.label]));
  const reservations = day.data?.items ?? [];
  const covers = reservations.filter(r => active.includes(r.status) || r.status === 'completed').reduce((n, r) => n + Number(r.partySize), 0);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" onClick={() => setDate(addDays(date, -1))} aria-label={t('today.previous')}>‹</Button>
        <h2 className="min-w-40 text-center text-lg font-bold" aria-live="polite">{date === today ? t('today.today') : ''} {formatDate(date, lang)}</h2>
        <Button variant="secondary" size="sm" onClick={() => setDate(addDays(date, 1))} aria-label={t('today.next')}>›</Button>
        {date !== today && <Button variant="ghost" size="sm" onClick={() => setDate(today)}>{t('today.backToToday')}</Button>}
        <label className="sr-only" htmlFor="sheet-date">{t('booking.date')}</label>
        <input id="sheet-date" type="date" value={date} onChange={e => e.target.value && setDate(e.target.value)} className="rounded-lg px-2 py-1 text-sm ring-1 ring-stone-300" />
        <span className="ml-auto flex items-center gap-2 text-sm text-stone-600" data-testid="live-state" data-state={live}>
          <span className={cx('size-2.5 rounded-full', live === 'live' ? 'bg-emerald-500' : live === 'off' ? 'bg-stone-400' : 'bg-amber-500')} aria-hidden="true" />
          {t(`live.${live}`)}
        </span>
      </div>

      {news && <Alert tone="blue" title={t('today.news')}>{news}</Alert>}

      <div className="grid grid-cols-3 gap-3">
        <Stat label={t('today.bookings')} value={reservations.filter(r => r.status !== 'cancelled').length} />
        <Stat label={t('today.covers')} value={covers} />
        <Stat label={t('today.seatedNow')} value={reservations.filter(r => r.status === 'seated').length} />
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_320px]">
        <Card flush>
          <h3 className="border-b border-stone-100 px-5 py-3 font-bold">{t('today.timeline')}</h3>
          <ErrorText error={day.error} />
          {!day.data ? <div className="p-5"><Spinner label={t('common.loading')} /></div>
            : reservations.length === 0 ? <div className="p-5"><Empty title={t('today.none')} /></div> : (
              <ol className="divide-y divide-stone-100" aria-label={t('today.timeline')}>
                {reservations.map(r => (
                  <Row key={r.id} r={r} zone={zone} labels={labels} fresh={fresh.has(r.id)} onAct={a => act(r, a)} />
                ))}
              </ol>
            )}
        </Card>
        <Floor tables={tables} reservations={reservations} zone={zone} loading={!floor.data} />
      </div>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-2xl bg-white px-4 py-3 ring-1 ring-stone-200 sm:px-5 sm:py-4">
      <p className="text-sm text-stone-600">{label}</p>
      <p className="mt-1 text-2xl font-bold tabular">{value}</p>
    </div>
  );
}

function Row({ r, zone, labels, fresh, onAct }: { r: Reservation; zone: string; labels: Map<string, string>; fresh: boolean; onAct: (a: Action) => Promise<void> }) {
  const { t, lang } = useT();
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<unknown>(null);
  const started = new Date(r.start).getTime() <= Date.now();
  const actions = (next[r.status] ?? []).filter(a => a !== 'no-show' || started);
  const run = async (a: Action) => {
    setBusy(a);
    setError(null);
    try {
      await onAct(a);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <li className={cx('px-5 py-4', fresh && 'bg-sky-50', r.status === 'cancelled' && 'opacity-60')} data-testid="booking-row" data-status={r.status} data-id={r.id}>
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <p className="w-14 shrink-0 text-lg font-bold tabular">{formatTime(r.start, zone, lang)}</p>
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">{r.guest?.name ?? t('today.noName')}</span>
            <span className="text-stone-600">{t('booking.people', { count: Number(r.partySize) })}</span>
            <StatusBadge status={r.status} />
            {fresh && <span className="rounded-full bg-sky-600 px-2 py-0.5 text-xs font-bold text-white">{t('today.new')}</span>}
          </p>
          <p className="text-sm text-stone-600">
            {r.tableIds.length > 0 ? r.tableIds.map(id => labels.get(id) ?? '?').join(' + ') : t('today.noTable')}
            {r.guest?.phone && <> · {formatPhone(r.guest.phone)}</>}
            {' · '}{formatTime(r.start, zone, lang)}–{formatTime(r.end, zone, lang)}
          </p>
          {r.notes && <p className="mt-1 rounded-lg bg-amber-50 px-2 py-1 text-sm text-amber-900">{r.notes}</p>}
        </div>
        {actions.length > 0 && (
          <div className="flex flex-wrap gap-1.5">
            {actions.map(a => (
              <Button key={a} size="sm" variant={a === 'cancel' || a === 'no-show' ? 'danger' : a === actions[0] ? 'primary' : 'secondary'} busy={busy === a} disabled={!!busy && busy !== a} onClick={() => run(a)}>
                {t(`today.action.${a}`)}
              </Button>
            ))}
          </div>
        )}
      </div>
      {error ? <div className="mt-2"><ErrorText error={error} /></div> : null}
    </li>
  );
}

function Floor({ tables, reservations, zone, loading }: { tables: RestaurantsApi['TableResponse'][]; reservations: Reservation[]; zone: string; loading: boolean }) {
  const { t, lang } = useT();
  const now = Date.now();
  const areas = [...new Set(tables.map(tb => tb.area ?? ''))];
  const stateOf = (tableId: string) => {
    const mine = reservations.filter(r => r.tableIds.includes(tableId) && active.includes(r.status));
    const current = mine.find(r => r.status === 'seated' || r.status === 'arrived');
    const upcoming = mine.filter(r => new Date(r.end).getTime() > now).sort((a, b) => a.start.localeCompare(b.start))[0];
    return { current, upcoming };
  };
  return (
    <Card>
      <h3 className="font-bold">{t('today.floor')}</h3>
      {loading ? <Spinner /> : tables.length === 0 ? <p className="mt-2 text-sm text-stone-600">{t('today.noTables')}</p> : areas.map(area => (
        <div key={area} className="mt-3">
          {area && <p className="mb-1.5 text-xs font-semibold tracking-wide text-stone-500 uppercase">{area}</p>}
          <ul className="grid grid-cols-3 gap-2">
            {tables.filter(tb => (tb.area ?? '') === area).map(tb => {
              const { current, upcoming } = stateOf(tb.id);
              return (
                <li key={tb.id} className={cx('rounded-xl p-2.5 text-sm ring-1 ring-inset',
                  current ? 'bg-emerald-50 ring-emerald-300' : upcoming ? 'bg-sky-50 ring-sky-200' : 'bg-white ring-stone-200')}>
                  <p className="font-bold">{tb.label} <span className="font-normal text-stone-500">{Number(tb.maxCapacity)}</span></p>
                  <p className="truncate text-xs text-stone-700">
                    {current ? t('today.occupied') : upcoming ? `${formatTime(upcoming.start, zone, lang)} ${upcoming.guest?.name ?? ''}` : t('today.free')}
                  </p>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </Card>
  );
}
