using Brigade.Contracts.Jobs;
using Brigade.Messaging;
using Brigade.Staff.Data;
using NodaTime;

namespace Brigade.Staff.Events;

/// <summary>A one-day worker's approved marketplace shift: their hours become an approved timecard of the restaurant.</summary>
public sealed class RecordMarketplaceShift : IEventHandler<ShiftCompleted>
{
    public async Task HandleAsync(ShiftCompleted e, EventContext context, CancellationToken ct)
    {
        var settings = await SettingsStore.GetAsync(context.Connection, context.Transaction, e.RestaurantId, ct);
        await TimecardStore.RecordMarketplaceShiftAsync(
            context.Connection, context.Transaction, e.ApplicationId, e.RestaurantId, e.WorkerId, e.HourlyWage,
            Instant.FromDateTimeOffset(e.CheckedIn), e.PaidMinutes, e.Gross, settings.TimeZone, Instant.FromDateTimeOffset(e.ApprovedAt), ct);
    }
}
