using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Forecasting.Data;

public sealed class OverrideRow
{
    public DateTime ServiceDate { get; init; }
    public int? Covers { get; init; }
    public long? Sales { get; init; }
    public string? Note { get; init; }
    public Guid ByUser { get; init; }
    public DateTimeOffset At { get; init; }
}

public sealed class OverrideLogRow
{
    public Guid Id { get; init; }
    public DateTime ServiceDate { get; init; }
    public string Action { get; init; } = "";
    public int? Covers { get; init; }
    public long? Sales { get; init; }
    public string? Note { get; init; }
    public Guid ByUser { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>Owners' and managers' own figures for a day; each change is written to the audit log in the same transaction.</summary>
public sealed class OverrideStore(NpgsqlDataSource db)
{
    public async Task<OverrideRow> SetAsync(Guid restaurantId, LocalDate date, int? covers, long? sales, string? note, Guid by, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var args = new { restaurantId, date = HistoryStore.Iso(date), covers, sales, note, by, now, id = Guid.CreateVersion7() };
        var row = await c.QuerySingleAsync<OverrideRow>(new CommandDefinition("""
            INSERT INTO overrides (restaurant_id, service_date, covers, sales, note, by_user, at) VALUES (@restaurantId, @date::date, @covers, @sales, @note, @by, @now)
            ON CONFLICT (restaurant_id, service_date) DO UPDATE SET covers = EXCLUDED.covers, sales = EXCLUDED.sales, note = EXCLUDED.note,
                by_user = EXCLUDED.by_user, at = EXCLUDED.at
            RETURNING service_date, covers, sales, note, by_user, at
            """, args, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO override_log (id, restaurant_id, service_date, action, covers, sales, note, by_user, at)
            VALUES (@id, @restaurantId, @date::date, 'set', @covers, @sales, @note, @by, @now)
            """, args, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>Removes a day's override; false when there was none.</summary>
    public async Task<bool> RemoveAsync(Guid restaurantId, LocalDate date, Guid by, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var args = new { restaurantId, date = HistoryStore.Iso(date), by, now, id = Guid.CreateVersion7() };
        var removed = await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM overrides WHERE restaurant_id = @restaurantId AND service_date = @date::date", args, tx, cancellationToken: ct));
        if (removed == 0)
        {
            return false;
        }

        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO override_log (id, restaurant_id, service_date, action, by_user, at) VALUES (@id, @restaurantId, @date::date, 'removed', @by, @now)
            """, args, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyDictionary<LocalDate, OverrideRow>> ForDaysAsync(Guid restaurantId, LocalDate from, LocalDate toExclusive, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<OverrideRow>(new CommandDefinition("""
            SELECT service_date, covers, sales, note, by_user, at FROM overrides
            WHERE restaurant_id = @restaurantId AND service_date >= @from::date AND service_date < @to::date
            """, new { restaurantId, from = HistoryStore.Iso(from), to = HistoryStore.Iso(toExclusive) }, cancellationToken: ct));
        return rows.ToDictionary(r => HistoryStore.Local(r.ServiceDate));
    }

    public async Task<IReadOnlyList<OverrideLogRow>> LogAsync(Guid restaurantId, DateTimeOffset? before, Guid? beforeId, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<OverrideLogRow>(new CommandDefinition("""
            SELECT id, service_date, action, covers, sales, note, by_user, at FROM override_log
            WHERE restaurant_id = @restaurantId AND (@before::timestamptz IS NULL OR (at, id) < (@before, @beforeId))
            ORDER BY at DESC, id DESC LIMIT @take
            """, new { restaurantId, before, beforeId, take }, cancellationToken: ct))).ToList();
    }
}
