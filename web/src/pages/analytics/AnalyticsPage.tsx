// The owner's dashboard: a range of service days with its sales, covers, average check, no-show rate, labour and food cost,
// sales by hour and by day as small SVG charts (no chart library), the best-selling items, turn time and RevPASH, menu
// engineering, guests (segments, cohorts), the same days last week and last year, and every CSV report.
// The analytics service decides who may see the numbers (owners, managers and admins).
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, ok, type AnalyticsApi } from '../../api/client';
import { Card, ErrorText, Spinner, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { addDays, formatDate, formatMoney, todayIn } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { RestaurantShell } from '../restaurant/RestaurantShell';
import { Customers, MenuEngineering, Reports, SeatingTiles } from './Insights';

type Dashboard = AnalyticsApi['DashboardResponse'];
type Kpis = AnalyticsApi['KpiResponse'];
type Preset = 1 | 7 | 30;

export default function AnalyticsPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <Analytics restaurantId={r.id} zone={r.timeZone} />}</RestaurantShell>;
}

export function Analytics({ restaurantId, zone }: { restaurantId: string; zone: string }) {
  const { t } = useT();
  const [days, setDays] = useState<Preset>(1);
  const to = addDays(todayIn(zone), -1);
  const from = addDays(to, 1 - days);
  const dashboard = useLoad(() => ok(api.GET('/api/analytics/restaurants/{restaurantId}/dashboard', {
    params: { path: { restaurantId }, query: { from, to } },
  })), [restaurantId, from, to]);
  return (
    <div className="space-y-5">
      <h2 className="sr-only">{t('manage.analytics')}</h2>
      <div role="tablist" aria-label={t('analytics.range')} className="flex flex-wrap gap-2">
        {([1, 7, 30] as Preset[]).map(p => (
          <button key={p} role="tab" aria-selected={days === p} onClick={() => setDays(p)}
            className={cx('rounded-full px-4 py-1.5 text-sm font-semibold', days === p ? 'bg-brand-600 text-white' : 'bg-stone-100 text-stone-700 hover:bg-stone-200')}>
            {t(`analytics.preset.${p}`)}
          </button>
        ))}
      </div>
      <ErrorText error={dashboard.error} />
      {!dashboard.data ? (!dashboard.error && <Spinner label={t('common.loading')} />) : <Numbers d={dashboard.data} restaurantId={restaurantId} />}
    </div>
  );
}

