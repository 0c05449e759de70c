using Brigade.Api;
using Brigade.Data;
using Brigade.Payments.Data;
using Brigade.Payments.Domain;
using Brigade.Payments.Processing;
using Brigade.Payments.Provider;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Payments.Api;

public sealed record WalletServices(LedgerStore Ledger, PayoutStore Payouts, PayoutProcessor Processor, PaymentRules Rules, TimeProvider Clock, HttpContext Http) : IApiRequest;

/// <summary>A withdrawal to a bank account: <c>{ amount, bankCode, accountNumber, accountHolder }</c> (<c>restaurantId</c> for a restaurant's wallet on the seed's path).</summary>
public sealed record WithdrawBody(long? Amount, string? BankCode, string? AccountNumber, string? AccountHolder, Guid? RestaurantId);

/// <summary>
/// A wallet: <c>available</c> (settled; withdrawable when positive), <c>pending</c> (earned, settled at the next settlement; for a
/// restaurant net of fees and refunds), <c>held</c> (withdrawals the bank has not confirmed yet). A restaurant's available balance is
/// negative when shift wages went beyond what it had earned: it owes the platform until its next settlement.
/// </summary>
public sealed record WalletResponse(string OwnerKind, Guid OwnerId, string Currency, long Available, long Pending, long Held, long Withdrawable,
    long PayoutFee, long MinimumPayout, IReadOnlyList<PayoutResponse> RecentWithdrawals);

/// <summary>One movement of a wallet: <c>balance</c> is which part moved (<c>available</c>, <c>pending</c>, <c>held</c>); <c>amount</c> is positive when money came to the owner.</summary>
public sealed record WalletEntryResponse(long Id, DateTimeOffset At, string Balance, string Kind, string Category, long Amount, Guid ReferenceId, string? Memo);

public sealed record PayoutResponse(Guid Id, string Status, long Amount, long Fee, string Currency, string BankCode, string AccountNumber, string AccountHolder,
    string? FailureCode, string? FailureMessage, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public static PayoutResponse From(PayoutRow p) => new(p.Id, p.Status, p.Amount, p.Fee, p.Currency, p.BankCode, PayoutStore.Mask(p.AccountNumber), p.AccountHolder,
        p.FailureCode, p.FailureMessage, p.CreatedAt, p.CompletedAt);
}

/// <summary>Workers' and restaurants' wallets: balances, history, withdrawals to a bank account through the provider.</summary>
public static class WalletsApi
{
    public const string Tag = "Wallets";

    public static RouteGroupBuilder MapWallets(this RouteGroupBuilder api)
    {
        api.MapGet("/mine", (string? currency, [AsParameters] WalletServices s) => WalletAsync(Owner.OfWorker(s.User.UserId()), currency, s))
            .RequireAuthorization(Policies.User).WithName("MyWallet").WithSummary("The caller's own (worker's) wallet").WithTags(Tag);
        api.MapGet("/mine/history", (int? limit, string? cursor, string? currency, [AsParameters] WalletServices s) =>
                HistoryAsync(Owner.OfWorker(s.User.UserId()), limit, cursor, currency, s))
            .RequireAuthorization(Policies.User).WithName("MyWalletHistory").WithSummary("The caller's wallet movements, newest first").WithTags(Tag);
        api.MapPost("/mine/withdrawals", (WithdrawBody body, [AsParameters] WalletServices s) => WithdrawAsync(Owner.OfWorker(s.User.UserId()), body, s))
            .RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("WithdrawFromMyWallet").WithSummary("Withdraw from the caller's wallet to a bank account (Idempotency-Key required)").WithTags(Tag);
        api.MapGet("/restaurants/{restaurantId:guid}", (Guid restaurantId, string? currency, [AsParameters] WalletServices s) =>
                s.User.ManagesMoneyOf(restaurantId) ? WalletAsync(Owner.OfRestaurant(restaurantId), currency, s) : Task.FromResult(NotFound()))
            .RequireAuthorization().WithName("RestaurantWallet").WithSummary("A restaurant's wallet (its owner and managers)").WithTags(Tag);
        api.MapGet("/restaurants/{restaurantId:guid}/history", (Guid restaurantId, int? limit, string? cursor, string? currency, [AsParameters] WalletServices s) =>
                s.User.ManagesMoneyOf(restaurantId) ? HistoryAsync(Owner.OfRestaurant(restaurantId), limit, cursor, currency, s) : Task.FromResult(NotFoundPage()))
            .RequireAuthorization().WithName("RestaurantWalletHistory").WithSummary("A restaurant's wallet movements, newest first (its owner and managers)").WithTags(Tag);
        api.MapPost("/restaurants/{restaurantId:guid}/withdrawals", (Guid restaurantId, WithdrawBody body, [AsParameters] WalletServices s) =>
                s.User.ManagesMoneyOf(restaurantId) ? WithdrawAsync(Owner.OfRestaurant(restaurantId), body, s) : Task.FromResult(NotFoundWithdrawal()))
            .RequireAuthorization().WithIdempotency(required: true)
            .WithName("WithdrawFromRestaurantWallet").WithSummary("Withdraw from a restaurant's wallet to its bank account (owner, manager; Idempotency-Key required)").WithTags(Tag);
        api.MapGet("/withdrawals/{id:guid}", WithdrawalAsync).RequireAuthorization()
            .WithName("GetWithdrawal").WithSummary("One withdrawal (its owner)").WithTags(Tag);
        return api;
    }

