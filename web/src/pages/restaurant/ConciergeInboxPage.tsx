import { useState } from 'react';
import { useParams } from 'react-router';
import { api, draft, ok, type ReservationsApi } from '../../api/client';
import { ConciergeRequestRow, type ConciergeRequest } from '../../components/ConciergeRequestRow';
import { Button, Card, Empty, ErrorText, Spinner } from '../../components/ui';
import { useT } from '../../i18n';
import { useLoad } from '../../lib/useLoad';
import { RestaurantShell } from './RestaurantShell';

export default function ConciergeInboxPage() {
  const { id = '' } = useParams();
  return <RestaurantShell id={id}>{r => <Inbox restaurantId={r.id} zone={r.timeZone} />}</RestaurantShell>;
}

function Inbox({ restaurantId, zone }: { restaurantId: string; zone: string }) {
  const { t } = useT();
  const list = useLoad(() => ok(api.GET('/api/concierge/requests', { params: { query: { restaurantId } } })), [restaurantId]);
  const items = [...(list.data?.items ?? [])].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending') || a.start.localeCompare(b.start));
  return (
    <Card flush>
      <h2 className="border-b border-stone-100 px-5 py-3 font-bold">{t('concierge.inbox')}</h2>
      <ErrorText error={list.error} />
      {!list.data ? <div className="p-5"><Spinner /></div> : items.length === 0 ? <div className="p-5"><Empty title={t('concierge.inboxEmpty')} /></div> : (
        <ul className="divide-y divide-stone-100">
          {items.map(r => <Decide key={r.id} request={r} zone={zone} onDone={() => void list.reload()} />)}
        </ul>
      )}
    </Card>
  );
}

function Decide({ request, zone, onDone }: { request: ConciergeRequest; zone: string; onDone: () => void }) {
  const { t } = useT();
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const decide = async (what: 'accept' | 'decline') => {
    setBusy(what);
    setError(null);
    try {
      const path = { params: { path: { id: request.id } } };
      if (what === 'accept') await ok(api.POST('/api/concierge/requests/{id}/accept', { ...path, body: draft<ReservationsApi['AcceptBody']>({ bypassPacing: false }) }));
      else await ok(api.POST('/api/concierge/requests/{id}/decline', { ...path, body: draft<ReservationsApi['DeclineBody']>({ reason: null }) }));
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <ConciergeRequestRow request={request} zone={zone}>
      {request.status === 'pending' && (
        <div className="flex gap-1.5">
          <Button size="sm" busy={busy === 'accept'} disabled={!!busy} onClick={() => decide('accept')}>{t('concierge.accept')}</Button>
          <Button size="sm" variant="danger" busy={busy === 'decline'} disabled={!!busy} onClick={() => decide('decline')}>{t('concierge.decline')}</Button>
        </div>
      )}
      {error ? <div className="w-full"><ErrorText error={error} /></div> : null}
    </ConciergeRequestRow>
  );
}
