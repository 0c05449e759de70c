import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, draft, newIdempotencyKey, ok, type ReservationsApi } from '../../api/client';
import { StatusBadge } from '../../components/StatusBadge';
import { Button, Card, Empty, ErrorText, Field, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { formatPhone, formatTime } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { RestaurantShell } from './RestaurantShell';

type Entry = ReservationsApi['WaitlistEntryResponse'];
type Move = 'ready' | 'seat' | 'leave' | 'postpone';

export default function WaitlistPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <Waitlist restaurantId={r.id} zone={r.timeZone} />}</RestaurantShell>;
}

function Waitlist({ restaurantId, zone }: { restaurantId: string; zone: string }) {
  const { t, lang } = useT();
  const board = useLoad(() => ok(api.GET('/api/waitlist', { params: { query: { restaurantId } } })), [restaurantId]);
  // No hub event tells the board about changes made on another device, so it is read again every 15 s.
  useEffect(() => {
    const timer = setInterval(() => void board.reload(), 15_000);
    return () => clearInterval(timer);
  }, [board.reload]);

  const move = async (e: Entry, m: Move) => {
    const path = { params: { path: { id: e.id } } };
    const calls = {
      ready: () => api.POST('/api/waitlist/{id}/ready', path),
      seat: () => api.POST('/api/waitlist/{id}/seat', path),
      leave: () => api.POST('/api/waitlist/{id}/leave', path),
      postpone: () => api.POST('/api/waitlist/{id}/postpone', path),
    };
    await ok(calls[m]());
    await board.reload();
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_340px]">
      <Card flush>
        <h2 className="border-b border-stone-100 px-5 py-3 font-bold">{t('waitlist.board')}</h2>
        <ErrorText error={board.error} />
        {!board.data ? <div className="p-5"><Spinner /></div> : board.data.items.length === 0 ? <div className="p-5"><Empty title={t('waitlist.empty')} /></div> : (
          <ol className="divide-y divide-stone-100">
            {board.data.items.map((e, i) => <EntryRow key={e.id} entry={e} place={i + 1} zone={zone} lang={lang} onMove={m => move(e, m)} />)}
          </ol>
        )}
      </Card>
      <AddParty restaurantId={restaurantId} onAdded={() => void board.reload()} />
    </div>
  );
}

function EntryRow({ entry, place, zone, lang, onMove }: { entry: Entry; place: number; zone: string; lang: 'ko' | 'en'; onMove: (m: Move) => Promise<void> }) {
  const { t } = useT();
  const [busy, setBusy] = useState<Move | null>(null);
  const [error, setError] = useState<unknown>(null);
  const moves: Move[] = entry.status === 'waiting' ? ['ready', 'seat', 'postpone', 'leave'] : ['seat', 'leave'];
  const run = async (m: Move) => {
    setBusy(m);
    setError(null);
    try { await onMove(m); } catch (err) { setError(err); } finally { setBusy(null); }
  };
  return (
    <li className="px-5 py-4" data-testid="waitlist-entry" data-status={entry.status}>
      <div className="flex flex-wrap items-center gap-3">
        <span className="flex size-9 items-center justify-center rounded-full bg-stone-900 font-bold text-white tabular" aria-label={t('waitlist.place', { place })}>{place}</span>
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-2"><span className="font-semibold">{entry.name}</span><span className="text-stone-600">{t('booking.people', { count: Number(entry.partySize) })}</span><StatusBadge status={entry.status} /></p>
          <p className="text-sm text-stone-600">
            {t('waitlist.since', { time: formatTime(entry.createdAt, zone, lang) })}
            {entry.quotedWaitMinutes != null && <> · {t('waitlist.quoted', { minutes: Number(entry.quotedWaitMinutes) })}</>}
            {entry.phone && <> · {formatPhone(entry.phone)}</>}
          </p>
        </div>
        <div className="flex flex-wrap gap-1.5">
          {moves.map(m => <Button key={m} size="sm" variant={m === moves[0] ? 'primary' : m === 'leave' ? 'danger' : 'secondary'} busy={busy === m} disabled={!!busy && busy !== m} onClick={() => run(m)}>{t(`waitlist.move.${m}`)}</Button>)}
        </div>
      </div>
      {error ? <div className="mt-2"><ErrorText error={error} /></div> : null}
    </li>
  );
}

function AddParty({ restaurantId, onAdded }: { restaurantId: string; onAdded: () => void }) {
  const { t } = useT();
  const [v, setV] = useState({ name: '', phone: '', party: '2' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!v.name.trim()) return setErrors({ name: t('validation.required') });
    setErrors({});
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/waitlist', {
        body: draft<ReservationsApi['WaitlistBody']>({ restaurantId, name: v.name.trim(), phone: v.phone.trim() || null, partySize: Number(v.party) }),
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      }));
      setV({ name: '', phone: '', party: '2' });
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card>
      <h2 className="font-bold">{t('waitlist.add')}</h2>
      <form onSubmit={submit} noValidate className="mt-4 space-y-3">
        <Field label={t('guests.name')} error={errors.name}><input value={v.name} onChange={e => setV({ ...v, name: e.target.value })} /></Field>
        <Field label={t('booking.phone')} hint={t('waitlist.phoneHint')}><input type="tel" value={v.phone} onChange={e => setV({ ...v, phone: e.target.value })} /></Field>
        <Field label={t('booking.party')}>
          <select value={v.party} onChange={e => setV({ ...v, party: e.target.value })}>{Array.from({ length: 12 }, (_, i) => i + 1).map(n => <option key={n} value={n}>{t('booking.people', { count: n })}</option>)}</select>
        </Field>
        <ErrorText error={error} />
        <Button type="submit" busy={busy} className="w-full">{t('waitlist.addSubmit')}</Button>
      </form>
    </Card>
  );
}