    /// <summary>The job platform's paths: <c>GET /api/payments/wallet</c> and <c>POST /api/payments/withdraw</c> (a restaurant's with <c>restaurantId</c>).</summary>
    public static RouteGroupBuilder MapSeedWalletPaths(this RouteGroupBuilder payments)
    {
        payments.MapGet("/wallet", (Guid? restaurantId, string? currency, [AsParameters] WalletServices s) =>
                restaurantId is { } id
                    ? s.User.ManagesMoneyOf(id) ? WalletAsync(Owner.OfRestaurant(id), currency, s) : Task.FromResult(NotFound())
                    : WalletAsync(Owner.OfWorker(s.User.UserId()), currency, s))
            .RequireAuthorization(Policies.User).WithName("Wallet").WithSummary("The caller's wallet, or a restaurant's with restaurantId (owner, manager)").WithTags(Tag);
        payments.MapPost("/withdraw", (WithdrawBody body, [AsParameters] WalletServices s) =>
                body.RestaurantId is { } id
                    ? s.User.ManagesMoneyOf(id) ? WithdrawAsync(Owner.OfRestaurant(id), body, s) : Task.FromResult(NotFoundWithdrawal())
                    : WithdrawAsync(Owner.OfWorker(s.User.UserId()), body, s))
            .RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("Withdraw").WithSummary("Withdraw from the caller's wallet (or a restaurant's, with restaurantId) to a bank account (Idempotency-Key required)").WithTags(Tag);
        return payments;
    }

    public static async Task<Results<Ok<WalletResponse>, ValidationProblem, ProblemHttpResult>> WalletAsync(Owner owner, string? currency, WalletServices s)
    {
        var errors = new FieldErrors();
        var code = CurrencyOf(errors, currency);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var balances = await s.Ledger.BalancesAsync(owner, code, s.Ct);
        var payouts = await s.Payouts.ListAsync(owner, 5, s.Ct);
        return TypedResults.Ok(new WalletResponse(owner.Kind, owner.Id, code, balances.Available, balances.Pending, balances.Held, Math.Max(0, balances.Available - s.Rules.PayoutFee),
            s.Rules.PayoutFee, s.Rules.MinimumPayout, payouts.Select(PayoutResponse.From).ToList()));
    }

    public static async Task<Results<Ok<Page<WalletEntryResponse>>, ValidationProblem, ProblemHttpResult>> HistoryAsync(Owner owner, int? limit, string? cursor, string? currency, WalletServices s)
    {
        var errors = new FieldErrors();
        var code = CurrencyOf(errors, currency);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var take = Paging.Limit(limit);
        var before = Paging.Decode<long?>(cursor);
        var rows = await s.Ledger.HistoryAsync(owner, code, before, take + 1, s.Ct);
        var items = rows.Select(r => new WalletEntryResponse(r.PostingId, r.CreatedAt, r.AccountKind switch { "wallet" => "available", "receivable" => "pending", _ => "held" },
            r.EntryKind, r.Category, r.Amount, r.ReferenceId, r.Memo)).ToList();
        return TypedResults.Ok(Paging.ToPage(items, take, e => (long?)e.Id));
    }

