import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, draft, ok, type Restaurant, type ReservationsApi, type RestaurantsApi } from '../../api/client';
import { Alert, Badge, Button, Card, ErrorText, Field, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { RestaurantShell } from './RestaurantShell';

const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export default function SetupPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{(r, reload) => <Setup restaurant={r} reload={reload} />}</RestaurantShell>;
}

function Section({ step, title, done, children }: { step: number; title: string; done?: boolean; children: ReactNode }) {
  const { t } = useT();
  return (
    <Card>
      <div className="mb-4 flex items-center gap-3">
        <span className="flex size-8 items-center justify-center rounded-full bg-stone-900 text-sm font-bold text-white" aria-hidden="true">{step}</span>
        <h2 className="text-lg font-bold">{title}</h2>
        {done && <Badge tone="green">{t('setup.done')}</Badge>}
      </div>
      {children}
    </Card>
  );
}

function Setup({ restaurant, reload }: { restaurant: Restaurant; reload: () => Promise<void> }) {
  const { t } = useT();
  const id = restaurant.id;
  const [publishError, setPublishError] = useState<unknown>(null);
  const [publishing, setPublishing] = useState(false);
  const publish = async () => {
    setPublishing(true);
    setPublishError(null);
    try {
      await ok(api.POST('/api/restaurants/{restaurantId}/publish', { params: { path: { restaurantId: id } } }));
      await reload();
    } catch (err) {
      setPublishError(err);
    } finally {
      setPublishing(false);
    }
  };
  return (
    <div className="space-y-6">
      <Section step={1} title={t('setup.hours')}><HoursEditor id={id} /></Section>
      <Section step={2} title={t('setup.menu')}><MenuEditor id={id} /></Section>
      <Section step={3} title={t('setup.tables')}><TablesEditor id={id} /></Section>
      <Section step={4} title={t('setup.booking')}><SettingsEditor id={id} currency={restaurant.currency} /></Section>
      <Section step={5} title={t('setup.publish')} done={restaurant.status === 'published'}>
        {restaurant.status === 'published' ? <p className="text-stone-700">{t('setup.published')}</p> : (
          <div className="space-y-3">
            <p className="text-stone-700">{t('setup.publishHint')}</p>
            <ErrorText error={publishError} />
            <Button onClick={publish} busy={publishing}>{t('setup.publishNow')}</Button>
          </div>
        )}
      </Section>
    </div>
  );
}

function Saved({ error, saved }: { error: unknown; saved: boolean }) {
  const { t } = useT();
  if (error) return <ErrorText error={error} />;
  return saved ? <Alert tone="green">{t('setup.saved')}</Alert> : null;
}

function HoursEditor({ id }: { id: string }) {
  const { t } = useT();
  const hours = useLoad(() => ok(api.GET('/api/restaurants/{restaurantId}/hours', { params: { path: { restaurantId: id } } })), [id]);
  const [week, setWeek] = useState<Record<string, { open: string; close: string; closed: boolean }>>({});
  const [state, setState] = useState<{ busy: boolean; saved: boolean; error: unknown }>({ busy: false, saved: false, error: null });

  useEffect(() => {
    if (!hours.data) return;
    const next: typeof week = {};
    for (const day of days) {
      const p = hours.data.weekly.find(w => w.day === day);
      next[day] = p ? { open: p.open, close: p.close, closed: false } : { open: '11:30', close: '22:00', closed: hours.data.weekly.length > 0 };
    }
    setWeek(next);
  }, [hours.data]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setState({ busy: true, saved: false, error: null });
    try {
      await ok(api.PUT('/api/restaurants/{restaurantId}/hours', {
        params: { path: { restaurantId: id } },
        body: draft<RestaurantsApi['HoursDraft']>({
          weekly: days.filter(d => !week[d].closed).map(d => draft<RestaurantsApi['WeeklyPeriodDraft']>({ day: d, open: week[d].open, close: week[d].close })),
          exceptions: (hours.data?.exceptions ?? []).map(x => draft<RestaurantsApi['ExceptionDraft']>(x.closed
            ? { date: x.date, closed: true, note: x.note }
            : { date: x.date, periods: x.periods.map(p => draft<RestaurantsApi['PeriodDraft']>({ open: p.open, close: p.close, name: p.name })), note: x.note })),
        }),
      }));
      setState({ busy: false, saved: true, error: null });
      void hours.reload();
    } catch (error) {
      setState({ busy: false, saved: false, error });
    }
  };

  if (!hours.data || Object.keys(week).length === 0) return <Spinner />;
  return (
    <form onSubmit={save} className="space-y-3">
      <p className="text-sm text-stone-600">{t('setup.hoursHint')}</p>
      <div className="divide-y divide-stone-100">
        {days.map(day => (
          <fieldset key={day} className="flex flex-wrap items-center gap-3 py-2">
            <legend className="sr-only">{t(`days.${day}`)}</legend>
            <span className="w-16 font-medium" aria-hidden="true">{t(`days.${day}`)}</span>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4 accent-brand-600" checked={!week[day].closed} onChange={e => setWeek({ ...week, [day]: { ...week[day], closed: !e.target.checked } })} />
              {t('setup.open')}
            </label>
            <label className="sr-only" htmlFor={`${day}-open`}>{t('setup.opens', { day: t(`days.${day}`) })}</label>
            <input id={`${day}-open`} type="time" step={900} disabled={week[day].closed} value={week[day].open} onChange={e => setWeek({ ...week, [day]: { ...week[day], open: e.target.value } })}
              className="rounded-lg px-2 py-1 ring-1 ring-stone-300 disabled:opacity-40" />
            <span aria-hidden="true">–</span>
            <label className="sr-only" htmlFor={`${day}-close`}>{t('setup.closes', { day: t(`days.${day}`) })}</label>
            <input id={`${day}-close`} type="time" step={900} disabled={week[day].closed} value={week[day].close} onChange={e => setWeek({ ...week, [day]: { ...week[day], close: e.target.value } })}
              className="rounded-lg px-2 py-1 ring-1 ring-stone-300 disabled:opacity-40" />
          </fieldset>
        ))}
      </div>
      <Saved {...state} />
      <Button type="submit" busy={state.busy}>{t('setup.saveHours')}</Button>
    </form>
  );
}

