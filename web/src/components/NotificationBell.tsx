import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, ok, type NotificationItem } from '../api/client';
import { useT } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useLive } from '../lib/live';
import { cx } from './ui';

export function NotificationBell() {
  const { t, lang } = useT();
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<NotificationItem[] | null>(null);
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const panel = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const state = useLive(item => {
    setUnread(n => n + 1);
    setItems(list => (list ? [item, ...list].slice(0, 8) : list));
    setAnnouncement(`${t('bell.new')}: ${item.title}`);
  });

  useEffect(() => {
    void ok(api.GET('/api/notifications/unread-count')).then(r => setUnread(Number(r.unread))).catch(() => undefined);
  }, [state]);

  useEffect(() => {
    if (!open) return;
    void ok(api.GET('/api/notifications', { params: { query: { limit: 8 } } })).then(r => setItems(r.items)).catch(() => setItems([]));
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !panel.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) {
        setOpen(false);
        if (e instanceof KeyboardEvent) button.current?.focus();
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const markAll = async () => {
    await ok(api.PUT('/api/notifications/read-all')).catch(() => undefined);
    setUnread(0);
    setItems(list => list?.map(i => ({ ...i, readAt: i.readAt ?? new Date().toISOString() })) ?? null);
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        onClick={() => setOpen(o => !o)}
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={unread > 0 ? t('bell.labelUnread', { count: unread }) : t('bell.label')}
        className="relative rounded-lg p-2 text-stone-700 hover:bg-stone-200/70"
        data-live={state}
      >
        <svg viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden="true">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinejoin="round" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" />
        </svg>
        {unread > 0 && (
          <span className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-brand-600 px-1 text-center text-xs leading-5 font-bold text-white tabular" data-testid="unread-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <p className="sr-only" aria-live="polite">{announcement}</p>
      {open && (
        <div ref={panel} className="absolute right-0 z-40 mt-2 w-[min(22rem,calc(100vw-1.5rem))] rounded-2xl bg-white shadow-xl ring-1 ring-stone-200">
          <div className="flex items-center justify-between border-b border-stone-100 px-4 py-3">
            <h2 className="font-bold">{t('bell.title')}</h2>
            <button type="button" onClick={markAll} className="text-sm font-semibold text-brand-700 hover:underline">{t('bell.markAll')}</button>
          </div>
          <ul className="max-h-96 divide-y divide-stone-100 overflow-y-auto">
            {items === null && <li className="px-4 py-6 text-sm text-stone-600">{t('common.loading')}</li>}
            {items?.length === 0 && <li className="px-4 py-6 text-sm text-stone-600">{t('bell.empty')}</li>}
            {items?.map(item => (
              <li key={item.id} className={cx('px-4 py-3', !item.readAt && 'bg-brand-50/60')}>
                <p className="text-sm font-semibold text-stone-900">{item.title}</p>
                <p className="text-sm text-stone-700">{item.body}</p>
                <p className="mt-0.5 text-xs text-stone-500">{formatDateTime(item.createdAt, undefined, lang)}</p>
              </li>
            ))}
          </ul>
          <Link to="/notifications" onClick={() => setOpen(false)} className="block rounded-b-2xl border-t border-stone-100 px-4 py-3 text-center text-sm font-semibold text-stone-800 hover:bg-stone-50">
            {t('bell.all')}
          </Link>
        </div>
      )}
    </div>
  );
}
