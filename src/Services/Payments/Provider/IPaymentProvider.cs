using Brigade.Payments.Domain;

namespace Brigade.Payments.Provider;

/// <summary>How a call to the provider ended: done, refused for good, or not known (timeout, provider error, no answer).</summary>
public enum Outcome { Succeeded, Refused, Unknown }

public sealed record ProviderAnswer<T>(Outcome Outcome, T? Value, string? Code, string? Message) where T : class
{
    public static ProviderAnswer<T> Done(T value) => new(Outcome.Succeeded, value, null, null);

    public static ProviderAnswer<T> Refused(string code, string message) => new(Outcome.Refused, null, code, message);

    public static ProviderAnswer<T> NotKnown(string reason) => new(Outcome.Unknown, null, "provider_unavailable", reason);
}

/// <summary>A payment as the provider holds it. Statuses are Toss's: IN_PROGRESS (authorised), DONE, PARTIAL_CANCELED, CANCELED, ABORTED, EXPIRED.</summary>
public sealed record ProviderPayment(string PaymentKey, string OrderId, string Status, long TotalAmount, long BalanceAmount, DateTimeOffset? ApprovedAt);

public sealed record ProviderPayout(string PayoutKey, string RefPayoutId, string Status, long Amount, string? FailureCode, string? FailureMessage);

/// <summary>Where a withdrawal goes: a Korean bank code (<c>004</c> KB국민, <c>088</c> 신한, <c>090</c> 카카오뱅크 …), the account number and its holder.</summary>
public sealed record BankAccount(string BankCode, string AccountNumber, string Holder);

/// <summary>
/// A payment provider (PG). Every call that moves money is keyed so that sending it again is safe: authorisations and
/// confirmations by our payment id (the provider's orderId), refunds and payouts by their own ids (Idempotency-Key).
/// </summary>
public interface IPaymentProvider
{
    string Name { get; }

    /// <summary>Hands the card to the provider to authorise <paramref name="amount"/> (nothing is captured yet).</summary>
    Task<ProviderAnswer<ProviderPayment>> AuthorizeAsync(Guid paymentId, long amount, string orderName, Card card, CancellationToken ct);

    /// <summary>Confirms (captures) an authorised payment: Toss's <c>{ paymentKey, orderId, amount }</c>.</summary>
    Task<ProviderAnswer<ProviderPayment>> ConfirmAsync(Guid paymentId, string paymentKey, long amount, CancellationToken ct);

    /// <summary>Voids an authorisation, or refunds <paramref name="amount"/> (all that is left when null) of a captured payment.</summary>
    Task<ProviderAnswer<ProviderPayment>> CancelAsync(string paymentKey, long? amount, string reason, Guid requestId, CancellationToken ct);

    /// <summary>The provider's record of our payment (refused with <c>NOT_FOUND_PAYMENT</c> when it has none).</summary>
    Task<ProviderAnswer<ProviderPayment>> FindAsync(Guid paymentId, CancellationToken ct);

    Task<ProviderAnswer<ProviderPayout>> PayOutAsync(Guid payoutId, long amount, BankAccount account, CancellationToken ct);
}
