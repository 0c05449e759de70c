using System.Text.Json.Serialization;

namespace Brigade.Contracts.Payments;

/// <summary>
/// What a payment is for: <paramref name="Kind"/> is <c>order</c>, <c>reservation_deposit</c>, <c>no_show_fee</c> or
/// <c>other</c>, and <paramref name="ReferenceId"/> the order's or reservation's id. Consumers act only on the kinds they own.
/// </summary>
public sealed record PaymentPurpose(string Kind, Guid ReferenceId);

/// <summary>
/// A payment was captured in full: the money is the platform's to settle. <paramref name="RestaurantId"/> is the payee
/// restaurant when there is one. Amounts are minor units of <paramref name="Currency"/>.
/// </summary>
[IntegrationEvent("payments.payment.completed")]
public sealed record PaymentCompleted(
    Guid PaymentId,
    PaymentPurpose Purpose,
    Guid? RestaurantId,
    Guid? PayerId,
    long Amount,
    string Currency,
    string Method,
    DateTimeOffset CompletedAt) : IIntegrationEvent;

/// <summary>A payment was declined, expired or abandoned; nothing was captured. <paramref name="Reason"/> is a stable code (<c>card_declined</c>, <c>expired</c>, …).</summary>
[IntegrationEvent("payments.payment.failed")]
public sealed record PaymentFailed(
    Guid PaymentId,
    PaymentPurpose Purpose,
    Guid? RestaurantId,
    Guid? PayerId,
    long Amount,
    string Currency,
    string Reason,
    DateTimeOffset FailedAt) : IIntegrationEvent;

/// <summary>
/// Part or all of a captured payment went back to the payer. <paramref name="RefundedTotal"/> is everything refunded on the
/// payment so far, <paramref name="Amount"/> this refund.
/// </summary>
[IntegrationEvent("payments.payment.refunded")]
public sealed record PaymentRefunded(
    Guid PaymentId,
    Guid RefundId,
    PaymentPurpose Purpose,
    Guid? RestaurantId,
    Guid? PayerId,
    long Amount,
    long RefundedTotal,
    string Currency,
    string Reason,
    DateTimeOffset RefundedAt) : IIntegrationEvent;

/// <summary>
/// A settlement statement was closed for a payee (<paramref name="PayeeKind"/> <c>restaurant</c> or <c>worker</c>) over
/// [<paramref name="PeriodStart"/>, <paramref name="PeriodEnd"/>): <c>Net = Gross − Fees − Refunds − Withholding</c>, credited to the payee's wallet.
/// </summary>
[IntegrationEvent("payments.settlement.created")]
public sealed record SettlementCreated(
    Guid SettlementId,
    string PayeeKind,
    Guid PayeeId,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    long Gross,
    long Fees,
    long Refunds,
    long Withholding,
    long Net,
    string Currency,
    DateTimeOffset CreatedAt) : IIntegrationEvent;

/// <summary>A withdrawal from a wallet reached the owner's bank account through the provider.</summary>
[IntegrationEvent("payments.payout.completed")]
public sealed record PayoutCompleted(
    Guid PayoutId,
    Guid WalletId,
    string OwnerKind,
    Guid OwnerId,
    long Amount,
    long Fee,
    string Currency,
    DateTimeOffset CompletedAt) : IIntegrationEvent;

[JsonSerializable(typeof(PaymentCompleted))]
[JsonSerializable(typeof(PaymentFailed))]
[JsonSerializable(typeof(PaymentRefunded))]
[JsonSerializable(typeof(SettlementCreated))]
[JsonSerializable(typeof(PayoutCompleted))]
internal sealed partial class PaymentEventsJsonContext : JsonSerializerContext;
