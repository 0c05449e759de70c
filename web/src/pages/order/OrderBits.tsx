import type { Order } from '../../api/client';
import { Badge, type Tone } from '../../components/ui';
import { useT } from '../../i18n';
import { formatMoney, formatTime } from '../../lib/format';

const tones: Record<string, Tone> = {
  received: 'amber', accepted: 'blue', in_preparation: 'brand', ready: 'green', served: 'neutral', picked_up: 'neutral',
  closed: 'neutral', cancelled: 'red', voided: 'red',
};

export function OrderStatus({ status }: { status: string }) {
  const { t } = useT();
  return <Badge tone={tones[status] ?? 'neutral'}>{t(`order.status.${status}`, { defaultValue: status })}</Badge>;
}

export function PaymentStatus({ status }: { status: string }) {
  const { t } = useT();
  const tone: Tone = status === 'paid' ? 'green' : status === 'refunded' ? 'blue' : status === 'partially_paid' ? 'amber' : 'neutral';
  return <Badge tone={tone}>{t(`order.payment.${status}`, { defaultValue: status })}</Badge>;
}

/** The lines of an order with quantities, options, notes and prices, and its total. */
export function OrderLines({ order }: { order: Order }) {
  const { t, lang } = useT();
  return (
    <div>
      <ul className="divide-y divide-stone-100">
        {order.lines.map(line => (
          <li key={line.id} className="flex gap-3 py-2" data-status={line.status}>
            <span className="w-8 shrink-0 font-semibold tabular">{Number(line.quantity)}×</span>
            <div className="min-w-0 flex-1">
              <p className={line.status === 'cancelled' || line.status === 'voided' ? 'text-stone-400 line-through' : 'font-medium'}>{line.name}</p>
              {line.modifiers.length > 0 && <p className="text-sm text-stone-600">{line.modifiers.map(m => m.name).join(', ')}</p>}
              {line.notes && <p className="text-sm text-amber-800">“{line.notes}”</p>}
              {line.addedByName && <p className="text-xs text-stone-500">{line.addedByName}</p>}
            </div>
            <span className="tabular">{formatMoney(line.lineTotal, lang)}</span>
          </li>
        ))}
      </ul>
      <p className="mt-2 flex justify-between border-t border-stone-200 pt-2 font-bold">
        <span>{t('order.total')}</span><span className="tabular">{formatMoney(order.total, lang)}</span>
      </p>
    </div>
  );
}

/** #4F2A · 매장 T1 · 19:02 */
export function OrderTitle({ order }: { order: Order }) {
  const { t, lang } = useT();
  return (
    <span>
      <span className="font-bold tabular">{order.number}</span>
      <span className="text-stone-600"> · {t(`order.channel.${order.channel}`)}{order.table?.label ? ` ${order.table.label}` : ''} · {formatTime(order.placedAt, order.timeZone, lang)}</span>
    </span>
  );
}
