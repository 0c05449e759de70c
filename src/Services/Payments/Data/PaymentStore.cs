using Brigade.Contracts.Payments;
using Brigade.Messaging;
using Brigade.Payments.Domain;
using Brigade.Payments.Provider;
using Dapper;
using Npgsql;

namespace Brigade.Payments.Data;

public sealed class PaymentRow
{
    public Guid Id { get; init; }

    public Guid DueId { get; init; }

    public string PurposeKind { get; init; } = "";

    public Guid ReferenceId { get; init; }

    public Guid RestaurantId { get; init; }

    public Guid? PayerId { get; init; }

    public Guid CreatedBy { get; init; }

    public long Amount { get; init; }

    public string Currency { get; init; } = "KRW";

    public string Method { get; init; } = "card";

    public string CaptureMethod { get; init; } = "automatic";

    public string Status { get; init; } = "";

    public string Provider { get; init; } = "";

    public string? ProviderKey { get; init; }

    public string? CardBrand { get; init; }

    public string? CardLast4 { get; init; }

    public string? FailureCode { get; init; }

    public string? FailureMessage { get; init; }

    public int FeeBasisPoints { get; init; }

    public long RefundReserved { get; init; }

    public long Refunded { get; init; }

    public DateTimeOffset? AttemptedAt { get; init; }

    public DateTimeOffset? AuthorizedAt { get; init; }

    public DateTimeOffset? CapturedAt { get; init; }

    public DateTimeOffset? FailedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public int Version { get; init; }

    /// <summary>Whom to tell about it: the diner who owed it, else whoever paid.</summary>
    public Guid Recipient => PayerId ?? CreatedBy;
}

/// <summary>A payment about to be written: its due, who starts it, the card's brand and last four digits (never more).</summary>
public sealed record NewPayment(Guid Id, Guid DueId, Guid CreatedBy, long Amount, string Currency, string Method, string CaptureMethod, string Status,
    string Provider, string? CardBrand, string? CardLast4, int FeeBasisPoints);

/// <summary>Why a payment could not start (or <see cref="Started"/>).</summary>
public enum StartOutcome { Started, NotFound, DueClosed, DueExpired, AmountChanged, AlreadyPaid, Stale }

/// <summary>What a capture did: the payment as captured, and the refund to run when its due had closed meanwhile.</summary>
public sealed record Captured(PaymentRow Payment, Guid? LateRefundId);

/// <summary>
/// Payments and their transitions. Every transition is a conditional update from the states it may come from, so of
/// two racing callers (the request, the reconciler, a notification) one wins and the other changes nothing. The due
/// is locked before the payment wherever both are, so no two transactions wait on each other.
/// </summary>
public sealed class PaymentStore(NpgsqlDataSource db, LedgerStore ledger, IOutbox outbox)
{
    private const string Columns = """
        id, due_id, purpose_kind, reference_id, restaurant_id, payer_id, created_by, amount, currency, method, capture_method, status,
        provider, provider_key, card_brand, card_last4, failure_code, failure_message, fee_basis_points, refund_reserved, refunded,
        attempted_at, authorized_at, captured_at, failed_at, cancelled_at, created_at, updated_at, version
        """;

