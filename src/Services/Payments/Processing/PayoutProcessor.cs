using Brigade.Payments.Data;
using Brigade.Payments.Provider;

namespace Brigade.Payments.Processing;

/// <summary>Sends a withdrawal to the owner's bank through the provider (keyed by the payout's id) and books its answer.</summary>
public sealed class PayoutProcessor(IPaymentProvider provider, PayoutStore payouts, TimeProvider clock, ILogger<PayoutProcessor> logger)
{
    public async Task<PayoutRow?> RunAsync(Guid payoutId, CancellationToken ct)
    {
        var payout = await payouts.FindAsync(payoutId, ct);
        if (payout is not { Status: "pending" })
        {
            return payout;
        }

        var answer = await provider.PayOutAsync(payout.Id, payout.Amount, new BankAccount(payout.BankCode, payout.AccountNumber, payout.AccountHolder), ct);
        var now = clock.GetUtcNow();
        switch (answer)
        {
            case { Outcome: Outcome.Succeeded, Value.Status: "COMPLETED" }:
                return await payouts.CompleteAsync(payout.Id, answer.Value.PayoutKey, now, ct) ?? await payouts.FindAsync(payout.Id, ct);
            case { Outcome: Outcome.Succeeded, Value.Status: "FAILED" }:
                return await payouts.FailAsync(payout.Id, answer.Value.FailureCode ?? "payout_failed", answer.Value.FailureMessage ?? "The bank refused the payout.", now, ct)
                    ?? await payouts.FindAsync(payout.Id, ct);
            case { Outcome: Outcome.Refused }:
                logger.LogWarning("The provider refused payout {PayoutId}: {Code}", payout.Id, answer.Code);
                return await payouts.FailAsync(payout.Id, answer.Code!, answer.Message!, now, ct) ?? await payouts.FindAsync(payout.Id, ct);
            default:
                // No answer, or the bank has not finished: ask again later with the same key.
                await payouts.RetryLaterAsync(payout.Id, answer.Message ?? answer.Value?.Status ?? "no answer", RefundProcessor.Backoff(payout.Attempts), now, ct);
                return await payouts.FindAsync(payout.Id, ct);
        }
    }
}
