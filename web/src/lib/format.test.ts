import { describe, expect, it } from 'vitest';
import { addDays, dateInZone, formatDistance, formatMoney, formatPhone, formatTime, instantOf, todayIn } from './format';

describe('format', () => {
  it('writes won the way each language reads it', () => {
    expect(formatMoney({ amount: 15000, currency: 'KRW' }, 'ko')).toBe('15,000원');
    expect(formatMoney({ amount: 15000, currency: 'KRW' }, 'en')).toBe('₩15,000');
    expect(formatMoney({ amount: 1250, currency: 'USD' }, 'en')).toBe('$12.50');
  });

  it('shows instants on the Seoul clock, whatever the machine zone', () => {
    expect(formatTime('2026-12-05T10:00:00Z', 'Asia/Seoul')).toBe('19:00');
    // 00:15 in Seoul is the previous day in UTC.
    expect(dateInZone('2026-12-04T15:15:00Z', 'Asia/Seoul')).toBe('2026-12-05');
    expect(todayIn('Asia/Seoul', new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('builds local instants with the zone offset, DST included', () => {
    expect(instantOf('2026-12-05', '19:00', 'Asia/Seoul')).toBe('2026-12-05T19:00:00+09:00');
    expect(instantOf('2026-07-01', '12:30', 'Europe/Berlin')).toBe('2026-07-01T12:30:00+02:00');
    expect(instantOf('2026-01-15', '12:30', 'Europe/Berlin')).toBe('2026-01-15T12:30:00+01:00');
  });

  it('writes short distances in metres and longer ones in kilometres', () => {
    expect(formatDistance(0.599, 'en')).toBe('600 m');
    expect(formatDistance(1.146, 'en')).toBe('1.1 km');
    expect(formatDistance(null, 'ko')).toBeNull();
  });

  it('writes Korean phone numbers with dashes, others as given', () => {
    expect(formatPhone('01055551234')).toBe('010-5555-1234');
    expect(formatPhone('0111234567')).toBe('011-123-4567');
    expect(formatPhone('0212345678')).toBe('02-1234-5678');
    expect(formatPhone('+33 1 23 45 67 89')).toBe('+33 1 23 45 67 89');
  });
});
