// The typed API client: paths and bodies come from the services' OpenAPI documents (src/api/schema, generated
// by `npm run api:generate` and checked against the running services by the end-to-end tests).
import createClient, { type Middleware } from 'openapi-fetch';
import type { components as AnalyticsSchemas, paths as AnalyticsPaths } from './schema/analytics';
import type { components as ChatSchemas, paths as ChatPaths } from './schema/chat';
import type { components as ForecastingSchemas, paths as ForecastingPaths } from './schema/forecasting';
import type { components as IdentitySchemas, paths as IdentityPaths } from './schema/identity';
import type { components as InventorySchemas, paths as InventoryPaths } from './schema/inventory';
import type { components as IoTSchemas, paths as IoTPaths } from './schema/iot';
import type { components as JobSchemas, paths as JobPaths } from './schema/jobs';
import type { components as NotificationSchemas, paths as NotificationPaths } from './schema/notifications';
import type { components as OrderingSchemas, paths as OrderingPaths } from './schema/ordering';
import type { components as PaymentSchemas, paths as PaymentPaths } from './schema/payments';
import type { components as ReservationSchemas, paths as ReservationPaths } from './schema/reservations';
import type { components as RestaurantSchemas, paths as RestaurantPaths } from './schema/restaurants';
import type { components as SearchSchemas, paths as SearchPaths } from './schema/search';
import type { components as StaffSchemas, paths as StaffPaths } from './schema/staff';
import { session } from './session';

export type Paths = IdentityPaths & RestaurantPaths & ReservationPaths & NotificationPaths & JobPaths & SearchPaths & OrderingPaths & PaymentPaths & ChatPaths & InventoryPaths & StaffPaths & AnalyticsPaths & IoTPaths & ForecastingPaths;
export type IdentityApi = IdentitySchemas['schemas'];
export type RestaurantsApi = RestaurantSchemas['schemas'];
export type ReservationsApi = ReservationSchemas['schemas'];
export type NotificationsApi = NotificationSchemas['schemas'];
export type JobsApi = JobSchemas['schemas'];
export type SearchApi = SearchSchemas['schemas'];
export type OrderingApi = OrderingSchemas['schemas'];
export type PaymentsApi = PaymentSchemas['schemas'];
export type ChatApi = ChatSchemas['schemas'];
export type InventoryApi = InventorySchemas['schemas'];
export type StaffApi = StaffSchemas['schemas'];
export type AnalyticsApi = AnalyticsSchemas['schemas'];
export type IoTApi = IoTSchemas['schemas'];
export type ForecastingApi = ForecastingSchemas['schemas'];

export type Restaurant = RestaurantsApi['RestaurantResponse'];
export type Reservation = ReservationsApi['ReservationResponse'];
export type NotificationItem = NotificationsApi['NotificationItem'];
export type Job = JobsApi['JobResponse'];
export type JobApplication = JobsApi['ApplicationResponse'];
export type SearchHit = SearchApi['SearchHit'];
export type Suggestion = SearchApi['Suggestion'];
export type Order = OrderingApi['OrderResponse'];
export type Ticket = OrderingApi['TicketResponse'];
export type Cart = OrderingApi['CartResponse'];
export type TableMenu = OrderingApi['TableMenuResponse'];
export type MenuItemView = OrderingApi['MenuItemView'];
export type Payment = PaymentsApi['PaymentResponse'];
export type Wallet = PaymentsApi['WalletResponse'];
export type WalletEntry = PaymentsApi['WalletEntryResponse'];
export type Payout = PaymentsApi['PayoutResponse'];
export type Settlement = PaymentsApi['SettlementResponse'];
export type ChatRoom = ChatApi['RoomResponse'];
export type ChatMessage = ChatApi['MessageResponse'];

export type Problem = { title?: string | null; detail?: string | null; status?: number | string | null; errors?: Record<string, string[]> };

export class ApiError extends Error {
  constructor(public status: number, public problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
  /** Field errors keyed by camelCase field name (the services answer 400 with an errors map). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, messages] of Object.entries(this.problem?.errors ?? {})) {
      const field = key.replace(/^\$\./, '').split('.').pop()!;
      out[field.charAt(0).toLowerCase() + field.slice(1)] = messages[0];
    }
    return out;
  }
}

/**
 * The documents mark every field of a request body required (nullable) although the services accept them
 * absent (issue 28); a draft sends only the fields given, still checked against the schema's names and types.
 */
export function draft<T>(value: { [K in keyof T]?: T[K] }): T {
  return value as T;
}

// Copies of authorised requests, so one refused by a service can be sent again with a fresh token.
const retries = new Map<string, Request>();

const auth: Middleware = {
  async onRequest({ request, id }) {
    const token = await session.accessToken();
    if (token && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${token}`);
      retries.set(id, request.clone());
    }
    return request;
  },
  async onResponse({ request, response, id }) {
    const retry = retries.get(id);
    retries.delete(id);
    if (response.status !== 401 || !request.headers.has('Authorization')) return response;
    // A service can refuse a good token for a moment (one still fetching identity's signing keys answers 401), so a
    // 401 refreshes the session and retries a few times. Only a refused refresh ends the session (refresh() does).
    const tokens = await session.refresh().catch(() => null);
    if (!tokens || !retry) return response;
    let last = response;
    for (const delay of [0, 500, 1500]) {
      await new Promise(r => setTimeout(r, delay));
      const attempt = retry.clone();
      attempt.headers.set('Authorization', `Bearer ${session.current.tokens?.accessToken ?? tokens.accessToken}`);
      last = await globalThis.fetch(attempt);
      if (last.status !== 401) return last;
    }
    return last;
  },
  onError({ id }) {
    retries.delete(id);
  },
};

export const api = createClient<Paths>({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  // Looked up per call, so tests can stand in for the network.
  fetch: request => globalThis.fetch(request),
});
api.use(auth);

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful call, or an ApiError with the problem the service answered. */
export async function ok<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, (error as Problem) ?? null);
  return data as T;
}

export const newIdempotencyKey = () => crypto.randomUUID();