    public async Task<PaymentRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<PaymentRow>(new CommandDefinition($"SELECT {Columns} FROM payments WHERE id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<PaymentRow?> FindByProviderKeyAsync(string providerKey, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<PaymentRow>(new CommandDefinition(
            $"SELECT {Columns} FROM payments WHERE provider_key = @providerKey", new { providerKey }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<PaymentRow>> ListForDueAsync(Guid dueId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<PaymentRow>(new CommandDefinition(
            $"SELECT {Columns} FROM payments WHERE due_id = @dueId ORDER BY created_at DESC, id DESC", new { dueId }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<PaymentRow>> ListForPayerAsync(Guid userId, (DateTimeOffset At, Guid Id)? after, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<PaymentRow>(new CommandDefinition($"""
            SELECT {Columns} FROM payments
             WHERE (payer_id = @userId OR (payer_id IS NULL AND created_by = @userId))
               AND (@afterAt::timestamptz IS NULL OR (created_at, id) < (@afterAt, @afterId))
             ORDER BY created_at DESC, id DESC LIMIT @take
            """, new { userId, afterAt = after?.At.ToUniversalTime(), afterId = after?.Id, take }, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Writes a payment for its due after checking, with the due locked, that the due is open, unexpired and still
    /// for this amount, and — for a payment that holds the due — that no other payment is under way or captured.
    /// </summary>
    public async Task<(StartOutcome Outcome, PaymentRow? Payment)> OpenAsync(NewPayment p, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var due = await DueStore.LockAsync(c, tx, p.DueId, ct);
        var refused = await RefusalAsync(c, tx, due, p.Amount, p.Currency, PaymentStatus.HoldsTheDue(p.Status), except: null, now, ct);
        if (refused != StartOutcome.Started)
        {
            return (refused, null);
        }

        var row = await c.QuerySingleAsync<PaymentRow>(new CommandDefinition($"""
            INSERT INTO payments (id, due_id, purpose_kind, reference_id, restaurant_id, payer_id, created_by, amount, currency, method, capture_method,
                status, provider, card_brand, card_last4, fee_basis_points, attempted_at, created_at, updated_at)
            VALUES (@Id, @DueId, @kind, @referenceId, @restaurantId, @payerId, @CreatedBy, @Amount, @Currency, @Method, @CaptureMethod,
                @Status, @Provider, @CardBrand, @CardLast4, @FeeBasisPoints, @attemptedAt, @now, @now)
            RETURNING {Columns}
            """, new
        {
            p.Id, p.DueId, kind = due.Kind, referenceId = due.ReferenceId, restaurantId = due.RestaurantId, payerId = due.PayerId, p.CreatedBy, p.Amount,
            p.Currency, p.Method, p.CaptureMethod, p.Status, p.Provider, p.CardBrand, p.CardLast4, p.FeeBasisPoints,
            attemptedAt = PaymentStatus.InDoubt(p.Status) ? now : (DateTimeOffset?)null, now,
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (StartOutcome.Started, row);
    }

    /// <summary>
    /// A payment created earlier (<c>requires_confirmation</c>) starts its call to the provider: the same checks as
    /// <see cref="OpenAsync"/>, then <paramref name="to"/> (<c>authorizing</c>, or <c>capturing</c> for a card the
    /// provider's payment window already authenticated), with the card's brand and last four digits when given.
    /// </summary>
    public async Task<(StartOutcome Outcome, PaymentRow? Payment)> BeginAsync(Guid id, string to, string? cardBrand, string? cardLast4, string? providerKey,
        DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var dueId = await c.ExecuteScalarAsync<Guid?>(new CommandDefinition("SELECT due_id FROM payments WHERE id = @id", new { id }, tx, cancellationToken: ct));
        if (dueId is null)
        {
            return (StartOutcome.NotFound, null);
        }

        var due = await DueStore.LockAsync(c, tx, dueId.Value, ct);
        var current = await c.QuerySingleAsync<PaymentRow>(new CommandDefinition($"SELECT {Columns} FROM payments WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        if (current.Status != PaymentStatus.RequiresConfirmation)
        {
            return (StartOutcome.Stale, current);
        }

        var refused = await RefusalAsync(c, tx, due, current.Amount, current.Currency, holds: true, except: id, now, ct);
        if (refused != StartOutcome.Started)
        {
            return (refused, current);
        }

        var row = await c.QuerySingleAsync<PaymentRow>(new CommandDefinition($"""
            UPDATE payments SET status = @to, card_brand = coalesce(@cardBrand, card_brand), card_last4 = coalesce(@cardLast4, card_last4),
                   provider_key = coalesce(@providerKey, provider_key), attempted_at = @now, updated_at = @now, version = version + 1
             WHERE id = @id RETURNING {Columns}
            """, new { id, to, cardBrand, cardLast4, providerKey, now }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return (StartOutcome.Started, row);
    }

    private static async Task<StartOutcome> RefusalAsync(NpgsqlConnection c, NpgsqlTransaction tx, DueRow due, long amount, string currency, bool holds, Guid? except,
        DateTimeOffset now, CancellationToken ct)
    {
        if (due.State != "open" || due.Amount is null)
        {
            return StartOutcome.DueClosed;
        }

        if (due.ExpiresAt is { } expires && expires <= now)
        {
            return StartOutcome.DueExpired;
        }

        if (due.Amount != amount || due.Currency != currency)
        {
            return StartOutcome.AmountChanged;
        }

        if (holds && await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM payments WHERE due_id = @Id AND status = ANY(@live) AND id IS DISTINCT FROM @except)",
                new { due.Id, live = Live, except }, tx, cancellationToken: ct)))
        {
            return StartOutcome.AlreadyPaid;
        }

        return StartOutcome.Started;
    }

    private static readonly string[] Live = [PaymentStatus.Authorizing, PaymentStatus.Authorized, PaymentStatus.Capturing, PaymentStatus.Captured];

    /// <summary>The provider authorised the card (not captured yet).</summary>
    public Task<PaymentRow?> AuthorizedAsync(Guid id, string providerKey, DateTimeOffset now, CancellationToken ct) =>
        MoveAsync(id, PaymentStatus.Authorized, now, ct, "provider_key = @providerKey, authorized_at = @now", new { providerKey });

    /// <summary>The capture call is about to be sent (in doubt from now until its answer).</summary>
    public Task<PaymentRow?> CapturingAsync(Guid id, DateTimeOffset now, CancellationToken ct) =>
        MoveAsync(id, PaymentStatus.Capturing, now, ct, "attempted_at = @now", new { });

    /// <summary>Marks an in-doubt call as looked at now, so other replicas' reconcilers leave it for a while.</summary>
    public async Task<IReadOnlyList<PaymentRow>> ClaimInDoubtAsync(DateTimeOffset before, DateTimeOffset now, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<PaymentRow>(new CommandDefinition($"""
            UPDATE payments SET attempted_at = @now
             WHERE id IN (SELECT id FROM payments WHERE status IN ('authorizing', 'capturing') AND attempted_at < @before
                           ORDER BY attempted_at LIMIT @take FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { before = before.ToUniversalTime(), now = now.ToUniversalTime(), take }, cancellationToken: ct))).ToList();
    }

    /// <summary>Declined, abandoned or refused at confirmation: nothing was captured. Publishes <c>payments.payment.failed</c>.</summary>
    public async Task<PaymentRow?> FailAsync(Guid id, string code, string message, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<PaymentRow>(new CommandDefinition($"""
            UPDATE payments SET status = 'failed', failure_code = @code, failure_message = @message, failed_at = @now, updated_at = @now, version = version + 1
             WHERE id = @id AND status = ANY(@from) RETURNING {Columns}
            """, new { id, code = Truncate(code, 100), message = Truncate(message, 500), now, from = PaymentStatus.From(PaymentStatus.Failed) }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        await outbox.AddAsync(c, tx, new PaymentFailed(row.Id, new PaymentPurpose(row.PurposeKind, row.ReferenceId), row.RestaurantId, row.PayerId,
            row.Amount, row.Currency, row.FailureCode!, now), ct);
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Voided before capture (nothing was captured).</summary>
    public Task<PaymentRow?> CancelAsync(Guid id, DateTimeOffset now, CancellationToken ct) =>
        MoveAsync(id, PaymentStatus.Cancelled, now, ct, "cancelled_at = @now", new { });

    /// <summary>
    /// The provider captured the payment: books it (payer funds in, the restaurant owed it less the platform fee),
    /// publishes <c>payments.payment.completed</c> and tells the payer. Exactly once: the status moves only from a
    /// state before capture, and the ledger takes one capture entry per payment. A due that closed meanwhile (the
    /// order or booking was cancelled while the card was being charged) gets its money back in full.
    /// </summary>
    public async Task<Captured?> CaptureAsync(Guid id, ProviderPayment confirmed, DateTimeOffset now, CancellationToken ct)
    {
        now = now.ToUniversalTime();
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var dueId = await c.ExecuteScalarAsync<Guid>(new CommandDefinition("SELECT due_id FROM payments WHERE id = @id", new { id }, tx, cancellationToken: ct));
        var due = await DueStore.LockAsync(c, tx, dueId, ct);
        var current = await c.QuerySingleAsync<PaymentRow>(new CommandDefinition($"SELECT {Columns} FROM payments WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));
        if (!PaymentStatus.CanMove(current.Status, PaymentStatus.Captured))
        {
            return null;
        }

        if (confirmed.TotalAmount != current.Amount)
        {
            throw new InvalidOperationException($"The provider captured {confirmed.TotalAmount} for payment {id} of {current.Amount}; left in doubt for a person to look at.");
        }

        var row = await c.QuerySingleAsync<PaymentRow>(new CommandDefinition($"""
            UPDATE payments SET status = 'captured', provider_key = @key, captured_at = @now, authorized_at = coalesce(authorized_at, @now),
                   updated_at = @now, version = version + 1
             WHERE id = @id RETURNING {Columns}
            """, new { id, key = confirmed.PaymentKey, now }, tx, cancellationToken: ct));
        var fee = MoneyRules.Fee(row.Amount, row.FeeBasisPoints);
        await ledger.PostAsync(c, tx, JournalEntry.Capture(row.Id, row.RestaurantId, row.Amount, fee, row.Currency, $"{row.PurposeKind} {row.ReferenceId}"), now, ct);
        await outbox.AddAsync(c, tx, new PaymentCompleted(row.Id, new PaymentPurpose(row.PurposeKind, row.ReferenceId), row.RestaurantId, row.PayerId,
            row.Amount, row.Currency, row.Method, now), ct);
        await outbox.AddAsync(c, tx, NoticeRequests.For(Notices.Receipt(row.Amount, row.Currency, row.CardLast4, row.PurposeKind, row.ReferenceId), [row.Recipient], now), ct);

        Guid? lateRefund = null;
        if (due.State != "open")
        {
            lateRefund = await RefundStore.RequestAsync(c, tx, row, row.Amount, "late_capture",
                "The order or booking was cancelled while the payment was being made.", requestedBy: null, now, ct);
        }

        await tx.CommitAsync(ct);
        return new Captured(row, lateRefund);
    }

    private async Task<PaymentRow?> MoveAsync(Guid id, string to, DateTimeOffset now, CancellationToken ct, string sets, object extra)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var args = new DynamicParameters(extra);
        args.AddDynamicParams(new { id, to, now = now.ToUniversalTime(), from = PaymentStatus.From(to) });
        return await c.QuerySingleOrDefaultAsync<PaymentRow>(new CommandDefinition($"""
            UPDATE payments SET status = @to, {sets}, updated_at = @now, version = version + 1
             WHERE id = @id AND status = ANY(@from) RETURNING {Columns}
            """, args, cancellationToken: ct));
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
