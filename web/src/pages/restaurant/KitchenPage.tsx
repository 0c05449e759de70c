// The kitchen display (/manage/:id/kitchen): tickets per station with their age, live on /hubs/kitchen; start, bump,
// hold, fire and recall; all-day counts. Big targets: it runs on a tablet at the pass.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { api, ok, type Restaurant, type Ticket } from '../../api/client';
import { Button, Card, Empty, ErrorText, Spinner, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { useHub } from '../../lib/hub';
import { useLoad } from '../../lib/useLoad';
import { RestaurantShell } from './RestaurantShell';

type Move = 'fire' | 'hold' | 'start' | 'bump' | 'recall';
const moves: Record<string, Move[]> = { held: ['fire'], fired: ['start', 'bump', 'hold'], started: ['bump'], bumped: ['recall'] };

export default function KitchenPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <Kitchen restaurant={r} />}</RestaurantShell>;
}

function Kitchen({ restaurant }: { restaurant: Restaurant }) {
  const { t } = useT();
  const [station, setStation] = useState<string | null>(null);
  const [tickets, setTickets] = useState<Record<string, Ticket>>({});
  const [now, setNow] = useState(() => Date.now());
  const settings = useLoad(() => ok(api.GET('/api/orders/settings/{restaurantId}', { params: { path: { restaurantId: restaurant.id } } })), [restaurant.id]);
  const load = useLoad(async () => {
    const page = await ok(api.GET('/api/kitchen/tickets', { params: { query: { restaurantId: restaurant.id } } }));
    setTickets(Object.fromEntries(page.items.map(k => [k.id, k])));
    return page;
  }, [restaurant.id]);
  const allDay = useLoad(() => ok(api.GET('/api/kitchen/all-day', { params: { query: { restaurantId: restaurant.id, station: station ?? undefined } } })),
    [restaurant.id, station, tickets]);

  const live = useHub('/hubs/kitchen', {
    ticket: (k: Ticket) => setTickets(all => ({ ...all, [k.id]: k })),
  }, async connection => {
    await connection.invoke('Watch', restaurant.id);
    await load.reload();
  });

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const move = async (k: Ticket, m: Move) => {
    const next = await ok(api.POST(`/api/kitchen/tickets/{ticketId}/${m}` as '/api/kitchen/tickets/{ticketId}/bump', { params: { path: { ticketId: k.id } } }));
    setTickets(all => ({ ...all, [next.id]: next }));
  };

  const stations = settings.data?.stations ?? [];
  const visible = Object.values(tickets)
    .filter(k => k.status !== 'voided' && (!station || k.station === station))
    .filter(k => k.status !== 'bumped' || (k.bumpedAt && now - new Date(k.bumpedAt).getTime() < 15 * 60_000))
    .sort((a, b) => (a.status === 'bumped' ? 1 : 0) - (b.status === 'bumped' ? 1 : 0) || (a.firedAt ?? a.placedAt).localeCompare(b.firedAt ?? b.placedAt));

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t('manage.kitchen')}>
        {[null, ...stations].map(s => (
          <Button key={s ?? 'all'} size="sm" variant={station === s ? 'primary' : 'secondary'} aria-pressed={station === s} onClick={() => setStation(s)}>
            {s ? t(`kitchen.station.${s}`, { defaultValue: s }) : t('kitchen.all')}
          </Button>
        ))}
        <span className="ml-auto flex items-center gap-2 text-sm text-stone-600" data-testid="live-state" data-state={live}>
          <span className={cx('size-2.5 rounded-full', live === 'live' ? 'bg-emerald-500' : 'bg-stone-400')} aria-hidden="true" />{t(`live.${live}`)}
        </span>
      </div>
      <ErrorText error={load.error} />
      <div className="grid gap-4 lg:grid-cols-[1fr_240px]">
        {!load.data ? <Spinner label={t('common.loading')} /> : visible.length === 0 ? <Empty title={t('kitchen.none')} /> : (
          <ul className="grid content-start gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label={t('manage.kitchen')}>
            {visible.map(k => <TicketCard key={k.id} ticket={k} now={now} onMove={m => move(k, m)} />)}
          </ul>
        )}
        <Card className="self-start">
          <h2 className="font-bold">{t('kitchen.allDay')}</h2>
          <table className="mt-2 w-full text-sm">
            <thead><tr className="text-left text-stone-600"><th className="font-medium" /><th className="font-medium">{t('kitchen.firing')}</th><th className="font-medium">{t('kitchen.held')}</th></tr></thead>
            <tbody>
              {(allDay.data?.items ?? []).map(a => (
                <tr key={`${a.menuItemId}-${a.station}`} className="border-t border-stone-100">
                  <td className="py-1.5">{a.name}</td>
                  <td className="font-bold tabular">{Number(a.firing)}</td>
                  <td className="tabular text-stone-600">{Number(a.held)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </div>
    </div>
  );
}

function TicketCard({ ticket, now, onMove }: { ticket: Ticket; now: number; onMove: (m: Move) => Promise<void> }) {
  const { t } = useT();
  const [busy, setBusy] = useState<Move | null>(null);
  const [error, setError] = useState<unknown>(null);
  const started = ticket.firedAt ? new Date(ticket.firedAt).getTime() : null;
  const seconds = ticket.status === 'bumped' ? Number(ticket.ageSeconds) : started ? Math.max(0, Math.floor((now - started) / 1000)) : 0;
  const late = ticket.status !== 'bumped' && seconds >= 15 * 60;
  const warm = ticket.status !== 'bumped' && seconds >= 8 * 60;
  const run = async (m: Move) => {
    setBusy(m);
    setError(null);
    try {
      await onMove(m);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <li data-testid="ticket" data-status={ticket.status} data-station={ticket.station}
      className={cx('flex flex-col rounded-2xl bg-white p-4 ring-1', ticket.status === 'bumped' ? 'opacity-60 ring-stone-200'
        : ticket.status === 'held' ? 'ring-sky-300' : late ? 'ring-2 ring-red-500' : warm ? 'ring-2 ring-amber-400' : 'ring-stone-200')}>
      <div className="flex items-baseline justify-between gap-2">
        <p className="text-lg font-bold tabular">{ticket.orderNumber}</p>
        <p className={cx('font-mono text-lg font-bold tabular', late ? 'text-red-700' : warm ? 'text-amber-700' : 'text-stone-700')} aria-label={t('kitchen.age')}>
          {ticket.status === 'held' ? '—' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`}
        </p>
      </div>
      <p className="text-sm text-stone-600">
        {t(`order.channel.${ticket.channel}`)}{ticket.tableLabel ? ` ${ticket.tableLabel}` : ''} · {t(`kitchen.station.${ticket.station}`, { defaultValue: ticket.station })} · {t('kitchen.course', { n: Number(ticket.course) })}
      </p>
      <ul className="my-3 flex-1 space-y-1.5">
        {ticket.lines.map(line => (
          <li key={line.id}>
            <p className="text-[17px] font-semibold"><span className="tabular">{Number(line.quantity)}</span> × {line.name}</p>
            {line.modifiers.length > 0 && <p className="pl-5 text-sm text-stone-700">{line.modifiers.join(', ')}</p>}
            {line.notes && <p className="pl-5 text-sm font-semibold text-amber-800">“{line.notes}”</p>}
          </li>
        ))}
      </ul>
      {ticket.orderNotes && <p className="mb-2 text-sm text-amber-800">{ticket.orderNotes}</p>}
      <ErrorText error={error} />
      <div className="flex gap-2">
        {(moves[ticket.status] ?? []).map(m => (
          <Button key={m} size="lg" className="flex-1" variant={m === 'bump' || m === 'fire' ? 'primary' : 'secondary'} busy={busy === m} onClick={() => void run(m)}>
            {t(`kitchen.action.${m}`)}
          </Button>
        ))}
      </div>
    </li>
  );
}
