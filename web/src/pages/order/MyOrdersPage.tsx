// The diner's orders (/orders), newest first.
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { RequireUser } from '../../components/Layout';
import { Card, Empty, ErrorText, PageHeader, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDateTime, formatMoney } from '../../lib/format';
import { restaurantsByIds } from '../../lib/restaurantNames';
import { useLoad } from '../../lib/useLoad';
import { OrderStatus } from './OrderBits';

export default function MyOrdersPage() {
  return <RequireUser><MyOrders /></RequireUser>;
}

function MyOrders() {
  const { t, lang } = useT();
  // Orders carry only the restaurant's id; names are read once.
  const orders = useLoad(async () => {
    const page = await ok(api.GET('/api/orders/mine', { params: { query: { limit: 50 } } }));
    return { items: page.items, restaurants: await restaurantsByIds(page.items.map(o => o.restaurantId)) };
  }, []);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t('order.mine')} />
      <ErrorText error={orders.error} />
      {!orders.data ? <Spinner label={t('common.loading')} /> : orders.data.items.length === 0 ? <Empty title={t('order.mineNone')} /> : (
        <ul className="space-y-3">
          {orders.data.items.map(o => (
            <Card as="li" key={o.id} className="flex items-center justify-between gap-3">
              <Link to={`/orders/${o.id}`} className="min-w-0">
                <p className="font-semibold">{orders.data!.restaurants.get(o.restaurantId)?.name ?? o.number}</p>
                <p className="truncate">{o.number} · {o.lines.map(l => l.name).join(', ')}</p>
                <p className="text-sm text-stone-600">{t(`order.channel.${o.channel}`)} · {formatDateTime(o.placedAt, o.timeZone, lang)} · {formatMoney(o.total, lang)}</p>
              </Link>
              <OrderStatus status={o.status} />
            </Card>
          ))}
        </ul>
      )}
    </div>
  );
}
