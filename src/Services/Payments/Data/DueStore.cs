using Dapper;
using Npgsql;

namespace Brigade.Payments.Data;

/// <summary>What a diner owes for an order or a reservation's deposit, and whether it still stands.</summary>
public sealed class DueRow
{
    public const string Order = "order";
    public const string Deposit = "reservation_deposit";

    public Guid Id { get; init; }

    public string Kind { get; init; } = "";

    public Guid ReferenceId { get; init; }

    public Guid RestaurantId { get; init; }

    public Guid? PayerId { get; init; }

    /// <summary>Null while only a cancellation is known (it arrived before the order or the deposit request).</summary>
    public long? Amount { get; init; }

    public string Currency { get; init; } = "KRW";

    /// <summary><c>open</c>, <c>cancelled</c> or <c>no_show</c>.</summary>
    public string State { get; init; } = "open";

    public DateTimeOffset? ExpiresAt { get; init; }

    public int? RefundPercent { get; init; }

    public long? RefundDue { get; init; }

    public long? NoShowFee { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Dues, written only by event handlers. Events may arrive in any order: a cancellation that comes before its order
/// leaves a cancelled due with no amount, and the late order fills in the amount without reopening it.
/// </summary>
public sealed class DueStore(NpgsqlDataSource db)
{
    private const string Columns = "id, kind, reference_id, restaurant_id, payer_id, amount, currency, state, expires_at, refund_percent, refund_due, no_show_fee, created_at";

    public async Task<DueRow?> FindAsync(string kind, Guid referenceId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<DueRow>(new CommandDefinition(
            $"SELECT {Columns} FROM dues WHERE kind = @kind AND reference_id = @referenceId", new { kind, referenceId }, cancellationToken: ct));
    }

    /// <summary>Locks the due for the rest of the transaction: payments, captures and cancellations of one due take turns.</summary>
    public static Task<DueRow> LockAsync(NpgsqlConnection c, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        c.QuerySingleAsync<DueRow>(new CommandDefinition($"SELECT {Columns} FROM dues WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct));

    /// <summary>An amount became due (order placed, deposit requested); a due already known keeps its amount and state.</summary>
    public static async Task OweAsync(NpgsqlConnection c, NpgsqlTransaction tx, string kind, Guid referenceId, Guid restaurantId, Guid? payerId,
        long amount, string currency, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO dues (id, kind, reference_id, restaurant_id, payer_id, amount, currency, state, expires_at, created_at, updated_at)
            VALUES (@id, @kind, @referenceId, @restaurantId, @payerId, @amount, @currency, 'open', @expiresAt, @now, @now)
            ON CONFLICT (kind, reference_id) DO UPDATE
               SET amount = excluded.amount, payer_id = excluded.payer_id, currency = excluded.currency,
                   expires_at = excluded.expires_at, updated_at = excluded.updated_at
             WHERE dues.amount IS NULL
            """, new { id = Guid.CreateVersion7(), kind, referenceId, restaurantId, payerId, amount, currency, expiresAt = expiresAt?.ToUniversalTime(), now = now.ToUniversalTime() },
            tx, cancellationToken: ct));

    /// <summary>
    /// The order or reservation ended without being had: <paramref name="state"/> <c>cancelled</c> or <c>no_show</c>.
    /// Only an open due (or a new one) changes; the due comes back locked.
    /// </summary>
    public static async Task<DueRow> CloseAsync(NpgsqlConnection c, NpgsqlTransaction tx, string kind, Guid referenceId, Guid restaurantId, Guid? payerId,
        string currency, string state, int? refundPercent, long? refundDue, long? noShowFee, DateTimeOffset now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO dues (id, kind, reference_id, restaurant_id, payer_id, amount, currency, state, refund_percent, refund_due, no_show_fee, created_at, updated_at)
            VALUES (@id, @kind, @referenceId, @restaurantId, @payerId, NULL, @currency, @state, @refundPercent, @refundDue, @noShowFee, @now, @now)
            ON CONFLICT (kind, reference_id) DO UPDATE
               SET state = excluded.state, refund_percent = excluded.refund_percent, refund_due = excluded.refund_due,
                   no_show_fee = excluded.no_show_fee, updated_at = excluded.updated_at
             WHERE dues.state = 'open'
            """, new { id = Guid.CreateVersion7(), kind, referenceId, restaurantId, payerId, currency, state, refundPercent, refundDue, noShowFee, now = now.ToUniversalTime() },
            tx, cancellationToken: ct));
        return await c.QuerySingleAsync<DueRow>(new CommandDefinition(
            $"SELECT {Columns} FROM dues WHERE kind = @kind AND reference_id = @referenceId FOR UPDATE", new { kind, referenceId }, tx, cancellationToken: ct));
    }
}
