import type { Restaurant } from '../api/client';
import { useT } from '../i18n';
import { Badge } from './ui';

/** The name in the reader's language: English names when reading English and one exists. */
export function restaurantName(r: Pick<Restaurant, 'name' | 'nameEn'>, lang: 'ko' | 'en') {
  return lang === 'en' && r.nameEn ? r.nameEn : r.name;
}

export function PriceRange({ value }: { value: number | string | null | undefined }) {
  const { t } = useT();
  if (!value) return null;
  const n = Number(value);
  return (
    <span aria-label={t('restaurant.priceRange', { count: n })} className="tracking-tight">
      <span aria-hidden="true">{'₩'.repeat(n)}<span className="text-stone-300">{'₩'.repeat(Math.max(0, 4 - n))}</span></span>
    </span>
  );
}

export function Distinction({ value }: { value: string | null | undefined }) {
  const { t } = useT();
  if (!value) return null;
  return <Badge tone="brand">{t(`distinction.${value}`, { defaultValue: value })}</Badge>;
}

export function cuisineLabel(t: (k: string, o?: Record<string, unknown>) => string, cuisine: string) {
  return t(`cuisine.${cuisine}`, { defaultValue: cuisine });
}
