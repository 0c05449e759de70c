using NodaTime;

namespace Brigade.Reservations.Domain;

/// <summary><see cref="Percent"/> of the <see cref="Paid"/> deposit comes back: <see cref="Amount"/> (minor units).</summary>
public sealed record Refund(int Percent, long Amount, long Paid);

/// <summary>Deposits, refunds and no-show fees: what the restaurant's policy asks, within the law.</summary>
public static class Policy
{
    /// <summary>
    /// Korean Fair Trade Commission consumer-dispute guideline for restaurant no-shows: the penalty may be at most
    /// 20% of the expected bill, or 40% for reservation-only venues (omakase, fine dining).
    /// </summary>
    public const int OrdinaryNoShowCapPercent = 20;

    public const int ReservationOnlyNoShowCapPercent = 40;

    /// <summary>The deposit a booking needs, or null when the policy does not ask one for this date and party.</summary>
    public static Money? DepositFor(BookingSettings settings, LocalDate date, int partySize)
    {
        if (settings.Deposit is not { } d || d.Amount.Amount <= 0)
        {
            return null;
        }

        var applies = (d.MinPartySize is { } min && partySize >= min) || d.Dates.Contains(date);
        return applies ? new Money(d.PerCover ? checked(d.Amount.Amount * partySize) : d.Amount.Amount, d.Amount.Currency) : null;
    }

    /// <summary>The percentage of the deposit refunded when cancelling <paramref name="beforeStart"/> ahead: the most generous window reached, else 0.</summary>
    public static int RefundPercent(BookingSettings settings, Duration beforeStart) =>
        settings.Cancellation
            .Where(w => beforeStart >= Duration.FromMinutes(w.MinutesBefore))
            .Select(w => w.RefundPercent)
            .DefaultIfEmpty(0)
            .Max();

    /// <summary>
    /// What cancelling now gives back, the one rule both the quote a diner sees first and the cancellation itself use:
    /// the restaurant cancelling refunds everything; a diner cancelling gets the policy's window
    /// (<see cref="RefundPercent"/>) of a collected deposit, and everything when nothing was collected (nothing to keep).
    /// </summary>
    public static Refund CancellationRefund(BookingSettings settings, long deposit, bool depositCollected, Duration beforeStart, bool byRestaurant)
    {
        var percent = byRestaurant || deposit == 0 || !depositCollected ? 100 : RefundPercent(settings, beforeStart);
        var paid = depositCollected ? deposit : 0;
        return new Refund(percent, paid * percent / 100, paid);
    }

    /// <summary>The no-show fee: the restaurant's percentage of the expected bill, never above the fair-trade cap.</summary>
    public static long NoShowFee(BookingSettings settings, int partySize)
    {
        if (settings.NoShow is not { } n)
        {
            return 0;
        }

        var expectedBill = checked(n.ExpectedSpendPerCover.Amount * partySize);
        var asked = expectedBill * n.FeePercent / 100;
        var cap = expectedBill * (n.ReservationOnly ? ReservationOnlyNoShowCapPercent : OrdinaryNoShowCapPercent) / 100;
        return Math.Min(asked, cap);
    }
}
