import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { RequireUser } from '../../components/Layout';
import { restaurantName } from '../../components/RestaurantBits';
import { StatusBadge } from '../../components/StatusBadge';
import { Card, Empty, ErrorText, PageHeader, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { useLoad } from '../../lib/useLoad';

export default function MyRestaurantsPage() {
  return <RequireUser><MyRestaurants /></RequireUser>;
}

function MyRestaurants() {
  const { t, lang } = useT();
  const { user } = useSession();
  const mine = useLoad(() => ok(api.GET('/api/restaurants/mine')), []);
  const canCreate = !!user && (user.roles.includes('owner') || user.roles.includes('admin'));
  return (
    <div>
      <PageHeader title={t('manage.title')} subtitle={t('manage.subtitle')}
        actions={canCreate && <Link to="/manage/new" className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">{t('manage.create')}</Link>} />
      <ErrorText error={mine.error} />
      {!mine.data ? <Spinner label={t('common.loading')} /> : mine.data.items.length === 0 ? (
        <Empty title={t('manage.none')}>{canCreate ? t('manage.noneOwner') : t('manage.noneDiner')}</Empty>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {mine.data.items.map(r => (
            <Card as="li" key={r.id}>
              <div className="flex items-center gap-2">
                <h2 className="text-lg font-bold">{restaurantName(r, lang)}</h2>
                <StatusBadge status={r.status} />
              </div>
              <p className="text-sm text-stone-600">{r.address} · {t(`memberRole.${r.myRole}`, { defaultValue: r.myRole ?? '' })}</p>
              <div className="mt-4 flex gap-2">
                <Link to={`/manage/${r.id}`} className="rounded-lg bg-stone-900 px-3 py-2 text-sm font-semibold text-white hover:bg-stone-700">{t('manage.openToday')}</Link>
                <Link to={`/manage/${r.id}/setup`} className="rounded-lg px-3 py-2 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100">{t('manage.setup')}</Link>
              </div>
            </Card>
          ))}
        </ul>
      )}
    </div>
  );
}
