using Brigade.Api;
using Brigade.Payments.Data;
using Brigade.Payments.Processing;

namespace Brigade.Payments.Api;

/// <summary>What the payment endpoints use.</summary>
public sealed record PaymentServices(
    PaymentStore Payments,
    DueStore Dues,
    RefundStore Refunds,
    PaymentProcessor Processor,
    RefundProcessor RefundProcessor,
    PaymentRules Rules,
    TimeProvider Clock,
    HttpContext Http) : IApiRequest;
