using Brigade.Contracts.Payments;
using Brigade.Messaging;
using Brigade.Payments.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Payments.Data;

public sealed class RefundRow
{
    public Guid Id { get; init; }

    public Guid PaymentId { get; init; }

    public long Amount { get; init; }

    public string Reason { get; init; } = "";

    public string Cause { get; init; } = "";

    public Guid? RequestedBy { get; init; }

    /// <summary><c>pending</c> (reserved, not confirmed by the provider yet), <c>succeeded</c> or <c>failed</c>.</summary>
    public string Status { get; init; } = "";

    public string? ProviderKey { get; init; }

    public string? FailureCode { get; init; }

    public int Attempts { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>
/// Refunds. Asking reserves the amount on the payment (<c>refund_reserved</c>, which the database keeps within what
/// was captured), so refunds racing each other never return more than was paid; the provider is then asked with the
/// refund's id as Idempotency-Key, as often as it takes; its answer books the refund once.
/// </summary>
public sealed class RefundStore(NpgsqlDataSource db, LedgerStore ledger, IOutbox outbox)
{
    private const string Columns = "id, payment_id, amount, reason, cause, requested_by, status, provider_key, failure_code, attempts, next_attempt_at, created_at, completed_at";

    /// <summary>How long an attempt in progress keeps others (the reconciler, another replica) away from a refund.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public async Task<RefundRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<RefundRow>(new CommandDefinition($"SELECT {Columns} FROM refunds WHERE id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<RefundRow>> ListForPaymentAsync(Guid paymentId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<RefundRow>(new CommandDefinition(
            $"SELECT {Columns} FROM refunds WHERE payment_id = @paymentId ORDER BY created_at, id", new { paymentId }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Asks for a refund of a captured payment (the caller holds the payment's due locked). Null when it cannot be:
    /// not captured, more than is left, or an automatic refund of this cause exists already. The refund is leased to
    /// the caller, who runs it at once after the commit; the reconciler takes it over if that fails.
    /// </summary>
    public static async Task<Guid?> RequestAsync(NpgsqlConnection c, NpgsqlTransaction tx, PaymentRow payment, long amount, string cause, string reason,
        Guid? requestedBy, DateTimeOffset now, CancellationToken ct)
    {
        if (amount <= 0 || (cause != "requested" && await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM refunds WHERE payment_id = @Id AND cause = @cause)", new { payment.Id, cause }, tx, cancellationToken: ct))))
        {
            return null;
        }

        var reserved = await c.ExecuteAsync(new CommandDefinition("""
            UPDATE payments SET refund_reserved = refund_reserved + @amount, updated_at = @now, version = version + 1
             WHERE id = @Id AND status = 'captured' AND refund_reserved + @amount <= amount
            """, new { payment.Id, amount, now = now.ToUniversalTime() }, tx, cancellationToken: ct));
        if (reserved == 0)
        {
            return null;
        }

        var id = Guid.CreateVersion7();
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO refunds (id, payment_id, amount, reason, cause, requested_by, status, next_attempt_at, created_at)
            VALUES (@id, @paymentId, @amount, @reason, @cause, @requestedBy, 'pending', @lease, @now)
            """, new { id, paymentId = payment.Id, amount, reason, cause, requestedBy, lease = (now + Lease).ToUniversalTime(), now = now.ToUniversalTime() },
            tx, cancellationToken: ct));
        return id;
    }

    /// <summary>A refund asked for through the API: locks the due and the payment, then <see cref="RequestAsync"/>.</summary>
    public async Task<Guid?> RequestAsync(Guid paymentId, long amount, string reason, Guid requestedBy, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var payment = await LockPaymentAsync(c, tx, paymentId, ct);
        var id = await RequestAsync(c, tx, payment, amount, "requested", reason, requestedBy, now, ct);
        if (id is not null)
        {
            await tx.CommitAsync(ct);
        }

        return id;
    }

    /// <summary>Locks a payment after its due (the order every writer takes).</summary>
    public static async Task<PaymentRow> LockPaymentAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid paymentId, CancellationToken ct)
    {
        var dueId = await c.ExecuteScalarAsync<Guid>(new CommandDefinition("SELECT due_id FROM payments WHERE id = @paymentId", new { paymentId }, tx, cancellationToken: ct));
        await DueStore.LockAsync(c, tx, dueId, ct);
        return await c.QuerySingleAsync<PaymentRow>(new CommandDefinition(
            "SELECT * FROM payments WHERE id = @paymentId FOR UPDATE", new { paymentId }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// The provider returned the money: the refund succeeds, the payment's refunded total grows, the ledger books it
    /// (the fee on the refunded part goes back to the restaurant), <c>payments.payment.refunded</c> is published and
    /// the payer told. Once: only a pending refund moves.
    /// </summary>
    public async Task<RefundRow?> SucceedAsync(Guid id, string? providerKey, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var paymentId = await c.ExecuteScalarAsync<Guid?>(new CommandDefinition("SELECT payment_id FROM refunds WHERE id = @id", new { id }, tx, cancellationToken: ct));
        if (paymentId is null)
        {
            return null;
        }

        var payment = await LockPaymentAsync(c, tx, paymentId.Value, ct);
        var refund = await c.QuerySingleOrDefaultAsync<RefundRow>(new CommandDefinition($"""
            UPDATE refunds SET status = 'succeeded', provider_key = @providerKey, completed_at = @now, next_attempt_at = NULL, last_error = NULL
             WHERE id = @id AND status = 'pending' RETURNING {Columns}
            """, new { id, providerKey, now }, tx, cancellationToken: ct));
        if (refund is null)
        {
            return null;
        }

        var feeReturned = MoneyRules.FeeReturned(payment.Amount, payment.Refunded, refund.Amount, payment.FeeBasisPoints);
        var refundedTotal = payment.Refunded + refund.Amount;
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE payments SET refunded = @refundedTotal, updated_at = @now, version = version + 1 WHERE id = @Id",
            new { payment.Id, refundedTotal, now }, tx, cancellationToken: ct));
        await ledger.PostAsync(c, tx, JournalEntry.Refund(refund.Id, payment.RestaurantId, refund.Amount, feeReturned, payment.Currency,
            $"{refund.Cause} {payment.PurposeKind} {payment.ReferenceId}"), now, ct);
        await outbox.AddAsync(c, tx, new PaymentRefunded(payment.Id, refund.Id, new PaymentPurpose(payment.PurposeKind, payment.ReferenceId), payment.RestaurantId,
            payment.PayerId, refund.Amount, refundedTotal, payment.Currency, refund.Cause, now), ct);
        await outbox.AddAsync(c, tx, NoticeRequests.For(Notices.Refunded(refund.Amount, payment.Currency, payment.PurposeKind, payment.ReferenceId), [payment.Recipient], now), ct);
        await tx.CommitAsync(ct);
        return refund;
    }

    /// <summary>The provider refused the refund for good: it fails and its reservation on the payment is released.</summary>
    public async Task<RefundRow?> FailAsync(Guid id, string code, string message, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var paymentId = await c.ExecuteScalarAsync<Guid>(new CommandDefinition("SELECT payment_id FROM refunds WHERE id = @id", new { id }, tx, cancellationToken: ct));
        await LockPaymentAsync(c, tx, paymentId, ct);
        var refund = await c.QuerySingleOrDefaultAsync<RefundRow>(new CommandDefinition($"""
            UPDATE refunds SET status = 'failed', failure_code = @code, last_error = @message, completed_at = @now, next_attempt_at = NULL
             WHERE id = @id AND status = 'pending' RETURNING {Columns}
            """, new { id, code, message, now }, tx, cancellationToken: ct));
        if (refund is not null)
        {
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE payments SET refund_reserved = refund_reserved - @Amount, updated_at = @now, version = version + 1 WHERE id = @PaymentId",
                new { refund.Amount, refund.PaymentId, now }, tx, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return refund;
    }

    /// <summary>The provider's answer was not known: try again after <paramref name="delay"/>.</summary>
    public async Task RetryLaterAsync(Guid id, string error, TimeSpan delay, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE refunds SET attempts = attempts + 1, last_error = @error, next_attempt_at = @next WHERE id = @id AND status = 'pending'
            """, new { id, error, next = (now + delay).ToUniversalTime() }, cancellationToken: ct));
    }

    /// <summary>Pending refunds whose turn has come, leased to the caller.</summary>
    public async Task<IReadOnlyList<RefundRow>> ClaimDueAsync(DateTimeOffset now, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<RefundRow>(new CommandDefinition($"""
            UPDATE refunds SET next_attempt_at = @lease
             WHERE id IN (SELECT id FROM refunds WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @take FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { now = now.ToUniversalTime(), lease = (now + Lease).ToUniversalTime(), take }, cancellationToken: ct))).ToList();
    }

    /// <summary>Brings a payment's pending refunds forward (a provider notification said something changed).</summary>
    public async Task HurryAsync(Guid paymentId, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE refunds SET next_attempt_at = @now WHERE payment_id = @paymentId AND status = 'pending'", new { paymentId, now = now.ToUniversalTime() }, cancellationToken: ct));
    }
}
