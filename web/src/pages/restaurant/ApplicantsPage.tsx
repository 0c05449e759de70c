import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, draft, ok, type JobApplication, type JobsApi } from '../../api/client';
import { StatusBadge } from '../../components/StatusBadge';
import { Alert, Badge, Button, Card, Dialog, Empty, ErrorText, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney, formatTime } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { ShiftTime } from '../jobs/JobBits';
import { RestaurantShell } from './RestaurantShell';

/** One posting for its restaurant: the check-in code for the screen, the applicants to accept or decline, the booked workers. */
export default function ApplicantsPage() {
  const { id = '', jobId = '' } = useParams();
  return <RestaurantShell id={id}>{() => <Applicants restaurantId={id} jobId={jobId} />}</RestaurantShell>;
}

function Applicants({ restaurantId, jobId }: { restaurantId: string; jobId: string }) {
  const { t, lang } = useT();
  const job = useLoad(() => ok(api.GET('/api/jobs/{id}', { params: { path: { id: jobId } } })), [jobId]);
  const list = useLoad(() => ok(api.GET('/api/jobs/{id}/applications', { params: { path: { id: jobId }, query: { limit: 100 } } })), [jobId]);
  const [error, setError] = useState<unknown>(null);
  const [cancelling, setCancelling] = useState(false);
  const [showCode, setShowCode] = useState(false);

  const act = async (a: JobApplication, action: 'accept' | 'decline' | 'no-show') => {
    setError(null);
    try {
      await ok(api.POST(`/api/jobs/applications/{id}/${action}`, { params: { path: { id: a.id } } }));
      await Promise.all([list.reload(), job.reload()]);
    } catch (err) {
      setError(err);
    }
  };
  const roster = async (a: JobApplication, kind: 'favourite' | 'blocked') => {
    setError(null);
    try {
      await ok(api.PUT('/api/jobs/roster/{restaurantId}/{workerId}', { params: { path: { restaurantId, workerId: a.workerId } }, body: draft<JobsApi['RosterBody']>({ kind }) }));
    } catch (err) {
      setError(err);
    }
  };
  if (!job.data) return job.error ? <ErrorText error={job.error} /> : <Spinner label={t('common.loading')} />;
  const j = job.data;
  const items = list.data?.items ?? [];
  const waiting = items.filter(a => a.status === 'applied');
  const booked = items.filter(a => ['accepted', 'checked_in', 'checked_out', 'no_show'].includes(a.status));
  const started = new Date(j.start).getTime() <= Date.now();

  return (
    <div className="space-y-6">
      <Link to={`/manage/${restaurantId}/jobs`} className="text-sm font-semibold text-brand-700 underline">← {t('postings.title')}</Link>
      <Card className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <p className="flex items-center gap-2"><StatusBadge kind="shift" status={j.status} />{j.bookingMode === 'auto' && <Badge tone="green">{t('jobs.instant')}</Badge>}</p>
          <h2 className="mt-1 text-xl font-bold">{j.title}</h2>
          <p className="text-stone-700"><ShiftTime job={j} /> · {t('jobs.hourly', { amount: formatMoney(j.hourlyWage, lang) })} · {t('jobs.filledOf', { filled: Number(j.filled), headcount: Number(j.headcount) })}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => setShowCode(!showCode)} aria-expanded={showCode}>{t('applicants.showCode')}</Button>
          {['draft', 'open', 'filled'].includes(j.status) && <Button variant="danger" onClick={() => setCancelling(true)}>{t('applicants.cancelPosting')}</Button>}
        </div>
      </Card>
      {showCode && <AttendanceCode jobId={jobId} zone={j.timeZone} />}
      <ErrorText error={error} />
      <section>
        <h3 className="mb-3 text-lg font-bold">{t('applicants.booked')}</h3>
        {booked.length === 0 ? <Empty title={t('applicants.noneBooked')} /> : <ul className="space-y-3">{booked.map(a => (
          <Row key={a.id} a={a}>
            {a.status === 'accepted' && started && <Button variant="danger" size="sm" onClick={() => act(a, 'no-show')}>{t('applicants.noShow')}</Button>}
            <Button variant="ghost" size="sm" onClick={() => roster(a, 'favourite')}>{t('applicants.favourite')}</Button>
          </Row>
        ))}</ul>}
      </section>
      <section>
        <h3 className="mb-3 text-lg font-bold">{t('applicants.waiting')}</h3>
        {!list.data ? <Spinner label={t('common.loading')} /> : waiting.length === 0 ? <Empty title={t('applicants.noneWaiting')} /> : <ul className="space-y-3">{waiting.map(a => (
          <Row key={a.id} a={a}>
            <Button size="sm" onClick={() => act(a, 'accept')} disabled={j.status !== 'open'}>{t('applicants.accept')}</Button>
            <Button variant="secondary" size="sm" onClick={() => act(a, 'decline')}>{t('applicants.decline')}</Button>
            <Button variant="ghost" size="sm" onClick={() => roster(a, 'blocked')}>{t('applicants.block')}</Button>
          </Row>
        ))}</ul>}
      </section>
      {cancelling && <CancelPosting jobId={jobId} onClose={() => setCancelling(false)} onDone={() => { setCancelling(false); void job.reload(); void list.reload(); }} />}
    </div>
  );
}

