// One SignalR connection to /hubs/notifications per signed-in tab, shared by the bell and the restaurant
// dashboard. The client library is loaded only once someone is signed in, so it stays out of the first load.
import type { HubConnection } from '@microsoft/signalr';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { NotificationItem } from '../api/client';
import { session, useSession } from '../api/session';

export type LiveState = 'off' | 'connecting' | 'live' | 'reconnecting';
type Listener = (item: NotificationItem) => void;
type Live = { state: LiveState; subscribe: (listener: Listener) => () => void };

const LiveContext = createContext<Live>({ state: 'off', subscribe: () => () => undefined });

export function LiveProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const userId = user?.id;
  const [state, setState] = useState<LiveState>('off');
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    if (!userId) {
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
        .withUrl('/hubs/notifications', { accessTokenFactory: async () => (await session.accessToken()) ?? '' })
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => Math.min(1000 * 2 ** c.previousRetryCount, 30_000) })
        .configureLogging(signalr.LogLevel.None)
        .build();
      connection.on('notification', (item: NotificationItem) => listeners.current.forEach(l => l(item)));
      connection.onreconnecting(() => setState('reconnecting'));
      connection.onreconnected(() => setState('live'));
      connection.onclose(() => {
        if (!stopped) setState('off');
      });
      // Start until it works: the hub may be restarting, and the reconnect policy only covers a lost connection.
      for (let attempt = 0; !stopped; attempt++) {
        try {
          await connection.start();
          if (!stopped) setState('live');
          return;
        } catch {
          await new Promise(r => setTimeout(r, Math.min(1000 * 2 ** attempt, 30_000)));
        }
      }
    })();
    return () => {
      stopped = true;
      void connection?.stop();
    };
  }, [userId]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);
  const value = useMemo(() => ({ state, subscribe }), [state, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(onNotification?: Listener): LiveState {
  const live = useContext(LiveContext);
  const handler = useRef(onNotification);
  handler.current = onNotification;
  useEffect(() => live.subscribe(item => handler.current?.(item)), [live.subscribe]);
  return live.state;
}
