using Brigade.Payments.Data;
using Brigade.Payments.Domain;
using Brigade.Payments.Provider;
using Microsoft.Extensions.Options;

namespace Brigade.Payments.Processing;

/// <summary>
/// Drives a payment through the provider: authorise the card, confirm (capture) it, and — when an answer was lost —
/// find out from the provider what happened. Whatever the path (the request, the reconciler, a notification), the
/// provider's account of a payment goes through <see cref="ApplyAsync"/>, and the store's conditional transitions
/// make each change happen once.
/// </summary>
public sealed class PaymentProcessor(
    IPaymentProvider provider,
    PaymentStore payments,
    RefundProcessor refunds,
    IOptions<PaymentsOptions> options,
    TimeProvider clock,
    ILogger<PaymentProcessor> logger)
{
    public string ProviderName => provider.Name;

    /// <summary>
    /// A payment in <c>authorizing</c> hands the card to the provider; an authorised payment with automatic capture
    /// is captured at once. A refusal fails the payment; no answer leaves it in doubt for the reconciler.
    /// </summary>
    public async Task<PaymentRow> AuthorizeAsync(PaymentRow payment, Card card, CancellationToken ct)
    {
        var answer = await provider.AuthorizeAsync(payment.Id, payment.Amount, OrderName(payment), card, ct);
        return answer.Outcome switch
        {
            Outcome.Succeeded => await ApplyAsync(payment.Id, answer.Value!, ct),
            Outcome.Refused => await payments.FailAsync(payment.Id, answer.Code!, answer.Message!, clock.GetUtcNow(), ct) ?? await ReloadAsync(payment, ct),
            _ => payment,
        };
    }

    /// <summary>Captures an authorised payment (automatic capture, or the capture endpoint for manual ones).</summary>
    public async Task<PaymentRow> CaptureAsync(PaymentRow payment, CancellationToken ct)
    {
        var capturing = await payments.CapturingAsync(payment.Id, clock.GetUtcNow(), ct);
        return capturing is null ? await ReloadAsync(payment, ct) : await ConfirmAsync(capturing, ct);
    }

    /// <summary>Sends the confirmation for a payment in <c>capturing</c> (the first time, or again with the same key).</summary>
    public async Task<PaymentRow> ConfirmAsync(PaymentRow capturing, CancellationToken ct)
    {
        var answer = await provider.ConfirmAsync(capturing.Id, capturing.ProviderKey!, capturing.Amount, ct);
        return answer.Outcome switch
        {
            Outcome.Succeeded => await ApplyAsync(capturing.Id, answer.Value!, ct),
            Outcome.Refused => await payments.FailAsync(capturing.Id, answer.Code!, answer.Message!, clock.GetUtcNow(), ct) ?? await ReloadAsync(capturing, ct),
            _ => capturing,
        };
    }

    /// <summary>Voids an authorisation (nothing was captured).</summary>
    public async Task<(PaymentRow Payment, string? RefusedCode)> VoidAsync(PaymentRow payment, CancellationToken ct)
    {
        if (payment.ProviderKey is { } key)
        {
            var answer = await provider.CancelAsync(key, null, "Cancelled before capture", payment.Id, ct);
            if (answer.Outcome == Outcome.Refused)
            {
                return (payment, answer.Code);
            }

            if (answer.Outcome == Outcome.Unknown)
            {
                return (payment, "provider_unavailable");
            }
        }

        return (await payments.CancelAsync(payment.Id, clock.GetUtcNow(), ct) ?? await ReloadAsync(payment, ct), null);
    }

    /// <summary>
    /// Takes the provider's account of a payment: captured (<c>DONE</c>, or since partly or wholly cancelled) books the
    /// capture; authorised (<c>IN_PROGRESS</c>) moves an authorisation on and captures it when capture is automatic;
    /// <c>ABORTED</c>/<c>EXPIRED</c> fail it; cancelled before approval voids it.
    /// </summary>
    public async Task<PaymentRow> ApplyAsync(Guid paymentId, ProviderPayment state, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (state.Status)
        {
            case "DONE" or "PARTIAL_CANCELED" or "CANCELED" when state.ApprovedAt is not null:
                if (state.Status != "DONE")
                {
                    logger.LogWarning("Payment {PaymentId} was cancelled at the provider outside Brigade ({Status}); booking its capture only", paymentId, state.Status);
                }

                var captured = await payments.CaptureAsync(paymentId, state, now, ct);
                if (captured?.LateRefundId is { } refundId)
                {
                    await refunds.RunAsync(refundId, ct);
                }

                return captured?.Payment ?? (await payments.FindAsync(paymentId, ct))!;
            case "IN_PROGRESS":
                var authorized = await payments.AuthorizedAsync(paymentId, state.PaymentKey, now, ct);
                if (authorized is { CaptureMethod: "automatic" })
                {
                    return await CaptureAsync(authorized, ct);
                }

                return authorized ?? (await payments.FindAsync(paymentId, ct))!;
            case "ABORTED" or "EXPIRED":
                return await payments.FailAsync(paymentId, "provider_" + state.Status.ToLowerInvariant(), $"The provider ended the payment ({state.Status}).", now, ct)
                    ?? (await payments.FindAsync(paymentId, ct))!;
            case "CANCELED":
                // Voided before any capture. While the capture was still ours to finish, that void was the reconciler
                // giving the capture up (its answer lost on a busy provider, or crossing a confirmation sent again):
                // the capture failed. Otherwise someone cancelled the authorisation.
                return ((await payments.FindAsync(paymentId, ct))?.Status == PaymentStatus.Capturing
                           ? await payments.FailAsync(paymentId, "provider_error", "The provider could not capture the payment; the authorisation was released.", now, ct)
                           : await payments.CancelAsync(paymentId, now, ct))
                       ?? (await payments.FindAsync(paymentId, ct))!;
            default:
                logger.LogWarning("Payment {PaymentId}: the provider reports status {Status}; left as it is", paymentId, state.Status);
                return (await payments.FindAsync(paymentId, ct))!;
        }
    }

    /// <summary>
    /// A payment whose call to the provider went unanswered: ask the provider. An authorisation it never heard of is
    /// given up after <see cref="PaymentsOptions.AbandonAuthorizationAfter"/>; a capture still waiting for its
    /// confirmation gets it again (same key, so the provider does it at most once).
    /// </summary>
    public async Task<PaymentRow> ReconcileAsync(PaymentRow payment, CancellationToken ct)
    {
        var found = await provider.FindAsync(payment.Id, ct);
        if (found.Outcome == Outcome.Unknown)
        {
            return payment;
        }

        if (found.Outcome == Outcome.Refused)
        {
            var giveUp = payment.Status == PaymentStatus.Capturing || clock.GetUtcNow() - payment.CreatedAt > options.Value.AbandonAuthorizationAfter;
            return found.Code == "NOT_FOUND_PAYMENT" && giveUp
                ? await payments.FailAsync(payment.Id, "provider_unknown_payment", "The provider has no record of this payment; nothing was captured.", clock.GetUtcNow(), ct) ?? payment
                : payment;
        }

        if (payment.Status == PaymentStatus.Capturing && found.Value!.Status == "IN_PROGRESS")
        {
            // Still authorised only: the confirmation never arrived or kept failing. Send it again, or — when the
            // provider has failed it for too long — void the authorisation so the payer's card is released.
            if (clock.GetUtcNow() - payment.UpdatedAt <= options.Value.AbandonAuthorizationAfter)
            {
                return await ConfirmAsync(payment, ct);
            }

            var voided = await provider.CancelAsync(payment.ProviderKey ?? found.Value.PaymentKey, null, "The capture could not be completed", payment.Id, ct);
            return voided.Outcome == Outcome.Unknown
                ? payment
                : await payments.FailAsync(payment.Id, "provider_error", "The provider could not capture the payment; the authorisation was released.", clock.GetUtcNow(), ct) ?? payment;
        }

        return await ApplyAsync(payment.Id, found.Value!, ct);
    }

    private static string OrderName(PaymentRow p) => p.PurposeKind switch
    {
        "reservation_deposit" => "Brigade 예약금",
        "order" => "Brigade 주문",
        _ => "Brigade 결제",
    };

    private async Task<PaymentRow> ReloadAsync(PaymentRow payment, CancellationToken ct) => await payments.FindAsync(payment.Id, ct) ?? payment;
}
