// The deeper tables of the owner's analytics page: menu engineering, guests (RFM segments and monthly cohorts), turn time
// and RevPASH, and the list of every CSV report. Each section loads on its own for the page's range.
import { useState } from 'react';
import { api, ok, type AnalyticsApi } from '../../api/client';
import { Button, Card, ErrorText, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';

type Money = { amount: number | string; currency: string } | null | undefined;
type Range = { restaurantId: string; from: string; to: string };

export const reports = ['daily', 'hourly', 'items', 'menu', 'segments', 'cohorts', 'seating'] as const;
export type Report = (typeof reports)[number];

function useMoney() {
  const { lang } = useT();
  return (m: Money) => (m ? formatMoney(m, lang) : '–');
}

const pct = (v: number | string | null | undefined) => (v == null ? '–' : `${Number(v).toFixed(1)}%`);

/** Turn time and RevPASH as two tiles, with the reason when RevPASH cannot be computed. */
export function SeatingTiles({ restaurantId, from, to }: Range) {
  const { t } = useT();
  const money = useMoney();
  const seating = useLoad(() => ok(api.GET('/api/analytics/restaurants/{restaurantId}/seating', {
    params: { path: { restaurantId }, query: { from, to } },
  })), [restaurantId, from, to]);
  const s: AnalyticsApi['SeatingResponse'] | undefined = seating.data;
  if (seating.error) return <ErrorText error={seating.error} />;
  if (!s) return null;
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <Card>
        <p className="text-sm text-stone-600">{t('analytics.turnTime')}</p>
        <p className="mt-1 text-xl font-bold tabular">{s.averageTurnMinutes == null ? '–' : t('analytics.minutes', { count: Number(s.averageTurnMinutes) })}</p>
        <p className="mt-0.5 text-sm text-stone-600">{t('analytics.completed', { count: Number(s.completed) })}</p>
      </Card>
      <Card>
        <p className="text-sm text-stone-600">{t('analytics.revPash')}</p>
        <p className="mt-1 text-xl font-bold tabular">{money(s.revPash)}</p>
        <p className="mt-0.5 text-sm text-stone-600">
          {s.revPashUnavailable ? t(`analytics.revPashUnavailable.${s.revPashUnavailable}`) : t('analytics.seatHours', { seats: Number(s.seats), hours: Number(s.openHours ?? 0) })}
        </p>
      </Card>
    </div>
  );
}

