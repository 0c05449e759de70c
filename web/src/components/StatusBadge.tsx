import { useT } from '../i18n';
import { Badge, type Tone } from './ui';

const tones: Record<string, Tone> = {
  pending_payment: 'amber', confirmed: 'blue', arrived: 'brand', seated: 'green', completed: 'neutral', cancelled: 'red', no_show: 'red',
  pending: 'amber', accepted: 'green', declined: 'red', waiting: 'amber', ready: 'green', left: 'neutral',
  open: 'green', filled: 'blue', in_progress: 'brand', applied: 'amber', checked_in: 'brand', checked_out: 'neutral', withdrawn: 'neutral', expired: 'neutral',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useT();
  return <Badge tone={tones[status] ?? 'neutral'}>{t(`status.${status}`, { defaultValue: status })}</Badge>;
}
