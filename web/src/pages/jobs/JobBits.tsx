import { Link } from 'react-router';
import type { Job } from '../../api/client';
import { StatusBadge } from '../../components/StatusBadge';
import { Badge } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDate, formatDistance, formatMoney } from '../../lib/format';

/** 12월 24일 (목) 18:00–22:00 on the restaurant's clock. */
export function ShiftTime({ job }: { job: Pick<Job, 'date' | 'startTime' | 'endTime'> }) {
  const { lang } = useT();
  return <span className="tabular">{formatDate(job.date, lang)} {job.startTime}–{job.endTime}</span>;
}

export function CategoryBadge({ code }: { code: string }) {
  const { t } = useT();
  return <Badge tone="brand">{t(`category.${code}`, { defaultValue: code })}</Badge>;
}

/** One posting in a list: what, where, when, how much, how many places are left. */
export function JobCard({ job, to }: { job: Job; to: string }) {
  const { t, lang } = useT();
  const left = Number(job.headcount) - Number(job.filled);
  return (
    <Link to={to} className="group block h-full rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 transition hover:shadow-md hover:ring-stone-300" data-testid="job-card">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2"><CategoryBadge code={job.category} />{job.status !== 'open' && <StatusBadge kind="shift" status={job.status} />}</p>
          <h2 className="mt-2 text-lg font-bold text-stone-900 group-hover:text-brand-700">{job.title}</h2>
          <p className="text-sm text-stone-600">{job.restaurantName}</p>
        </div>
        {job.distanceKm != null && <span className="shrink-0 text-sm font-medium text-stone-600 tabular">{formatDistance(job.distanceKm, lang)}</span>}
      </div>
      <p className="mt-3 text-[15px] text-stone-800"><ShiftTime job={job} /></p>
      <p className="mt-1 flex flex-wrap items-baseline gap-x-2 text-[15px]">
        <strong className="text-brand-700">{t('jobs.hourly', { amount: formatMoney(job.hourlyWage, lang) })}</strong>
        <span className="text-sm text-stone-600">{t('jobs.estimated', { amount: formatMoney(job.estimatedPay, lang) })}</span>
      </p>
      <p className="mt-2 flex flex-wrap gap-2 text-sm text-stone-600">
        <span>{left > 0 ? t('jobs.placesLeft', { count: left }) : t('jobs.full')}</span>
        {job.bookingMode === 'auto' && <Badge tone="green">{t('jobs.instant')}</Badge>}
        {job.requirements.map(r => <Badge key={r} tone="amber">{t(`requirement.${r}`, { defaultValue: r })}</Badge>)}
      </p>
    </Link>
  );
}
