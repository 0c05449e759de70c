using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Messaging;

/// <summary>The outbox as an operator sees it: unsent rows, the oldest one's age, rows whose publishing failed.</summary>
public sealed record OutboxStatus(long Backlog, DateTimeOffset? OldestOccurredAt, double? OldestAgeSeconds, long FailedAttempts, string? LastError);

/// <summary>
/// Reads the outbox backlog every few seconds for the gauges and the admin API, and deletes sent rows
/// older than <see cref="MessagingOptions.SentRetention"/> and inbox rows older than
/// <see cref="MessagingOptions.InboxRetention"/>.
/// </summary>
internal sealed class OutboxMonitor : BackgroundService
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(1);
    private const int DeleteBatch = 5000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly MessagingOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<OutboxMonitor> _logger;
    private Snapshot _latest = new(0, null);

    public OutboxMonitor(NpgsqlDataSource dataSource, IOptions<MessagingOptions> options, TimeProvider clock, MessagingMetrics metrics, ILogger<OutboxMonitor> logger)
    {
        _dataSource = dataSource;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        metrics.Meter.CreateObservableGauge("brigade.messaging.outbox.backlog", () => _latest.Backlog, "{message}", "Outbox rows not yet published.");
        metrics.Meter.CreateObservableGauge("brigade.messaging.outbox.oldest_age", () => _latest.Oldest is { } oldest ? Math.Max(0, (_clock.GetUtcNow() - oldest).TotalSeconds) : 0,
            "s", "Age of the oldest unpublished outbox row.");
    }

    public async Task<OutboxStatus> ReadAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT count(*), min(occurred_at), count(*) FILTER (WHERE attempts > 0),
                   (SELECT last_error FROM messaging_outbox WHERE sent_at IS NULL AND last_error IS NOT NULL ORDER BY position DESC LIMIT 1)
              FROM messaging_outbox
             WHERE sent_at IS NULL
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var backlog = reader.GetInt64(0);
        DateTimeOffset? oldest = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        _latest = new Snapshot(backlog, oldest);
        return new OutboxStatus(backlog, oldest, oldest is { } o ? Math.Round(Math.Max(0, (_clock.GetUtcNow() - o).TotalSeconds), 3) : null,
            reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextCleanup = _clock.GetUtcNow();
        using var timer = new PeriodicTimer(RefreshInterval, _clock);
        try
        {
            do
            {
                nextCleanup = await RefreshAsync(nextCleanup, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<DateTimeOffset> RefreshAsync(DateTimeOffset nextCleanup, CancellationToken ct)
    {
        try
        {
            await ReadAsync(ct);
            if (_clock.GetUtcNow() >= nextCleanup)
            {
                await CleanupAsync(ct);
                return _clock.GetUtcNow() + CleanupInterval;
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            _logger.LogDebug(e, "Could not read the outbox; will try again");
        }

        return nextCleanup;
    }

    internal async Task CleanupAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var sent = await DeleteAsync("DELETE FROM messaging_outbox WHERE position IN (SELECT position FROM messaging_outbox WHERE sent_at < $1 LIMIT $2)", now - _options.SentRetention, ct);
        var handled = await DeleteAsync("DELETE FROM messaging_inbox WHERE message_id IN (SELECT message_id FROM messaging_inbox WHERE handled_at < $1 LIMIT $2)", now - _options.InboxRetention, ct);
        if (sent + handled > 0)
        {
            _logger.LogInformation("Deleted {Sent} sent outbox rows and {Handled} inbox rows past retention", sent, handled);
        }
    }

    private async Task<long> DeleteAsync(string sql, DateTimeOffset before, CancellationToken ct)
    {
        long total = 0;
        int deleted;
        do
        {
            await using var command = _dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = before });
            command.Parameters.Add(new NpgsqlParameter { Value = DeleteBatch });
            deleted = await command.ExecuteNonQueryAsync(ct);
            total += deleted;
        }
        while (deleted == DeleteBatch && !ct.IsCancellationRequested);

        return total;
    }

    private sealed record Snapshot(long Backlog, DateTimeOffset? Oldest);
}
