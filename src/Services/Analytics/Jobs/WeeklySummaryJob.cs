using Brigade.Analytics.Data;
using Brigade.Analytics.Domain;
using Brigade.Api;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Brigade.Analytics.Jobs;

/// <summary>
/// Sends each restaurant's owners last week's numbers on Monday morning in the restaurant's zone, once per week: the claim
/// in <c>weekly_summaries_sent</c> and the <c>NotificationRequested</c> are written in one transaction, so a restart or a
/// second replica never sends a week twice. A restaurant with nothing last week gets nothing.
/// </summary>
public sealed class WeeklySummaryJob(SummaryStore store, IOptions<AnalyticsOptions> options, TimeProvider clock, ILogger<WeeklySummaryJob> logger)
    : PeriodicJob(clock, logger)
{
    protected override bool Enabled => options.Value.WeeklySummaryEnabled;

    protected override TimeSpan Interval => options.Value.WeeklySummaryInterval;

    protected override async Task RunRoundAsync(CancellationToken ct)
    {
        var sent = await RunOnceAsync(ct);
        if (sent > 0)
        {
            logger.LogInformation("Sent {Count} weekly summaries", sent);
        }
    }

    /// <summary>One round at the clock's time; returns how many summaries it sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(Clock.GetUtcNow());
        var sent = 0;
        // Candidates: restaurants with any day in the two weeks before now (zones differ by at most a day around the default's week).
        var today = now.InZone(RestaurantTime.DefaultZone).Date;
        foreach (var (restaurantId, zoneId) in await store.CandidatesAsync(ToDate(today.PlusDays(-15)), ToDate(today), ct))
        {
            if (WeeklySummary.DueWeek(now, RestaurantTime.Zone(zoneId), options.Value.WeeklySummaryHour) is not { } week)
            {
                continue;
            }

            if (await store.SendAsync(restaurantId, ToDate(week), Clock.GetUtcNow(), ct))
            {
                sent++;
            }
        }

        return sent;
    }

    private static DateOnly ToDate(LocalDate d) => new(d.Year, d.Month, d.Day);
}
