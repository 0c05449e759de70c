import { useState } from 'react';
import { api, ApiError, draft, ok, type StaffApi } from '../../api/client';
import { Badge, Button, Card, Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { addDays, formatDate, formatMoney, formatTime, todayIn } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { mondayOf } from './StaffBits';

/** The week's schedule board: shifts per day with their cost, the day's labour % against forecast sales, publishing. */
export function Schedule({ id, zone }: { id: string; zone: string }) {
  const { t, lang } = useT();
  const [week, setWeek] = useState(() => mondayOf(todayIn(zone)));
  const board = useLoad(() => ok(api.GET('/api/staff/schedule', { params: { query: { restaurantId: id, week } } })), [id, week]);
  const employees = useLoad(() => ok(api.GET('/api/staff/employees', { params: { query: { restaurantId: id } } })), [id]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/staff/schedule/publish', { body: draft<StaffApi['PublishBody']>({ restaurantId: id, week }) }));
      await board.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const data = board.data;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-xl font-bold">{t('staff.schedule.title')}</h2>
        <div className="flex items-center gap-2">
          <Button size="sm" variant="secondary" onClick={() => setWeek(addDays(week, -7))}>{t('staff.schedule.previous')}</Button>
          <span className="tabular text-sm font-semibold">{formatDate(week, lang)} – {formatDate(addDays(week, 6), lang)}</span>
          <Button size="sm" variant="secondary" onClick={() => setWeek(addDays(week, 7))}>{t('staff.schedule.next')}</Button>
          <Button size="sm" onClick={publish} busy={busy}>{t('staff.schedule.publish')}</Button>
        </div>
      </div>
      <ErrorText error={board.error ?? error} />
      {!data ? <Spinner label={t('common.loading')} /> : (
        <>
          <p className="text-sm text-stone-700">
            {t('staff.schedule.weekCost', { cost: formatMoney(data.scheduledCost, lang) })}
            {data.labourPercent != null && <> · {t('staff.schedule.labour', { percent: Number(data.labourPercent) })}</>}
          </p>
          <div className="grid gap-3 md:grid-cols-7">
            {Array.from({ length: 7 }, (_, i) => addDays(week, i)).map(day => {
              const budget = data.days.find(d => d.date === day);
              const shifts = data.shifts.filter(s => s.date === day);
              return (
                <Card key={day} className="space-y-2" as="section">
                  <h3 className="font-bold">{formatDate(day, lang)}</h3>
                  {budget?.labourPercent != null && (
                    <Badge tone={budget.overTarget ? 'red' : 'green'}>{t('staff.schedule.labour', { percent: Number(budget.labourPercent) })}</Badge>
                  )}
                  {shifts.length === 0 ? <p className="text-sm text-stone-500">{t('staff.schedule.noShifts')}</p> : (
                    <ul className="space-y-2">
                      {shifts.map(shift => (
                        <li key={shift.id} className="text-sm" data-testid="shift">
                          <p className="font-semibold">{shift.employeeName} · {shift.position}</p>
                          <p className="tabular">{formatTime(shift.start, zone, lang)}–{formatTime(shift.end, zone, lang)}</p>
                          {shift.status === 'draft' && <Badge tone="amber">{t('staff.schedule.draft')}</Badge>}
                          {shift.warnings.map(w => <Badge key={w} tone="amber">{t(`staff.warning.${w}`)}</Badge>)}
                        </li>
                      ))}
                    </ul>
                  )}
                </Card>
              );
            })}
          </div>
        </>
      )}
      {employees.data && employees.data.length > 0
        ? <AddShift id={id} employees={employees.data} defaultDate={week} onDone={() => void board.reload()} />
        : employees.data && <Empty title={t('staff.schedule.noEmployees')} />}
    </div>
  );
}

function AddShift({ id, employees, defaultDate, onDone }: { id: string; employees: StaffApi['EmployeeResponse'][]; defaultDate: string; onDone: () => void }) {
  const { t } = useT();
  const [v, setV] = useState({ employeeId: employees[0].id, date: defaultDate, startTime: '09:00', endTime: '18:00', breakMinutes: '60' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      await ok(api.POST('/api/staff/shifts', {
        body: draft<StaffApi['ShiftBody']>({ restaurantId: id, employeeId: v.employeeId, date: v.date, startTime: v.startTime, endTime: v.endTime, breakMinutes: Number(v.breakMinutes) }),
      }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="space-y-3">
      <h3 className="font-bold">{t('staff.schedule.add')}</h3>
      <div className="grid gap-3 sm:grid-cols-5">
        <Field label={t('staff.employee')}>
          <select value={v.employeeId} onChange={e => setV({ ...v, employeeId: e.target.value })}>
            {employees.map(e => <option key={e.id} value={e.id}>{e.name}</option>)}
          </select>
        </Field>
        <Field label={t('staff.schedule.date')} error={errors.date}><input type="date" value={v.date} onChange={e => setV({ ...v, date: e.target.value })} /></Field>
        <Field label={t('staff.schedule.start')} error={errors.startTime}><input type="time" value={v.startTime} onChange={e => setV({ ...v, startTime: e.target.value })} /></Field>
        <Field label={t('staff.schedule.end')} error={errors.endTime}><input type="time" value={v.endTime} onChange={e => setV({ ...v, endTime: e.target.value })} /></Field>
        <Field label={t('staff.schedule.break')} error={errors.breakMinutes}><input inputMode="numeric" value={v.breakMinutes} onChange={e => setV({ ...v, breakMinutes: e.target.value })} /></Field>
      </div>
      <ErrorText error={failure} />
      <Button onClick={save} busy={busy}>{t('staff.schedule.addButton')}</Button>
    </Card>
  );
}
