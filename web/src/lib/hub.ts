// A connection to one of the services' hubs (/hubs/kitchen, /hubs/carts) while a page is open. SignalR is loaded on
// demand, so it stays out of the first load; after every (re)connect the page's `onOpen` runs again (watch, join), since
// a new connection belongs to no group. A different user signing in opens a new connection (the token names the user).
import type { HubConnection } from '@microsoft/signalr';
import { useEffect, useRef, useState } from 'react';
import { session, useSession } from '../api/session';
import type { LiveState } from './live';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handlers = Record<string, (payload: any) => void>;

export function useHub(path: string | null, handlers: Handlers, onOpen: (connection: HubConnection) => Promise<void>): LiveState {
  const [state, setState] = useState<LiveState>('off');
  const userId = useSession().user?.id;
  const current = useRef({ handlers, onOpen });
  current.current = { handlers, onOpen };

  useEffect(() => {
    if (!path) {
      setState('off');
      return;
    }
    let connection: HubConnection | undefined;
    let stopped = false;
    setState('connecting');
    void (async () => {
      const signalr = await import('@microsoft/signalr');
      if (stopped) return;
      connection = new signalr.HubConnectionBuilder()
        .withUrl(path, { accessTokenFactory: async () => (await session.accessToken()) ?? '' })
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => Math.min(1000 * 2 ** c.previousRetryCount, 30_000) })
        .configureLogging(signalr.LogLevel.None)
        .build();
      for (const name of Object.keys(current.current.handlers)) {
        connection.on(name, payload => current.current.handlers[name]?.(payload));
      }
      const open = async () => {
        await current.current.onOpen(connection!);
        if (!stopped) setState('live');
      };
      connection.onreconnecting(() => setState('reconnecting'));
      connection.onreconnected(() => void open().catch(() => setState('reconnecting')));
      connection.onclose(() => {
        if (!stopped) setState('off');
      });
      for (let attempt = 0; !stopped; attempt++) {
        try {
          await connection.start();
          await open();
          return;
        } catch {
          await connection.stop().catch(() => undefined);
          await new Promise(r => setTimeout(r, Math.min(1000 * 2 ** attempt, 30_000)));
        }
      }
    })();
    return () => {
      stopped = true;
      void connection?.stop();
    };
  }, [path, userId]);

  return state;
}