function Row({ a, children }: { a: JobApplication; children: React.ReactNode }) {
  const { t } = useT();
  const w = a.worker;
  return (
    <Card as="li" className="flex flex-wrap items-center justify-between gap-3">
      <div className="min-w-0" data-testid="applicant" data-status={a.status}>
        <p className="flex flex-wrap items-center gap-2 font-bold">{a.workerName}<StatusBadge kind="shift" status={a.status} />{a.reconfirmedAt && <Badge tone="green">{t('shifts.reconfirmed')}</Badge>}</p>
        {w && (
          <p className="text-sm text-stone-600">
            {Number(w.rating.count) > 0 ? `★ ${Number(w.rating.average).toFixed(1)} · ` : ''}{t('shifts.record', { shifts: Number(w.completedShifts), noShows: Number(w.noShows), late: Number(w.lateCancellations) })}
          </p>
        )}
        {w && w.credentials.length > 0 && <p className="mt-1 flex flex-wrap gap-1">{w.credentials.map(c => <Badge key={c.code} tone="amber">{t(`requirement.${c.code}`, { defaultValue: c.code })}</Badge>)}</p>}
        {a.message && <p className="mt-1 text-[15px] text-stone-800">“{a.message}”</p>}
      </div>
      <div className="flex flex-wrap gap-2">{children}</div>
    </Card>
  );
}

/** The rotating code for the restaurant's screen: large, with the seconds it has left, read again when it turns. */
function AttendanceCode({ jobId, zone }: { jobId: string; zone: string }) {
  const { t, lang } = useT();
  const code = useLoad(() => ok(api.GET('/api/jobs/{id}/attendance-code', { params: { path: { id: jobId } } })), [jobId]);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const until = code.data ? new Date(code.data.validUntil).getTime() : 0;
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  useEffect(() => {
    if (code.data && left === 0) void code.reload();
  }, [left, code]);
  return (
    <Card className="text-center" aria-live="polite">
      <p className="text-sm text-stone-600">{t('applicants.codeHint')}</p>
      {code.data ? (
        <>
          <p className="my-3 font-mono text-6xl font-bold tracking-[0.3em] text-stone-900 tabular sm:text-7xl" data-testid="attendance-code">{code.data.code}</p>
          <p className="text-sm text-stone-600">{t('applicants.codeTurns', { seconds: left, time: formatTime(code.data.validUntil, zone, lang) })}</p>
        </>
      ) : code.error ? <ErrorText error={code.error} /> : <Spinner />}
    </Card>
  );
}

function CancelPosting({ jobId, onClose, onDone }: { jobId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    try {
      await ok(api.POST('/api/jobs/{id}/cancel', { params: { path: { id: jobId } }, body: draft<JobsApi['CancelBody']>({ reason: reason.trim() || null }) }));
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} title={t('applicants.cancelPosting')} footer={<>
      <Button variant="secondary" onClick={onClose}>{t('shifts.keep')}</Button>
      <Button variant="danger" onClick={confirm} busy={busy}>{t('applicants.cancelConfirm')}</Button>
    </>}>
      <Alert tone="amber">{t('applicants.cancelWarning')}</Alert>
      <label className="block text-sm font-medium">{t('applicants.reason')}<input className="mt-1 block w-full rounded-lg px-3 py-2 ring-1 ring-stone-300" value={reason} onChange={e => setReason(e.target.value)} /></label>
      <ErrorText error={error} />
    </Dialog>
  );
}
