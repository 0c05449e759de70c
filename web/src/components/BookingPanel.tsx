import { useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api, ApiError, draft, newIdempotencyKey, ok, type Reservation, type ReservationsApi, type Restaurant } from '../api/client';
import { useSession } from '../api/session';
import { useT } from '../i18n';
import { addDays, formatDate, formatMoney, formatTime, instantOf, todayIn } from '../lib/format';
import { useLoad } from '../lib/useLoad';
import { Alert, Button, Field, Spinner, cx } from './ui';

type Slot = ReservationsApi['SlotResponse'];

/** Availability for a date and party, then the booking itself. */
export function BookingPanel({ restaurant }: { restaurant: Restaurant }) {
  const { t, lang } = useT();
  const { user } = useSession();
  const location = useLocation();
  const zone = restaurant.timeZone;
  const today = todayIn(zone);
  // Date, party and time live in the address, so they survive logging in half-way and can be shared.
  const [params, setParams] = useSearchParams();
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') && params.get('date')! >= today ? params.get('date')! : today;
  const party = Math.min(Math.max(Number(params.get('party')) || 2, 1), 12);
  const chosen = params.get('time');
  // Merged into the address as it is now: the router re-renders in a transition, so the hook's copy can lag
  // behind a change made a moment ago (a date picked, then a time).
  const update = (changes: Record<string, string | null>) => setParams(() => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes)) if (v === null) next.delete(k); else next.set(k, v);
    return next;
  }, { replace: true });
  const setDate = (value: string) => update({ date: value, time: null });
  const setParty = (value: number) => update({ party: String(value), time: null });
  const [booked, setBooked] = useState<Reservation | null>(null);

  const availability = useLoad(() => ok(api.GET('/api/reservations/availability', {
    params: { query: { restaurantId: restaurant.id, date, partySize: party } },
  })), [restaurant.id, date, party]);

  const slot = availability.data?.slots.find(x => x.start === chosen) ?? null;
  const setSlot = (value: Slot | null) => update({ time: value?.start ?? null });

  if (booked) return <Booked reservation={booked} zone={zone} onAnother={() => { setBooked(null); setSlot(null); void availability.reload(); }} />;

  return (
    <div>
      <h2 className="text-lg font-bold">{t('booking.title')}</h2>
      <div className="mt-4 grid grid-cols-2 gap-3">
        <Field label={t('booking.date')}>
          <input type="date" value={date} min={today} max={addDays(today, 60)} required onChange={e => e.target.value && setDate(e.target.value)} />
        </Field>
        <Field label={t('booking.party')}>
          <select value={party} onChange={e => setParty(Number(e.target.value))}>
            {Array.from({ length: 12 }, (_, i) => i + 1).map(n => <option key={n} value={n}>{t('booking.people', { count: n })}</option>)}
          </select>
        </Field>
      </div>

      <div className="mt-5" aria-live="polite" aria-busy={availability.loading}>
        <h3 className="text-sm font-semibold text-stone-800">{t('booking.times', { date: formatDate(date, lang) })}</h3>
        {availability.loading && <div className="mt-3"><Spinner label={t('booking.checking')} /></div>}
        {availability.error instanceof ApiError && <div className="mt-3"><Alert>{availability.error.message}</Alert></div>}
        {!availability.loading && availability.data && (
          availability.data.slots.length === 0
            ? <NoSlots restaurant={restaurant} date={date} party={party} />
            : (
              <div role="radiogroup" aria-label={t('booking.times', { date: formatDate(date, lang) })} className="mt-3 grid grid-cols-3 gap-2 sm:grid-cols-4">
                {availability.data.slots.map(s => (
                  <button
                    key={s.start}
                    type="button"
                    role="radio"
                    aria-checked={slot?.start === s.start}
                    onClick={() => setSlot(s)}
                    className={cx('h-10 rounded-lg text-[15px] font-semibold ring-1 ring-inset tabular',
                      slot?.start === s.start ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-stone-800 ring-stone-300 hover:bg-brand-50')}
                  >
                    {formatTime(s.start, zone, lang)}
                  </button>
                ))}
              </div>
            )
        )}
      </div>

      {slot && (user
        ? <BookingForm restaurant={restaurant} slot={slot} party={party} onBooked={setBooked} onTaken={() => { setSlot(null); void availability.reload(); }} />
        : (
          <div className="mt-5 rounded-xl bg-stone-100 p-4 text-sm">
            <p>{t('booking.signInToBook')}</p>
            <div className="mt-3 flex gap-2">
              <Link className="rounded-lg bg-brand-600 px-3 py-2 font-semibold text-white" to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('nav.login')}</Link>
              <Link className="rounded-lg bg-white px-3 py-2 font-semibold text-stone-800 ring-1 ring-stone-300" to={`/signup?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('nav.signup')}</Link>
            </div>
          </div>
        ))}
    </div>
  );
}

function BookingForm({ restaurant, slot, party, onBooked, onTaken }: {
  restaurant: Restaurant; slot: Slot; party: number; onBooked: (r: Reservation) => void; onTaken: () => void;
}) {
  const { t, lang } = useT();
  const { user } = useSession();
  const [name, setName] = useState(user?.name ?? '');
  const [phone, setPhone] = useState('');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [alternatives, setAlternatives] = useState<string[]>([]);
  // One key per booking attempt: a retry after a lost answer cannot book twice.
  const [key] = useState(newIdempotencyKey);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const reservation = await ok(api.POST('/api/reservations', {
        body: draft<ReservationsApi['BookingBody']>({
          restaurantId: restaurant.id, partySize: party, start: slot.start,
          guest: name.trim() ? { name: name.trim(), phone: phone.trim() || null } : null,
          notes: notes.trim() || null,
        }),
        params: { header: { 'Idempotency-Key': key } },
      }));
      onBooked(reservation);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const alt = (err.problem as { alternatives?: { start: string }[] } | null)?.alternatives ?? [];
        setAlternatives(alt.map(a => a.start));
      }
      setError(err instanceof ApiError ? err : new ApiError(0, { detail: String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="mt-5 space-y-3 border-t border-stone-200 pt-5" aria-label={t('booking.formLabel')}>
      <p className="font-semibold">{t('booking.summary', { date: formatDate(slot.start.slice(0, 10), lang), time: formatTime(slot.start, restaurant.timeZone, lang), count: party })}</p>
      <Field label={t('booking.guestName')}><input value={name} onChange={e => setName(e.target.value)} autoComplete="name" maxLength={100} /></Field>
      <Field label={t('booking.phone')} hint={t('booking.phoneHint')}><input type="tel" value={phone} onChange={e => setPhone(e.target.value)} autoComplete="tel" inputMode="tel" placeholder="010-1234-5678" /></Field>
      <Field label={t('booking.notes')}><textarea rows={2} value={notes} onChange={e => setNotes(e.target.value)} maxLength={500} placeholder={t('booking.notesPlaceholder')} /></Field>
      {error && (
        <Alert title={error.status === 409 ? t('booking.taken') : undefined}>
          {error.status === 409 ? t('booking.takenHint') : error.message}
          {alternatives.length > 0 && (
            <span className="mt-2 flex flex-wrap gap-2">
              {alternatives.map(a => <span key={a} className="rounded bg-white px-2 py-0.5 font-semibold tabular">{formatTime(a, restaurant.timeZone, lang)}</span>)}
            </span>
          )}
        </Alert>
      )}
      <div className="flex gap-2">
        <Button type="submit" busy={busy} className="flex-1" size="lg">{t('booking.confirm')}</Button>
        {error?.status === 409 && <Button variant="secondary" size="lg" onClick={onTaken}>{t('booking.otherTimes')}</Button>}
      </div>
    </form>
  );
}

function Booked({ reservation, zone, onAnother }: { reservation: Reservation; zone: string; onAnother: () => void }) {
  const { t, lang } = useT();
  const pending = reservation.status === 'pending_payment';
  return (
    <div role="status" className="space-y-3">
      <h2 className="text-lg font-bold">{pending ? t('booking.pendingTitle') : t('booking.doneTitle')}</h2>
      <p className="text-stone-700">
        {t('booking.summary', { date: formatDate(reservation.start.slice(0, 10), lang), time: formatTime(reservation.start, zone, lang), count: Number(reservation.partySize) })}
      </p>
      {pending && reservation.deposit && (
        <Alert tone="amber">
          {t('booking.depositDue', { amount: formatMoney(reservation.deposit, lang) })}
          {reservation.holdExpiresAt && <> {t('booking.holdUntil', { time: formatTime(reservation.holdExpiresAt, zone, lang) })}</>}
        </Alert>
      )}
      <div className="flex flex-wrap gap-2">
        {pending && reservation.deposit
          ? <Link to={`/reservations?pay=${reservation.id}`} className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">{t('pay.deposit')}</Link>
          : <Link to="/reservations" className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">{t('booking.seeMine')}</Link>}
        <Button variant="secondary" onClick={onAnother}>{t('booking.another')}</Button>
      </div>
    </div>
  );
}

function NoSlots({ restaurant, date, party }: { restaurant: Restaurant; date: string; party: number }) {
  const { t } = useT();
  const { user } = useSession();
  const [time, setTime] = useState('19:00');
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);
  const notify = async (e: FormEvent) => {
    e.preventDefault();
    setState('busy');
    setError(null);
    try {
      await ok(api.POST('/api/waitlist/notify-me', {
        body: draft<ReservationsApi['NotifyMeBody']>({ restaurantId: restaurant.id, partySize: party, start: instantOf(date, time, restaurant.timeZone) }),
      }));
      setState('done');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setState('idle');
    }
  };
  return (
    <div className="mt-3 space-y-3">
      <p className="text-sm text-stone-700">{t('booking.noSlots')}</p>
      {state === 'done' ? <Alert tone="green">{t('booking.notifyDone')}</Alert> : user && (
        <form onSubmit={notify} className="flex items-end gap-2 rounded-xl bg-stone-100 p-3">
          <Field label={t('booking.notifyTime')} className="flex-1"><input type="time" step={900} value={time} onChange={e => setTime(e.target.value)} required /></Field>
          <Button type="submit" variant="secondary" busy={state === 'busy'}>{t('booking.notifyMe')}</Button>
        </form>
      )}
      {error && <Alert>{error}</Alert>}
    </div>
  );
}
