import { useState } from 'react';
import { api, draft, ok, type StaffApi } from '../../api/client';
import { session } from '../../api/session';
import { Alert, Badge, Button, Card, ErrorText, Field } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney, todayIn } from '../../lib/format';
import { hoursAndMinutes, previousMonth } from './StaffBits';

type Payroll = StaffApi['PayrollResponse'];

/** A month's payroll: computed from approved time, each payslip's lines, the CSV, and closing the month (the owner). */
export function PayrollSummary({ id, zone }: { id: string; zone: string }) {
  const { t, lang } = useT();
  const [month, setMonth] = useState(() => previousMonth(todayIn(zone).slice(0, 7)));
  const [payroll, setPayroll] = useState<Payroll | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const act = async (call: () => Promise<Payroll>) => {
    setBusy(true);
    setError(null);
    try {
      setPayroll(await call());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const run = () => act(() => ok(api.POST('/api/staff/payrolls', { body: draft<StaffApi['PayrollBody']>({ restaurantId: id, month }) })));
  const close = () => act(() => ok(api.POST('/api/staff/payrolls/{id}/close', { params: { path: { id: payroll!.id } } })));
  const csv = async () => {
    // The CSV needs the bearer token, so it is fetched and handed to the browser as a file.
    const token = await session.accessToken();
    const response = await fetch(`/api/staff/payrolls/${payroll!.id}/csv`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const url = URL.createObjectURL(await response.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: `payroll-${payroll!.month}.csv` });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-bold">{t('staff.payroll.title')}</h2>
      <p className="text-sm text-stone-600">{t('staff.payroll.hint')}</p>
      <Card className="flex flex-wrap items-end gap-3">
        <Field label={t('staff.payroll.month')}><input type="month" value={month} onChange={e => setMonth(e.target.value)} /></Field>
        <Button onClick={run} busy={busy}>{t('staff.payroll.run')}</Button>
      </Card>
      <ErrorText error={error} />
      {payroll && (
        <Card className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="font-bold">
              {payroll.month} · {formatMoney(payroll.gross, lang)} · {t('staff.payroll.employees', { count: Number(payroll.employees) })}
            </p>
            <div className="flex items-center gap-2">
              <Badge tone={payroll.status === 'closed' ? 'green' : 'amber'}>{t(`staff.payroll.status.${payroll.status}`)}</Badge>
              <Button size="sm" variant="secondary" onClick={csv}>{t('staff.payroll.csv')}</Button>
              {payroll.status === 'draft' && <Button size="sm" onClick={close} busy={busy}>{t('staff.payroll.close')}</Button>}
            </div>
          </div>
          {payroll.smallWorkplace && <Alert tone="blue">{t('staff.payroll.small')}</Alert>}
          {Number(payroll.unapprovedTimecards) > 0 && <Alert tone="amber">{t('staff.payroll.unapproved', { count: Number(payroll.unapprovedTimecards) })}</Alert>}
          <div className="overflow-x-auto">
            <table className="w-full text-sm tabular whitespace-nowrap">
              <thead>
                <tr className="text-left text-stone-600">
                  <th className="py-1 pr-3">{t('staff.employee')}</th><th className="pr-3">{t('staff.payroll.worked')}</th><th className="pr-3">{t('staff.payroll.base')}</th>
                  <th className="pr-3">{t('staff.payroll.overtime')}</th><th className="pr-3">{t('staff.payroll.night')}</th><th className="pr-3">{t('staff.payroll.holiday')}</th>
                  <th className="pr-3">{t('staff.payroll.weeklyHoliday')}</th><th>{t('staff.payroll.gross')}</th>
                </tr>
              </thead>
              <tbody>
                {payroll.payslips.map(p => {
                  const won = (n: number | string) => formatMoney({ amount: n, currency: 'KRW' }, lang);
                  return (
                    <tr key={p.employeeId} className="border-t border-stone-200" data-testid="payslip">
                      <td className="py-1 pr-3">{p.employeeName} {p.belowMinimumWage && <Badge tone="red">{t('staff.payroll.belowMinimum')}</Badge>}</td>
                      <td className="pr-3">{hoursAndMinutes(Number(p.lines.workedMinutes), lang)}</td>
                      <td className="pr-3">{won(p.lines.basePay)}</td>
                      <td className="pr-3">{won(p.lines.overtimePay)}</td>
                      <td className="pr-3">{won(p.lines.nightPay)}</td>
                      <td className="pr-3">{won(p.lines.holidayPay)}</td>
                      <td className="pr-3">{won(p.lines.weeklyHolidayPay)}</td>
                      <td className="font-bold">{formatMoney(p.gross, lang)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </div>
  );
}
