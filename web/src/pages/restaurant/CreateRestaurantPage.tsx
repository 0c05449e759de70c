import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, draft, ok, type RestaurantsApi } from '../../api/client';
import { session } from '../../api/session';
import { RequireUser } from '../../components/Layout';
import { Alert, Button, Card, Field, PageHeader } from '../../components/ui';
import { useT } from '../../i18n';

export const cuisineOptions = ['korean', 'japanese', 'chinese', 'french', 'italian', 'american', 'brunch', 'cafe', 'indian', 'mexican', 'pub', 'spanish', 'steakhouse', 'vegan', 'vietnamese'];

/**
 * The reservations service reads restaurant rights from the access token, which learns of a new restaurant only
 * after identity has processed the membership event (issue 28). Refresh until the token carries it, briefly.
 */
export async function waitForMembership(restaurantId: string, attempts = 10): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    const tokens = await session.refresh().catch(() => null);
    if (!tokens) return false;
    if (session.current.user?.memberships.some(m => m.restaurantId === restaurantId)) return true;
    await new Promise(r => setTimeout(r, 500 * (i + 1)));
  }
  return false;
}

export default function CreateRestaurantPage() {
  return <RequireUser role="owner"><CreateRestaurant /></RequireUser>;
}

function CreateRestaurant() {
  const { t } = useT();
  const navigate = useNavigate();
  const [v, setV] = useState({ name: '', nameEn: '', cuisine: 'korean', address: '', lat: '37.5665', lng: '126.9780', phone: '', priceRange: '2', description: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setV({ ...v, [k]: e.target.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!v.name.trim()) found.name = t('validation.required');
    if (!v.address.trim()) found.address = t('validation.required');
    if (!Number.isFinite(Number(v.lat)) || Math.abs(Number(v.lat)) > 90) found.lat = t('validation.latitude');
    if (!Number.isFinite(Number(v.lng)) || Math.abs(Number(v.lng)) > 180) found.lng = t('validation.longitude');
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const created = await ok(api.POST('/api/restaurants', {
        body: draft<RestaurantsApi['RestaurantDraft']>({
          name: v.name.trim(), nameEn: v.nameEn.trim() || null, cuisine: v.cuisine, address: v.address.trim(),
          location: { lat: Number(v.lat), lng: Number(v.lng) }, phone: v.phone.trim() || null,
          priceRange: Number(v.priceRange), description: v.description.trim() || null, timeZone: 'Asia/Seoul',
        }),
      }));
      await waitForMembership(created.id);
      navigate(`/manage/${created.id}/setup`);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) setErrors(err.fieldErrors);
      else setFailure(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t('create.title')} subtitle={t('create.subtitle')} />
      <Card>
        <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
          <Field label={t('create.name')} error={errors.name}><input value={v.name} onChange={set('name')} /></Field>
          <Field label={t('create.nameEn')} error={errors.nameEn}><input value={v.nameEn} onChange={set('nameEn')} lang="en" /></Field>
          <Field label={t('create.cuisine')} error={errors.cuisine}>
            <select value={v.cuisine} onChange={set('cuisine')}>{cuisineOptions.map(c => <option key={c} value={c}>{t(`cuisine.${c}`)}</option>)}</select>
          </Field>
          <Field label={t('create.priceRange')} error={errors.priceRange}>
            <select value={v.priceRange} onChange={set('priceRange')}>{[1, 2, 3, 4].map(n => <option key={n} value={n}>{'₩'.repeat(n)} · {t(`price.${n}`)}</option>)}</select>
          </Field>
          <Field label={t('create.address')} error={errors.address} className="sm:col-span-2"><input value={v.address} onChange={set('address')} autoComplete="street-address" /></Field>
          <Field label={t('create.lat')} error={errors.lat} hint={t('create.locationHint')}><input value={v.lat} onChange={set('lat')} inputMode="decimal" /></Field>
          <Field label={t('create.lng')} error={errors.lng}><input value={v.lng} onChange={set('lng')} inputMode="decimal" /></Field>
          <Field label={t('create.phone')} error={errors.phone}><input type="tel" value={v.phone} onChange={set('phone')} /></Field>
          <Field label={t('create.description')} error={errors.description} className="sm:col-span-2"><textarea rows={3} value={v.description} onChange={set('description')} /></Field>
          {failure && <div className="sm:col-span-2"><Alert>{failure}</Alert></div>}
          <div className="sm:col-span-2"><Button type="submit" size="lg" busy={busy}>{t('create.submit')}</Button></div>
        </form>
      </Card>
    </div>
  );
}
