using Brigade.Analytics.Data;
using Brigade.Analytics.Domain;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Restaurants;
using Brigade.Messaging;

namespace Brigade.Analytics.Events;

/// <summary>Seats (active tables) and opening hours for RevPASH, from restaurants' events.</summary>
public sealed class FloorFacts(DashboardCache cache) : IEventHandler<TableChanged>, IEventHandler<HoursChanged>
{
    public async Task HandleAsync(TableChanged e, EventContext context, CancellationToken ct)
    {
        await FloorStore.TableAsync(context.Connection, context.Transaction, e.TableId, e.RestaurantId, Math.Max(e.MaxCapacity, 0), e.Active, e.Version, e.ChangedAt, ct);
        context.OnCommitted(() => cache.InvalidateAsync(e.RestaurantId));
    }

    public async Task HandleAsync(HoursChanged e, EventContext context, CancellationToken ct)
    {
        var weekly = e.Weekly.Select(w => new WeeklyPeriod(w.Day, w.Open, w.Close)).ToList();
        var exceptions = e.Exceptions.Select(x => new ExceptionRow(x.Date, x.Closed, x.Periods.Select(p => new PeriodRow(p.Open, p.Close)).ToList())).ToList();
        await FloorStore.HoursAsync(context.Connection, context.Transaction, e.RestaurantId, e.TimeZone, weekly, exceptions, e.ChangedAt, ct);
        context.OnCommitted(() => cache.InvalidateAsync(e.RestaurantId));
    }
}

/// <summary>The stored shape of an exception date (tuples do not serialise as JSON objects).</summary>
public sealed record ExceptionRow(string Date, bool Closed, IReadOnlyList<PeriodRow> Periods);

public sealed record PeriodRow(string Open, string Close);

/// <summary>Day-work shifts filled through jobs, for the platform view: booked (accepted) and not cancelled.</summary>
public sealed class JobFacts(Ingest ingest) : IEventHandler<ApplicationAccepted>, IEventHandler<ShiftCancelled>
{
    public Task HandleAsync(ApplicationAccepted e, EventContext context, CancellationToken ct) =>
        FloorStore.ShiftAsync(context.Connection, context.Transaction, e.ApplicationId, e.RestaurantId, e.JobId, ingest.DayOf(e.Start).Date, e.AcceptedAt, null, ct);

    public Task HandleAsync(ShiftCancelled e, EventContext context, CancellationToken ct) =>
        FloorStore.ShiftAsync(context.Connection, context.Transaction, e.ApplicationId, e.RestaurantId, e.JobId, ingest.DayOf(e.Start).Date, null, e.CancelledAt, ct);
}
