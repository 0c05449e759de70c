using Brigade.Analytics.Data;
using Brigade.Contracts.Reservations;
using Brigade.Messaging;

namespace Brigade.Analytics.Events;

/// <summary>
/// Bookings and their outcomes, on the service date reservations gave them (so a 00:30 booking of a late service counts to
/// the evening it belongs to, as on the day sheet); computed from the start when an older event carries no date.
/// </summary>
public sealed class ReservationFacts(Ingest ingest) :
    IEventHandler<ReservationConfirmed>, IEventHandler<ReservationModified>, IEventHandler<ReservationCancelled>,
    IEventHandler<ReservationNoShow>, IEventHandler<ReservationCompleted>
{
    private string DateOf(DateTimeOffset start, string? serviceDate, string? zone) =>
        serviceDate is { Length: > 0 } && DateOnly.TryParseExact(serviceDate, "yyyy-MM-dd", out _) ? serviceDate : ingest.DayOf(start, zone).Date;

    public async Task HandleAsync(ReservationConfirmed e, EventContext context, CancellationToken ct)
    {
        var days = await FactStore.ReservationDetailsAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.Start,
            DateOf(e.Start, e.ServiceDate, e.TimeZone), e.PartySize, e.ConfirmedAt, ct);
        await ingest.ChangedAsync(context, e.RestaurantId, days, ct);
    }

    public async Task HandleAsync(ReservationModified e, EventContext context, CancellationToken ct)
    {
        var days = await FactStore.ReservationDetailsAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, e.Start,
            DateOf(e.Start, e.ServiceDate, e.TimeZone), e.PartySize, e.ModifiedAt, ct);
        await ingest.ChangedAsync(context, e.RestaurantId, days, ct);
    }

    public async Task HandleAsync(ReservationCancelled e, EventContext context, CancellationToken ct)
    {
        var days = await FactStore.ReservationOutcomeAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, "cancelled",
            e.CancelledAt, e.Start, DateOf(e.Start, e.ServiceDate, e.TimeZone), e.PartySize, e.CancelledBy, 0, ct);
        await ingest.ChangedAsync(context, e.RestaurantId, days, ct);
    }

    public async Task HandleAsync(ReservationNoShow e, EventContext context, CancellationToken ct)
    {
        var days = await FactStore.ReservationOutcomeAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, "no_show",
            e.RecordedAt, e.Start, DateOf(e.Start, e.ServiceDate, e.TimeZone), null, null, e.Fee, ct);
        await ingest.ChangedAsync(context, e.RestaurantId, days, ct);
    }

    public async Task HandleAsync(ReservationCompleted e, EventContext context, CancellationToken ct)
    {
        var days = await FactStore.ReservationOutcomeAsync(context.Connection, context.Transaction, e.ReservationId, e.RestaurantId, e.DinerId, "completed",
            e.CompletedAt, null, null, null, null, 0, ct);
        await ingest.ChangedAsync(context, e.RestaurantId, days, ct);
    }
}
