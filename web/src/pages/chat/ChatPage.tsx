// Conversations: the list of the person's rooms and one room, live over /hubs/chat. On a phone the list and the room
// are separate screens (/chat, /chat/:roomId); on a desktop they sit side by side.
import type { HubConnection } from '@microsoft/signalr';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ok, type ChatMessage, type ChatRoom } from '../../api/client';
import { useSession } from '../../api/session';
import { RequireUser } from '../../components/Layout';
import { Badge, Button, Card, Empty, ErrorText, PageHeader, Spinner, cx, inputStyle } from '../../components/ui';
import { useT } from '../../i18n';
import { formatDateTime, formatTime } from '../../lib/format';
import { useHub } from '../../lib/hub';
import { useLoad } from '../../lib/useLoad';

type Typing = { roomId: string; userId: string };
type Read = { roomId: string; userId: string; lastReadSeq: number | string };

export default function ChatPage() {
  return <RequireUser><Chat /></RequireUser>;
}

function Chat() {
  const { t } = useT();
  const { roomId } = useParams();
  const rooms = useLoad(() => ok(api.GET('/api/chat/rooms', { params: { query: { limit: 50 } } })), []);
  const [incoming, setIncoming] = useState<ChatMessage[]>([]);
  const [changed, setChanged] = useState<ChatMessage | null>(null);
  const [typing, setTyping] = useState<Typing | null>(null);
  const [read, setRead] = useState<Read | null>(null);
  const reloadRooms = rooms.reload;
  const hub = useRef<HubConnection | null>(null);

  useHub('/hubs/chat', {
    message: (m: ChatMessage) => { setIncoming(all => [...all, m]); void reloadRooms(); },
    messageChanged: (m: ChatMessage) => setChanged(m),
    typing: (e: Typing) => setTyping(e),
    read: (e: Read) => setRead(e),
  }, async connection => {
    hub.current = connection;
    await reloadRooms();
  });
  const sendTyping = useCallback((id: string) => void hub.current?.invoke('typing', id).catch(() => undefined), []);

  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title={t('chat.title')} />
      <ErrorText error={rooms.error} />
      <div className="grid gap-4 md:grid-cols-[18rem_1fr]">
        <div className={cx(roomId && 'hidden md:block')}>
          {!rooms.data ? <Spinner label={t('common.loading')} /> : rooms.data.items.length === 0
            ? <Empty title={t('chat.empty')} />
            : <RoomList rooms={rooms.data.items} current={roomId} />}
        </div>
        <div className={cx(!roomId && 'hidden md:block')}>
          {roomId
            ? <Room key={roomId} roomId={roomId} incoming={incoming} changed={changed} typing={typing} read={read} onRead={reloadRooms} onTyping={sendTyping} />
            : null}
        </div>
      </div>
    </div>
  );
}

