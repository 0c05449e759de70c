// The restaurant's demand forecast: the next 14 days of covers and sales with their prediction interval beside the last
// four weeks' actuals (a plain SVG chart), the model and how it scored against seasonal-naive in words, a day's own figure
// (override) beside the model's, retraining, the staff needed per hour of a chosen day and the menu items expected per day.
// The forecasting service decides who may see it (owners, managers and admins); the actuals are the analytics service's.
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, draft, ok, type ForecastingApi } from '../../api/client';
import { useSession } from '../../api/session';
import { Button, Card, Dialog, ErrorText, Field, Spinner, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { addDays, formatDate, formatDateTime, formatMoney, minorDigits, todayIn } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { RestaurantShell } from '../restaurant/RestaurantShell';

type Forecast = ForecastingApi['ForecastResponse'];
type Day = ForecastingApi['ForecastDayResponse'];
type Model = ForecastingApi['ModelResponse'];
type Target = 'covers' | 'sales';

/** Weeks of actuals drawn before the forecast. */
const ActualDays = 28;

export default function ForecastPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <ForecastView restaurantId={r.id} zone={r.timeZone} />}</RestaurantShell>;
}

function useIsManager(restaurantId: string) {
  const { user } = useSession();
  return !!user && (user.roles.includes('admin') || user.memberships.some(m => m.restaurantId === restaurantId && (m.role === 'owner' || m.role === 'manager')));
}

export function ForecastView({ restaurantId, zone }: { restaurantId: string; zone: string }) {
  const { t } = useT();
  const canManage = useIsManager(restaurantId);
  const [target, setTarget] = useState<Target>('covers');
  const [editing, setEditing] = useState<Day | null>(null);
  const [retraining, setRetraining] = useState(false);
  const [retrainError, setRetrainError] = useState<unknown>(null);
  const forecast = useLoad(() => ok(api.GET('/api/forecasts/{restaurantId}', { params: { path: { restaurantId } } })), [restaurantId]);
  const to = addDays(todayIn(zone), -1);
  const from = addDays(to, 1 - ActualDays);
  // Actuals are context, not the point: without analytics (or its permission) the chart shows the forecast alone.
  const actuals = useLoad(() => ok(api.GET('/api/analytics/restaurants/{restaurantId}/dashboard', {
    params: { path: { restaurantId }, query: { from, to } },
  })).catch(() => null), [restaurantId, from, to]);
  const labour = useLoad(() => ok(api.GET('/api/forecasts/{restaurantId}/labour', { params: { path: { restaurantId } } })), [restaurantId]);
  const items = useLoad(() => ok(api.GET('/api/forecasts/{restaurantId}/items', { params: { path: { restaurantId } } })), [restaurantId]);
  const reloadPlans = () => Promise.all([forecast.reload(), labour.reload(), items.reload()]);

  const retrain = async () => {
    setRetraining(true);
    setRetrainError(null);
    try {
      await ok(api.POST('/api/forecasts/{restaurantId}/retrain', { params: { path: { restaurantId } } }));
      await reloadPlans();
    } catch (e) {
      setRetrainError(e);
    } finally {
      setRetraining(false);
    }
  };

  if (forecast.error) return <ErrorText error={forecast.error} />;
  const f = forecast.data;
  if (!f) return <Spinner label={t('common.loading')} />;
  const history = (actuals.data?.byDay ?? []).map(d => ({ date: d.date, covers: Number(d.covers), sales: Number(d.grossSales.amount) }));
  return (
    <div className="space-y-5">
      <h2 className="sr-only">{t('forecast.tab')}</h2>
      <div className="flex flex-wrap items-center gap-2">
        <div role="tablist" aria-label={t('forecast.target')} className="flex gap-2">
          {(['covers', 'sales'] as Target[]).map(x => (
            <button key={x} role="tab" aria-selected={target === x} onClick={() => setTarget(x)}
              className={cx('rounded-full px-4 py-1.5 text-sm font-semibold', target === x ? 'bg-brand-600 text-white' : 'bg-stone-100 text-stone-700 hover:bg-stone-200')}>
              {t(`forecast.targets.${x}`)}
            </button>
          ))}
        </div>
        {canManage && <Button variant="secondary" size="sm" className="ml-auto" busy={retraining} onClick={() => void retrain()}>{t('forecast.retrain')}</Button>}
      </div>
      <ErrorText error={retrainError} />
      <Card>
        <h3 className="mb-1 font-semibold">{t(`forecast.chartTitle.${target}`)}</h3>
        <p className="mb-3 text-sm text-stone-600">{t('forecast.chartNote', { level: Math.round(Number(f.coversModel.intervalLevel) * 100) })}</p>
        <Chart target={target} days={f.days} history={history} currency={f.currency} />
      </Card>
      <div className="grid gap-3 lg:grid-cols-2">
        <ModelCard model={f.coversModel} zone={zone} />
        <ModelCard model={f.salesModel} zone={zone} />
      </div>
      <DaysTable f={f} canEdit={canManage} onEdit={setEditing} />
      {editing && <OverrideDialog restaurantId={restaurantId} day={editing} currency={f.currency} onClose={() => setEditing(null)}
        onSaved={async () => { setEditing(null); await reloadPlans(); }} />}
      <ErrorText error={labour.error} />
      {labour.data && <Labour labour={labour.data} />}
      <ErrorText error={items.error} />
      {items.data && <Items items={items.data} />}
    </div>
  );
}

