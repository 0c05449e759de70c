// One order as its diner follows it (/orders/:id): where it stands, what it holds, its payment; the notifications link here.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api, draft, ok, type OrderingApi } from '../../api/client';
import { RequireUser } from '../../components/Layout';
import { Alert, Button, Card, Dialog, Empty, ErrorText, PageHeader, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useLive } from '../../lib/live';
import { useLoad } from '../../lib/useLoad';
import { CardForm } from '../pay/CardForm';
import { OrderLines, OrderStatus, PaymentStatus } from './OrderBits';

const steps = ['received', 'accepted', 'in_preparation', 'ready'];

export default function OrderPage() {
  return <RequireUser><Order /></RequireUser>;
}

function Order() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const order = useLoad(() => ok(api.GET('/api/orders/{id}', { params: { path: { id } } })), [id]);
  // Ordering tells the diner when the order is ready or cancelled (ordering.order.*); the page reads it again then.
  useLive(item => {
    if (item.type.startsWith('ordering.order.')) void order.reload();
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [paying, setPaying] = useState(false);
  const [paid, setPaid] = useState(false);
  const [checks, setChecks] = useState(0);
  // The payment is captured at once; the order learns it from payments' event a moment later, so read it again (every
  // second, for at most half a minute) until it has.
  const unpaid = order.data?.payment.status === 'unpaid';
  const { reload } = order;
  useEffect(() => {
    if (!paid || !unpaid || checks >= 30) return;
    const timer = setTimeout(() => { setChecks(c => c + 1); void reload(); }, 1000);
    return () => clearTimeout(timer);
  }, [paid, unpaid, checks, reload]);
  if (order.error instanceof ApiError && order.error.status === 404) return <Empty title={t('notFound.title')} />;
  if (!order.data) return order.error ? <ErrorText error={order.error} /> : <Spinner label={t('common.loading')} />;
  const o = order.data;
  const reached = steps.indexOf(o.status);
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/orders/{id}/cancel', { params: { path: { id } }, body: draft<OrderingApi['TransitionBody']>({}) }));
      await order.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={<>{o.number} <OrderStatus status={o.status} /></>} subtitle={`${t(`order.channel.${o.channel}`)}${o.table?.label ? ` ${o.table.label}` : ''} · ${formatDateTime(o.placedAt, o.timeZone, lang)}`} />
      {reached >= 0 && (
        <ol className="mb-6 grid grid-cols-4 gap-1 text-center text-xs font-semibold">
          {steps.map((step, i) => (
            <li key={step} className={i <= reached ? 'rounded-full bg-brand-600 px-2 py-1.5 text-white' : 'rounded-full bg-stone-200 px-2 py-1.5 text-stone-600'}
              aria-current={i === reached ? 'step' : undefined}>{t(`order.status.${step}`)}</li>
          ))}
        </ol>
      )}
      <Card>
        <OrderLines order={o} />
        <p className="mt-3 flex justify-end"><PaymentStatus status={o.payment.status} /></p>
        {o.cancellation && <p className="mt-2 text-sm text-red-800">{t(`order.cancelReason.${o.cancellation.reason}`, { defaultValue: o.cancellation.reason })}</p>}
        <ErrorText error={error} />
        {paid && <div className="mt-3"><Alert tone={unpaid ? 'blue' : 'green'}>{t(unpaid ? 'order.paying' : 'order.paid')}</Alert></div>}
        {unpaid && !paid && !['cancelled', 'voided', 'closed'].includes(o.status) && (
          <Button className="mt-4 mr-2" onClick={() => setPaying(true)}>{t('order.payNow', { amount: formatMoney(o.total, lang) })}</Button>
        )}
        {o.actions.includes('cancel') && <Button variant="danger" className="mt-4" busy={busy} onClick={() => void cancel()}>{t('order.cancelOrder')}</Button>}
      </Card>
      {paying && (
        <Dialog open onClose={() => setPaying(false)} title={t('order.payTitle')}>
          <CardForm pays={{ orderId: o.id }} amount={o.total} onPaid={() => { setPaying(false); setPaid(true); void order.reload(); }} />
        </Dialog>
      )}
    </div>
  );
}