function RoomList({ rooms, current }: { rooms: ChatRoom[]; current?: string }) {
  const { t, lang } = useT();
  return (
    <Card flush>
      <ul className="divide-y divide-stone-100" aria-label={t('chat.title')}>
        {rooms.map(room => (
          <li key={room.id}>
            <Link to={`/chat/${room.id}`} aria-current={room.id === current ? 'page' : undefined}
              className={cx('flex items-start gap-3 px-4 py-3 hover:bg-stone-50', room.id === current && 'bg-brand-50/60')}>
              <div className="min-w-0 flex-1">
                <p className="truncate font-semibold">{room.title}</p>
                <p className="truncate text-sm text-stone-600">{room.lastMessage ?? ''}</p>
                {room.lastMessageAt && <p className="text-xs text-stone-500">{formatDateTime(room.lastMessageAt, undefined, lang)}</p>}
              </div>
              {Number(room.unread) > 0 && <Badge tone="brand">{Number(room.unread)}</Badge>}
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Room({ roomId, incoming, changed, typing, read, onRead, onTyping }: {
  roomId: string; incoming: ChatMessage[]; changed: ChatMessage | null; typing: Typing | null; read: Read | null;
  onRead: () => void; onTyping: (roomId: string) => void;
}) {
  const { t, lang } = useT();
  const { user } = useSession();
  const navigate = useNavigate();
  const detail = useLoad(() => ok(api.GET('/api/chat/rooms/{id}', { params: { path: { id: roomId } } })), [roomId]);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [older, setOlder] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [typingUntil, setTypingUntil] = useState(0);
  const [receipts, setReceipts] = useState<Record<string, number>>({});
  const seen = useRef(0);
  const lastTyping = useRef(0);
  const end = useRef<HTMLDivElement>(null);

  const merge = useCallback((more: ChatMessage[]) => setMessages(all => {
    const byId = new Map(all.map(m => [m.id, m]));
    for (const m of more) byId.set(m.id, m);
    return [...byId.values()].sort((a, b) => Number(a.seq) - Number(b.seq));
  }), []);

  const page = useCallback(async (cursor?: string) => {
    try {
      const result = await ok(api.GET('/api/chat/rooms/{id}/messages', { params: { path: { id: roomId }, query: { limit: 50, cursor } } }));
      merge(result.items);
      setOlder(result.nextCursor);
    } catch (e) {
      setError(e);
    }
  }, [roomId, merge]);

  useEffect(() => { void page(); }, [page]);
  useEffect(() => {
    if (detail.data) setReceipts(Object.fromEntries(detail.data.members.map(m => [m.userId, Number(m.lastReadSeq)])));
  }, [detail.data]);
  useEffect(() => { merge(incoming.filter(m => m.roomId === roomId)); }, [incoming, roomId, merge]);
  useEffect(() => { if (changed?.roomId === roomId) merge([changed]); }, [changed, roomId, merge]);
  useEffect(() => { if (typing?.roomId === roomId && typing.userId !== user?.id) setTypingUntil(Date.now() + 4000); }, [typing, roomId, user?.id]);
  useEffect(() => { if (read?.roomId === roomId) setReceipts(r => ({ ...r, [read.userId]: Number(read.lastReadSeq) })); }, [read, roomId]);
  useEffect(() => {
    if (typingUntil === 0) return;
    const timer = setTimeout(() => setTypingUntil(0), Math.max(0, typingUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [typingUntil]);

  // Reading the room moves the read receipt to its last message.
  const last = messages.length ? Number(messages[messages.length - 1].seq) : 0;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
    if (last > seen.current) {
      seen.current = last;
      void ok(api.POST('/api/chat/rooms/{id}/read', { params: { path: { id: roomId } }, body: { seq: last } })).then(() => onRead(), () => undefined);
    }
  }, [last, roomId, onRead]);

  const send = async () => {
    const body = text.trim();
    if (!body) return;
    setSending(true);
    try {
      const message = await ok(api.POST('/api/chat/rooms/{id}/messages', {
        params: { path: { id: roomId } }, body: { clientMessageId: crypto.randomUUID(), text: body, imageUrl: null },
      }));
      merge([message]);
      setText('');
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  const typed = (value: string) => {
    setText(value);
    if (Date.now() - lastTyping.current > 3000) {
      lastTyping.current = Date.now();
      onTyping(roomId);
    }
  };

  if (detail.error) return <Card><ErrorText error={detail.error} /><Button variant="secondary" onClick={() => navigate('/chat')}>{t('chat.back')}</Button></Card>;
  if (!detail.data) return <Spinner label={t('common.loading')} />;
  const room = detail.data.room;
  const others = detail.data.members.filter(m => m.userId !== user?.id);
  const seenByAll = (seq: number) => others.length > 0 && others.every(m => (receipts[m.userId] ?? 0) >= seq);

  return (
    <Card flush className="flex min-h-[60vh] flex-col">
      <header className="flex items-center gap-2 border-b border-stone-100 px-4 py-3">
        <Link to="/chat" className="rounded px-1 text-stone-600 md:hidden" aria-label={t('chat.back')}>←</Link>
        <h2 className="flex-1 truncate text-lg font-semibold">{room.title}</h2>
      </header>
      {room.maskContacts && <p className="bg-amber-50 px-4 py-2 text-sm text-amber-900">{t('chat.masked')}</p>}
      <div className="flex-1 space-y-2 overflow-y-auto px-4 py-3" aria-live="polite">
        {older && <div className="text-center"><Button variant="ghost" size="sm" onClick={() => void page(older)}>{t('chat.older')}</Button></div>}
        {messages.map(m => {
          const mine = m.senderId === user?.id;
          const words = m.deleted ? t('chat.deleted') : m.hidden ? t('chat.hidden') : (lang === 'en' && m.textEn) || m.text;
          if (m.kind === 'system') return <p key={m.id} className="text-center text-xs text-stone-500">{words}</p>;
          return (
            <div key={m.id} className={cx('flex', mine ? 'justify-end' : 'justify-start')}>
              <div className={cx('max-w-[80%] rounded-2xl px-3 py-2', mine ? 'bg-brand-600 text-white' : 'bg-stone-100 text-stone-900',
                (m.deleted || m.hidden) && 'italic opacity-70')}>
                {m.imageUrl && !m.deleted && !m.hidden && <img src={m.imageUrl} alt="" className="mb-1 max-h-60 rounded-lg" />}
                {words && <p className="whitespace-pre-wrap break-words">{words}</p>}
                <p className={cx('mt-0.5 text-[11px]', mine ? 'text-white/80' : 'text-stone-500')}>
                  {formatTime(m.createdAt, undefined, lang)}{m.editedAt && ` · ${t('chat.edited')}`}
                  {mine && seenByAll(Number(m.seq)) && ` · ${t('chat.read')}`}
                </p>
              </div>
            </div>
          );
        })}
        <div ref={end} />
      </div>
      {typingUntil > 0 && <p className="px-4 text-xs text-stone-500">{t('chat.typing')}</p>}
      <ErrorText error={error} />
      <form className="flex gap-2 border-t border-stone-100 p-3" onSubmit={e => { e.preventDefault(); void send(); }}>
        <label className="sr-only" htmlFor="chat-text">{t('chat.placeholder')}</label>
        <textarea id="chat-text" rows={1} maxLength={4000} value={text} placeholder={t('chat.placeholder')} className={cx(inputStyle, 'flex-1 resize-none')}
          onChange={e => typed(e.target.value)}
          onKeyDown={e => { if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) { e.preventDefault(); void send(); } }} />
        <Button type="submit" busy={sending} disabled={!text.trim()}>{t('chat.send')}</Button>
      </form>
    </Card>
  );
}
