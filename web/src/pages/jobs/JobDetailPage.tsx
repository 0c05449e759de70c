import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, draft, ok, type JobsApi } from '../../api/client';
import { useSession } from '../../api/session';
import { StatusBadge } from '../../components/StatusBadge';
import { Alert, Badge, Button, Card, Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney, formatPhone } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { CategoryBadge, ShiftTime } from './JobBits';

export default function JobDetailPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const { user } = useSession();
  const job = useLoad(() => ok(api.GET('/api/jobs/{id}', { params: { path: { id } } })), [id, user?.id]);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [applied, setApplied] = useState<JobsApi['ApplicationResponse'] | null>(null);

  if (job.error instanceof ApiError && job.error.status === 404) return <Empty title={t('jobs.notFound')}><Link to="/jobs" className="font-semibold text-brand-700 underline">{t('jobs.back')}</Link></Empty>;
  if (!job.data) return job.error ? <ErrorText error={job.error} /> : <Spinner label={t('common.loading')} />;
  const j = job.data;
  const isWorker = !!user?.roles.includes('worker');
  const mine = applied ? { id: applied.id, status: applied.status } : j.myApplication;

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      setApplied(await ok(api.POST('/api/jobs/{id}/apply', { params: { path: { id } }, body: draft<JobsApi['ApplyBody']>({ message: message.trim() || null }) })));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="mx-auto grid max-w-5xl gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-6">
        <div>
          <p className="flex flex-wrap items-center gap-2"><CategoryBadge code={j.category} /><StatusBadge kind="shift" status={j.status} /></p>
          <h1 className="mt-2 text-2xl font-bold sm:text-[28px]">{j.title}</h1>
          <p className="text-stone-600">{j.restaurantName}{Number(j.restaurantRating.count) > 0 && <> · ★ {Number(j.restaurantRating.average).toFixed(1)}</>}</p>
        </div>
        <Card>
          <dl className="grid gap-4 sm:grid-cols-2">
            <Item label={t('jobs.when')}><ShiftTime job={j} /></Item>
            <Item label={t('jobs.pay')}>
              <strong className="text-brand-700">{t('jobs.hourly', { amount: formatMoney(j.hourlyWage, lang) })}</strong>
              <span className="block text-sm text-stone-600">{t('jobs.estimated', { amount: formatMoney(j.estimatedPay, lang) })}</span>
            </Item>
            <Item label={t('jobs.break')}>{t('jobs.breakMinutes', { count: Number(j.breakMinutes) })}</Item>
            <Item label={t('jobs.places')}>{t('jobs.filledOf', { filled: Number(j.filled), headcount: Number(j.headcount) })}</Item>
            <Item label={t('jobs.where')}>{j.address}</Item>
            {j.dressCode && <Item label={t('jobs.dressCode')}>{j.dressCode}</Item>}
            {j.contact && <Item label={t('jobs.contact')}>{j.contact.name} {formatPhone(j.contact.phone)}</Item>}
            {j.requirements.length > 0 && (
              <Item label={t('jobs.requirements')}>
                <span className="flex flex-wrap gap-2">{j.requirements.map(r => <Badge key={r} tone="amber">{t(`requirement.${r}`, { defaultValue: r })}</Badge>)}</span>
              </Item>
            )}
          </dl>
          {j.description && <p className="mt-5 whitespace-pre-line text-stone-800">{j.description}</p>}
        </Card>
      </div>
      <aside>
        <Card className="lg:sticky lg:top-24">
          <h2 className="text-lg font-bold">{t('jobs.applyTitle')}</h2>
          {j.bookingMode === 'auto' && <p className="mt-1 text-sm text-stone-600">{t('jobs.instantHint')}</p>}
          <div className="mt-4 space-y-3">
            {mine ? (
              <Alert tone={mine.status === 'accepted' ? 'green' : 'blue'} title={t(`jobs.mine.${mine.status}`, { defaultValue: t('jobs.mine.other') })}>
                <Link to="/jobs/shifts" className="font-semibold underline">{t('jobs.seeShifts')}</Link>
              </Alert>
            ) : !user ? (
              <Link to={`/login?next=${encodeURIComponent(`/jobs/${id}`)}`} className="inline-flex h-12 w-full items-center justify-center rounded-lg bg-brand-600 font-semibold text-white">{t('jobs.signInToApply')}</Link>
            ) : !isWorker ? (
              <Alert tone="amber">{t('jobs.workersOnly')}</Alert>
            ) : j.status !== 'open' ? (
              <Alert tone="amber">{t('jobs.closed')}</Alert>
            ) : (
              <>
                <Field label={t('jobs.message')} hint={t('jobs.messageHint')}>
                  <textarea rows={3} value={message} maxLength={500} onChange={e => setMessage(e.target.value)} />
                </Field>
                <Button size="lg" className="w-full" busy={busy} onClick={apply}>{j.bookingMode === 'auto' ? t('jobs.bookNow') : t('jobs.apply')}</Button>
              </>
            )}
            <ErrorText error={error} />
          </div>
        </Card>
      </aside>
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return <div><dt className="text-sm text-stone-500">{label}</dt><dd className="mt-0.5 text-[15px] text-stone-900">{children}</dd></div>;
}
