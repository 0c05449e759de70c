using Brigade.Analytics.Data;
using Brigade.Analytics.Domain;
using Brigade.Api;
using Brigade.Messaging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Brigade.Analytics.Events;

/// <summary>What every handler shares: the service day of an instant, and the rollup and cache work after a fact was written.</summary>
public sealed class Ingest(IOptions<AnalyticsOptions> options, DashboardCache cache)
{
    /// <summary>
    /// The service day and hour of <paramref name="at"/> in the restaurant's zone. Facts carry no zone of their own;
    /// restaurants are in <see cref="RestaurantTime.DefaultZoneId"/> unless an event says otherwise.
    /// </summary>
    public Day DayOf(DateTimeOffset at, string? zoneId = null) =>
        Day.Of(ServiceDay.Of(Instant.FromDateTimeOffset(at), RestaurantTime.Zone(zoneId), options.Value.DayStartsAtHour));

    public async Task ChangedAsync(EventContext context, Guid restaurantId, IEnumerable<DateTime?> days, CancellationToken ct)
    {
        await Rollups.RecomputeAsync(context.Connection, context.Transaction, restaurantId, days, ct);
        context.OnCommitted(() => cache.InvalidateAsync(restaurantId));
    }
}
