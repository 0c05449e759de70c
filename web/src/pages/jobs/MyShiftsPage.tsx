import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError, draft, ok, type JobApplication, type JobsApi } from '../../api/client';
import { RequireUser } from '../../components/Layout';
import { StatusBadge } from '../../components/StatusBadge';
import { Alert, Badge, Button, Card, Dialog, Empty, ErrorText, Field, PageHeader, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDateTime, formatMoney } from '../../lib/format';
import { requirements } from '../../lib/jobs';
import { useLoad } from '../../lib/useLoad';
import { ShiftTime } from './JobBits';

const booked = ['accepted', 'checked_in'];

export default function MyShiftsPage() {
  return <RequireUser><MyShifts /></RequireUser>;
}

function MyShifts() {
  const { t } = useT();
  const list = useLoad(() => ok(api.GET('/api/jobs/applications/mine', { params: { query: { limit: 100 } } })), []);
  const [attending, setAttending] = useState<{ a: JobApplication; action: 'check-in' | 'check-out' } | null>(null);
  const [cancelling, setCancelling] = useState<JobApplication | null>(null);
  const items = list.data?.items ?? [];
  const upcoming = items.filter(a => booked.includes(a.status)).sort((a, b) => (a.job?.start ?? '').localeCompare(b.job?.start ?? ''));
  const waiting = items.filter(a => a.status === 'applied');
  const past = items.filter(a => !booked.includes(a.status) && a.status !== 'applied');

  const act = async (a: JobApplication, path: 'reconfirm' | 'withdraw') => {
    await ok(api.POST(`/api/jobs/applications/{id}/${path}`, { params: { path: { id: a.id } } }));
    await list.reload();
  };

  return (
    <div className="space-y-8">
      <PageHeader title={t('shifts.title')} subtitle={t('shifts.subtitle')} actions={<>
        <Link to="/wallet" className="inline-flex h-10 items-center rounded-lg px-4 font-semibold text-brand-700 ring-1 ring-inset ring-brand-600">{t('wallet.title')}</Link>
        <Link to="/jobs" className="inline-flex h-10 items-center rounded-lg bg-brand-600 px-4 font-semibold text-white">{t('shifts.find')}</Link>
      </>} />
      <ErrorText error={list.error} />
      {!list.data ? <Spinner label={t('common.loading')} /> : (
        <>
          <Section title={t('shifts.upcoming')} empty={t('shifts.noneUpcoming')} items={upcoming} render={a => (
            <>
              {a.status === 'accepted' && !a.reconfirmedAt && <Button variant="secondary" onClick={() => act(a, 'reconfirm')}>{t('shifts.reconfirm')}</Button>}
              {a.status === 'accepted' && <Button onClick={() => setAttending({ a, action: 'check-in' })}>{t('shifts.checkIn')}</Button>}
              {a.status === 'checked_in' && <Button onClick={() => setAttending({ a, action: 'check-out' })}>{t('shifts.checkOut')}</Button>}
              {a.status === 'accepted' && <Button variant="danger" onClick={() => setCancelling(a)}>{t('shifts.cancel')}</Button>}
            </>
          )} />
          <Section title={t('shifts.waiting')} empty={t('shifts.noneWaiting')} items={waiting} render={a => (
            <Button variant="secondary" onClick={() => act(a, 'withdraw')}>{t('shifts.withdraw')}</Button>
          )} />
          {past.length > 0 && <Section title={t('shifts.past')} empty="" items={past} render={a => <Rate a={a} onDone={list.reload} />} />}
          <Credentials />
        </>
      )}
      {attending && <AttendanceDialog a={attending.a} action={attending.action} onClose={() => setAttending(null)} onDone={() => { setAttending(null); void list.reload(); }} />}
      {cancelling && <CancelDialog a={cancelling} onClose={() => setCancelling(null)} onDone={() => { setCancelling(null); void list.reload(); }} />}
    </div>
  );
}

