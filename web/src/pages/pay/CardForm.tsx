// The sandbox stands in for the PG's card window: the card goes from this form's state to one POST /api/payments and
// is dropped with the form; nothing of it is kept in storage. The amount is the service's figure (the due), sent only so
// the service can refuse a stale page.
import { useState, type FormEvent } from 'react';
import { api, ApiError, draft, newIdempotencyKey, ok, type Payment, type PaymentsApi } from '../../api/client';
import { Alert, Button, Field } from '../../components/ui';
import { useT } from '../../i18n';
import { cardErrors, formatCardNumber, formatExpiry, type CardField } from '../../lib/card';
import { formatMoney, type Money } from '../../lib/format';
import type { Errors } from '../../lib/validation';

const conflicts = ['due_closed', 'hold_expired', 'amount_changed', 'already_paid'];

/** Pays what is due for a booking's deposit or an order (`pays`); the amount is the service's figure, shown and sent back. */
export function CardForm({ pays, amount, onPaid }: { pays: { reservationId: string } | { orderId: string }; amount: Money; onPaid: (payment: Payment) => void }) {
  const { t, lang } = useT();
  const [card, setCard] = useState({ number: '', expiry: '', cvv: '', holderName: '' });
  const [errors, setErrors] = useState<Errors<CardField>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // One key per attempt at this form: a double click or a retried request pays once.
  const [key, setKey] = useState(newIdempotencyKey);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = cardErrors(card);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const payment = await ok(api.POST('/api/payments', {
        params: { header: { 'Idempotency-Key': key } },
        body: draft<PaymentsApi['PayBody']>({
          ...pays, amount: Number(amount.amount), paymentMethod: 'credit_card',
          cardDetails: draft<PaymentsApi['CardBody']>({ number: card.number, expiry: card.expiry.replace(/\s/g, ''), cvv: card.cvv, ...(card.holderName.trim() ? { holderName: card.holderName.trim() } : {}) }),
        }),
      }));
      setCard({ number: '', expiry: '', cvv: '', holderName: '' });
      onPaid(payment as Payment);
    } catch (err) {
      const code = err instanceof ApiError ? (err.problem as { code?: string } | null)?.code : undefined;
      const status = err instanceof ApiError ? err.status : 0;
      setFailure(status === 402 ? t('card.declined') : status === 409 && code && conflicts.includes(code) ? t(`card.conflict.${code}`)
        : status === 400 ? t('card.checkFields') : t('errors.generic'));
      setKey(newIdempotencyKey());
      setBusy(false);
    }
  };

  const set = (field: keyof typeof card, value: string) => setCard(c => ({ ...c, [field]: value }));
  return (
    <form onSubmit={submit} noValidate aria-label={t('card.form')} className="space-y-3" autoComplete="off">
      <p className="text-lg font-bold tabular">{t('card.amount', { amount: formatMoney(amount, lang) })}</p>
      <Field label={t('card.number')} error={errors.number ? t(errors.number) : null}>
        <input inputMode="numeric" autoComplete="cc-number" placeholder="0000 0000 0000 0000" value={card.number}
          onChange={e => set('number', formatCardNumber(e.target.value))} />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label={t('card.expiry')} error={errors.expiry ? t(errors.expiry) : null}>
          <input inputMode="numeric" autoComplete="cc-exp" placeholder="MM/YY" value={card.expiry} onChange={e => set('expiry', formatExpiry(e.target.value))} />
        </Field>
        <Field label={t('card.cvv')} error={errors.cvv ? t(errors.cvv) : null}>
          <input inputMode="numeric" autoComplete="cc-csc" maxLength={4} value={card.cvv} onChange={e => set('cvv', e.target.value.replace(/\D/g, ''))} />
        </Field>
      </div>
      <Field label={t('card.holder')} hint={t('card.holderHint')}>
        <input autoComplete="cc-name" value={card.holderName} onChange={e => set('holderName', e.target.value)} />
      </Field>
      {failure && <Alert>{failure}</Alert>}
      <Button type="submit" busy={busy} size="lg" className="w-full">{t('card.pay', { amount: formatMoney(amount, lang) })}</Button>
      <p className="text-[13px] text-stone-600">{t('card.note')}</p>
    </form>
  );
}
