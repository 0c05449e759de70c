// The restaurant's orders today (/manage/:id/orders), live on /hubs/kitchen: accept, ready, serve or hand over, close,
// cancel or void with a reason; today's numbers for owners and managers; the tables' QR links.
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, api, draft, ok, type Order, type OrderingApi, type Restaurant } from '../../api/client';
import { Alert, Button, Card, Dialog, Empty, ErrorText, Spinner, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney, todayIn } from '../../lib/format';
import { useHub } from '../../lib/hub';
import { useLoad } from '../../lib/useLoad';
import { OrderLines, OrderStatus, OrderTitle, PaymentStatus } from '../order/OrderBits';
import { RestaurantShell } from './RestaurantShell';

const reasons = ['customer_request', 'out_of_stock', 'kitchen_closed', 'too_busy', 'duplicate', 'wrong_order', 'other'];
type Pending = { order: Order; action: 'cancel' | 'void' | 'close' | 'reopen' } | null;

export default function OrdersPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <Orders restaurant={r} />}</RestaurantShell>;
}

function Orders({ restaurant }: { restaurant: Restaurant }) {
  const { t, lang } = useT();
  const zone = restaurant.timeZone;
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const [updates, setUpdates] = useState<Record<string, Order>>({});
  const [pending, setPending] = useState<Pending>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [changes, setChanges] = useState(0);
  const list = useLoad(async () => {
    const page = await ok(api.GET('/api/orders', { params: { query: { restaurantId: restaurant.id, date: todayIn(zone), limit: 100 } } }));
    setUpdates({});
    return page.items;
  }, [restaurant.id]);
  const stats = useLoad(() => ok(api.GET('/api/orders/stats', { params: { query: { restaurantId: restaurant.id, from: todayIn(zone), to: todayIn(zone) } } })),
    [restaurant.id, list.data, changes]);
  const tables = useLoad(() => ok(api.GET('/api/orders/tables', { params: { query: { restaurantId: restaurant.id } } })), [restaurant.id]);

  const live = useHub('/hubs/kitchen', {
    order: (o: Order) => {
      setUpdates(u => ({ ...u, [o.id]: o }));
      setChanges(c => c + 1);
      if (o.status === 'received') setFresh(f => new Set([...f, o.id]));
    },
  }, async connection => { await connection.invoke('Watch', restaurant.id); });

  const merged = new Map((list.data ?? []).map(o => [o.id, o]));
  for (const o of Object.values(updates)) merged.set(o.id, o);
  const orders = [...merged.values()].sort((a, b) => b.placedAt.localeCompare(a.placedAt))
    .filter(o => filter === 'all' || !['closed', 'cancelled', 'voided'].includes(o.status));

  const act = async (o: Order, action: string, body: OrderingApi['TransitionBody'] = draft<OrderingApi['TransitionBody']>({})) => {
    const moved = await ok(api.POST(`/api/orders/{id}/${action}` as '/api/orders/{id}/accept', { params: { path: { id: o.id } }, body }));
    setUpdates(u => ({ ...u, [moved.id]: moved }));
    setChanges(c => c + 1);
  };
  const canSeeStats = !(stats.error instanceof ApiError && stats.error.status === 403);

  return (
    <div className="space-y-6">
      {canSeeStats && stats.data && (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label={t('orders.sales')} value={formatMoney(stats.data.sales, lang)} />
          <Stat label={t('orders.count')} value={String(stats.data.orders)} />
          <Stat label={t('orders.averageCheck')} value={formatMoney(stats.data.averageCheck, lang)} />
          <Stat label={t('orders.openNow')} value={String(stats.data.open.count)} />
        </div>
      )}
      {canSeeStats && stats.data && stats.data.itemMix.length > 0 && <Mix stats={stats.data} />}
      <div className="flex flex-wrap items-center gap-2">
        {(['open', 'all'] as const).map(f => (
          <Button key={f} size="sm" variant={filter === f ? 'primary' : 'secondary'} aria-pressed={filter === f} onClick={() => setFilter(f)}>{t(`orders.${f}`)}</Button>
        ))}
        <span className="ml-auto flex items-center gap-2 text-sm text-stone-600" data-testid="live-state" data-state={live}>
          <span className={cx('size-2.5 rounded-full', live === 'live' ? 'bg-emerald-500' : 'bg-stone-400')} aria-hidden="true" />{t(`live.${live}`)}
        </span>
      </div>
      <ErrorText error={list.error} />
      {!list.data ? <Spinner label={t('common.loading')} /> : orders.length === 0 ? <Empty title={t('orders.none')} /> : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {orders.map(o => (
            <OrderCard key={o.id} order={o} fresh={fresh.has(o.id)} onAct={(action) => {
              if (action === 'cancel' || action === 'void' || action === 'close' || action === 'reopen') {
                setPending({ order: o, action });
                return Promise.resolve();
              }
              return act(o, action);
            }} />
          ))}
        </ul>
      )}
      <Confirm pending={pending} onClose={() => setPending(null)} onConfirm={async (body) => { await act(pending!.order, pending!.action, body); setPending(null); }} />
      <Card>
        <h2 className="font-bold">{t('orders.tables')}</h2>
        <p className="mt-1 text-sm text-stone-600">{t('orders.tablesHint')}</p>
        <ul className="mt-3 divide-y divide-stone-100">
          {(tables.data ?? []).map(tb => (
            <TableLink key={tb.tableId} label={tb.label} url={window.location.origin + tb.link} />
          ))}
        </ul>
      </Card>
    </div>
  );
}