/** The menu-engineering grid as a table: portions, share, popularity and (with recipe costs) margin and quadrant. */
export function MenuEngineering({ restaurantId, from, to }: Range) {
  const { t } = useT();
  const money = useMoney();
  const menu = useLoad(() => ok(api.GET('/api/analytics/restaurants/{restaurantId}/menu-engineering', {
    params: { path: { restaurantId }, query: { from, to } },
  })), [restaurantId, from, to]);
  const m: AnalyticsApi['MenuEngineeringResponse'] | undefined = menu.data;
  if (menu.error) return <ErrorText error={menu.error} />;
  if (!m) return null;
  return (
    <Card flush className="overflow-x-auto">
      <table className="w-full text-left text-[15px]">
        <caption className="px-4 pt-4 text-left">
          <span className="font-semibold">{t('analytics.menu.title')}</span>
          <span className="mt-1 block text-sm text-stone-600">
            {t('analytics.menu.threshold', { threshold: pct(m.popularityThresholdPercent) })}
            {m.costKnown ? ` · ${t('analytics.menu.averageMargin', { margin: money(m.averageMargin) })}` : ` · ${t('analytics.menu.noCost')}`}
          </span>
        </caption>
        <thead className="border-b border-stone-200 text-sm text-stone-600">
          <tr className="whitespace-nowrap">
            <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('analytics.item')}</th>
            <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('analytics.quantity')}</th>
            <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('analytics.menu.mix')}</th>
            {m.costKnown && <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('analytics.menu.margin')}</th>}
            <th scope="col" className="px-3 py-3 font-semibold sm:px-4">{t('analytics.menu.class')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {m.items.length === 0 && <tr><td colSpan={5} className="px-4 py-3 text-stone-600">{t('analytics.noSales')}</td></tr>}
          {m.items.map(i => (
            <tr key={i.menuItemId} className="whitespace-nowrap">
              <td className="px-3 py-3 font-medium sm:px-4">{i.name}</td>
              <td className="px-3 py-3 tabular sm:px-4">{Number(i.quantity).toLocaleString()}</td>
              <td className="px-3 py-3 tabular sm:px-4">{pct(i.mixPercent)}</td>
              {m.costKnown && <td className="px-3 py-3 tabular sm:px-4">{money(i.unitMargin)}</td>}
              <td className="px-3 py-3 sm:px-4">
                <span className={cx('rounded-full px-2 py-0.5 text-sm font-semibold',
                  i.quadrant === 'star' ? 'bg-brand-100 text-brand-800' : i.popular ? 'bg-stone-100 text-stone-800' : 'bg-stone-50 text-stone-600')}>
                  {i.quadrant ? t(`analytics.menu.quadrant.${i.quadrant}`) : t(i.popular ? 'analytics.menu.popular' : 'analytics.menu.unpopular')}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** Visits per guest, the RFM segments and the monthly cohorts' retention. */
export function Customers({ restaurantId, from, to }: Range) {
  const { t } = useT();
  const money = useMoney();
  const customers = useLoad(() => ok(api.GET('/api/analytics/restaurants/{restaurantId}/customers', {
    params: { path: { restaurantId }, query: { from, to } },
  })), [restaurantId, from, to]);
  const c: AnalyticsApi['CustomersResponse'] | undefined = customers.data;
  if (customers.error) return <ErrorText error={customers.error} />;
  if (!c) return null;
  const longest = Math.max(0, ...c.cohorts.map(x => x.retention.length));
  return (
    <div className="grid gap-5 lg:grid-cols-2">
      <Card flush className="overflow-x-auto">
        <table className="w-full text-left text-[15px]">
          <caption className="px-4 pt-4 text-left">
            <span className="font-semibold">{t('analytics.segments.title')}</span>
            <span className="mt-1 block text-sm text-stone-600">
              {t('analytics.segments.frequency', { visits: Number(c.visits), guests: Number(c.guests), perGuest: c.visitsPerGuest == null ? '–' : Number(c.visitsPerGuest).toFixed(2) })}
            </span>
          </caption>
          <thead className="border-b border-stone-200 text-sm text-stone-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">{t('analytics.segments.segment')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('analytics.segments.guests')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('analytics.segments.spendPerGuest')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {c.segments.map(s => (
              <tr key={s.segment}>
                <td className="px-4 py-3 font-medium">{t(`analytics.segments.name.${s.segment}`)}</td>
                <td className="px-4 py-3 tabular">{Number(s.guests).toLocaleString()}</td>
                <td className="px-4 py-3 tabular whitespace-nowrap">{money(s.spendPerGuest)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card flush className="overflow-x-auto">
        <table className="w-full text-left text-[15px]">
          <caption className="px-4 pt-4 text-left">
            <span className="font-semibold">{t('analytics.cohorts.title')}</span>
            <span className="mt-1 block text-sm text-stone-600">{t('analytics.cohorts.note')}</span>
          </caption>
          <thead className="border-b border-stone-200 text-sm text-stone-600">
            <tr>
              <th scope="col" className="px-4 py-3 font-semibold">{t('analytics.cohorts.month')}</th>
              <th scope="col" className="px-4 py-3 font-semibold">{t('analytics.segments.guests')}</th>
              {Array.from({ length: Math.max(0, longest - 1) }, (_, k) => (
                <th key={k} scope="col" className="px-3 py-3 font-semibold whitespace-nowrap">{t('analytics.cohorts.after', { count: k + 1 })}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {c.cohorts.length === 0 && <tr><td colSpan={2} className="px-4 py-3 text-stone-600">{t('analytics.cohorts.none')}</td></tr>}
            {c.cohorts.map(x => (
              <tr key={x.month}>
                <td className="px-4 py-3 font-medium tabular">{x.month}</td>
                <td className="px-4 py-3 tabular">{Number(x.guests).toLocaleString()}</td>
                {x.retention.slice(1).map(r => <td key={r.offset} className="px-3 py-3 tabular">{pct(r.percent)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

/** Every KPI table as a CSV file for the page's range. */
export function Reports({ restaurantId, from, to }: Range) {
  const { t } = useT();
  const [error, setError] = useState<unknown>(null);
  const download = async (report: Report) => {
    setError(null);
    try {
      const blob = await ok(api.GET('/api/analytics/restaurants/{restaurantId}/reports/{report}', {
        params: { path: { restaurantId, report }, query: { from, to } }, parseAs: 'blob',
      })) as Blob;
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `analytics-${report}-${from}-${to}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card flush>
      <h3 className="px-4 pt-4 font-semibold">{t('analytics.reports')}</h3>
      <ul className="divide-y divide-stone-100">
        {reports.map(r => (
          <li key={r} className="flex items-center justify-between gap-3 px-4 py-3">
            <div>
              <p className="font-medium">{t(`analytics.report.${r}`)}</p>
              <p className="text-sm text-stone-600">{t(`analytics.reportNote.${r}`)}</p>
            </div>
            <Button variant="secondary" onClick={() => download(r)} aria-label={`${t(`analytics.report.${r}`)} CSV`}>CSV</Button>
          </li>
        ))}
      </ul>
      <div className="px-4 pb-3"><ErrorText error={error} /></div>
    </Card>
  );
}
