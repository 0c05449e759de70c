// Money is integer minor units plus an ISO currency; times are instants shown in the restaurant's zone.
export const DEFAULT_ZONE = 'Asia/Seoul';

export type Money = { amount: number | string; currency: string };
export type Lang = 'ko' | 'en';

const tags: Record<Lang, string> = { ko: 'ko-KR', en: 'en-US' };
export const localeTag = (lang: Lang) => tags[lang] ?? tags.ko;

/** Digits after the point in a currency's minor units (0 for KRW). */
export function minorDigits(currency: string) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 0;
}

/** 10,000원 in Korean, ₩10,000 in English; other currencies as Intl writes them. */
export function formatMoney(money: Money, lang: Lang): string {
  const value = Number(money.amount) / 10 ** minorDigits(money.currency);
  if (lang === 'ko' && money.currency === 'KRW') {
    return `${new Intl.NumberFormat('ko-KR').format(value)}원`;
  }
  return new Intl.NumberFormat(localeTag(lang), { style: 'currency', currency: money.currency }).format(value);
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dateInZone(instant: string | Date, zone = DEFAULT_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(instant));
}

export function todayIn(zone = DEFAULT_ZONE, now = new Date()): string {
  return dateInZone(now, zone);
}

/** Adds days to a calendar date; calendar arithmetic, so no zone is involved. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** 19:00 — the wall-clock time of an instant in a zone (24-hour in both languages). */
export function formatTime(instant: string, zone = DEFAULT_ZONE, lang: Lang = 'ko'): string {
  return new Intl.DateTimeFormat(localeTag(lang), { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(instant));
}

/** 12월 5일 (토) / Sat, Dec 5 — a calendar date given as YYYY-MM-DD. */
export function formatDate(date: string, lang: Lang = 'ko', withYear = false): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(localeTag(lang), {
    timeZone: 'UTC', month: lang === 'ko' ? 'long' : 'short', day: 'numeric', weekday: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Date and time of an instant in the restaurant's zone: 12월 5일 (토) 19:00. */
export function formatDateTime(instant: string, zone = DEFAULT_ZONE, lang: Lang = 'ko'): string {
  return `${formatDate(dateInZone(instant, zone), lang)} ${formatTime(instant, zone, lang)}`;
}

export function formatDistance(km: number | string | null | undefined, lang: Lang): string | null {
  if (km === null || km === undefined) return null;
  const value = Number(km);
  const unit = new Intl.NumberFormat(localeTag(lang), value < 1
    ? { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }
    : { style: 'unit', unit: 'kilometer', maximumFractionDigits: 1 });
  return unit.format(value < 1 ? Math.round(value * 1000 / 10) * 10 : value);
}

/** Builds the instant of a local wall time in a zone (for the hours a restaurant keeps, e.g. "19:00" on 2026-12-05). */
export function instantOf(date: string, time: string, zone = DEFAULT_ZONE): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  // The zone's offset at that moment, found by formatting the guess in the zone and comparing.
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    }).formatToParts(new Date(t));
    const get = (type: string) => Number(parts.find(p => p.type === type)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - t;
  };
  const first = guess - offsetAt(guess);
  const instant = guess - offsetAt(first);
  const offsetMinutes = Math.round((guess - instant) / 60000);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${pad(hh)}:${pad(mm)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** 010-1234-5678: Korean numbers as people write them; anything else as given. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\D/g, '');
  if (/^01\d{9}$/.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  if (/^01\d{8}$/.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  if (/^02\d{7,8}$/.test(digits)) return `02-${digits.slice(2, digits.length - 4)}-${digits.slice(-4)}`;
  return phone;
}
