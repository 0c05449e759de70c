import { useT } from '../i18n';
import { Badge, type Tone } from './ui';

const tones: Record<string, Tone> = {
  pending_payment: 'amber', confirmed: 'blue', arrived: 'brand', seated: 'green', completed: 'neutral', cancelled: 'red', no_show: 'red',
  pending: 'amber', accepted: 'green', declined: 'red', waiting: 'amber', ready: 'green', left: 'neutral',
  open: 'green', filled: 'blue', in_progress: 'brand', applied: 'amber', checked_in: 'brand', checked_out: 'neutral', withdrawn: 'neutral', expired: 'neutral',
};

/** `kind="shift"` words a status for one-day shifts (a completed shift is 근무 완료, not 방문 완료), else the shared words. */
export function StatusBadge({ status, kind }: { status: string; kind?: 'shift' }) {
  const { t } = useT();
  const keys = kind === 'shift' ? [`shiftStatus.${status}`, `status.${status}`] : [`status.${status}`];
  return <Badge tone={tones[status] ?? 'neutral'}>{t(keys, { defaultValue: status })}</Badge>;
}