function Numbers({ d, restaurantId }: { d: Dashboard; restaurantId: string }) {
  const { t, lang } = useT();
  const money = (m: { amount: number | string; currency: string } | null | undefined) => (m ? formatMoney(m, lang) : '–');
  const pct = (v: number | string | null | undefined) => (v == null ? '–' : `${Number(v).toFixed(1)}%`);
  const k: Kpis = d.totals;
  const before = Number(d.weekBefore.netSales.amount);
  const change = before > 0 ? ((Number(k.netSales.amount) - before) / before) * 100 : null;
  const lastYear = Number(d.yearBefore.netSales.amount);
  const yearChange = lastYear > 0 ? ((Number(k.netSales.amount) - lastYear) / lastYear) * 100 : null;
  const signed = (v: number) => `${v >= 0 ? '+' : ''}${v.toFixed(1)}%`;
  return (
    <div className="space-y-5">
      <p className="text-[15px] text-stone-600">
        {d.from === d.to ? formatDate(d.from, lang, true) : `${formatDate(d.from, lang, true)} – ${formatDate(d.to, lang, true)}`}
      </p>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Kpi label={t('analytics.netSales')} value={money(k.netSales)}
          note={change == null ? undefined : t('analytics.vsWeekBefore', { change: signed(change) })}
          extra={yearChange == null ? t('analytics.noLastYear') : t('analytics.vsYearBefore', { change: signed(yearChange), amount: money(d.yearBefore.netSales) })} />
        <Kpi label={t('analytics.covers')} value={Number(k.covers).toLocaleString()}
          note={`${t('analytics.orders', { count: Number(k.orders) })} · ${t('analytics.guests', { new: Number(d.guests.new), returning: Number(d.guests.returning) })}`} />
        <Kpi label={t('analytics.averageCheck')} value={money(k.averageCheck)} />
        <Kpi label={t('analytics.noShowRate')} value={pct(k.noShowRate)} note={t('analytics.bookings', { count: Number(k.reservations) })} />
        <Kpi label={t('analytics.labour')} value={pct(k.labourPercent)} note={money(k.labourCost)} />
        <Kpi label={t('analytics.foodCost')} value={pct(k.foodCostPercent)} note={money(k.foodCost)} />
      </div>
      <SeatingTiles restaurantId={restaurantId} from={d.from} to={d.to} />
      <Card>
        <h3 className="mb-3 font-semibold">{t('analytics.byHour')}</h3>
        <Bars label={t('analytics.byHour')} points={d.byHour.map(h => ({ key: String(h.hour), label: `${h.hour}`, value: Number(h.grossSales.amount) }))}
          format={v => formatMoney({ amount: v, currency: 'KRW' }, lang)} every={3} />
      </Card>
      {d.byDay.length > 1 && (
        <Card>
          <h3 className="mb-3 font-semibold">{t('analytics.byDay')}</h3>
          <Bars label={t('analytics.byDay')} points={d.byDay.map(x => ({ key: x.date, label: x.date.slice(5), value: Number(x.netSales.amount) }))}
            format={v => formatMoney({ amount: v, currency: 'KRW' }, lang)} every={Math.max(1, Math.ceil(d.byDay.length / 8))} />
        </Card>
      )}
      <Card flush className="overflow-x-auto">
        <table className="w-full text-left text-[15px]">
          <caption className="px-4 pt-4 text-left font-semibold">{t('analytics.items')}</caption>
          <thead className="border-b border-stone-200 text-sm text-stone-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">{t('analytics.item')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('analytics.quantity')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('analytics.sales')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {d.topItems.length === 0 && <tr><td colSpan={3} className="px-4 py-3 text-stone-600">{t('analytics.noSales')}</td></tr>}
            {d.topItems.map(i => (
              <tr key={i.menuItemId}>
                <td className="px-4 py-3 font-medium">
                  {i.name}
                  <div className="mt-1 h-1.5 rounded bg-stone-100"><div className="h-1.5 rounded bg-brand-500" style={{ width: `${Math.min(100, Number(i.sharePercent ?? 0))}%` }} /></div>
                </td>
                <td className="px-4 py-3 tabular">{Number(i.quantity).toLocaleString()}</td>
                <td className="px-4 py-3 tabular whitespace-nowrap">{money(i.sales)} <span className="text-sm text-stone-600">{pct(i.sharePercent)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <MenuEngineering restaurantId={restaurantId} from={d.from} to={d.to} />
      <Customers restaurantId={restaurantId} from={d.from} to={d.to} />
      <Reports restaurantId={restaurantId} from={d.from} to={d.to} />
    </div>
  );
}

function Kpi({ label, value, note, extra }: { label: string; value: string; note?: string; extra?: string }) {
  return (
    <Card>
      <p className="text-sm text-stone-600">{label}</p>
      <p className="mt-1 text-xl font-bold tabular">{value}</p>
      {note && <p className="mt-0.5 text-sm text-stone-600">{note}</p>}
      {extra && <p className="mt-0.5 text-sm text-stone-600">{extra}</p>}
    </Card>
  );
}

/**
 * A bar chart in plain SVG: one bar per point, each bar's value in its title. The SVG stretches to the card's width, so the
 * labels (every <c>every</c> bars) sit in HTML below it, where text keeps its shape.
 */
function Bars({ label, points, format, every }: { label: string; points: { key: string; label: string; value: number }[]; format: (v: number) => string; every: number }) {
  const max = Math.max(1, ...points.map(p => p.value));
  const width = 100 / Math.max(points.length, 1);
  return (
    <div>
      <svg role="img" aria-label={label} viewBox="0 0 100 40" preserveAspectRatio="none" className="h-40 w-full">
        {points.map((p, i) => {
          const h = (p.value / max) * 38;
          return (
            <rect key={p.key} x={i * width + width * 0.15} y={40 - h} width={width * 0.7} height={h} className="fill-brand-500">
              <title>{`${p.label}: ${format(p.value)}`}</title>
            </rect>
          );
        })}
        <line x1={0} x2={100} y1={40} y2={40} className="stroke-stone-300" strokeWidth={0.4} vectorEffect="non-scaling-stroke" />
      </svg>
      <div aria-hidden="true" className="mt-1 flex text-xs text-stone-500 tabular">
        {points.map((p, i) => <span key={p.key} className="flex-1 text-center whitespace-nowrap">{i % every === 0 ? p.label : ''}</span>)}
      </div>
    </div>
  );
}
