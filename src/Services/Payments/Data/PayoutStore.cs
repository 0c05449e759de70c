using Brigade.Contracts.Payments;
using Brigade.Messaging;
using Brigade.Payments.Domain;
using Brigade.Payments.Provider;
using Dapper;
using Npgsql;

namespace Brigade.Payments.Data;

public sealed class PayoutRow
{
    public Guid Id { get; init; }

    public string OwnerKind { get; init; } = "";

    public Guid OwnerId { get; init; }

    public string Currency { get; init; } = "KRW";

    public long Amount { get; init; }

    public long Fee { get; init; }

    public string BankCode { get; init; } = "";

    public string AccountNumber { get; init; } = "";

    public string AccountHolder { get; init; } = "";

    /// <summary><c>pending</c> (held, the bank not yet confirmed), <c>completed</c> or <c>failed</c> (released back to the wallet).</summary>
    public string Status { get; init; } = "";

    public string? ProviderKey { get; init; }

    public string? FailureCode { get; init; }

    public string? FailureMessage { get; init; }

    public Guid RequestedBy { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public Owner Owner => new(OwnerKind, OwnerId);
}

public enum PayoutOutcome { Requested, TooLittle, InsufficientFunds }

/// <summary>
/// Withdrawals: asking moves the amount and its fee from the wallet to a hold (the wallet row is locked while its
/// balance is checked, and the database refuses a worker's wallet below zero); the bank's answer pays the hold out
/// or releases it back. Each step is one ledger entry, booked once per payout.
/// </summary>
public sealed class PayoutStore(NpgsqlDataSource db, LedgerStore ledger, IOutbox outbox)
{
    private const string Columns = """
        id, owner_kind, owner_id, currency, amount, fee, bank_code, account_number, account_holder, status, provider_key, failure_code,
        failure_message, requested_by, attempts, created_at, completed_at
        """;

    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public async Task<PayoutRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<PayoutRow>(new CommandDefinition($"SELECT {Columns} FROM payouts WHERE id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<PayoutRow>> ListAsync(Owner owner, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<PayoutRow>(new CommandDefinition($"""
            SELECT {Columns} FROM payouts WHERE owner_kind = @Kind AND owner_id = @Id ORDER BY created_at DESC, id DESC LIMIT @take
            """, new { owner.Kind, owner.Id, take }, cancellationToken: ct))).ToList();
    }

    public async Task<(PayoutOutcome Outcome, PayoutRow? Payout, long Available)> RequestAsync(
        Owner owner, string currency, long amount, long fee, long minimum, BankAccount account, Guid requestedBy, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var available = await ledger.LockBalanceAsync(c, tx, Account.Wallet(owner), currency, ct);
        if (amount < minimum)
        {
            return (PayoutOutcome.TooLittle, null, available);
        }

        if (available < amount + fee)
        {
            return (PayoutOutcome.InsufficientFunds, null, available);
        }

        var row = await c.QuerySingleAsync<PayoutRow>(new CommandDefinition($"""
            INSERT INTO payouts (id, owner_kind, owner_id, currency, amount, fee, bank_code, account_number, account_holder, status, requested_by, next_attempt_at, created_at)
            VALUES (@payoutId, @ownerKind, @ownerId, @currency, @amount, @fee, @BankCode, @AccountNumber, @Holder, 'pending', @requestedBy, @lease, @now)
            RETURNING {Columns}
            """, new { payoutId = Guid.CreateVersion7(), ownerKind = owner.Kind, ownerId = owner.Id, currency, amount, fee, account.BankCode, account.AccountNumber, account.Holder, requestedBy, lease = now + Lease, now },
            tx, cancellationToken: ct));
        await ledger.PostAsync(c, tx, JournalEntry.PayoutHold(row.Id, owner, amount, fee, currency, $"withdrawal to {account.BankCode} {Mask(account.AccountNumber)}"), now, ct);
        await tx.CommitAsync(ct);
        return (PayoutOutcome.Requested, row, available - amount - fee);
    }

    /// <summary>The bank received it: the hold is paid out, <c>payments.payout.completed</c> published and the owner told.</summary>
    public async Task<PayoutRow?> CompleteAsync(Guid id, string? providerKey, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<PayoutRow>(new CommandDefinition($"""
            UPDATE payouts SET status = 'completed', provider_key = @providerKey, completed_at = @now, next_attempt_at = NULL, last_error = NULL
             WHERE id = @id AND status = 'pending' RETURNING {Columns}
            """, new { id, providerKey, now }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        await ledger.PostAsync(c, tx, JournalEntry.Payout(row.Id, row.Owner, row.Amount, row.Fee, row.Currency, $"paid to {row.BankCode} {Mask(row.AccountNumber)}"), now, ct);
        var wallet = await ledger.AccountIdAsync(Account.Wallet(row.Owner), row.Currency, ct);
        await outbox.AddAsync(c, tx, new PayoutCompleted(row.Id, wallet, row.OwnerKind, row.OwnerId, row.Amount, row.Fee, row.Currency, now), ct);
        var notice = Notices.PayoutCompleted(row.Amount, row.Fee, row.Currency, row.OwnerKind == Owner.Restaurant);
        await outbox.AddAsync(c, tx, row.OwnerKind == Owner.Restaurant ? NoticeRequests.ForRestaurant(notice, row.OwnerId, now) : NoticeRequests.For(notice, [row.OwnerId], now), ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>The bank refused it: the hold goes back to the wallet and the owner is told.</summary>
    public async Task<PayoutRow?> FailAsync(Guid id, string code, string message, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<PayoutRow>(new CommandDefinition($"""
            UPDATE payouts SET status = 'failed', failure_code = @code, failure_message = @message, completed_at = @now, next_attempt_at = NULL
             WHERE id = @id AND status = 'pending' RETURNING {Columns}
            """, new { id, code, message, now }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        await ledger.PostAsync(c, tx, JournalEntry.PayoutRelease(row.Id, row.Owner, row.Amount, row.Fee, row.Currency, $"refused: {code}"), now, ct);
        var notice = Notices.PayoutFailed(row.Amount, row.Currency, row.OwnerKind == Owner.Restaurant);
        await outbox.AddAsync(c, tx, row.OwnerKind == Owner.Restaurant ? NoticeRequests.ForRestaurant(notice, row.OwnerId, now) : NoticeRequests.For(notice, [row.OwnerId], now), ct);
        await tx.CommitAsync(ct);
        return row;
    }

    public async Task RetryLaterAsync(Guid id, string error, TimeSpan delay, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE payouts SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next WHERE id = @id AND status = 'pending'
            """, new { id, error, next = (now + delay).ToUniversalTime() }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<PayoutRow>> ClaimDueAsync(DateTimeOffset now, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<PayoutRow>(new CommandDefinition($"""
            UPDATE payouts SET next_attempt_at = @lease
             WHERE id IN (SELECT id FROM payouts WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @take FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { now = now.ToUniversalTime(), lease = (now + Lease).ToUniversalTime(), take }, cancellationToken: ct))).ToList();
    }

    public static string Mask(string accountNumber) => accountNumber.Length <= 4 ? "****" : new string('*', accountNumber.Length - 4) + accountNumber[^4..];
}
