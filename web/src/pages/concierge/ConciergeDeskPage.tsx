import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, draft, newIdempotencyKey, ok, type ReservationsApi } from '../../api/client';
import { ConciergeRequestRow } from '../../components/ConciergeRequestRow';
import { RequireUser } from '../../components/Layout';
import { restaurantName } from '../../components/RestaurantBits';
import { Alert, Button, Card, Empty, ErrorText, Field, PageHeader, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { addDays, instantOf, todayIn } from '../../lib/format';
import { restaurantsByIds } from '../../lib/restaurantNames';
import { useLoad } from '../../lib/useLoad';

export default function ConciergeDeskPage() {
  return <RequireUser role="concierge"><Desk /></RequireUser>;
}

function Desk() {
  const { t, lang } = useT();
  const list = useLoad(async () => {
    const page = await ok(api.GET('/api/concierge/requests'));
    return { items: page.items, restaurants: await restaurantsByIds(page.items.map(r => r.restaurantId)) };
  }, []);
  // Nothing tells a concierge when a restaurant decides (no notification for it yet), so pending requests are
  // read again every 20 s while the desk is open.
  const pending = list.data?.items.some(r => r.status === 'pending');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => void list.reload(), 20_000);
    return () => clearInterval(timer);
  }, [pending, list.reload]);

  const items = [...(list.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <div>
      <PageHeader title={t('concierge.title')} subtitle={t('concierge.subtitle')} />
      <div className="grid gap-6 lg:grid-cols-[380px_1fr]">
        <RequestForm onSent={() => void list.reload()} />
        <Card flush>
          <h2 className="border-b border-stone-100 px-5 py-3 font-bold">{t('concierge.mine')}</h2>
          <ErrorText error={list.error} />
          {!list.data ? <div className="p-5"><Spinner /></div> : items.length === 0 ? <div className="p-5"><Empty title={t('concierge.none')} /></div> : (
            <ul className="divide-y divide-stone-100">
              {items.map(r => {
                const restaurant = list.data!.restaurants.get(r.restaurantId);
                return <ConciergeRequestRow key={r.id} request={r} zone={restaurant?.timeZone} restaurant={restaurant ? restaurantName(restaurant, lang) : undefined} />;
              })}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}

function RequestForm({ onSent }: { onSent: () => void }) {
  const { t, lang } = useT();
  const today = todayIn();
  const [search, setSearch] = useState('');
  const restaurants = useLoad(() => ok(api.GET('/api/restaurants', { params: { query: { Query: search || undefined, Limit: 30 } } })), [search]);
  const [v, setV] = useState({ restaurantId: '', date: addDays(today, 1), time: '19:00', party: '2', name: '', phone: '', preferences: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setV({ ...v, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!v.restaurantId) found.restaurantId = t('validation.pickRestaurant');
    if (!v.name.trim()) found.name = t('validation.required');
    setErrors(found);
    setSent(false);
    if (Object.keys(found).length) return;
    const zone = restaurants.data?.items.find(r => r.id === v.restaurantId)?.timeZone;
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/concierge/requests', {
        body: draft<ReservationsApi['ConciergeRequestBody']>({
          restaurantId: v.restaurantId, partySize: Number(v.party), start: instantOf(v.date, v.time, zone),
          guest: { name: v.name.trim(), phone: v.phone.trim() || null }, preferences: v.preferences.trim() || null,
        }),
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      }));
      setSent(true);
      setV({ ...v, name: '', phone: '', preferences: '' });
      onSent();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <h2 className="font-bold">{t('concierge.new')}</h2>
      <form onSubmit={submit} noValidate className="mt-4 space-y-3">
        <Field label={t('concierge.findRestaurant')}><input type="search" value={search} onChange={e => setSearch(e.target.value)} placeholder={t('search.placeholder')} /></Field>
        <Field label={t('concierge.restaurant')} error={errors.restaurantId}>
          <select value={v.restaurantId} onChange={set('restaurantId')}>
            <option value="">{t('concierge.choose')}</option>
            {restaurants.data?.items.map(r => <option key={r.id} value={r.id}>{restaurantName(r, lang)}</option>)}
          </select>
        </Field>
        <div className="grid grid-cols-3 gap-2">
          <Field label={t('booking.date')} error={errors.start}><input type="date" min={today} value={v.date} onChange={set('date')} /></Field>
          <Field label={t('concierge.time')}><input type="time" step={900} value={v.time} onChange={set('time')} /></Field>
          <Field label={t('booking.party')} error={errors.partySize}><input type="number" min={1} max={30} value={v.party} onChange={set('party')} /></Field>
        </div>
        <Field label={t('concierge.guestName')} error={errors.name}><input value={v.name} onChange={set('name')} /></Field>
        <Field label={t('booking.phone')}><input type="tel" value={v.phone} onChange={set('phone')} /></Field>
        <Field label={t('concierge.preferences')}><textarea rows={2} value={v.preferences} onChange={set('preferences')} placeholder={t('concierge.preferencesPlaceholder')} /></Field>
        {sent && <Alert tone="green">{t('concierge.sent')}</Alert>}
        {error && !Object.keys(errors).length ? <ErrorText error={error} /> : null}
        <Button type="submit" busy={busy} className="w-full">{t('concierge.send')}</Button>
      </form>
    </Card>
  );
}