type Point = { date: string; value: number; low?: number; high?: number; expected?: number };

/**
 * Actuals as a solid line, then the forecast as a dashed line inside its interval band, and the expected figure (the
 * override, or the model's raised to what is booked) as dots where it differs. Plain SVG stretched to the card's width;
 * the dates sit in HTML below it, where text keeps its shape.
 */
function Chart({ target, days, history, currency }: { target: Target; days: Day[]; history: { date: string; covers: number; sales: number }[]; currency: string }) {
  const { t, lang } = useT();
  const past: Point[] = history.map(h => ({ date: h.date, value: target === 'covers' ? h.covers : h.sales }));
  const ahead: Point[] = days.map(d => target === 'covers'
    ? { date: d.date, value: Number(d.covers?.value ?? d.expectedCovers), low: d.covers ? Number(d.covers.low) : undefined, high: d.covers ? Number(d.covers.high) : undefined,
      expected: Number(d.expectedCovers) }
    : { date: d.date, value: Number(d.sales?.value.amount ?? d.expectedSales.amount), low: d.sales ? Number(d.sales.low.amount) : undefined,
      high: d.sales ? Number(d.sales.high.amount) : undefined, expected: Number(d.expectedSales.amount) });
  const all = [...past, ...ahead];
  const max = Math.max(1, ...all.map(p => Math.max(p.value, p.high ?? 0, p.expected ?? 0))) * 1.05;
  const step = 100 / Math.max(all.length, 1);
  const x = (i: number) => i * step + step / 2;
  const y = (v: number) => 40 - (v / max) * 39;
  const format = (v: number) => (target === 'covers' ? t('forecast.people', { count: Math.round(v) }) : formatMoney({ amount: Math.round(v), currency }, lang));
  const line = (points: Point[], offset: number) => points.map((p, i) => `${x(i + offset).toFixed(2)},${y(p.value).toFixed(2)}`).join(' ');
  const banded = ahead.filter(p => p.low != null && p.high != null);
  const band = banded.length === ahead.length && ahead.length > 0
    ? [...ahead.map((p, i) => `${x(i + past.length).toFixed(2)},${y(p.high!).toFixed(2)}`), ...ahead.map((p, i) => `${x(i + past.length).toFixed(2)},${y(p.low!).toFixed(2)}`).reverse()].join(' ')
    : null;
  const every = Math.max(1, Math.ceil(all.length / 7));
  const label = t('forecast.chartLabel', {
    from: formatDate(ahead[0]?.date ?? '', lang), to: formatDate(ahead.at(-1)?.date ?? '', lang),
    low: format(Math.min(...ahead.map(p => p.value))), high: format(Math.max(...ahead.map(p => p.value))),
  });
  return (
    <figure>
      <svg role="img" aria-label={label} viewBox="0 0 100 40" preserveAspectRatio="none" className="h-48 w-full">
        {past.length > 0 && <rect x={0} y={0} width={past.length * step} height={40} className="fill-stone-50" />}
        {band && <polygon points={band} className="fill-brand-100" />}
        {past.length > 1 && <polyline points={line(past, 0)} fill="none" className="stroke-stone-700" strokeWidth={2} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />}
        {ahead.length > 0 && <polyline points={line(ahead, past.length)} fill="none" className="stroke-brand-600" strokeWidth={2} strokeDasharray="5 3"
          vectorEffect="non-scaling-stroke" strokeLinejoin="round" />}
        {ahead.map((p, i) => p.expected != null && Math.abs(p.expected - p.value) > max * 0.01 && (
          <line key={p.date} x1={x(i + past.length)} x2={x(i + past.length)} y1={y(p.expected) - 0.8} y2={y(p.expected) + 0.8}
            className="stroke-amber-600" strokeWidth={6} vectorEffect="non-scaling-stroke" />
        ))}
        {[...past, ...ahead].map((p, i) => (
          <rect key={`hit-${p.date}`} x={i * step} y={0} width={step} height={40} fill="transparent">
            <title>{`${formatDate(p.date, lang)}: ${format(p.value)}${p.low != null ? ` (${format(p.low)}–${format(p.high!)})` : ''}`}</title>
          </rect>
        ))}
        <line x1={0} x2={100} y1={40} y2={40} className="stroke-stone-300" strokeWidth={0.4} vectorEffect="non-scaling-stroke" />
      </svg>
      <div aria-hidden="true" className="mt-1 flex text-xs text-stone-500 tabular">
        {all.map((p, i) => <span key={p.date} className="flex-1 text-center whitespace-nowrap">{i % every === 0 ? p.date.slice(5).replace('-', '/') : ''}</span>)}
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-stone-600">
        {past.length > 0 ? <Legend swatch="h-0.5 w-5 bg-stone-700" text={t('forecast.legend.actual')} /> : <span>{t('forecast.legend.noActuals')}</span>}
        <Legend swatch="h-0.5 w-5 border-t-2 border-dashed border-brand-600" text={t('forecast.legend.forecast')} />
        {band && <Legend swatch="h-3 w-5 bg-brand-100" text={t('forecast.legend.interval')} />}
        <Legend swatch="h-2 w-2 bg-amber-600" text={t('forecast.legend.expected')} />
      </figcaption>
    </figure>
  );
}

