using Brigade.IoT.Domain;
using Dapper;
using Npgsql;

namespace Brigade.IoT.Data;

public sealed class DeviceRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Unit { get; init; } = "";
    public string MqttUsername { get; init; } = "";
    public int ReportingIntervalSeconds { get; init; }
    public string? RuleKind { get; init; }
    public double? RuleThreshold { get; init; }
    public int RuleForSeconds { get; init; }
    public int RuleForReadings { get; init; }
    public double RuleClearMargin { get; init; }
    public int EscalateAfterSeconds { get; init; }
    public int OfflineAfterMissed { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastSeenAt { get; init; }
    public double? LastValue { get; init; }
    public DateTimeOffset? BreachSince { get; init; }
    public int BreachCount { get; init; }
    public long DroppedMessages { get; init; }
    public int Version { get; init; }

    /// <summary>The open alarm's state (<c>raised</c>, <c>escalated</c>, <c>acknowledged</c>) and kind, worst first; null when none.</summary>
    public string? AlarmState { get; init; }
    public string? AlarmKind { get; init; }

    public AlarmRule? Rule => RuleKind is null || RuleThreshold is null
        ? null
        : new AlarmRule(RuleKind, RuleThreshold.Value, RuleForSeconds, RuleForReadings, RuleClearMargin);
}

public sealed record DeviceFields(string Name, string Kind, int ReportingIntervalSeconds, RuleFields? Rule, int EscalateAfterSeconds, int OfflineAfterMissed);

public sealed record RuleFields(string Kind, double Threshold, int ForSeconds, int ForReadings, double ClearMargin);

public sealed class DeviceStore(NpgsqlDataSource db)
{
    /// <summary>The device without its alarm summary (ingestion's hot path).</summary>
    internal const string LeanColumns = """
        d.id, d.restaurant_id, d.name, d.kind, d.unit, d.mqtt_username, d.reporting_interval_seconds, d.rule_kind, d.rule_threshold,
        d.rule_for_seconds, d.rule_for_readings, d.rule_clear_margin, d.escalate_after_seconds, d.offline_after_missed, d.created_at,
        d.last_seen_at, d.last_value, d.breach_since, d.breach_count, d.dropped_messages, d.version
        """;

    internal const string Columns = """
        d.id, d.restaurant_id, d.name, d.kind, d.unit, d.mqtt_username, d.reporting_interval_seconds, d.rule_kind, d.rule_threshold,
        d.rule_for_seconds, d.rule_for_readings, d.rule_clear_margin, d.escalate_after_seconds, d.offline_after_missed, d.created_at,
        d.last_seen_at, d.last_value, d.breach_since, d.breach_count, d.dropped_messages, d.version,
        (SELECT a.state FROM alarms a WHERE a.device_id = d.id AND a.state <> 'cleared'
         ORDER BY CASE a.state WHEN 'escalated' THEN 0 WHEN 'raised' THEN 1 ELSE 2 END LIMIT 1) AS alarm_state,
        (SELECT a.kind FROM alarms a WHERE a.device_id = d.id AND a.state <> 'cleared'
         ORDER BY CASE a.state WHEN 'escalated' THEN 0 WHEN 'raised' THEN 1 ELSE 2 END LIMIT 1) AS alarm_kind
        """;

