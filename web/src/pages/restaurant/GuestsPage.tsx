import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { api, draft, ok, type ReservationsApi } from '../../api/client';
import { Badge, Button, Card, Dialog, Empty, ErrorText, Field, Spinner, inputStyle } from '../../components/ui';
import { useT } from '../../i18n';
import { dateInZone, formatDate, formatPhone } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { RestaurantShell } from './RestaurantShell';

type Guest = ReservationsApi['GuestResponse'];

export default function GuestsPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <Guests restaurantId={r.id} zone={r.timeZone} />}</RestaurantShell>;
}

function Guests({ restaurantId, zone }: { restaurantId: string; zone: string }) {
  const { t, lang } = useT();
  const [phone, setPhone] = useState('');
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Guest | null>(null);
  const guests = useLoad(() => ok(api.GET('/api/reservations/guests', { params: { query: { restaurantId, phone: query || undefined, limit: 100 } } })), [restaurantId, query]);
  const search = (e: FormEvent) => { e.preventDefault(); setQuery(phone.trim()); };
  return (
    <div className="space-y-4">
      <form role="search" onSubmit={search} className="flex max-w-md gap-2">
        <label htmlFor="guest-phone" className="sr-only">{t('guests.searchLabel')}</label>
        <input id="guest-phone" type="search" inputMode="tel" value={phone} onChange={e => setPhone(e.target.value)} placeholder={t('guests.searchPlaceholder')} className={inputStyle} />
        <Button type="submit" variant="secondary">{t('search.submit')}</Button>
      </form>
      <ErrorText error={guests.error} />
      {!guests.data ? <Spinner label={t('common.loading')} /> : guests.data.items.length === 0 ? <Empty title={t('guests.none')}>{t('guests.noneHint')}</Empty> : (
        <Card flush className="overflow-x-auto">
          <table className="w-full text-left text-[15px]">
            <caption className="sr-only">{t('manage.guests')}</caption>
            <thead className="border-b border-stone-200 text-sm text-stone-600">
              <tr><th scope="col" className="px-4 py-3 font-semibold">{t('guests.name')}</th><th scope="col" className="px-4 py-3 font-semibold">{t('booking.phone')}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t('guests.visits')}</th><th scope="col" className="px-4 py-3 font-semibold">{t('guests.lastVisit')}</th>
                <th scope="col" className="px-4 py-3 font-semibold">{t('guests.tags')}</th><th scope="col" className="px-4 py-3"><span className="sr-only">{t('common.edit')}</span></th></tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {guests.data.items.map(g => (
                <tr key={g.id}>
                  <td className="px-4 py-3 font-medium">{g.name}{g.notes && <p className="text-sm font-normal text-stone-600">{g.notes}</p>}</td>
                  <td className="px-4 py-3 tabular">{formatPhone(g.phone)}</td>
                  <td className="px-4 py-3 tabular">{Number(g.visits)}{Number(g.noShows) > 0 && <span className="ml-1 text-red-700">({t('guests.noShows', { count: Number(g.noShows) })})</span>}</td>
                  <td className="px-4 py-3">{g.lastVisitAt ? formatDate(dateInZone(g.lastVisitAt, zone), lang, true) : '—'}</td>
                  <td className="px-4 py-3"><span className="flex flex-wrap gap-1">{g.tags.map(tag => <Badge key={tag} tone={tag === 'vip' ? 'brand' : tag.startsWith('allergy') ? 'red' : 'neutral'}>{tag}</Badge>)}</span></td>
                  <td className="px-4 py-3 text-right"><Button size="sm" variant="ghost" onClick={() => setEditing(g)}>{t('common.edit')}</Button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {editing && <GuestDialog guest={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); void guests.reload(); }} />}
    </div>
  );
}

function GuestDialog({ guest, onClose, onSaved }: { guest: Guest; onClose: () => void; onSaved: () => void }) {
  const { t } = useT();
  const [name, setName] = useState(guest.name);
  const [tags, setTags] = useState(guest.tags.join(', '));
  const [notes, setNotes] = useState(guest.notes ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await ok(api.PATCH('/api/reservations/guests/{id}', {
        params: { path: { id: guest.id } },
        body: draft<ReservationsApi['GuestPatch']>({ name: name.trim(), notes: notes.trim() || null, tags: tags.split(',').map(s => s.trim()).filter(Boolean) }),
      }));
      onSaved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} title={t('guests.edit')} footer={<><Button variant="secondary" onClick={onClose}>{t('common.close')}</Button><Button onClick={save} busy={busy}>{t('common.save')}</Button></>}>
      <Field label={t('guests.name')}><input value={name} onChange={e => setName(e.target.value)} /></Field>
      <Field label={t('guests.tags')} hint={t('guests.tagsHint')}><input value={tags} onChange={e => setTags(e.target.value)} /></Field>
      <Field label={t('guests.notes')}><textarea rows={3} value={notes} onChange={e => setNotes(e.target.value)} /></Field>
      <ErrorText error={error} />
    </Dialog>
  );
}
