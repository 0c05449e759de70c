// What a diner gets back when cancelling now, worked out from the restaurant's published cancellation windows:
// the reservations service applies the same rule (the most generous window whose minutesBefore is reached, else
// 0) but offers no quote before the cancel itself, so the page shows this before the diner confirms.
import type { Money } from './format';

export type RefundWindow = { minutesBefore: number | string | null; refundPercent: number | string | null };
export type RefundPreview =
  | { kind: 'no-deposit' }
  | { kind: 'unpaid'; deposit: Money }
  | { kind: 'refund'; deposit: Money; percent: number; refund: Money };

export function refundPercent(start: string, windows: RefundWindow[], now = new Date()): number {
  const minutesLeft = (new Date(start).getTime() - now.getTime()) / 60_000;
  return windows
    .filter(w => w.minutesBefore != null && minutesLeft >= Number(w.minutesBefore))
    .reduce((best, w) => Math.max(best, Number(w.refundPercent ?? 0)), 0);
}

export function previewRefund(
  reservation: { start: string; deposit: null | { amount: number | string; currency: string; paymentStatus: string } },
  windows: RefundWindow[],
  now = new Date(),
): RefundPreview {
  const deposit = reservation.deposit;
  if (!deposit || Number(deposit.amount) === 0) return { kind: 'no-deposit' };
  const money = { amount: Number(deposit.amount), currency: deposit.currency };
  if (deposit.paymentStatus !== 'paid' && deposit.paymentStatus !== 'collected') return { kind: 'unpaid', deposit: money };
  const percent = refundPercent(reservation.start, windows, now);
  // Minor units stay integers: the refund rounds down to a whole unit.
  return { kind: 'refund', deposit: money, percent, refund: { amount: Math.floor(money.amount * percent / 100), currency: money.currency } };
}
