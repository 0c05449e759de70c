import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import { StatusBadge } from '../../components/StatusBadge';
import { Button, Card, Empty, ErrorText, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { CategoryBadge, ShiftTime } from '../jobs/JobBits';
import { PostingForm } from './PostingForm';
import { RestaurantShell } from './RestaurantShell';

/** The employer's shift postings, newest shifts last, with a form for a new one. */
export default function JobsPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{() => <Postings id={id} />}</RestaurantShell>;
}

function Postings({ id }: { id: string }) {
  const { t, lang } = useT();
  const [adding, setAdding] = useState(false);
  const list = useLoad(() => ok(api.GET('/api/jobs/manage', { params: { query: { restaurantId: id, limit: 100 } } })), [id]);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-xl font-bold">{t('postings.title')}</h2>
        <div className="flex gap-2">
          <Link to={`/manage/${id}/timesheets`} className="inline-flex h-10 items-center rounded-lg px-4 font-semibold text-stone-800 ring-1 ring-stone-300 ring-inset hover:bg-stone-100">{t('manage.timesheets')}</Link>
          <Button onClick={() => setAdding(!adding)} aria-expanded={adding}>{adding ? t('common.close') : t('postings.new')}</Button>
        </div>
      </div>
      {adding && <Card><PostingForm restaurantId={id} onDone={() => { setAdding(false); void list.reload(); }} /></Card>}
      <ErrorText error={list.error} />
      {!list.data ? <Spinner label={t('common.loading')} /> : list.data.items.length === 0 ? <Empty title={t('postings.none')}>{t('postings.noneHint')}</Empty> : (
        <ul className="space-y-3">
          {list.data.items.map(j => (
            <Card as="li" key={j.id} className="flex flex-wrap items-center justify-between gap-4">
              <div className="min-w-0" data-testid="posting" data-status={j.status}>
                <p className="flex flex-wrap items-center gap-2"><CategoryBadge code={j.category} /><StatusBadge kind="shift" status={j.status} /></p>
                <Link to={`/manage/${id}/jobs/${j.id}`} className="mt-1 block text-lg font-bold hover:text-brand-700">{j.title}</Link>
                <p className="text-stone-700"><ShiftTime job={j} /> · {t('jobs.hourly', { amount: formatMoney(j.hourlyWage, lang) })}</p>
              </div>
              <div className="text-right">
                <p className="text-lg font-bold tabular">{Number(j.filled)} / {Number(j.headcount)}</p>
                <Link to={`/manage/${id}/jobs/${j.id}`} className="text-sm font-semibold text-brand-700 underline">{t('postings.applicants')}</Link>
              </div>
            </Card>
          ))}
        </ul>
      )}
    </div>
  );
}
