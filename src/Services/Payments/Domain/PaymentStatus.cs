namespace Brigade.Payments.Domain;

/// <summary>
/// A payment intent's life:
/// <code>
/// requires_confirmation ─confirm→ authorizing ─card accepted→ authorized ─capture→ capturing ─PG confirmed→ captured
///          │                          │  └─card refused→ failed            │  └void→ cancelled     └─PG refused→ failed
///          └─cancel→ cancelled        └─(in doubt: the reconciler asks the PG)  (automatic capture goes straight on)
/// </code>
/// <c>authorizing</c> and <c>capturing</c> mean a call to the PG is under way or its answer was lost; only the PG's
/// answer (or its notification, or a lookup) moves them on. A captured payment is refunded in parts; it stays captured.
/// </summary>
public static class PaymentStatus
{
    public const string RequiresConfirmation = "requires_confirmation";
    public const string Authorizing = "authorizing";
    public const string Authorized = "authorized";
    public const string Capturing = "capturing";
    public const string Captured = "captured";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    private static readonly Dictionary<string, string[]> Moves = new(StringComparer.Ordinal)
    {
        [RequiresConfirmation] = [Authorizing, Capturing, Cancelled],
        [Authorizing] = [Authorized, Captured, Failed, Cancelled],
        [Authorized] = [Capturing, Captured, Cancelled, Failed],
        [Capturing] = [Captured, Failed, Cancelled],
        [Captured] = [],
        [Failed] = [],
        [Cancelled] = [],
    };

    public static IReadOnlyCollection<string> All => Moves.Keys;

    /// <summary>Under way or captured: the payment holds its due (the database allows one such payment per due).</summary>
    public static bool HoldsTheDue(string status) => status is Authorizing or Authorized or Capturing or Captured;

    /// <summary>A call to the PG whose outcome is not known here yet.</summary>
    public static bool InDoubt(string status) => status is Authorizing or Capturing;

    public static bool CanMove(string from, string to) => Moves.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);

    /// <summary>The states a payment may be in for <paramref name="to"/> to be reached (used as the conditional update's guard).</summary>
    public static string[] From(string to) => [.. Moves.Where(m => m.Value.Contains(to, StringComparer.Ordinal)).Select(m => m.Key)];
}
