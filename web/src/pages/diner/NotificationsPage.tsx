import { api, ok } from '../../api/client';
import { RequireUser } from '../../components/Layout';
import { Button, Card, Empty, ErrorText, PageHeader, Spinner, cx } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useLive } from '../../lib/live';
import { useLoad } from '../../lib/useLoad';

export default function NotificationsPage() {
  return <RequireUser><Notifications /></RequireUser>;
}

function Notifications() {
  const { t, lang } = useT();
  const list = useLoad(() => ok(api.GET('/api/notifications', { params: { query: { limit: 50 } } })), []);
  useLive(() => void list.reload());
  const read = async (id: string) => {
    await ok(api.PUT('/api/notifications/{id}/read', { params: { path: { id } } })).catch(() => undefined);
    void list.reload();
  };
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title={t('bell.title')} actions={<Button variant="secondary" onClick={async () => { await ok(api.PUT('/api/notifications/read-all')).catch(() => undefined); void list.reload(); }}>{t('bell.markAll')}</Button>} />
      <ErrorText error={list.error} />
      {!list.data ? <Spinner label={t('common.loading')} /> : list.data.items.length === 0 ? <Empty title={t('bell.empty')} /> : (
        <Card flush>
          <ul className="divide-y divide-stone-100">
            {list.data.items.map(item => (
              <li key={item.id} className={cx('flex items-start gap-3 px-5 py-4', !item.readAt && 'bg-brand-50/50')}>
                <div className="min-w-0 flex-1">
                  <p className="font-semibold">{item.title}</p>
                  <p className="text-stone-700">{item.body}</p>
                  <p className="mt-0.5 text-xs text-stone-500">{formatDateTime(item.createdAt, undefined, lang)}</p>
                </div>
                {!item.readAt && <Button variant="ghost" size="sm" onClick={() => read(item.id)}>{t('bell.markRead')}</Button>}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