    public async Task<IReadOnlyList<DeviceRow>> ListAsync(IReadOnlyCollection<Guid> restaurantIds, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<DeviceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM devices d WHERE d.restaurant_id = ANY(@ids) ORDER BY d.restaurant_id, d.name, d.id LIMIT 2000",
            new { ids = restaurantIds.ToArray() }, cancellationToken: ct))).ToList();
    }

    public async Task<DeviceRow?> FindAsync(Guid restaurantId, Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<DeviceRow>(new CommandDefinition(
            $"SELECT {Columns} FROM devices d WHERE d.id = @id AND d.restaurant_id = @restaurantId", new { id, restaurantId }, cancellationToken: ct));
    }

    /// <summary>Inserts the device unless the restaurant already has <paramref name="max"/>; null then.</summary>
    public async Task<DeviceRow?> CreateAsync(Guid restaurantId, Guid id, DeviceFields f, int max, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        // Serialises concurrent creations for one restaurant so the cap holds.
        await c.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", new { key = $"iot-devices:{restaurantId}" }, tx, cancellationToken: ct));
        var count = await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*) FROM devices WHERE restaurant_id = @restaurantId", new { restaurantId }, tx, cancellationToken: ct));
        if (count >= max)
        {
            return null;
        }

        await c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO devices (id, restaurant_id, name, kind, unit, mqtt_username, reporting_interval_seconds, rule_kind, rule_threshold,
                rule_for_seconds, rule_for_readings, rule_clear_margin, escalate_after_seconds, offline_after_missed, created_at)
            VALUES (@id, @restaurantId, @Name, @Kind, @unit, @username, @ReportingIntervalSeconds, @ruleKind, @threshold,
                @forSeconds, @forReadings, @margin, @EscalateAfterSeconds, @OfflineAfterMissed, @now)
            """, new
        {
            id, restaurantId, f.Name, f.Kind, unit = AlarmRules.UnitOf(f.Kind), username = Mqtt.BrokerAccounts.UserName(id), f.ReportingIntervalSeconds,
            ruleKind = f.Rule?.Kind, threshold = f.Rule?.Threshold, forSeconds = f.Rule?.ForSeconds ?? 0, forReadings = f.Rule?.ForReadings ?? 1,
            margin = f.Rule?.ClearMargin ?? 0, f.EscalateAfterSeconds, f.OfflineAfterMissed, now,
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return await FindAsync(restaurantId, id, ct);
    }

    /// <summary>
    /// Replaces the device's settings and rule. A changed rule starts over: the breach run is reset and the rule's open
    /// alarm is cleared (returned, so its change is published) — the old rule's alarm says nothing about the new one.
    /// </summary>
    public async Task<(bool Found, bool Stale)> UpdateAsync(Guid restaurantId, Guid id, DeviceFields f, int? expectedVersion,
        Func<NpgsqlConnection, NpgsqlTransaction, Task> clearRuleAlarms, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var version = await c.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT version FROM devices WHERE id = @id AND restaurant_id = @restaurantId FOR UPDATE", new { id, restaurantId }, tx, cancellationToken: ct));
        if (version is null)
        {
            return (false, false);
        }

        if (expectedVersion is { } expected && expected != version)
        {
            return (true, true);
        }

        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE devices SET name = @Name, reporting_interval_seconds = @ReportingIntervalSeconds, rule_kind = @ruleKind, rule_threshold = @threshold,
                rule_for_seconds = @forSeconds, rule_for_readings = @forReadings, rule_clear_margin = @margin,
                escalate_after_seconds = @EscalateAfterSeconds, offline_after_missed = @OfflineAfterMissed,
                breach_since = NULL, breach_count = 0, version = version + 1
            WHERE id = @id
            """, new
        {
            id, f.Name, f.ReportingIntervalSeconds, ruleKind = f.Rule?.Kind, threshold = f.Rule?.Threshold, forSeconds = f.Rule?.ForSeconds ?? 0,
            forReadings = f.Rule?.ForReadings ?? 1, margin = f.Rule?.ClearMargin ?? 0, f.EscalateAfterSeconds, f.OfflineAfterMissed,
        }, tx, cancellationToken: ct));
        await clearRuleAlarms(c, tx);
        await tx.CommitAsync(ct);
        return (true, false);
    }

    public async Task<bool> DeleteAsync(Guid restaurantId, Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("DELETE FROM devices WHERE id = @id AND restaurant_id = @restaurantId", new { id, restaurantId }, cancellationToken: ct)) > 0;
    }

    /// <summary>Raw readings between two instants, oldest first, at most <paramref name="limit"/>.</summary>
    public sealed class Reading
    {
        public DateTimeOffset At { get; init; }
        public float Value { get; init; }
    }

    public async Task<IReadOnlyList<Reading>> ReadingsAsync(Guid id, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<Reading>(new CommandDefinition(
            "SELECT at, value FROM readings WHERE device_id = @id AND at >= @from AND at < @to ORDER BY at LIMIT @limit",
            new { id, from, to, limit }, cancellationToken: ct))).ToList();
    }

    public sealed class Hourly
    {
        public DateTimeOffset Hour { get; init; }
        public int N { get; init; }
        public double Avg { get; init; }
        public float Min { get; init; }
        public float Max { get; init; }
    }

    public async Task<IReadOnlyList<Hourly>> HourlyAsync(Guid id, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<Hourly>(new CommandDefinition(
            "SELECT hour, n, total / n AS avg, min, max FROM readings_hourly WHERE device_id = @id AND hour >= @from AND hour < @to ORDER BY hour LIMIT 10000",
            new { id, from, to }, cancellationToken: ct))).ToList();
    }
}
