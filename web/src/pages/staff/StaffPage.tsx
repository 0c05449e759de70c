import { NavLink, useParams, useSearchParams } from 'react-router';
import { cx } from '../../components/ui';
import { useT } from '../../i18n';
import { RestaurantShell } from '../restaurant/RestaurantShell';
import { PayrollSummary } from './PayrollSummary';
import { Schedule } from './ScheduleBoard';
import { TimeClock } from './TimeClock';

const tabs = ['schedule', 'clock', 'payroll'] as const;

/** The restaurant's staff area, one chunk: the schedule board, the time clock with timesheets, and payroll. */
export default function StaffPage() {
  const { id = '' } = useParams();
  const tab = useSearchParams()[0].get('tab') ?? 'schedule';
  const { t } = useT();
  const link = ({ isActive }: { isActive: boolean }) => cx('rounded-full px-3 py-1.5 text-sm font-semibold',
    isActive ? 'bg-brand-600 text-white' : 'bg-stone-100 text-stone-700 hover:bg-stone-200');
  return (
    <RestaurantShell id={id}>
      {r => (
        <div className="space-y-4">
          <nav aria-label={t('staff.sections')} className="flex gap-2">
            {tabs.map(k => <NavLink key={k} to={`/manage/${id}/staff?tab=${k}`} className={() => link({ isActive: k === tab })}>{t(`staff.tabs.${k}`)}</NavLink>)}
          </nav>
          {tab === 'clock' ? <TimeClock id={id} zone={r.timeZone} /> : tab === 'payroll' ? <PayrollSummary id={id} zone={r.timeZone} /> : <Schedule id={id} zone={r.timeZone} />}
        </div>
      )}
    </RestaurantShell>
  );
}
