using Brigade.Payments.Data;

namespace Brigade.Payments.Api;

public sealed record PurposeResponse(string Kind, Guid ReferenceId);

/// <summary>The card's scheme and last four digits: all that is kept of it.</summary>
public sealed record CardResponse(string Brand, string Last4);

public sealed record FailureResponse(string Code, string? Message);

/// <summary>
/// A payment intent. <c>status</c>: <c>requires_confirmation</c>, <c>authorizing</c> / <c>capturing</c> (the provider's answer is
/// awaited; it settles by itself), <c>authorized</c>, <c>captured</c>, <c>failed</c>, <c>cancelled</c>. <c>providerOrderId</c> is the
/// orderId the provider knows it by; <c>paymentKey</c> the provider's key once it has one.
/// </summary>
public sealed record PaymentResponse(
    Guid Id,
    string Status,
    PurposeResponse Purpose,
    Guid RestaurantId,
    Guid? PayerId,
    long Amount,
    string Currency,
    long Refunded,
    long RefundPending,
    string Method,
    string CaptureMethod,
    CardResponse? Card,
    FailureResponse? Failure,
    string Provider,
    string ProviderOrderId,
    string? PaymentKey,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AuthorizedAt,
    DateTimeOffset? CapturedAt,
    IReadOnlyList<RefundResponse>? Refunds,
    int Version)
{
    public static PaymentResponse From(PaymentRow p, IReadOnlyList<RefundRow>? refunds = null) => new(
        p.Id, p.Status, new PurposeResponse(p.PurposeKind, p.ReferenceId), p.RestaurantId, p.PayerId, p.Amount, p.Currency, p.Refunded,
        p.RefundReserved - p.Refunded, p.Method, p.CaptureMethod,
        p.CardLast4 is null ? null : new CardResponse(p.CardBrand ?? "card", p.CardLast4),
        p.FailureCode is null ? null : new FailureResponse(p.FailureCode, p.FailureMessage),
        p.Provider, p.Id.ToString(), p.ProviderKey, p.CreatedAt, p.AuthorizedAt, p.CapturedAt,
        refunds?.Select(r => RefundResponse.From(r, p.Currency)).ToList(), p.Version);
}

/// <summary>A refund: <c>pending</c> (asked; the provider's confirmation is awaited), <c>succeeded</c> or <c>failed</c>.</summary>
public sealed record RefundResponse(Guid Id, Guid PaymentId, long Amount, string Currency, string Status, string Cause, string Reason, string? FailureCode,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static RefundResponse From(RefundRow r, string currency) =>
        new(r.Id, r.PaymentId, r.Amount, currency, r.Status, r.Cause, r.Reason, r.FailureCode, r.CreatedAt, r.CompletedAt);
}

/// <summary>
/// What is owed for an order or a reservation's deposit, as ordering and reservations said: <c>state</c> <c>open</c>
/// (payable), <c>cancelled</c> or <c>no_show</c>; <c>payment</c> is the payment under way or captured for it, if any.
/// </summary>
public sealed record DueResponse(string Kind, Guid ReferenceId, Guid RestaurantId, Guid? PayerId, long? Amount, string Currency, string State,
    DateTimeOffset? ExpiresAt, bool Payable, PaymentResponse? Payment);
