import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { api, ApiError, ok, type Restaurant } from '../../api/client';
import { RequireUser } from '../../components/Layout';
import { restaurantName } from '../../components/RestaurantBits';
import { StatusBadge } from '../../components/StatusBadge';
import { Empty, ErrorText, Spinner, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { useLoad } from '../../lib/useLoad';

/** The restaurant's name, its status and the tabs of the dashboard around one page. */
export function RestaurantShell({ id, children, actions }: { id: string; children: (r: Restaurant, reload: () => Promise<void>) => ReactNode; actions?: ReactNode }) {
  return <RequireUser><Shell id={id} actions={actions}>{children}</Shell></RequireUser>;
}

function Shell({ id, children, actions }: { id: string; children: (r: Restaurant, reload: () => Promise<void>) => ReactNode; actions?: ReactNode }) {
  const { t, lang } = useT();
  const restaurant = useLoad(() => ok(api.GET('/api/restaurants/{restaurantId}', { params: { path: { restaurantId: id } } })), [id]);
  if (restaurant.error instanceof ApiError && restaurant.error.status === 404) return <Empty title={t('restaurant.notFound')} />;
  if (!restaurant.data) return restaurant.error ? <ErrorText error={restaurant.error} /> : <Spinner label={t('common.loading')} />;
  const r = restaurant.data;
  const tab = ({ isActive }: { isActive: boolean }) => cx('-mb-px border-b-2 px-3 py-2.5 text-[15px] font-semibold whitespace-nowrap',
    isActive ? 'border-brand-600 text-brand-700' : 'border-transparent text-stone-600 hover:text-stone-900');
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{restaurantName(r, lang)}</h1>
        <StatusBadge status={r.status} />
        <div className="ml-auto flex gap-2">{actions}</div>
      </div>
      <nav aria-label={t('manage.sections')} className="mb-6 flex gap-1 overflow-x-auto border-b border-stone-200">
        <NavLink end to={`/manage/${id}`} className={tab}>{t('manage.today')}</NavLink>
        <NavLink to={`/manage/${id}/orders`} className={tab}>{t('manage.orders')}</NavLink>
        <NavLink to={`/manage/${id}/kitchen`} className={tab}>{t('manage.kitchen')}</NavLink>
        <NavLink to={`/manage/${id}/inventory`} className={tab}>{t('manage.inventory')}</NavLink>
        <NavLink to={`/manage/${id}/devices`} className={tab}>{t('iot.tab')}</NavLink>
        <NavLink to={`/manage/${id}/waitlist`} className={tab}>{t('manage.waitlist')}</NavLink>
        <NavLink to={`/manage/${id}/guests`} className={tab}>{t('manage.guests')}</NavLink>
        <NavLink to={`/manage/${id}/requests`} className={tab}>{t('manage.requests')}</NavLink>
        <NavLink to={`/manage/${id}/jobs`} className={tab}>{t('manage.jobs')}</NavLink>
        <NavLink to={`/manage/${id}/timesheets`} className={tab}>{t('manage.timesheets')}</NavLink>
        <NavLink to={`/manage/${id}/staff`} className={tab}>{t('memberRole.staff')}</NavLink>
        <NavLink to={`/manage/${id}/analytics`} className={tab}>{t('manage.analytics')}</NavLink>
        <NavLink to={`/manage/${id}/forecast`} className={tab}>{t('forecast.tab')}</NavLink>
        <NavLink to={`/manage/${id}/settlements`} className={tab}>{t('manage.settlements')}</NavLink>
        <NavLink to={`/manage/${id}/setup`} className={tab}>{t('manage.setup')}</NavLink>
      </nav>
      {children(r, restaurant.reload)}
    </div>
  );
}
