import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, draft, ok, type Payment, type Reservation, type ReservationsApi, type Restaurant } from '../../api/client';
import { RequireUser } from '../../components/Layout';
import { restaurantName } from '../../components/RestaurantBits';
import { StatusBadge } from '../../components/StatusBadge';
import { Alert, Button, Card, Dialog, Empty, ErrorText, Field, PageHeader, Spinner, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { addDays, dateInZone, DEFAULT_ZONE, formatDate, formatDateTime, formatMoney, formatTime, todayIn } from '../../lib/format';
import { restaurantsByIds } from '../../lib/restaurantNames';
import { useLoad } from '../../lib/useLoad';
import { CardForm } from '../pay/CardForm';

const open = ['pending_payment', 'confirmed', 'arrived', 'seated'];

export default function MyReservationsPage() {
  return <RequireUser><MyReservations /></RequireUser>;
}

const payable = (r: Reservation) => r.status === 'pending_payment' && !!r.deposit && r.deposit.paymentStatus === 'pending' && Number(r.deposit.amount) > 0;

function MyReservations() {
  const { t, lang } = useT();
  const list = useLoad(async () => {
    const page = await ok(api.GET('/api/reservations/mine', { params: { query: { limit: 100 } } }));
    return { items: page.items, restaurants: await restaurantsByIds(page.items.map(r => r.restaurantId)) };
  }, []);
  const [cancelling, setCancelling] = useState<Reservation | null>(null);
  const [changing, setChanging] = useState<Reservation | null>(null);
  const [paying, setPaying] = useState<Reservation | null>(null);
  const [paid, setPaid] = useState<Payment | null>(null);
  // `?pay=<id>` (from the booking panel) opens the card form for that booking's deposit.
  const [params, setParams] = useSearchParams();
  const payId = params.get('pay');
  useEffect(() => {
    const r = payId ? list.data?.items.find(i => i.id === payId) : undefined;
    if (r && payable(r)) setPaying(r);
  }, [payId, list.data]);

  // The booking confirms when reservations hears of the payment: read the list again until it has.
  const afterPayment = async (payment: Payment, reservationId: string) => {
    setPaying(null);
    setPaid(payment);
    setParams({}, { replace: true });
    for (let i = 0; i < 15; i++) {
      const r = await ok(api.GET('/api/reservations/{id}', { params: { path: { id: reservationId } } })).catch(() => null);
      if (r && r.status !== 'pending_payment') break;
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
    await list.reload();
  };

  const now = Date.now();
  const upcoming = list.data?.items.filter(r => open.includes(r.status) && new Date(r.end).getTime() > now)
    .sort((a, b) => a.start.localeCompare(b.start)) ?? [];
  const past = list.data?.items.filter(r => !upcoming.includes(r)) ?? [];

  return (
    <div>
      <PageHeader title={t('mine.title')} subtitle={t('mine.subtitle')} />
      <ErrorText error={list.error} />
      {paid && <div className="mb-4"><Alert tone="green">{t(paid.status === 'captured' ? 'pay.done' : 'pay.processing', { amount: formatMoney(paid, lang) })}</Alert></div>}
      {!list.data ? <Spinner label={t('common.loading')} /> : (
        <div className="space-y-8">
          <section aria-labelledby="upcoming">
            <h2 id="upcoming" className="mb-3 text-lg font-bold">{t('mine.upcoming')}</h2>
            {upcoming.length === 0
              ? <Empty title={t('mine.none')}><Link to="/" className="font-semibold text-brand-700 underline">{t('mine.find')}</Link></Empty>
              : <ul className="space-y-3">{upcoming.map(r => (
                <ReservationRow key={r.id} r={r} restaurant={list.data!.restaurants.get(r.restaurantId)}
                  onCancel={() => setCancelling(r)} onChange={() => setChanging(r)} onPay={() => setPaying(r)} />
              ))}</ul>}
          </section>
          {past.length > 0 && (
            <section aria-labelledby="past">
              <h2 id="past" className="mb-3 text-lg font-bold">{t('mine.past')}</h2>
              <ul className="space-y-3">{past.map(r => <ReservationRow key={r.id} r={r} restaurant={list.data!.restaurants.get(r.restaurantId)} />)}</ul>
            </section>
          )}
        </div>
      )}
      {cancelling && <CancelDialog reservation={cancelling} restaurant={list.data?.restaurants.get(cancelling.restaurantId)}
        onClose={() => setCancelling(null)} onDone={() => { setCancelling(null); void list.reload(); }} />}
      {paying && paying.deposit && (
        <Dialog open onClose={() => { setPaying(null); setParams({}, { replace: true }); }} title={t('pay.title')}>
          <p className="text-sm text-stone-700">{t('pay.lead')}</p>
          <CardForm pays={{ reservationId: paying.id }} amount={paying.deposit} onPaid={payment => void afterPayment(payment, paying.id)} />
        </Dialog>
      )}
      {changing && <ChangeDialog reservation={changing} restaurant={list.data?.restaurants.get(changing.restaurantId)}
        onClose={() => setChanging(null)} onDone={() => { setChanging(null); void list.reload(); }} />}
    </div>
  );
}

function ReservationRow({ r, restaurant, onCancel, onChange, onPay }: { r: Reservation; restaurant?: Restaurant; onCancel?: () => void; onChange?: () => void; onPay?: () => void }) {
  const { t, lang } = useT();
  const zone = restaurant?.timeZone ?? DEFAULT_ZONE;
  const canChange = onCancel && ['pending_payment', 'confirmed'].includes(r.status) && new Date(r.start).getTime() > Date.now();
  return (
    <Card as="li" className="flex flex-wrap items-center justify-between gap-4" >
      <div className="min-w-0" data-testid="reservation" data-status={r.status}>
        <p className="flex flex-wrap items-center gap-2">
          {restaurant ? <Link to={`/restaurants/${r.restaurantId}`} className="text-lg font-bold hover:text-brand-700">{restaurantName(restaurant, lang)}</Link>
            : <span className="text-lg font-bold">{t('mine.unknownRestaurant')}</span>}
          <StatusBadge status={r.status} />
        </p>
        <p className="mt-1 text-stone-700 tabular">{formatDateTime(r.start, zone, lang)} · {t('booking.people', { count: Number(r.partySize) })}</p>
        {r.deposit && Number(r.deposit.amount) > 0 && (
          <p className="text-sm text-stone-600">{t('mine.deposit', { amount: formatMoney(r.deposit, lang) })} · {t(`payment.${r.deposit.paymentStatus}`, { defaultValue: r.deposit.paymentStatus })}</p>
        )}
        {r.status === 'cancelled' && r.refundPercent != null && r.deposit && Number(r.deposit.amount) > 0 && (
          <p className="text-sm text-stone-600">{t('mine.refunded', { percent: Number(r.refundPercent) })}</p>
        )}
        {r.deposit && r.deposit.paymentStatus === 'collected' && <DepositPayment reservationId={r.id} />}
      </div>
      {canChange && (
        <div className="flex flex-wrap gap-2">
          {onPay && payable(r) && <Button onClick={onPay}>{t('pay.deposit')}</Button>}
          <Button variant="secondary" onClick={onChange}>{t('mine.change')}</Button>
          <Button variant="danger" onClick={onCancel}>{t('mine.cancel')}</Button>
        </div>
      )}
    </Card>
  );
}

/** The card payment of a collected deposit (none when it was collected at the restaurant), and what came back of it. */
function DepositPayment({ reservationId }: { reservationId: string }) {
  const { t, lang } = useT();
  const payments = useLoad(() => ok(api.GET('/api/payments', { params: { query: { reservationId } } })), [reservationId]);
  const payment = payments.data?.find(p => p.status === 'captured');
  if (!payment) return null;
  return (
    <p className="text-sm text-stone-600" data-testid="deposit-payment">
      {t('pay.paidWith', { amount: formatMoney(payment, lang), card: payment.card ? `${payment.card.brand} ****${payment.card.last4}` : t('pay.card') })}
      {Number(payment.refunded) > 0 && <> · <strong className="text-stone-800">{t('pay.refunded', { amount: formatMoney({ amount: payment.refunded, currency: payment.currency }, lang) })}</strong></>}
      {Number(payment.refundPending) > 0 && <> · {t('pay.refundPending', { amount: formatMoney({ amount: payment.refundPending, currency: payment.currency }, lang) })}</>}
    </p>
  );
}

function CancelDialog({ reservation, restaurant, onClose, onDone }: { reservation: Reservation; restaurant?: Restaurant; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useT();
  const zone = restaurant?.timeZone ?? DEFAULT_ZONE;
  // The service quotes the refund by the restaurant's policy; the cancellation applies the same rule when it happens.
  const quote = useLoad(() => ok(api.GET('/api/reservations/{id}/cancellation', { params: { path: { id: reservation.id } } })), [reservation.id]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const q = quote.data;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/reservations/{id}/cancel', { params: { path: { id: reservation.id } } }));
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} title={t('cancel.title')} footer={<>
      <Button variant="secondary" onClick={onClose}>{t('cancel.keep')}</Button>
      <Button variant="danger" onClick={confirm} busy={busy} disabled={!q?.cancellable}>{t('cancel.confirm')}</Button>
    </>}>
      <p>{restaurant && <strong>{restaurantName(restaurant, lang)} </strong>}{formatDateTime(reservation.start, zone, lang)} · {t('booking.people', { count: Number(reservation.partySize) })}</p>
      <div data-testid="refund-preview" className="rounded-xl bg-stone-100 px-4 py-3">
        {!q ? (quote.error ? null : <Spinner label={t('cancel.working')} />)
          : !q.cancellable ? <p>{t('cancel.notCancellable')}</p>
          : !q.deposit || Number(q.deposit.amount) === 0 ? <p>{t('cancel.noDeposit')}</p>
          : Number(q.paid.amount) === 0 ? <p>{t('cancel.unpaid', { amount: formatMoney(q.deposit, lang) })}</p>
          : <p><strong>{t('cancel.refund', { amount: formatMoney(q.refund, lang), percent: Number(q.refundPercent) })}</strong><br />
            <span className="text-sm text-stone-600">{t('cancel.ofDeposit', { amount: formatMoney(q.paid, lang) })}</span></p>}
      </div>
      <ErrorText error={quote.error ?? error} />
    </Dialog>
  );
}

function ChangeDialog({ reservation, restaurant, onClose, onDone }: { reservation: Reservation; restaurant?: Restaurant; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useT();
  const zone = restaurant?.timeZone ?? DEFAULT_ZONE;
  const today = todayIn(zone);
  const [date, setDate] = useState(dateInZone(reservation.start, zone));
  const [party, setParty] = useState(Number(reservation.partySize));
  const [start, setStart] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const slots = useLoad(() => ok(api.GET('/api/reservations/availability', {
    params: { query: { restaurantId: reservation.restaurantId, date, partySize: party } },
  })), [date, party]);

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await ok(api.PATCH('/api/reservations/{id}', {
        params: { path: { id: reservation.id } },
        body: draft<ReservationsApi['ModifyBody']>({ partySize: party, ...(start ? { start } : {}) }),
      }));
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const changed = start !== null || party !== Number(reservation.partySize);
  return (
    <Dialog open onClose={onClose} title={t('change.title')} footer={<>
      <Button variant="secondary" onClick={onClose}>{t('common.close')}</Button>
      <Button onClick={save} busy={busy} disabled={!changed}>{t('change.save')}</Button>
    </>}>
      <p className="text-sm text-stone-600">{t('change.current', { when: formatDateTime(reservation.start, zone, lang) })}</p>
      <div className="grid grid-cols-2 gap-3">
        <Field label={t('booking.date')}><input type="date" value={date} min={today} max={addDays(today, 60)} onChange={e => { if (e.target.value) { setDate(e.target.value); setStart(null); } }} /></Field>
        <Field label={t('booking.party')}>
          <select value={party} onChange={e => { setParty(Number(e.target.value)); setStart(null); }}>
            {Array.from({ length: 12 }, (_, i) => i + 1).map(n => <option key={n} value={n}>{t('booking.people', { count: n })}</option>)}
          </select>
        </Field>
      </div>
      <p className="text-sm font-semibold">{t('booking.times', { date: formatDate(date, lang) })}</p>
      {slots.loading ? <Spinner /> : slots.data?.slots.length === 0 ? <p className="text-sm text-stone-600">{t('booking.noSlots')}</p> : (
        <div role="radiogroup" aria-label={t('booking.times', { date: formatDate(date, lang) })} className="grid max-h-48 grid-cols-4 gap-2 overflow-y-auto">
          {slots.data?.slots.map(s => (
            <button key={s.start} type="button" role="radio" aria-checked={start === s.start} onClick={() => setStart(s.start)}
              className={cx('h-9 rounded-lg text-sm font-semibold ring-1 ring-inset tabular', start === s.start ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white ring-stone-300 hover:bg-brand-50')}>
              {formatTime(s.start, zone, lang)}
            </button>
          ))}
        </div>
      )}
      {error ? <ErrorText error={error} /> : <Alert tone="blue">{t('change.note')}</Alert>}
    </Dialog>
  );
}
