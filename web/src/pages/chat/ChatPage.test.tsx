import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { session } from '../../api/session';
import ChatPage from './ChatPage';

// The hub is the network's business; the page's own calls go over HTTP.
vi.mock('../../lib/hub', () => ({ useHub: () => 'off' }));

const me = 'u1';
const tokens = { accessToken: `e30.${Buffer.from(JSON.stringify({ sub: me, name: '김민수', roles: ['worker'], exp: Math.floor(Date.now() / 1000) + 900 })).toString('base64url')}.s`, refreshToken: 'r', expiresIn: 900 };
const room = { id: 'room-1', kind: 'shift', restaurantId: 'r1', title: '주말 홀 서빙', maskContacts: true, lastSeq: 1, lastMessageAt: '2026-12-04T02:00:00Z',
  lastMessage: '안녕하세요', lastSenderId: 'u2', unread: 1, muted: false, lastReadSeq: 0 };
const message = (seq: number, senderId: string, text: string) => ({ id: `m${seq}`, roomId: 'room-1', seq, senderId, kind: 'text', text, textEn: null,
  imageUrl: null, clientMessageId: null, createdAt: '2026-12-04T02:00:00Z', editedAt: null, deleted: false, hidden: false });

/** Answers by method and path; records every request. */
function routedFetch(sends: { status: number; body: unknown }[]) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), location.origin), init);
    const path = new URL(request.url).pathname;
    const text = await request.clone().text();
    sent.push({ method: request.method, path, body: text ? JSON.parse(text) : undefined });
    const answer = (status: number, body: unknown) => new Response(JSON.stringify(body), {
      status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });
    if (path === '/api/auth/login') return answer(200, tokens);
    if (path === '/api/chat/rooms') return answer(200, { items: [room], nextCursor: null });
    if (path === '/api/chat/rooms/room-1') return answer(200, { room, members: [{ userId: me, role: 'worker', side: 'worker', lastReadSeq: 0 }, { userId: 'u2', role: 'staff', side: 'restaurant', lastReadSeq: 1 }] });
    if (path === '/api/chat/rooms/room-1/messages' && request.method === 'GET') return answer(200, { items: [message(1, 'u2', '안녕하세요')], nextCursor: null });
    if (path === '/api/chat/rooms/room-1/read') return answer(200, { roomId: 'room-1', lastReadSeq: 1 });
    const next = sends.shift() ?? { status: 500, body: {} };
    return answer(next.status, next.body);
  };
  return { fn, sent };
}

afterEach(() => {
  vi.unstubAllGlobals();
  session.expire();
});

describe('chat room', () => {
  it('sends a message once with a client message id, shows it, and explains a refusal', async () => {
    const fetch = routedFetch([
      { status: 201, body: message(2, me, '17시까지 갈게요') },
      { status: 429, body: { status: 429, title: 'Too many requests', detail: '메시지를 너무 빨리 보내고 있습니다.' } },
    ]);
    vi.stubGlobal('fetch', fetch.fn);
    await session.login('kim@example.com', 'Kimchi-2026!');
    render(<MemoryRouter initialEntries={['/chat/room-1']}><Routes><Route path="/chat/:roomId?" element={<ChatPage />} /></Routes></MemoryRouter>);

    expect(await screen.findAllByText('안녕하세요')).not.toHaveLength(0);
    expect(screen.getByText('근무가 확정될 때까지 전화번호와 이메일 주소는 가려집니다.')).toBeInTheDocument();
    await waitFor(() => expect(fetch.sent.some(r => r.path === '/api/chat/rooms/room-1/read')).toBe(true));

    await userEvent.type(screen.getByLabelText('메시지 입력'), '17시까지 갈게요');
    await userEvent.click(screen.getByRole('button', { name: '보내기' }));
    expect(await screen.findByText('17시까지 갈게요')).toBeInTheDocument();
    const posted = fetch.sent.filter(r => r.method === 'POST' && r.path === '/api/chat/rooms/room-1/messages');
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toMatchObject({ text: '17시까지 갈게요', clientMessageId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(screen.getByLabelText('메시지 입력')).toHaveValue('');

    await userEvent.type(screen.getByLabelText('메시지 입력'), '하나 더{Enter}');
    expect(await screen.findByText('메시지를 너무 빨리 보내고 있습니다.')).toBeInTheDocument();
    expect(screen.getByLabelText('메시지 입력')).toHaveValue('하나 더');
  });
});
