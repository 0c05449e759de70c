using Brigade.Forecasting.Domain;
using Dapper;
using NodaTime;
using Npgsql;

namespace Brigade.Forecasting.Data;

public sealed class ModelRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string Target { get; init; } = "";
    public int Version { get; init; }
    public string Method { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Trigger { get; init; } = "";
    public DateTime Origin { get; init; }
    public double? Mase { get; init; }
    public double? Coverage { get; init; }
    public double IntervalLevel { get; init; }
    public double LowQuantile { get; init; }
    public double HighQuantile { get; init; }
    public int HistoryDays { get; init; }
    public int BacktestPoints { get; init; }
    public int Trees { get; init; }
    public Guid? TrainedBy { get; init; }
    public DateTimeOffset TrainedAt { get; init; }
}

public sealed class ModelDayRow
{
    public Guid ModelId { get; init; }
    public DateTime ServiceDate { get; init; }
    public double Value { get; init; }
    public double Low { get; init; }
    public double High { get; init; }
}

/// <summary>Trained models, versioned per restaurant and target, with the days each forecast.</summary>
public sealed class ModelStore(NpgsqlDataSource db)
{
    /// <summary>Stores a model as the next version of its restaurant's target (versions are serialised per restaurant by an advisory lock).</summary>
    public async Task<ModelRow> SaveAsync(Guid restaurantId, string target, ForecastResult result, LocalDate origin, string trigger, int trees, double level,
        Guid? by, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended('forecasting.models:' || @key, 0))",
            new { key = $"{restaurantId}:{target}" }, tx, cancellationToken: ct));
        var id = Guid.CreateVersion7();
        var row = await c.QuerySingleAsync<ModelRow>(new CommandDefinition("""
            INSERT INTO models (id, restaurant_id, target, version, method, reason, trigger, origin, mase, coverage, interval_level, low_quantile, high_quantile,
                history_days, backtest_points, trees, trained_by, trained_at)
            VALUES (@id, @restaurantId, @target,
                (SELECT COALESCE(max(version), 0) + 1 FROM models WHERE restaurant_id = @restaurantId AND target = @target),
                @Method, @Reason, @trigger, @origin::date, @Mase, @Coverage, @level, @LowQuantile, @HighQuantile, @HistoryDays, @BacktestPoints, @trees, @by, @now)
            RETURNING *
            """, new
        {
            id, restaurantId, target, result.Method, result.Reason, trigger, origin = HistoryStore.Iso(origin), result.Mase, result.Coverage, level,
            result.LowQuantile, result.HighQuantile, result.HistoryDays, result.BacktestPoints, trees = result.Method == "gbt" ? trees : 0, by, now,
        }, tx, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO model_days (model_id, service_date, value, low, high) VALUES (@id, @date::date, @Value, @Low, @High)",
            result.Days.Select(d => new { id, date = HistoryStore.Iso(d.Date), d.Value, d.Low, d.High }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return row;
    }

    /// <summary>The latest model of each target of a restaurant.</summary>
    public async Task<IReadOnlyList<ModelRow>> LatestAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ModelRow>(new CommandDefinition("""
            SELECT DISTINCT ON (target) * FROM models WHERE restaurant_id = @restaurantId ORDER BY target, version DESC
            """, new { restaurantId }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<ModelDayRow>> DaysAsync(IReadOnlyList<Guid> modelIds, LocalDate from, LocalDate toExclusive, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ModelDayRow>(new CommandDefinition("""
            SELECT * FROM model_days WHERE model_id = ANY(@modelIds) AND service_date >= @from::date AND service_date < @to::date ORDER BY service_date
            """, new { modelIds = modelIds.ToArray(), from = HistoryStore.Iso(from), to = HistoryStore.Iso(toExclusive) }, cancellationToken: ct))).ToList();
    }

    /// <summary>Model versions of a restaurant, newest first.</summary>
    public async Task<IReadOnlyList<ModelRow>> ListAsync(Guid restaurantId, string? target, (int Version, string Target)? before, int take, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<ModelRow>(new CommandDefinition("""
            SELECT * FROM models WHERE restaurant_id = @restaurantId AND (@target::text IS NULL OR target = @target)
                AND (@beforeVersion::int IS NULL OR (version, target) < (@beforeVersion, @beforeTarget::text))
            ORDER BY version DESC, target DESC LIMIT @take
            """, new { restaurantId, target, beforeVersion = before?.Version, beforeTarget = before?.Target, take }, cancellationToken: ct))).ToList();
    }

    /// <summary>Restaurants whose latest model forecasts from before <paramref name="today"/> (or that have none yet).</summary>
    public async Task<IReadOnlyList<Guid>> StaleAsync(IReadOnlyList<Guid> restaurants, LocalDate today, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<Guid>(new CommandDefinition("""
            SELECT r FROM unnest(@restaurants) r
            WHERE NOT EXISTS (SELECT 1 FROM models m WHERE m.restaurant_id = r AND m.origin >= @today::date)
            """, new { restaurants = restaurants.ToArray(), today = HistoryStore.Iso(today) }, cancellationToken: ct))).ToList();
    }
}
