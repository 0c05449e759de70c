import { useState } from 'react';
import { useParams } from 'react-router';
import { api, ApiError, draft, ok, type JobApplication, type JobsApi } from '../../api/client';
import { Button, Card, Dialog, Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDateTime, formatMoney, formatTime } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { ShiftTime } from '../jobs/JobBits';
import { RestaurantShell } from './RestaurantShell';

/** Worked shifts waiting for the employer: approve as they stand, or adjust with a note; left alone, they approve at the deadline. */
export default function TimesheetsPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <Timesheets id={id} zone={r.timeZone} />}</RestaurantShell>;
}

function Timesheets({ id, zone }: { id: string; zone: string }) {
  const { t, lang } = useT();
  const [status, setStatus] = useState<'pending' | 'approved'>('pending');
  const list = useLoad(() => ok(api.GET('/api/jobs/timesheets', { params: { query: { restaurantId: id, status, limit: 100 } } })), [id, status]);
  const [adjusting, setAdjusting] = useState<JobApplication | null>(null);
  const [error, setError] = useState<unknown>(null);
  const approve = async (a: JobApplication) => {
    setError(null);
    try {
      await ok(api.POST('/api/jobs/applications/{id}/timesheet/approve', { params: { path: { id: a.id } }, body: draft<JobsApi['ApproveBody']>({}) }));
      await list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-xl font-bold">{t('timesheets.title')}</h2>
        <div className="flex gap-1" role="group" aria-label={t('timesheets.title')}>
          {(['pending', 'approved'] as const).map(s => (
            <Button key={s} size="sm" variant={status === s ? 'primary' : 'secondary'} aria-pressed={status === s} onClick={() => setStatus(s)}>{t(`timesheets.status.${s}`)}</Button>
          ))}
        </div>
      </div>
      <p className="text-sm text-stone-600">{t('timesheets.hint')}</p>
      <ErrorText error={list.error ?? error} />
      {!list.data ? <Spinner label={t('common.loading')} /> : list.data.items.length === 0 ? <Empty title={t('timesheets.none')} /> : (
        <ul className="space-y-3">
          {list.data.items.map(a => {
            const s = a.timesheet!;
            return (
              <Card as="li" key={a.id} className="flex flex-wrap items-center justify-between gap-4">
                <div className="min-w-0" data-testid="timesheet">
                  <p className="font-bold">{a.workerName} · {a.job?.title}</p>
                  {a.job && <p className="text-sm text-stone-600"><ShiftTime job={a.job} /></p>}
                  <p className="mt-1 text-[15px] text-stone-800 tabular">
                    {formatTime(s.checkedInAt, zone, lang)}–{formatTime(s.checkedOutAt, zone, lang)} · {t('timesheets.paid', { minutes: Number(s.paidMinutes), break: Number(s.breakMinutes) })} · <strong>{formatMoney(s.gross, lang)}</strong>
                  </p>
                  {s.status === 'pending' && s.dueAt && <p className="text-sm text-amber-800">{t('timesheets.due', { when: formatDateTime(s.dueAt, zone, lang) })}</p>}
                  {s.adjusted && s.note && <p className="text-sm text-stone-600">{t('timesheets.note', { note: s.note })}</p>}
                  {s.status === 'approved' && <p className="text-sm text-stone-600">{t(s.approvedBy === 'auto' ? 'timesheets.autoApproved' : 'timesheets.approvedByYou')}</p>}
                </div>
                {s.status === 'pending' && (
                  <div className="flex gap-2">
                    <Button variant="secondary" onClick={() => setAdjusting(a)}>{t('timesheets.adjust')}</Button>
                    <Button onClick={() => approve(a)}>{t('timesheets.approve')}</Button>
                  </div>
                )}
              </Card>
            );
          })}
        </ul>
      )}
      {adjusting && <AdjustDialog a={adjusting} onClose={() => setAdjusting(null)} onDone={() => { setAdjusting(null); void list.reload(); }} />}
    </div>
  );
}

/** Local datetime-input value (YYYY-MM-DDTHH:mm) of an instant in the browser's zone, and back. */
const toInput = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function AdjustDialog({ a, onClose, onDone }: { a: JobApplication; onClose: () => void; onDone: () => void }) {
  const { t } = useT();
  const s = a.timesheet!;
  const [v, setV] = useState({ in: toInput(s.checkedInAt), out: toInput(s.checkedOutAt), break: String(s.breakMinutes), note: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const save = async () => {
    if (!v.note.trim()) { setErrors({ note: t('validation.required') }); return; }
    setBusy(true);
    setErrors({});
    try {
      await ok(api.POST('/api/jobs/applications/{id}/timesheet/approve', {
        params: { path: { id: a.id } },
        body: draft<JobsApi['ApproveBody']>({ checkedInAt: new Date(v.in).toISOString(), checkedOutAt: new Date(v.out).toISOString(), breakMinutes: Number(v.break), note: v.note.trim() }),
      }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else setFailure(err);
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} title={t('timesheets.adjustTitle', { name: a.workerName })} footer={<>
      <Button variant="secondary" onClick={onClose}>{t('common.close')}</Button>
      <Button onClick={save} busy={busy}>{t('timesheets.approveAdjusted')}</Button>
    </>}>
      <Field label={t('timesheets.in')} error={errors.checkedInAt}><input type="datetime-local" value={v.in} onChange={e => setV({ ...v, in: e.target.value })} /></Field>
      <Field label={t('timesheets.out')} error={errors.checkedOutAt}><input type="datetime-local" value={v.out} onChange={e => setV({ ...v, out: e.target.value })} /></Field>
      <Field label={t('posting.breakMinutes')} error={errors.breakMinutes}><input inputMode="numeric" value={v.break} onChange={e => setV({ ...v, break: e.target.value })} /></Field>
      <Field label={t('timesheets.reason')} error={errors.note}><input value={v.note} onChange={e => setV({ ...v, note: e.target.value })} /></Field>
      <ErrorText error={failure} />
    </Dialog>
  );
}