function Legend({ swatch, text }: { swatch: string; text: string }) {
  return <span className="inline-flex items-center gap-1.5"><span aria-hidden="true" className={cx('inline-block', swatch)} />{text}</span>;
}

/** The model in plain words: what it is, why it is served, how it scored and when it was trained. */
function ModelCard({ model, zone }: { model: Model; zone: string }) {
  const { t, lang } = useT();
  const mase = model.mase == null ? null : Number(model.mase);
  const coverage = model.coverage == null ? null : Math.round(Number(model.coverage) * 100);
  return (
    <Card>
      <h3 className="font-semibold">{t(`forecast.model.title.${model.target}`)}</h3>
      <p className="mt-1 text-[15px]">{t(`forecast.model.method.${model.method}`, { defaultValue: model.method })}</p>
      <p className="mt-1 text-sm text-stone-600">{t(`forecast.model.reason.${model.reason}`, { defaultValue: model.reason })}</p>
      <ul className="mt-3 space-y-1 text-sm text-stone-700">
        {mase != null && (
          <li>{mase < 1
            ? t('forecast.model.maseBetter', { percent: Math.round((1 - mase) * 100), mase: mase.toFixed(2) })
            : t('forecast.model.maseWorse', { percent: Math.round((mase - 1) * 100), mase: mase.toFixed(2) })}</li>
        )}
        {coverage != null && <li>{t('forecast.model.coverage', { coverage, level: Math.round(Number(model.intervalLevel) * 100), points: Number(model.backtestPoints) })}</li>}
        <li>{t('forecast.model.version', {
          version: Number(model.version), at: formatDateTime(model.trainedAt, zone, lang), days: Number(model.historyDays),
          trigger: t(`forecast.model.trigger.${model.trigger}`, { defaultValue: model.trigger }),
        })}</li>
      </ul>
    </Card>
  );
}


