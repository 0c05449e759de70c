// A worker's wallet: shift pay (pending until settled, then available), statements, withdrawals to a bank account.
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import { RequireUser } from '../../components/Layout';
import { Card, ErrorText, PageHeader, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDate, formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { Balances, History, Payouts, WithdrawForm } from './WalletBits';

export default function WalletPage() {
  return <RequireUser><Wallet /></RequireUser>;
}

function Wallet() {
  const { t, lang } = useT();
  const data = useLoad(async () => {
    const [wallet, history, settlements] = await Promise.all([
      ok(api.GET('/api/wallets/mine', {})),
      ok(api.GET('/api/wallets/mine/history', { params: { query: { limit: 50 } } })),
      ok(api.GET('/api/settlements/mine', {})),
    ]);
    return { wallet, history: history.items, settlements: settlements.items };
  }, []);

  return (
    <div>
      <PageHeader title={t('wallet.title')} subtitle={t('wallet.subtitle')}
        actions={<Link to="/jobs/shifts" className="font-semibold text-brand-700 underline">{t('nav.myShifts')}</Link>} />
      <ErrorText error={data.error} />
      {!data.data ? <Spinner label={t('common.loading')} /> : (
        <div className="space-y-8">
          <Balances wallet={data.data.wallet} />
          <Card>
            <h2 className="mb-3 text-lg font-bold">{t('wallet.withdraw')}</h2>
            <WithdrawForm wallet={data.data.wallet} onDone={() => void data.reload()}
              send={(body, key) => ok(api.POST('/api/wallets/mine/withdrawals', { params: { header: { 'Idempotency-Key': key } }, body: body as never }))} />
            <div className="mt-4"><Payouts payouts={data.data.wallet.recentWithdrawals} /></div>
          </Card>
          <section aria-labelledby="history">
            <h2 id="history" className="mb-3 text-lg font-bold">{t('wallet.history')}</h2>
            <History items={data.data.history} currency={data.data.wallet.currency} />
          </section>
          {data.data.settlements.length > 0 && (
            <section aria-labelledby="statements">
              <h2 id="statements" className="mb-3 text-lg font-bold">{t('settlements.title')}</h2>
              <ul className="space-y-2">
                {data.data.settlements.map(s => (
                  <li key={s.id} className="flex flex-wrap justify-between gap-2 rounded-xl bg-white px-4 py-3 ring-1 ring-stone-200 tabular">
                    <span>{formatDate(s.periodEnd.slice(0, 10), lang, true)}</span>
                    <span>{t('settlements.line', { gross: formatMoney({ amount: s.gross, currency: s.currency }, lang), fees: formatMoney({ amount: s.fees, currency: s.currency }, lang), withholding: formatMoney({ amount: s.withholding, currency: s.currency }, lang) })}</span>
                    <strong>{formatMoney({ amount: s.net, currency: s.currency }, lang)}</strong>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
