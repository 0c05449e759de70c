// One SignalR connection to /hubs/notifications per signed-in tab, shared by the bell and the restaurant
// dashboard (through useHub, so the client library is loaded only once someone is signed in).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { NotificationItem } from '../api/client';
import { useSession } from '../api/session';
import { useHub } from './hub';

export type LiveState = 'off' | 'connecting' | 'live' | 'reconnecting';
type Listener = (item: NotificationItem) => void;
type Live = { state: LiveState; subscribe: (listener: Listener) => () => void };

const LiveContext = createContext<Live>({ state: 'off', subscribe: () => () => undefined });

export function LiveProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const listeners = useRef(new Set<Listener>());
  const state = useHub(user ? '/hubs/notifications' : null,
    { notification: (item: NotificationItem) => listeners.current.forEach(l => l(item)) }, async () => undefined);

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