/** Every day ahead: the model's covers and sales with their range, what is booked, the day's own figure and what is planned with. */
function DaysTable({ f, canEdit, onEdit }: { f: Forecast; canEdit: boolean; onEdit: (d: Day) => void }) {
  const { t, lang } = useT();
  const money = (m: { amount: number | string; currency: string }) => formatMoney(m, lang);
  // Without any history the model's figures are zeros that mean "unknown": shown as a dash, not as a forecast of nobody.
  const covers = f.coversModel.reason === 'no_history' ? null : true;
  const sales = f.salesModel.reason === 'no_history' ? null : true;
  return (
    <Card flush>
      {/* The title stays outside the scrolling table, so its note wraps to the card on a phone. */}
      <div className="px-4 pt-4">
        <h3 id="forecast-days" className="font-semibold">{t('forecast.days.title')}</h3>
        <p className="mt-1 text-sm text-stone-600">{t('forecast.days.note')}</p>
      </div>
      <div className="relative overflow-x-auto">
      <table aria-labelledby="forecast-days" className="w-full text-left text-[15px]">
        <thead className="border-b border-stone-200 text-sm text-stone-600">
          <tr className="whitespace-nowrap">
            <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('forecast.days.date')}</th>
            <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('forecast.days.covers')}</th>
            <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('forecast.days.sales')}</th>
            <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('forecast.days.booked')}</th>
            <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('forecast.days.override')}</th>
            <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('forecast.days.expected')}</th>
            {canEdit && <th scope="col" className="px-3 py-3 sm:px-4"><span className="sr-only">{t('forecast.override.edit')}</span></th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {f.days.map(d => (
            <tr key={d.date} className="whitespace-nowrap">
              <th scope="row" className="px-3 py-3 font-medium sm:px-4">
                {formatDate(d.date, lang)}
                {d.holiday && <span className="ml-1.5 rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-700">{t(`forecast.holiday.${d.holiday}`)}</span>}
                {d.payday && <span className="ml-1.5 rounded-full bg-stone-100 px-2 py-0.5 text-xs font-semibold text-stone-700">{t('forecast.payday')}</span>}
              </th>
              <td className="px-3 py-3 tabular sm:px-4">
                {covers && d.covers ? <>{Number(d.covers.value)} <span className="block text-sm text-stone-500 sm:inline">({Number(d.covers.low)}–{Number(d.covers.high)})</span></> : '–'}
              </td>
              <td className="px-3 py-3 tabular sm:px-4">
                {sales && d.sales ? <>{money(d.sales.value)} <span className="block text-sm text-stone-500 sm:inline">({money(d.sales.low)}–{money(d.sales.high)})</span></> : '–'}
              </td>
              <td className="px-3 py-3 tabular sm:px-4">{Number(d.bookedCovers)}</td>
              <td className="px-3 py-3 sm:px-4">
                {d.override ? (
                  <span title={d.override.note ?? undefined}>
                    <span className="tabular font-semibold text-amber-800">
                      {[d.override.covers != null ? t('forecast.people', { count: Number(d.override.covers) }) : null, d.override.sales ? money(d.override.sales) : null].filter(Boolean).join(' · ')}
                    </span>
                    {d.override.note && <span className="block max-w-56 truncate text-sm text-stone-600">{d.override.note}</span>}
                  </span>
                ) : <span className="text-stone-400">–</span>}
              </td>
              <td className="px-3 py-3 tabular sm:px-4">{t('forecast.people', { count: Number(d.expectedCovers) })} · {money(d.expectedSales)}</td>
              {canEdit && (
                <td className="px-3 py-2 text-right sm:px-4">
                  <Button variant="ghost" size="sm" onClick={() => onEdit(d)} aria-label={t('forecast.override.editDay', { date: formatDate(d.date, lang) })}>
                    {t('forecast.override.edit')}
                  </Button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </Card>
  );
}

/** A day's own covers and/or sales with the reason, beside the model's; removing it returns the day to the model. */
function OverrideDialog({ restaurantId, day, currency, onClose, onSaved }: {
  restaurantId: string; day: Day; currency: string; onClose: () => void; onSaved: () => Promise<void>;
}) {
  const { t, lang } = useT();
  const scale = 10 ** minorDigits(currency);
  const [covers, setCovers] = useState(day.override?.covers != null ? String(day.override.covers) : '');
  const [sales, setSales] = useState(day.override?.sales ? String(Number(day.override.sales.amount) / scale) : '');
  const [note, setNote] = useState(day.override?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const path = { restaurantId, date: day.date };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const c = covers.trim() === '' ? null : Number(covers);
    const s = sales.trim() === '' ? null : Number(sales.replaceAll(',', ''));
    if (c != null && (!Number.isInteger(c) || c < 0)) found.covers = t('forecast.override.wholeNumber');
    if (s != null && (!Number.isFinite(s) || s < 0 || !Number.isInteger(s * scale))) found.sales = t('forecast.override.wholeNumber');
    if (c == null && s == null) found.covers = t('forecast.override.needOne');
    if (!note.trim()) found.note = t('forecast.override.needReason');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await ok(api.PUT('/api/forecasts/{restaurantId}/overrides/{date}', {
        params: { path }, body: draft({ covers: c, sales: s == null ? null : Math.round(s * scale), note: note.trim() }),
      }));
      await onSaved();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length > 0) setErrors(err.fieldErrors); else setError(err);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await ok(api.DELETE('/api/forecasts/{restaurantId}/overrides/{date}', { params: { path } }));
      await onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const model = [day.covers ? t('forecast.people', { count: Number(day.covers.value) }) : null, day.sales ? formatMoney(day.sales.value, lang) : null].filter(Boolean).join(' · ');
  return (
    <Dialog open onClose={onClose} title={t('forecast.override.title', { date: formatDate(day.date, lang) })}>
      <form id="forecast-override" onSubmit={e => void save(e)} className="space-y-3" noValidate>
        <p className="text-sm text-stone-600">{model ? t('forecast.override.model', { model }) : t('forecast.override.noModel')}</p>
        <div className="grid grid-cols-2 gap-3">
          <Field label={t('forecast.override.covers')} error={errors.covers}>
            <input inputMode="numeric" value={covers} onChange={e => setCovers(e.target.value)} />
          </Field>
          <Field label={t('forecast.override.sales', { currency })} error={errors.sales}>
            <input inputMode="numeric" value={sales} onChange={e => setSales(e.target.value)} />
          </Field>
        </div>
        <Field label={t('forecast.override.reason')} hint={t('forecast.override.reasonHint')} error={errors.note}>
          <input value={note} maxLength={500} onChange={e => setNote(e.target.value)} />
        </Field>
        <ErrorText error={error} />
      </form>
      <div className="flex flex-wrap justify-end gap-2 pt-3">
        {day.override && <Button variant="danger" className="mr-auto" disabled={busy} onClick={() => void remove()}>{t('forecast.override.remove')}</Button>}
        <Button variant="secondary" onClick={onClose}>{t('common.close')}</Button>
        <Button type="submit" form="forecast-override" busy={busy}>{t('forecast.override.save')}</Button>
      </div>
    </Dialog>
  );
}

/** Staff needed per hour of a chosen day, from its expected covers. */
function Labour({ labour }: { labour: ForecastingApi['LabourResponse'] }) {
  const { t, lang } = useT();
  const [date, setDate] = useState(labour.days[0]?.date ?? '');
  const day = labour.days.find(d => d.date === date) ?? labour.days[0];
  if (!day) return null;
  const hours = day.hours.filter(h => Number(h.staff) > 0 || Number(h.covers) > 0);
  return (
    <Card flush className="relative overflow-x-auto">
      <div className="flex flex-wrap items-end gap-3 px-4 pt-4">
        <div>
          <h3 className="font-semibold">{t('forecast.labour.title')}</h3>
          <p className="mt-1 text-sm text-stone-600">{t('forecast.labour.rule', { covers: Number(labour.coversPerStaffHour), minimum: Number(labour.minimumStaff) })}</p>
        </div>
        <label className="ml-auto text-sm">
          <span className="sr-only">{t('forecast.labour.day')}</span>
          <select value={day.date} onChange={e => setDate(e.target.value)} aria-label={t('forecast.labour.day')}
            className="rounded-lg bg-white px-3 py-2 text-[15px] ring-1 ring-stone-300 ring-inset">
            {labour.days.map(d => <option key={d.date} value={d.date}>{formatDate(d.date, lang)}</option>)}
          </select>
        </label>
      </div>
      <p className="px-4 pt-2 text-sm text-stone-700">
        {t('forecast.labour.summary', { covers: Number(day.expectedCovers), hours: Number(day.staffHours), peak: Number(day.peakStaff) })}
      </p>
      <table className="mt-2 w-full text-left text-[15px]">
        <caption className="sr-only">{t('forecast.labour.caption', { date: formatDate(day.date, lang) })}</caption>
        <thead className="border-b border-stone-200 text-sm text-stone-600">
          <tr>
            <th scope="col" className="px-4 py-3 font-semibold">{t('forecast.labour.hour')}</th>
            <th scope="col" className="px-4 py-3 font-semibold">{t('forecast.labour.covers')}</th>
            <th scope="col" className="px-4 py-3 font-semibold">{t('forecast.labour.staff')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {hours.length === 0 && <tr><td colSpan={3} className="px-4 py-3 text-stone-600">{t('forecast.labour.none')}</td></tr>}
          {hours.map(h => (
            <tr key={h.hour}>
              <th scope="row" className="px-4 py-2 font-medium tabular">{`${String(h.hour).padStart(2, '0')}:00`}</th>
              <td className="px-4 py-2 tabular">{Number(h.covers).toFixed(1)}</td>
              <td className="px-4 py-2 tabular">
                <span className="inline-flex items-center gap-2">
                  <span className="w-5 text-right font-semibold">{Number(h.staff)}</span>
                  <span aria-hidden="true" className="inline-block h-2 rounded bg-brand-500" style={{ width: `${Math.min(12, Number(h.staff)) * 10}px` }} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** Each menu item's expected quantity per day (its recent quantity per cover × the day's expected covers). */
function Items({ items }: { items: ForecastingApi['ItemForecastResponse'] }) {
  const { t, lang } = useT();
  const names = new Map<string, string>();
  for (const d of items.days) for (const i of d.items) names.set(i.menuItemId, i.name);
  const qty = (date: string, id: string) => items.days.find(d => d.date === date)?.items.find(i => i.menuItemId === id)?.quantity;
  // Cells are whole portions; the total adds the cells as shown, so the row reads consistently.
  const rows = [...names].map(([id, name]) => ({ id, name, total: items.days.reduce((s, d) => s + Math.round(Number(qty(d.date, id) ?? 0)), 0) }))
    .sort((a, b) => b.total - a.total);
  return (
    <Card flush className="relative overflow-x-auto">
      {rows.length === 0 ? (
        <div className="p-4">
          <h3 className="font-semibold">{t('forecast.items.title')}</h3>
          <p className="mt-1 text-sm text-stone-600">{t('forecast.items.none')}</p>
        </div>
      ) : (
      <table className="w-full text-left text-[15px]">
        <caption className="px-4 pt-4 text-left">
          <span className="font-semibold">{t('forecast.items.title')}</span>
          <span className="mt-1 block text-sm text-stone-600">{t('forecast.items.note', { days: Number(items.windowDays) })}</span>
        </caption>
        <thead className="border-b border-stone-200 text-sm text-stone-600">
          <tr className="whitespace-nowrap">
            <th scope="col" className="sticky left-0 bg-white px-3 py-3 font-semibold sm:px-4">{t('forecast.items.item')}</th>
            {items.days.map(d => <th key={d.date} scope="col" className="px-2 py-3 text-right font-semibold tabular"><abbr title={formatDate(d.date, lang)} className="no-underline">{d.date.slice(5).replace('-', '/')}</abbr></th>)}
            <th scope="col" className="px-3 py-3 text-right font-semibold sm:px-4">{t('forecast.items.total')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map(r => (
            <tr key={r.id} className="whitespace-nowrap">
              <th scope="row" className="sticky left-0 bg-white px-3 py-2 font-medium sm:px-4">{r.name}</th>
              {items.days.map(d => {
                const q = qty(d.date, r.id);
                return <td key={d.date} className="px-2 py-2 text-right tabular">{q == null ? '–' : Math.round(Number(q))}</td>;
              })}
              <td className="px-3 py-2 text-right font-semibold tabular sm:px-4">{Math.round(r.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
    </Card>
  );
}
