namespace Brigade.Payments.Domain;

/// <summary>The platform's cut, and what goes back when money goes back. Amounts are minor units; no floating point.</summary>
public static class MoneyRules
{
    /// <summary>The platform fee on <paramref name="amount"/> at <paramref name="basisPoints"/> (1/100 %), rounded down: a fraction of a won stays with the payee.</summary>
    public static long Fee(long amount, int basisPoints) => amount <= 0 ? 0 : amount * basisPoints / 10_000;

    /// <summary>
    /// The fee a refund gives back: the fee is always what the payment keeps after refunds would cost, so a payment
    /// refunded in parts ends with exactly the fee of what was kept (a full refund gives the whole fee back).
    /// </summary>
    public static long FeeReturned(long captured, long refundedBefore, long refund, int basisPoints) =>
        Fee(captured - refundedBefore, basisPoints) - Fee(captured - refundedBefore - refund, basisPoints);

    /// <summary>
    /// A cancelled reservation's deposit refund: <paramref name="percent"/> of what was paid, rounded up so the diner
    /// never loses a fraction of a won to rounding, and never more than is left to refund.
    /// </summary>
    public static long CancellationRefund(long captured, long alreadyRefunded, int percent)
    {
        var refund = (captured * Math.Clamp(percent, 0, 100) + 99) / 100;
        return Math.Clamp(refund, 0, captured - alreadyRefunded);
    }

    /// <summary>
    /// A no-show: the restaurant keeps at most the no-show fee (reservations caps it by the KFTC guideline: 20 % of the
    /// expected bill, 40 % for reservation-only venues), never more than the deposit, and the rest of the deposit goes
    /// back. No card is kept on file, so a fee above the deposit cannot be charged: the deposit is the most kept.
    /// </summary>
    public static (long Kept, long Refund) NoShow(long captured, long alreadyRefunded, long fee)
    {
        var left = captured - alreadyRefunded;
        var kept = Math.Clamp(fee, 0, left);
        return (kept, left - kept);
    }

    /// <summary>A cancelled order: what ordering says is due back, never more than is left to refund.</summary>
    public static long OrderRefund(long captured, long alreadyRefunded, long refundDue) => Math.Clamp(refundDue, 0, captured - alreadyRefunded);
}
