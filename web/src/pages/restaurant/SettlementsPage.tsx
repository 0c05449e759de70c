// The restaurant's money: what it has earned and not yet settled, its wallet, settlement statements (gross, fees,
// refunds, net) with their lines, the ledger of its wallet, and withdrawals (owner and managers; the service decides).
import { useState } from 'react';
import { useParams } from 'react-router';
import { api, ok, type Settlement } from '../../api/client';
import { Button, Card, Empty, ErrorText, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { Balances, History, Payouts, WithdrawForm } from '../pay/WalletBits';
import { RestaurantShell } from './RestaurantShell';

export default function SettlementsPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{() => <Settlements id={id} />}</RestaurantShell>;
}

function Settlements({ id }: { id: string }) {
  const { t } = useT();
  const data = useLoad(async () => {
    const path = { restaurantId: id };
    const [wallet, history, settlements] = await Promise.all([
      ok(api.GET('/api/wallets/restaurants/{restaurantId}', { params: { path } })),
      ok(api.GET('/api/wallets/restaurants/{restaurantId}/history', { params: { path, query: { limit: 50 } } })),
      ok(api.GET('/api/settlements', { params: { query: { restaurantId: id } } })),
    ]);
    return { wallet, history: history.items, settlements: settlements.items };
  }, [id]);

  if (!data.data) return data.error ? <ErrorText error={data.error} /> : <Spinner label={t('common.loading')} />;
  const { wallet, history, settlements } = data.data;
  return (
    <div className="space-y-8">
      <h2 className="sr-only">{t('manage.settlements')}</h2>
      <Balances wallet={wallet} />
      <section aria-labelledby="statements">
        <h3 id="statements" className="mb-3 text-lg font-bold">{t('settlements.title')}</h3>
        {settlements.length === 0 ? <Empty title={t('settlements.none')}>{t('settlements.noneHint')}</Empty>
          : <ul className="space-y-3">{settlements.map(s => <Statement key={s.id} s={s} />)}</ul>}
      </section>
      <Card>
        <h3 className="mb-3 text-lg font-bold">{t('wallet.withdraw')}</h3>
        <WithdrawForm wallet={wallet} onDone={() => void data.reload()}
          send={(body, key) => ok(api.POST('/api/wallets/restaurants/{restaurantId}/withdrawals', {
            params: { path: { restaurantId: id }, header: { 'Idempotency-Key': key } }, body: body as never,
          }))} />
        <div className="mt-4"><Payouts payouts={wallet.recentWithdrawals} /></div>
      </Card>
      <section aria-labelledby="ledger">
        <h3 id="ledger" className="mb-3 text-lg font-bold">{t('settlements.ledger')}</h3>
        <History items={history} currency={wallet.currency} />
      </section>
    </div>
  );
}

function Statement({ s }: { s: Settlement }) {
  const { t, lang } = useT();
  const [open, setOpen] = useState(false);
  const detail = useLoad(() => ok(api.GET('/api/settlements/{id}', { params: { path: { id: s.id } } })), [s.id], open);
  const money = (amount: number | string) => formatMoney({ amount, currency: s.currency }, lang);
  return (
    <Card as="li" className="!p-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="font-semibold tabular">{formatDate(s.periodStart.slice(0, 10), lang, true)} – {formatDate(s.periodEnd.slice(0, 10), lang, true)}</p>
          <p className="text-sm text-stone-600 tabular">
            {t('settlements.gross')} {money(s.gross)} · {t('settlements.fees')} −{money(s.fees)} · {t('settlements.refunds')} −{money(s.refunds)}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <strong className="text-lg tabular">{money(s.net)}</strong>
          <Button variant="secondary" size="sm" onClick={() => setOpen(o => !o)} aria-expanded={open}>{open ? t('common.close') : t('settlements.lines')}</Button>
        </div>
      </div>
      {open && (detail.data ? (
        <ul className="mt-3 divide-y divide-stone-100 text-sm">
          {(detail.data.lines ?? []).map((l, i) => (
            <li key={i} className="flex justify-between gap-2 py-1.5 tabular">
              <span>{formatDateTime(l.at, undefined, lang)} · {t(`wallet.kind.${l.kind}`, { defaultValue: l.kind })} · {t(`wallet.category.${l.category}`, { defaultValue: l.category })}</span>
              <span>{money(l.amount)}</span>
            </li>
          ))}
        </ul>
      ) : <ErrorText error={detail.error} />)}
    </Card>
  );
}
