// A wallet as its owner sees it, a worker's or a restaurant's: balances, movements, withdrawals to a bank account.
import { useState, type FormEvent } from 'react';
import { ApiError, newIdempotencyKey, type Payout, type Wallet, type WalletEntry } from '../../api/client';
import { Alert, Badge, Button, Card, Empty, Field } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDateTime, formatMoney } from '../../lib/format';

export const banks = ['004', '088', '020', '081', '011', '003', '090', '092'];

export function Balances({ wallet }: { wallet: Wallet }) {
  const { t, lang } = useT();
  const money = (amount: number | string) => formatMoney({ amount, currency: wallet.currency }, lang);
  const cells: [string, number | string, string?][] = [
    ['available', wallet.available, t('wallet.availableHint')],
    ['pending', wallet.pending, t('wallet.pendingHint')],
    ['held', wallet.held, t('wallet.heldHint')],
  ];
  return (
    <dl className="grid gap-3 sm:grid-cols-3">
      {cells.map(([key, amount, hint]) => (
        <Card key={key} className="!p-4">
          <dt className="text-sm text-stone-600">{t(`wallet.${key}`)}</dt>
          <dd data-testid={`balance-${key}`} className={`mt-1 text-2xl font-bold tabular ${Number(amount) < 0 ? 'text-red-700' : ''}`}>{money(amount)}</dd>
          <dd className="mt-1 text-[13px] text-stone-500">{hint}</dd>
        </Card>
      ))}
    </dl>
  );
}

export function History({ items, currency }: { items: WalletEntry[]; currency: string }) {
  const { t, lang } = useT();
  if (items.length === 0) return <Empty title={t('wallet.noHistory')} />;
  return (
    <ul className="divide-y divide-stone-200 rounded-xl bg-white ring-1 ring-stone-200">
      {items.map(e => (
        <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
          <div className="min-w-0">
            <p className="font-semibold">{t(`wallet.kind.${e.kind}`, { defaultValue: e.kind })} · {t(`wallet.category.${e.category}`, { defaultValue: e.category })}</p>
            <p className="text-[13px] text-stone-500 tabular">{formatDateTime(e.at, undefined, lang)} · {t(`wallet.${e.balance}`, { defaultValue: e.balance })}</p>
          </div>
          <span className={`font-bold tabular ${Number(e.amount) < 0 ? 'text-stone-700' : 'text-green-700'}`}>
            {Number(e.amount) > 0 ? '+' : ''}{formatMoney({ amount: e.amount, currency }, lang)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function Payouts({ payouts }: { payouts: Payout[] }) {
  const { t, lang } = useT();
  if (payouts.length === 0) return null;
  return (
    <ul className="space-y-2">
      {payouts.map(p => (
        <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 rounded-xl bg-white px-4 py-3 ring-1 ring-stone-200">
          <span className="tabular">{formatDateTime(p.createdAt, undefined, lang)} · {t(`bank.${p.bankCode}`, { defaultValue: p.bankCode })} {p.accountNumber}</span>
          <span className="flex items-center gap-2">
            <strong className="tabular">{formatMoney(p, lang)}</strong>
            <Badge tone={p.status === 'completed' ? 'green' : p.status === 'failed' ? 'red' : 'amber'}>{t(`wallet.payout.${p.status}`, { defaultValue: p.status })}</Badge>
          </span>
        </li>
      ))}
    </ul>
  );
}

type WithdrawValues = { amount: number; bankCode: string; accountNumber: string; accountHolder: string };

/** The amount, the bank and the account; the service checks the balance (with the fee) and the minimum again. */
export function WithdrawForm({ wallet, send, onDone }: { wallet: Wallet; send: (values: WithdrawValues, key: string) => Promise<unknown>; onDone: () => void }) {
  const { t, lang } = useT();
  const [values, setValues] = useState({ amount: '', bankCode: '004', accountNumber: '', accountHolder: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const max = Math.max(0, Number(wallet.withdrawable));
  const money = (amount: number | string) => formatMoney({ amount, currency: wallet.currency }, lang);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = Number(values.amount);
    const found: Record<string, string> = {};
    if (!Number.isInteger(amount) || amount <= 0) found.amount = t('wallet.amountInvalid');
    else if (amount < Number(wallet.minimumPayout)) found.amount = t('wallet.belowMinimum', { amount: money(wallet.minimumPayout) });
    else if (amount > max) found.amount = t('wallet.aboveAvailable', { amount: money(max) });
    if (!/^\d{8,16}$/.test(values.accountNumber.replace(/-/g, ''))) found.accountNumber = t('wallet.accountInvalid');
    if (!values.accountHolder.trim()) found.accountHolder = t('validation.required');
    setErrors(found);
    setFailure(null);
    setDone(false);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await send({ amount, bankCode: values.bankCode, accountNumber: values.accountNumber, accountHolder: values.accountHolder.trim() }, key);
      setValues(v => ({ ...v, amount: '' }));
      setKey(newIdempotencyKey());
      setDone(true);
      onDone();
    } catch (err) {
      setFailure(err instanceof ApiError && err.problem?.detail ? err.problem.detail : t('errors.generic'));
      setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('wallet.withdraw')} className="space-y-3">
      <p className="text-sm text-stone-600">{t('wallet.withdrawable', { amount: money(max), fee: money(wallet.payoutFee), minimum: money(wallet.minimumPayout) })}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('wallet.amount')} error={errors.amount}>
          <input inputMode="numeric" value={values.amount} onChange={e => setValues(v => ({ ...v, amount: e.target.value.replace(/\D/g, '') }))} />
        </Field>
        <Field label={t('wallet.bank')}>
          <select value={values.bankCode} onChange={e => setValues(v => ({ ...v, bankCode: e.target.value }))}>
            {banks.map(b => <option key={b} value={b}>{t(`bank.${b}`)}</option>)}
          </select>
        </Field>
        <Field label={t('wallet.accountNumber')} error={errors.accountNumber}>
          <input inputMode="numeric" autoComplete="off" value={values.accountNumber} onChange={e => setValues(v => ({ ...v, accountNumber: e.target.value }))} />
        </Field>
        <Field label={t('wallet.accountHolder')} error={errors.accountHolder}>
          <input value={values.accountHolder} onChange={e => setValues(v => ({ ...v, accountHolder: e.target.value }))} />
        </Field>
      </div>
      {failure && <Alert>{failure}</Alert>}
      {done && <Alert tone="green">{t('wallet.withdrawn')}</Alert>}
      <Button type="submit" busy={busy} disabled={max <= 0}>{t('wallet.withdraw')}</Button>
    </form>
  );
}
