using Brigade.ServiceDefaults;
using Brigade.Payments.Data;
using Brigade.Payments.Processing;
using Microsoft.Extensions.Options;

namespace Brigade.Payments.Jobs;

/// <summary>What one reconciliation round looked at.</summary>
public sealed record ReconcileReport(int Payments, int Refunds, int Payouts);

/// <summary>
/// Settles what the provider left in doubt: payments whose authorisation or capture went unanswered (asked about by
/// our id), refunds and payouts not yet confirmed (sent again with their own Idempotency-Key, which the provider
/// answers with what it did the first time). Each item is leased while it is worked on, so replicas share the work.
/// </summary>
public sealed class Reconciler(
    PaymentStore payments,
    RefundStore refunds,
    PayoutStore payouts,
    PaymentProcessor paymentProcessor,
    RefundProcessor refundProcessor,
    PayoutProcessor payoutProcessor,
    IOptions<PaymentsOptions> options,
    TimeProvider clock,
    ILogger<Reconciler> logger) : PeriodicJob(clock, logger)
{
    private const int Batch = 50;

    protected override TimeSpan Interval => options.Value.ReconcileInterval;

    protected override bool RunAtStart => false;

    protected override Task RunRoundAsync(CancellationToken ct) => RunOnceAsync(ct);

    public async Task<ReconcileReport> RunOnceAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        var inDoubt = await payments.ClaimInDoubtAsync(now - options.Value.InDoubtAfter, now, Batch, ct);
        foreach (var payment in inDoubt)
        {
            await EachAsync("payment", payment.Id, () => paymentProcessor.ReconcileAsync(payment, ct), ct);
        }

        var dueRefunds = await refunds.ClaimDueAsync(now, Batch, ct);
        foreach (var refund in dueRefunds)
        {
            await EachAsync("refund", refund.Id, () => refundProcessor.RunAsync(refund.Id, ct), ct);
        }

        var duePayouts = await payouts.ClaimDueAsync(now, Batch, ct);
        foreach (var payout in duePayouts)
        {
            await EachAsync("payout", payout.Id, () => payoutProcessor.RunAsync(payout.Id, ct), ct);
        }

        return new ReconcileReport(inDoubt.Count, dueRefunds.Count, duePayouts.Count);
    }

    private async Task EachAsync<T>(string what, Guid id, Func<Task<T>> work, CancellationToken ct)
    {
        try
        {
            await work();
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // One item must not hold up the rest; it is leased, so it comes round again.
            logger.LogError(e, "Reconciling {What} {Id} failed", what, id);
        }
    }
}
