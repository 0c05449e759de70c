import { useState } from 'react';
import { api, draft, ok, type StaffApi } from '../../api/client';
import { Badge, Button, Card, Empty, ErrorText, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { addDays, formatDate, formatMoney, formatTime, todayIn } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { hoursAndMinutes } from './StaffBits';

type Timecard = StaffApi['TimecardResponse'];

/** The time clock for the signed-in employee, and the timesheets of the last two weeks (managers approve them here). */
export function TimeClock({ id, zone }: { id: string; zone: string }) {
  const { t, lang } = useT();
  const today = todayIn(zone);
  const cards = useLoad(() => ok(api.GET('/api/staff/timecards', { params: { query: { restaurantId: id, from: addDays(today, -14), to: today } } })), [id, today]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const punch = async (path: '/api/staff/clock/in' | '/api/staff/clock/break-start' | '/api/staff/clock/break-end' | '/api/staff/clock/out') => {
    setBusy(path);
    setError(null);
    try {
      await ok(api.POST(path, { body: draft<StaffApi['ClockBody']>({ restaurantId: id }) }));
      await cards.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const approve = async (card: Timecard) => {
    setError(null);
    try {
      await ok(api.POST('/api/staff/timecards/{id}/approve', { params: { path: { id: card.id } } }));
      await cards.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-bold">{t('staff.clock.title')}</h2>
      <Card className="flex flex-wrap gap-2">
        <Button onClick={() => punch('/api/staff/clock/in')} busy={busy === '/api/staff/clock/in'}>{t('staff.clock.in')}</Button>
        <Button variant="secondary" onClick={() => punch('/api/staff/clock/break-start')} busy={busy === '/api/staff/clock/break-start'}>{t('staff.clock.breakStart')}</Button>
        <Button variant="secondary" onClick={() => punch('/api/staff/clock/break-end')} busy={busy === '/api/staff/clock/break-end'}>{t('staff.clock.breakEnd')}</Button>
        <Button onClick={() => punch('/api/staff/clock/out')} busy={busy === '/api/staff/clock/out'}>{t('staff.clock.out')}</Button>
      </Card>
      <ErrorText error={cards.error ?? error} />
      <h3 className="text-lg font-bold">{t('staff.clock.timesheets')}</h3>
      {!cards.data ? <Spinner label={t('common.loading')} /> : cards.data.length === 0 ? <Empty title={t('staff.clock.none')} /> : (
        <ul className="space-y-2">
          {cards.data.map(c => (
            <Card as="li" key={c.id} className="flex flex-wrap items-center justify-between gap-3">
              <div data-testid="timecard">
                <p className="font-semibold">{formatDate(c.date, lang)} · <span className="tabular">{formatTime(c.clockIn, zone, lang)}–{c.clockOut ? formatTime(c.clockOut, zone, lang) : '…'}</span></p>
                <p className="text-sm text-stone-600">
                  {c.minutes != null && <>{hoursAndMinutes(Number(c.minutes), lang)} · </>}
                  {c.cost && <>{formatMoney(c.cost, lang)} · </>}
                  {t('staff.clock.breaks', { count: c.breaks.length })}
                </p>
                {c.late && <Badge tone="amber">{t('staff.clock.late')}</Badge>}
              </div>
              <div className="flex items-center gap-2">
                <Badge tone={c.status === 'approved' ? 'green' : 'neutral'}>{t(`staff.clock.status.${c.status}`)}</Badge>
                {c.status === 'pending' && <Button size="sm" onClick={() => approve(c)}>{t('staff.clock.approve')}</Button>}
              </div>
            </Card>
          ))}
        </ul>
      )}
    </div>
  );
}
