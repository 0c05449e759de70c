import { api, ok, type Restaurant } from '../api/client';

// Reservations and requests carry only the restaurant's id; names are read once per page visit.
const cache = new Map<string, Promise<Restaurant | null>>();

export function restaurantById(id: string): Promise<Restaurant | null> {
  let hit = cache.get(id);
  if (!hit) {
    hit = ok(api.GET('/api/restaurants/{restaurantId}', { params: { path: { restaurantId: id } } })).catch(() => null);
    cache.set(id, hit);
  }
  return hit;
}

export async function restaurantsByIds(ids: string[]): Promise<Map<string, Restaurant>> {
  const unique = [...new Set(ids)];
  const found = await Promise.all(unique.map(restaurantById));
  return new Map(unique.flatMap((id, i) => (found[i] ? [[id, found[i]!] as const] : [])));
}