function MenuEditor({ id }: { id: string }) {
  const { t, lang } = useT();
  const menu = useLoad(() => ok(api.GET('/api/restaurants/{restaurantId}/menu', { params: { path: { restaurantId: id } } })), [id]);
  const [v, setV] = useState({ name: '', price: '', category: '', description: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!v.name.trim()) found.name = t('validation.required');
    if (!/^\d+$/.test(v.price.trim())) found.price = t('validation.wholeWon');
    setErrors(found);
    if (Object.keys(found).length) return;
    setState({ busy: true, error: null });
    try {
      await ok(api.POST('/api/restaurants/{restaurantId}/menu/items', {
        params: { path: { restaurantId: id } },
        body: draft<RestaurantsApi['MenuItemDraft']>({
          name: v.name.trim(), price: { amount: Number(v.price), currency: menu.data?.currency ?? 'KRW' },
          category: v.category.trim() || null, description: v.description.trim() || null,
        }),
      }));
      setV({ name: '', price: '', category: v.category, description: '' });
      setState({ busy: false, error: null });
      void menu.reload();
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      setState({ busy: false, error });
    }
  };
  const remove = async (itemId: string) => {
    await ok(api.DELETE('/api/restaurants/{restaurantId}/menu/items/{itemId}', { params: { path: { restaurantId: id, itemId } } })).catch(() => undefined);
    void menu.reload();
  };

  return (
    <div className="space-y-4">
      {menu.data && menu.data.items.length > 0 && (
        <ul className="divide-y divide-stone-100 rounded-xl ring-1 ring-stone-200">
          {menu.data.items.map(item => (
            <li key={item.id} className="flex items-center justify-between gap-3 px-4 py-2.5">
              <span className="min-w-0"><span className="font-medium">{item.name}</span>{item.category && <span className="ml-2 text-sm text-stone-500">{item.category}</span>}</span>
              <span className="flex items-center gap-3"><span className="tabular">{formatMoney(item.price, lang)}</span>
                <Button variant="ghost" size="sm" onClick={() => remove(item.id)} aria-label={t('setup.removeItem', { name: item.name })}>{t('common.remove')}</Button></span>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate className="grid gap-3 sm:grid-cols-4">
        <Field label={t('setup.itemName')} error={errors.name} className="sm:col-span-2"><input value={v.name} onChange={e => setV({ ...v, name: e.target.value })} /></Field>
        <Field label={t('setup.price')} error={errors.price ?? errors.amount}><input value={v.price} inputMode="numeric" onChange={e => setV({ ...v, price: e.target.value })} placeholder="15000" /></Field>
        <Field label={t('setup.category')} error={errors.category}><input value={v.category} onChange={e => setV({ ...v, category: e.target.value })} placeholder={t('setup.categoryPlaceholder')} /></Field>
        <Field label={t('create.description')} className="sm:col-span-3"><input value={v.description} onChange={e => setV({ ...v, description: e.target.value })} /></Field>
        <div className="flex items-end"><Button type="submit" busy={state.busy} className="w-full">{t('setup.addItem')}</Button></div>
      </form>
      {state.error && !Object.keys(errors).length ? <ErrorText error={state.error} /> : null}
    </div>
  );
}

function TablesEditor({ id }: { id: string }) {
  const { t } = useT();
  const tables = useLoad(() => ok(api.GET('/api/restaurants/{restaurantId}/tables', { params: { path: { restaurantId: id } } })), [id]);
  const [v, setV] = useState({ label: '', min: '1', max: '4', area: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, setState] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!v.label.trim()) found.label = t('validation.required');
    if (Number(v.min) < 1 || Number(v.max) < Number(v.min)) found.maxCapacity = t('validation.capacity');
    setErrors(found);
    if (Object.keys(found).length) return;
    setState({ busy: true, error: null });
    try {
      await ok(api.POST('/api/restaurants/{restaurantId}/tables', {
        params: { path: { restaurantId: id } },
        body: draft<RestaurantsApi['TableDraft']>({ label: v.label.trim(), minCapacity: Number(v.min), maxCapacity: Number(v.max), area: v.area.trim() || null, onlineBookable: true }),
      }));
      setV({ ...v, label: '' });
      setState({ busy: false, error: null });
      void tables.reload();
    } catch (error) {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      setState({ busy: false, error });
    }
  };

  return (
    <div className="space-y-4">
      {tables.data && tables.data.items.length > 0 && (
        <ul className="flex flex-wrap gap-2">
          {tables.data.items.map(table => (
            <li key={table.id} className="rounded-xl bg-stone-100 px-3 py-2 text-sm">
              <span className="font-semibold">{table.label}</span> · {t('setup.seats', { min: Number(table.minCapacity), max: Number(table.maxCapacity) })}{table.area && ` · ${table.area}`}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Field label={t('setup.tableLabel')} error={errors.label}><input value={v.label} onChange={e => setV({ ...v, label: e.target.value })} placeholder="T1" /></Field>
        <Field label={t('setup.minSeats')}><input type="number" min={1} max={50} value={v.min} onChange={e => setV({ ...v, min: e.target.value })} /></Field>
        <Field label={t('setup.maxSeats')} error={errors.maxCapacity}><input type="number" min={1} max={50} value={v.max} onChange={e => setV({ ...v, max: e.target.value })} /></Field>
        <Field label={t('setup.area')}><input value={v.area} onChange={e => setV({ ...v, area: e.target.value })} placeholder={t('setup.areaPlaceholder')} /></Field>
        <div className="col-span-2 flex items-end sm:col-span-1"><Button type="submit" busy={state.busy} className="w-full">{t('setup.addTable')}</Button></div>
      </form>
      {state.error && !Object.keys(errors).length ? <ErrorText error={state.error} /> : null}
    </div>
  );
}

type Settings = ReservationsApi['SettingsBody'];

function SettingsEditor({ id, currency }: { id: string; currency: string }) {
  const { t } = useT();
  const settings = useLoad(() => ok(api.GET('/api/reservations/settings/{restaurantId}', { params: { path: { restaurantId: id } } })), [id]);
  const [v, setV] = useState<Settings | null>(null);
  const [deposit, setDeposit] = useState({ on: false, amount: '10000', minParty: '4' });
  const [state, setState] = useState<{ busy: boolean; saved: boolean; error: unknown }>({ busy: false, saved: false, error: null });

  useEffect(() => {
    if (!settings.data) return;
    setV(settings.data);
    const d = settings.data.deposit;
    setDeposit(d?.amount ? { on: true, amount: String(d.amount.amount), minParty: String(d.minPartySize ?? 1) } : { on: false, amount: '10000', minParty: '4' });
  }, [settings.data]);

  // A restaurant created a moment ago reaches the reservations service through an event: try again shortly.
  useEffect(() => {
    if (settings.error instanceof ApiError && settings.error.status === 404) {
      const timer = setTimeout(() => void settings.reload(), 1500);
      return () => clearTimeout(timer);
    }
  }, [settings.error, settings]);

  if (!v) return settings.error && !(settings.error instanceof ApiError && settings.error.status === 404) ? <ErrorText error={settings.error} /> : <Spinner />;
  const num = (key: keyof Settings) => ({
    value: String(v[key] ?? ''),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [key]: e.target.value === '' ? null : Number(e.target.value) }),
  });
  const windows = v.cancellation?.windows ?? [];
  const setWindows = (next: NonNullable<NonNullable<Settings['cancellation']>['windows']>) => setV({ ...v, cancellation: { windows: next } });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setState({ busy: true, saved: false, error: null });
    try {
      const body: Settings = {
        ...v,
        deposit: deposit.on ? draft<ReservationsApi['DepositBody']>({
          amount: { amount: Number(deposit.amount), currency }, perCover: true, minPartySize: Number(deposit.minParty), holdMinutes: v.deposit?.holdMinutes ?? 30,
        }) : null,
      };
      setV(await ok(api.PUT('/api/reservations/settings/{restaurantId}', { params: { path: { restaurantId: id } }, body })));
      setState({ busy: false, saved: true, error: null });
    } catch (error) {
      setState({ busy: false, saved: false, error });
    }
  };

  return (
    <form onSubmit={save} className="space-y-4">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field label={t('settings.slotMinutes')}><input type="number" min={5} max={120} step={5} {...num('slotMinutes')} /></Field>
        <Field label={t('settings.coversPerSlot')}><input type="number" min={1} {...num('coversPerSlot')} /></Field>
        <Field label={t('settings.minAdvance')}><input type="number" min={0} {...num('minAdvanceMinutes')} /></Field>
        <Field label={t('settings.maxAdvance')}><input type="number" min={1} {...num('maxAdvanceDays')} /></Field>
        <Field label={t('settings.maxParty')}><input type="number" min={1} {...num('maxPartySize')} /></Field>
        <Field label={t('settings.buffer')}><input type="number" min={0} {...num('bufferMinutes')} /></Field>
        <Field label={t('settings.changeCutoff')}><input type="number" min={0} {...num('dinerChangeCutoffMinutes')} /></Field>
      </div>
      <fieldset className="rounded-xl bg-stone-50 p-4 ring-1 ring-stone-200">
        <legend className="px-1 text-sm font-semibold">{t('settings.turnTimes')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {(v.turnTimes ?? []).map((turn, i) => (
            <p key={i} className="text-sm">{t('settings.turn', { party: Number(turn.maxPartySize), minutes: Number(turn.minutes) })}</p>
          ))}
        </div>
      </fieldset>
      <fieldset className="rounded-xl bg-stone-50 p-4 ring-1 ring-stone-200">
        <legend className="px-1 text-sm font-semibold">{t('settings.deposit')}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-brand-600" checked={deposit.on} onChange={e => setDeposit({ ...deposit, on: e.target.checked })} />
          {t('settings.depositOn')}
        </label>
        {deposit.on && (
          <div className="mt-3 grid grid-cols-2 gap-3">
            <Field label={t('settings.depositPerCover')}><input inputMode="numeric" value={deposit.amount} onChange={e => setDeposit({ ...deposit, amount: e.target.value })} /></Field>
            <Field label={t('settings.depositFromParty')}><input type="number" min={1} value={deposit.minParty} onChange={e => setDeposit({ ...deposit, minParty: e.target.value })} /></Field>
          </div>
        )}
        <div className="mt-4 space-y-2">
          <p className="text-sm font-medium">{t('settings.refunds')}</p>
          {windows.length === 0 && <p className="text-sm text-stone-600">{t('settings.noRefundWindows')}</p>}
          {windows.map((w, i) => (
            <div key={i} className="flex flex-wrap items-end gap-2">
              <Field label={t('settings.hoursBefore')}><input type="number" min={0} value={Math.round(Number(w.minutesBefore ?? 0) / 60)}
                onChange={e => setWindows(windows.map((x, j) => j === i ? { ...x, minutesBefore: Number(e.target.value) * 60 } : x))} /></Field>
              <Field label={t('settings.refundPercent')}><input type="number" min={0} max={100} value={Number(w.refundPercent ?? 0)}
                onChange={e => setWindows(windows.map((x, j) => j === i ? { ...x, refundPercent: Number(e.target.value) } : x))} /></Field>
              <Button variant="ghost" onClick={() => setWindows(windows.filter((_, j) => j !== i))}>{t('common.remove')}</Button>
            </div>
          ))}
          <Button variant="secondary" size="sm" onClick={() => setWindows([...windows, { minutesBefore: 1440, refundPercent: 100 }])}>{t('settings.addWindow')}</Button>
        </div>
      </fieldset>
      <Saved {...state} />
      <Button type="submit" busy={state.busy}>{t('settings.save')}</Button>
    </form>
  );
}
