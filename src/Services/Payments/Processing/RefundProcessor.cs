using Brigade.Payments.Data;
using Brigade.Payments.Provider;

namespace Brigade.Payments.Processing;

/// <summary>Asks the provider to return a refund's money (keyed by the refund's id) and books its answer.</summary>
public sealed class RefundProcessor(IPaymentProvider provider, RefundStore refunds, PaymentStore payments, TimeProvider clock, ILogger<RefundProcessor> logger)
{
    public async Task<RefundRow?> RunAsync(Guid refundId, CancellationToken ct)
    {
        var refund = await refunds.FindAsync(refundId, ct);
        if (refund is not { Status: "pending" })
        {
            return refund;
        }

        var payment = await payments.FindAsync(refund.PaymentId, ct);
        var answer = await provider.CancelAsync(payment!.ProviderKey!, refund.Amount, refund.Reason, refund.Id, ct);
        var now = clock.GetUtcNow();
        switch (answer.Outcome)
        {
            case Outcome.Succeeded:
                return await refunds.SucceedAsync(refund.Id, answer.Value!.PaymentKey, now, ct) ?? await refunds.FindAsync(refund.Id, ct);
            case Outcome.Refused:
                logger.LogWarning("The provider refused refund {RefundId} of payment {PaymentId}: {Code}", refund.Id, refund.PaymentId, answer.Code);
                return await refunds.FailAsync(refund.Id, answer.Code!, answer.Message!, now, ct) ?? await refunds.FindAsync(refund.Id, ct);
            default:
                await refunds.RetryLaterAsync(refund.Id, answer.Message ?? "no answer", Backoff(refund.Attempts), now, ct);
                return await refunds.FindAsync(refund.Id, ct);
        }
    }

    /// <summary>5 s, 30 s, 2 min, then every 10 min: the provider is asked until it answers.</summary>
    internal static TimeSpan Backoff(int attempts) => attempts switch
    {
        0 => TimeSpan.FromSeconds(5),
        1 => TimeSpan.FromSeconds(30),
        2 => TimeSpan.FromMinutes(2),
        _ => TimeSpan.FromMinutes(10),
    };
}
