using NodaTime;

namespace Brigade.Ordering.Domain;

/// <summary>Online-order throttling: at most N takeout/delivery orders from diners per restaurant per quarter hour.</summary>
public static class Throttle
{
    public static readonly Duration Window = Duration.FromMinutes(15);

    /// <summary>The quarter hour <paramref name="now"/> falls in (quarter hours line up in every zone the tz database has).</summary>
    public static Instant WindowStart(Instant now) => Instant.FromUnixTimeTicks(now.ToUnixTimeTicks() - now.ToUnixTimeTicks() % Window.BclCompatibleTicks);

    /// <summary>Whole seconds until the next window opens (at least 1), for <c>Retry-After</c>.</summary>
    public static int RetryAfterSeconds(Instant now) => (int)Math.Max(1, Math.Ceiling((WindowStart(now) + Window - now).TotalSeconds));
}

/// <summary>Why an order was cancelled or voided: a stable code, and a note in the person's words.</summary>
public static class CancelReasons
{
    public const string CustomerRequest = "customer_request";
    public const string OutOfStock = "out_of_stock";
    public const string KitchenClosed = "kitchen_closed";
    public const string TooBusy = "too_busy";
    public const string PaymentFailed = "payment_failed";
    public const string Duplicate = "duplicate";
    public const string ReservationCancelled = "reservation_cancelled";
    public const string WrongOrder = "wrong_order";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All =
        [CustomerRequest, OutOfStock, KitchenClosed, TooBusy, PaymentFailed, Duplicate, ReservationCancelled, WrongOrder, Other];

    /// <summary>What money goes back when an order ends without being eaten: everything captured and not yet refunded.</summary>
    public static long RefundDue(long paid, long refunded) => Math.Max(0, paid - refunded);
}

/// <summary>Where an order's payment stands, from what was captured and refunded against its total.</summary>
public static class PaymentState
{
    public const string Unpaid = "unpaid";
    public const string PartiallyPaid = "partially_paid";
    public const string Paid = "paid";
    public const string Refunded = "refunded";

    public static string Of(long total, long paid, long refunded) =>
        paid > 0 && refunded >= paid ? Refunded
        : paid >= total && paid > 0 ? Paid
        : paid > 0 ? PartiallyPaid
        : total == 0 ? Paid
        : Unpaid;
}
