import { describe, expect, it } from 'vitest';
import { previewRefund, refundPercent } from './refund';

const windows = [{ minutesBefore: 1440, refundPercent: 100 }, { minutesBefore: 180, refundPercent: 50 }];
const now = new Date('2026-12-05T00:00:00+09:00');

describe('refund preview', () => {
  it('takes the most generous window whose notice is reached', () => {
    expect(refundPercent('2026-12-07T19:00:00+09:00', windows, now)).toBe(100);
    expect(refundPercent('2026-12-05T19:00:00+09:00', windows, now)).toBe(50);
    expect(refundPercent('2026-12-05T02:00:00+09:00', windows, now)).toBe(0);
  });

  it('refunds the paid deposit by that percentage, in whole won', () => {
    const r = previewRefund({ start: '2026-12-05T19:00:00+09:00', deposit: { amount: 30001, currency: 'KRW', paymentStatus: 'collected' } }, windows, now);
    expect(r).toEqual({ kind: 'refund', deposit: { amount: 30001, currency: 'KRW' }, percent: 50, refund: { amount: 15000, currency: 'KRW' } });
  });

  it('says nothing is charged when the deposit was never paid, and nothing is due without one', () => {
    expect(previewRefund({ start: '2026-12-05T19:00:00+09:00', deposit: { amount: 20000, currency: 'KRW', paymentStatus: 'pending' } }, windows, now).kind).toBe('unpaid');
    expect(previewRefund({ start: '2026-12-05T19:00:00+09:00', deposit: null }, windows, now).kind).toBe('no-deposit');
  });
});
