using Brigade.IoT.Data;
using Brigade.ServiceDefaults;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.IoT.Jobs;

/// <summary>
/// Each round: devices silent for <c>offline_after_missed</c> reporting intervals get an <c>offline</c> alarm; alarms
/// unacknowledged past the device's <c>escalate_after_seconds</c> escalate; commands past their deadline time out; once an
/// hour, raw readings and hourly aggregates past their retention are deleted. Safe on several replicas: every change is a
/// conditional update (or the one-open-alarm index), so one replica's wins.
/// </summary>
public sealed class DeviceWatch(NpgsqlDataSource db, Alarms alarms, CommandStore commands, TimeProvider clock, IOptions<IoTOptions> options, ILogger<DeviceWatch> logger)
    : PeriodicJob(clock, logger)
{
    private DateTimeOffset _lastRetention = DateTimeOffset.MinValue;

    protected override TimeSpan Interval => options.Value.WatchInterval;

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        var now = Clock.GetUtcNow();
        await OfflineAsync(now, ct);
        await EscalateAsync(now, ct);
        await commands.TimeOutAsync(now, ct);
        if (now - _lastRetention > TimeSpan.FromHours(1))
        {
            await RetainAsync(now, ct);
            _lastRetention = now;
        }
    }

    public async Task OfflineAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var silent = (await c.QueryAsync<DeviceRow>(new CommandDefinition($"""
            SELECT {DeviceStore.Columns} FROM devices d
            WHERE coalesce(d.last_seen_at, d.created_at) < @now - make_interval(secs => d.reporting_interval_seconds::double precision * d.offline_after_missed)
              AND NOT EXISTS (SELECT 1 FROM alarms a WHERE a.device_id = d.id AND a.kind = 'offline' AND a.state <> 'cleared')
            LIMIT 500
            """, new { now }, tx, cancellationToken: ct))).ToList();
        foreach (var d in silent)
        {
            await alarms.RaiseAsync(c, tx, d, "offline", null, null, now, ct);
        }

        await tx.CommitAsync(ct);
    }

    public async Task EscalateAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var due = (await c.QueryAsync<(Guid Id, Guid DeviceId, string Kind, double? Value, double? Threshold)>(new CommandDefinition("""
            UPDATE alarms a SET state = 'escalated', escalated_at = @now
            FROM devices d
            WHERE d.id = a.device_id AND a.state = 'raised' AND a.raised_at < @now - make_interval(secs => d.escalate_after_seconds::double precision)
            RETURNING a.id, a.device_id, a.kind, a.value, a.threshold
            """, new { now }, tx, cancellationToken: ct))).ToList();
        foreach (var a in due)
        {
            var d = await c.QuerySingleAsync<DeviceRow>(new CommandDefinition(
                $"SELECT {DeviceStore.Columns} FROM devices d WHERE d.id = @DeviceId", new { a.DeviceId }, tx, cancellationToken: ct));
            await alarms.EscalatedAsync(c, tx, a.Id, d, a.Kind, a.Value, a.Threshold, now, ct);
        }

        await tx.CommitAsync(ct);
    }

    private async Task RetainAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM readings WHERE at < @cutoff",
            new { cutoff = now.AddDays(-options.Value.RawRetentionDays) }, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition("DELETE FROM readings_hourly WHERE hour < @cutoff",
            new { cutoff = now.AddDays(-options.Value.HourlyRetentionDays) }, cancellationToken: ct));
    }
}
