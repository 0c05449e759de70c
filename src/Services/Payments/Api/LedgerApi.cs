using Brigade.Payments.Data;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Payments.Api;

public sealed record AccountKindTotal(string Kind, string Currency, long Total);

/// <summary>
/// The reconciliation identity, per currency: <c>charges − refunds = wallets + fees + taxWithheld + payouts</c>, where wallets is
/// everything owed to restaurants and workers (pending, available and held).
/// </summary>
public sealed record LedgerIdentity(string Currency, long Charges, long Refunds, long Wallets, long Fees, long TaxWithheld, long Payouts, bool Holds);

public sealed record LedgerResponse(IReadOnlyList<AccountKindTotal> Totals, long Sum, long UnbalancedEntries, IReadOnlyList<LedgerIdentity> Identity);

public static class LedgerApi
{
    public static RouteGroupBuilder MapLedger(this RouteGroupBuilder api)
    {
        api.MapGet("/ledger", GetAsync).RequireAuthorization(Policies.Admin)
            .WithName("Ledger").WithSummary("The ledger's trial balance and the reconciliation identity (admin)").WithTags(PaymentsApi.Tag);
        return api;
    }

    public static async Task<Ok<LedgerResponse>> GetAsync(LedgerStore ledger, HttpContext http)
    {
        var ct = http.RequestAborted;
        var totals = await ledger.TotalsAsync(ct);
        var funds = await ledger.PayerFundsAsync(ct);
        var identity = totals.GroupBy(t => t.Currency).Select(g =>
        {
            long Sum(params string[] kinds) => g.Where(t => kinds.Contains(t.Kind)).Sum(t => t.Total);
            var (charges, refunds) = funds.GetValueOrDefault(g.Key);
            var wallets = -Sum("receivable", "wallet", "hold");
            var fees = -Sum("platform_fees");
            var tax = -Sum("tax_withheld");
            var payouts = -Sum("bank_payouts");
            return new LedgerIdentity(g.Key, charges, refunds, wallets, fees, tax, payouts, charges - refunds == wallets + fees + tax + payouts);
        }).ToList();
        return TypedResults.Ok(new LedgerResponse(totals.Select(t => new AccountKindTotal(t.Kind, t.Currency, t.Total)).ToList(), totals.Sum(t => t.Total),
            await ledger.UnbalancedEntriesAsync(ct), identity));
    }
}