    public static async Task<Results<Created<PayoutResponse>, Accepted<PayoutResponse>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(Owner owner, WithdrawBody body, WalletServices s)
    {
        var errors = new FieldErrors();
        var amount = errors.Amount("amount", body.Amount, min: 1);
        var bank = errors.RequiredText("bankCode", body.BankCode, 3);
        if (bank is not null && (bank.Length < 2 || !bank.All(char.IsAsciiDigit)))
        {
            errors.Add("bankCode", "bankCode must be the bank's 2 or 3 digit code (004 KB, 088 Shinhan, 090 Kakao Bank …).", "bankCode는 2~3자리 은행 코드여야 합니다(004 국민, 088 신한, 090 카카오뱅크 등).");
        }

        var account = errors.RequiredText("accountNumber", body.AccountNumber, 30);
        var digits = account is null ? null : new string(account.Where(char.IsAsciiDigit).ToArray());
        if (account is not null && (account.Any(c => !char.IsAsciiDigit(c) && c != '-' && c != ' ') || digits!.Length is < 8 or > 16))
        {
            errors.Add("accountNumber", "accountNumber must be 8 to 16 digits (dashes allowed).", "accountNumber는 8~16자리 숫자여야 합니다(- 허용).");
        }

        var holder = errors.RequiredText("accountHolder", body.AccountHolder, 50);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, payout, available) = await s.Payouts.RequestAsync(owner, "KRW", amount!.Value, s.Rules.PayoutFee, s.Rules.MinimumPayout,
            new BankAccount(bank!, digits!, holder!), s.User.UserId(), s.Now.ToDateTimeOffset(), s.Ct);
        switch (outcome)
        {
            case PayoutOutcome.TooLittle:
                return Problems.Invalid("amount", $"The smallest withdrawal is {s.Rules.MinimumPayout} KRW.", $"최소 출금 금액은 {s.Rules.MinimumPayout}원입니다.");
            case PayoutOutcome.InsufficientFunds:
                return Problems.Problem(StatusCodes.Status409Conflict, "Conflict", Localized.Text(
                    $"The wallet has {available} KRW available; the withdrawal and its fee ({s.Rules.PayoutFee}) need {amount + s.Rules.PayoutFee}.",
                    $"출금 가능 금액은 {available}원입니다. 출금액과 수수료({s.Rules.PayoutFee}원)를 합해 {amount + s.Rules.PayoutFee}원이 필요합니다."),
                    "insufficient_funds", new Dictionary<string, object?> { ["available"] = available });
        }

        // The hold is committed: the bank transfer goes on even if the caller leaves.
        var sent = await s.Processor.RunAsync(payout!.Id, CancellationToken.None) ?? payout;
        var response = PayoutResponse.From(sent);
        return sent.Status == "pending"
            ? TypedResults.Accepted($"/api/wallets/withdrawals/{sent.Id}", response)
            : TypedResults.Created($"/api/wallets/withdrawals/{sent.Id}", response);
    }

    public static async Task<Results<Ok<PayoutResponse>, ProblemHttpResult>> WithdrawalAsync(Guid id, [AsParameters] WalletServices s)
    {
        var payout = await s.Payouts.FindAsync(id, s.Ct);
        var mine = payout is not null && (payout.OwnerKind == Owner.Worker ? s.User.FindUserId() == payout.OwnerId || s.User.IsAdmin() : s.User.ManagesMoneyOf(payout.OwnerId));
        return mine ? TypedResults.Ok(PayoutResponse.From(payout!)) : Problems.NotFound("withdrawal", "출금");
    }

    private static string CurrencyOf(FieldErrors errors, string? currency)
    {
        var code = string.IsNullOrWhiteSpace(currency) ? "KRW" : currency.Trim().ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "currency must be an ISO 4217 code such as KRW.", "currency는 KRW 같은 ISO 4217 코드여야 합니다.");
        }

        return code;
    }

    private static Results<Ok<WalletResponse>, ValidationProblem, ProblemHttpResult> NotFound() => Problems.NotFound("wallet", "지갑");

    private static Results<Ok<Page<WalletEntryResponse>>, ValidationProblem, ProblemHttpResult> NotFoundPage() => Problems.NotFound("wallet", "지갑");

    private static Results<Created<PayoutResponse>, Accepted<PayoutResponse>, ValidationProblem, ProblemHttpResult> NotFoundWithdrawal() => Problems.NotFound("wallet", "지갑");
}