function Section({ title, empty, items, render }: { title: string; empty: string; items: JobApplication[]; render: (a: JobApplication) => React.ReactNode }) {
  const { t, lang } = useT();
  return (
    <section>
      <h2 className="mb-3 text-lg font-bold">{title}</h2>
      {items.length === 0 ? <Empty title={empty} /> : (
        <ul className="space-y-3">
          {items.map(a => (
            <Card as="li" key={a.id} className="flex flex-wrap items-center justify-between gap-4">
              <div className="min-w-0" data-testid="shift" data-status={a.status}>
                <p className="flex flex-wrap items-center gap-2">
                  <Link to={`/jobs/${a.jobId}`} className="text-lg font-bold hover:text-brand-700">{a.job?.title}</Link>
                  <StatusBadge kind="shift" status={a.status} />
                  {a.reconfirmedAt && a.status === 'accepted' && <Badge tone="green">{t('shifts.reconfirmed')}</Badge>}
                </p>
                <p className="text-sm text-stone-600">{a.job?.restaurantName} · {a.job?.address}</p>
                {a.job && <p className="mt-1 text-stone-800"><ShiftTime job={a.job} /> · {t('jobs.hourly', { amount: formatMoney(a.job.hourlyWage, lang) })}</p>}
                {a.job?.contact && booked.includes(a.status) && <p className="text-sm text-stone-600">{t('jobs.contact')}: {a.job.contact.name} {a.job.contact.phone}</p>}
                {a.timesheet && (
                  <p className="text-sm text-stone-700">{t('shifts.timesheet', {
                    minutes: Number(a.timesheet.paidMinutes), amount: formatMoney(a.timesheet.gross, lang),
                    status: t(`timesheets.status.${a.timesheet.status}`, { defaultValue: a.timesheet.status }),
                  })}</p>
                )}
                {a.compensation && <p className="text-sm text-emerald-800">{t('shifts.compensation', { amount: formatMoney(a.compensation, lang) })}</p>}
              </div>
              <div className="flex flex-wrap gap-2">{render(a)}</div>
            </Card>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The 6-digit code on the restaurant's screen and where the phone is. */
function AttendanceDialog({ a, action, onClose, onDone }: { a: JobApplication; action: 'check-in' | 'check-out'; onClose: () => void; onDone: () => void }) {
  const { t } = useT();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const position = () => new Promise<GeolocationPosition>((resolve, reject) =>
    navigator.geolocation ? navigator.geolocation.getCurrentPosition(resolve, reject, { enableHighAccuracy: true, timeout: 10000 }) : reject(new Error('no geolocation')));

  const submit = async () => {
    if (!/^\d{6}$/.test(code)) { setErrors({ code: t('shifts.codeFormat') }); return; }
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const p = await position().catch(() => { throw new Error(t('shifts.locationNeeded')); });
      await ok(api.POST(`/api/jobs/applications/{id}/${action}`, {
        params: { path: { id: a.id } },
        body: draft<JobsApi['AttendanceBody']>({ code, location: { lat: p.coords.latitude, lng: p.coords.longitude } }),
      }));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else setFailure(err);
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} title={action === 'check-in' ? t('shifts.checkIn') : t('shifts.checkOut')} footer={<>
      <Button variant="secondary" onClick={onClose}>{t('common.close')}</Button>
      <Button onClick={submit} busy={busy}>{t('shifts.send')}</Button>
    </>}>
      <p>{t('shifts.codeHint')}</p>
      <Field label={t('shifts.code')} error={errors.code}>
        <input inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={e => setCode(e.target.value.replace(/\D/g, ''))} className="text-center text-2xl tracking-[0.4em] tabular" />
      </Field>
      {errors.location && <Alert>{errors.location}</Alert>}
      <ErrorText error={failure} />
    </Dialog>
  );
}

function CancelDialog({ a, onClose, onDone }: { a: JobApplication; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const late = a.job ? new Date(a.job.start).getTime() - Date.now() < 24 * 3600_000 : false;
  const confirm = async () => {
    setBusy(true);
    try {
      await ok(api.POST('/api/jobs/applications/{id}/cancel', { params: { path: { id: a.id } }, body: draft<JobsApi['ReasonBody']>({}) }));
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} title={t('shifts.cancelTitle')} footer={<>
      <Button variant="secondary" onClick={onClose}>{t('shifts.keep')}</Button>
      <Button variant="danger" onClick={confirm} busy={busy}>{t('shifts.cancelConfirm')}</Button>
    </>}>
      <p><strong>{a.job?.title}</strong> · {a.job && formatDateTime(a.job.start, undefined, lang)}</p>
      {late ? <Alert tone="amber">{t('shifts.lateWarning')}</Alert> : <p className="text-stone-700">{t('shifts.freeCancel')}</p>}
      <ErrorText error={error} />
    </Dialog>
  );
}

function Rate({ a, onDone }: { a: JobApplication; onDone: () => Promise<void> }) {
  const { t } = useT();
  const [error, setError] = useState<unknown>(null);
  if (a.status !== 'checked_out' || a.scoreByWorker != null) return a.scoreByWorker != null ? <span className="text-sm text-stone-600">{t('shifts.rated', { score: Number(a.scoreByWorker) })}</span> : null;
  const rate = async (score: number) => {
    try {
      await ok(api.POST('/api/jobs/applications/{id}/rating', { params: { path: { id: a.id } }, body: draft<JobsApi['RateBody']>({ score }) }));
      await onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div className="flex items-center gap-1" role="group" aria-label={t('shifts.rate')}>
      <span className="mr-1 text-sm text-stone-600">{t('shifts.rate')}</span>
      {[1, 2, 3, 4, 5].map(n => <Button key={n} size="sm" variant="ghost" aria-label={t('reviews.stars', { count: n })} onClick={() => rate(n)}>★{n}</Button>)}
      <ErrorText error={error} />
    </div>
  );
}

/** The worker's declared credentials (a health certificate with its expiry), which qualified postings require. */
function Credentials() {
  const { t, lang } = useT();
  const profile = useLoad(() => ok(api.GET('/api/jobs/profile')), []);
  const [expiry, setExpiry] = useState<Record<string, string | null>>({});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!profile.data) return profile.error ? <ErrorText error={profile.error} /> : null;
  const current = Object.fromEntries(profile.data.worker.credentials.map(c => [c.code, c.expiresOn ?? '']));
  const value = { ...current, ...expiry };
  const save = async () => {
    setError(null);
    try {
      await ok(api.PUT('/api/jobs/profile', {
        body: draft<JobsApi['ProfileBody']>({ credentials: Object.entries(value).filter(([, v]) => v !== null).map(([code, v]) => ({ code, expiresOn: v || null })) }),
      }));
      setSaved(true);
      await profile.reload();
    } catch (err) {
      setError(err);
    }
  };
  const w = profile.data.worker;
  return (
    <section>
      <h2 className="mb-3 text-lg font-bold">{t('shifts.profile')}</h2>
      <Card>
        <p className="text-sm text-stone-700">{t('shifts.record', { shifts: Number(w.completedShifts), noShows: Number(w.noShows), late: Number(w.lateCancellations) })}</p>
        {profile.data.suspended && w.suspendedUntil && <Alert tone="amber">{t('shifts.suspended', { until: formatDateTime(w.suspendedUntil, undefined, lang) })}</Alert>}
        <ul className="mt-4 grid gap-3 sm:grid-cols-2">
          {requirements.map(code => (
            <li key={code} className="flex items-end gap-3">
              <label className="flex items-center gap-2 pb-2 text-[15px]">
                <input type="checkbox" checked={value[code] !== undefined && value[code] !== null}
                  onChange={e => { setSaved(false); setExpiry({ ...expiry, [code]: e.target.checked ? '' : null }); }} />
                {t(`requirement.${code}`)}
              </label>
              {value[code] !== undefined && value[code] !== null && (
                <Field label={t('shifts.expires')} className="flex-1">
                  <input type="date" value={value[code] ?? ''} onChange={e => { setSaved(false); setExpiry({ ...expiry, [code]: e.target.value }); }} />
                </Field>
              )}
            </li>
          ))}
        </ul>
        <div className="mt-4 flex items-center gap-3"><Button variant="secondary" onClick={save}>{t('common.save')}</Button>{saved && <span className="text-sm text-emerald-700">{t('shifts.saved')}</span>}</div>
        <ErrorText error={error} />
      </Card>
    </section>
  );
}