/** Today's item mix (top five) and sales by the restaurant's local hour, as plain bars. */
function Mix({ stats }: { stats: OrderingApi['StatsResponse'] }) {
  const { t, lang } = useT();
  const hours = stats.byHour.filter(h => Number(h.orders) > 0);
  const peak = Math.max(1, ...hours.map(h => Number(h.sales.amount)));
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <Card>
        <h2 className="font-bold">{t('orders.itemMix')}</h2>
        <ul className="mt-2 space-y-1.5 text-sm">
          {stats.itemMix.slice(0, 5).map(i => (
            <li key={i.menuItemId} className="flex justify-between gap-2">
              <span className="min-w-0 truncate">{i.name} <span className="text-stone-500 tabular">× {Number(i.quantity)}</span></span>
              <span className="tabular">{formatMoney(i.sales, lang)} <span className="text-stone-500">({Number(i.share)}%)</span></span>
            </li>
          ))}
        </ul>
      </Card>
      <Card>
        <h2 className="font-bold">{t('orders.byHour')}</h2>
        <ul className="mt-2 space-y-1.5 text-sm">
          {hours.map(h => (
            <li key={Number(h.hour)} className="flex items-center gap-2">
              <span className="w-12 tabular text-stone-600">{String(Number(h.hour)).padStart(2, '0')}:00</span>
              <span className="h-2.5 rounded-full bg-brand-600" style={{ width: `${Math.max(4, (Number(h.sales.amount) / peak) * 60)}%` }} aria-hidden="true" />
              <span className="tabular">{formatMoney(h.sales, lang)}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-2xl bg-white px-4 py-3 ring-1 ring-stone-200">
      <p className="text-sm text-stone-600">{label}</p>
      <p className="mt-1 text-xl font-bold tabular">{value}</p>
    </div>
  );
}

function OrderCard({ order, fresh, onAct }: { order: Order; fresh: boolean; onAct: (action: string) => Promise<void> }) {
  const { t } = useT();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: string) => {
    setBusy(action);
    setError(null);
    try {
      await onAct(action);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card as="li" className={cx('flex flex-col', fresh && order.status === 'received' && 'ring-2 ring-amber-400')}>
      <div data-testid="order-card" data-status={order.status} className="flex flex-1 flex-col">
        <div className="mb-2 flex items-start justify-between gap-2">
          <OrderTitle order={order} />
          <OrderStatus status={order.status} />
        </div>
        {fresh && order.status === 'received' && <p className="mb-2 text-sm font-semibold text-amber-700">{t('orders.newOrder')}</p>}
        <OrderLines order={order} />
        <div className="mt-2 flex items-center gap-2"><PaymentStatus status={order.payment.status} /></div>
        <ErrorText error={error} />
        <div className="mt-3 flex flex-wrap gap-2">
          {order.actions.map(action => (
            <Button key={action} size="sm" variant={action === 'cancel' || action === 'void' ? 'danger' : action === 'accept' || action === 'close' ? 'primary' : 'secondary'}
              busy={busy === action} onClick={() => void run(action)}>{t(`order.action.${action}`)}</Button>
          ))}
        </div>
      </div>
    </Card>
  );
}

function Confirm({ pending, onClose, onConfirm }: { pending: Pending; onClose: () => void; onConfirm: (body: OrderingApi['TransitionBody']) => Promise<void> }) {
  const { t } = useT();
  const [reason, setReason] = useState('customer_request');
  const [text, setText] = useState('');
  const [counter, setCounter] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const action = pending?.action;
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm(draft<OrderingApi['TransitionBody']>(
        action === 'close' ? { paidAtCounter: counter } : action === 'reopen' ? { reason: text } : { reason, note: text || undefined }));
      setText('');
      setCounter(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const unpaid = pending && pending.order.payment.status !== 'paid';
  return (
    <Dialog open={!!pending} onClose={onClose} title={pending ? `${pending.order.number} · ${t(`order.action.${pending.action}`)}` : ''}
      footer={<>
        <Button variant="ghost" onClick={onClose}>{t('orders.back')}</Button>
        <Button variant={action === 'close' || action === 'reopen' ? 'primary' : 'danger'} busy={busy} onClick={() => void submit()}
          disabled={(action === 'close' && !!unpaid && !counter) || (action === 'reopen' && !text.trim())}>{t('orders.confirm')}</Button>
      </>}>
      {(action === 'cancel' || action === 'void') && (
        <>
          <label className="block text-sm font-semibold" htmlFor="cancel-reason">{t('orders.reasonLabel')}</label>
          <select id="cancel-reason" value={reason} onChange={e => setReason(e.target.value)} className="block w-full rounded-lg px-3 py-2 ring-1 ring-stone-300">
            {reasons.map(r => <option key={r} value={r}>{t(`order.cancelReason.${r}`)}</option>)}
          </select>
          <input aria-label={t('order.notes')} value={text} maxLength={300} onChange={e => setText(e.target.value)} className="block w-full rounded-lg px-3 py-2 ring-1 ring-stone-300" />
        </>
      )}
      {action === 'close' && (unpaid ? (
        <label className="flex items-center gap-2"><input type="checkbox" checked={counter} onChange={e => setCounter(e.target.checked)} className="accent-brand-600" />{t('orders.paidAtCounter')}</label>
      ) : <Alert tone="green">{t('order.payment.paid')}</Alert>)}
      {action === 'reopen' && (
        <input aria-label={t('orders.reopenReason')} value={text} maxLength={300} onChange={e => setText(e.target.value)} className="block w-full rounded-lg px-3 py-2 ring-1 ring-stone-300" />
      )}
      <ErrorText error={error} />
    </Dialog>
  );
}

/** A table's link, and on demand its QR code as an SVG to print or download (the encoder loads only then). */
function TableLink({ label, url }: { label: string; url: string }) {
  const { t } = useT();
  const [qr, setQr] = useState<string | null>(null);
  const show = async () => {
    if (qr) return setQr(null);
    const { renderSVG } = await import('uqr');
    setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(url, { border: 2 }))}`);
  };
  return (
    <li className="py-2">
      <div className="flex items-center gap-3">
        <span className="w-16 font-semibold">{label}</span>
        <a className="min-w-0 flex-1 truncate text-sm text-brand-700 underline" href={url}>{url}</a>
        <Button size="sm" variant="ghost" aria-expanded={!!qr} onClick={() => void show()}>{t('orders.qr')}</Button>
        <CopyButton text={url} />
      </div>
      {qr && (
        <div className="mt-2 flex items-end gap-4 pl-16">
          <img src={qr} alt={t('orders.qrAlt', { label })} className="size-40 rounded-lg ring-1 ring-stone-200" data-testid="table-qr" />
          <a className="text-sm font-semibold text-brand-700 underline" href={qr} download={`table-${label}.svg`}>{t('orders.download')}</a>
        </div>
      )}
    </li>
  );
}

function CopyButton({ text }: { text: string }) {
  const { t } = useT();
  const [done, setDone] = useState(false);
  return (
    <Button size="sm" variant="ghost" onClick={() => void navigator.clipboard?.writeText(text).then(() => setDone(true))}>
      {done ? t('orders.copied') : t('orders.copy')}
    </Button>
  );
}
