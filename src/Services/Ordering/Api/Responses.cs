using System.Text.Json;
using Brigade.Api;
using Brigade.Ordering.Data;
using Brigade.Ordering.Domain;

namespace Brigade.Ordering.Api;

/// <summary>An amount in minor units of an ISO 4217 currency (<c>{ "amount": 15000, "currency": "KRW" }</c>).</summary>
public sealed record Money(long Amount, string Currency);

public sealed record ModifierResponse(Guid OptionId, string Name, Money PriceDelta);

public sealed record LineResponse(
    Guid Id,
    Guid MenuItemId,
    string Name,
    string? Category,
    string Station,
    int Course,
    int Quantity,
    Money UnitPrice,
    Money LineTotal,
    IReadOnlyList<ModifierResponse> Modifiers,
    string? Notes,
    string Status,
    Guid? AddedBy,
    string? AddedByName);

public sealed record TableRef(Guid Id, string? Label);

public sealed record ShippingAddress(string? Street, string? Detail, string? City, string? ZipCode, string? Phone, string? Instructions);

/// <summary>Where the order's money stands: <c>unpaid</c>, <c>partially_paid</c>, <c>paid</c> or <c>refunded</c>.</summary>
public sealed record PaymentResponse(string Status, Money Paid, Money PaidAtCounter, Money Refunded, Money RefundDue, string? LastFailure);

public sealed record CancellationResponse(string By, string Reason, string? Note, DateTimeOffset At);

/// <summary>
/// An order as people read it: times carry the restaurant's offset (<c>timeZone</c>), money is minor units, <c>actions</c>
/// are the transitions the caller may make now, <c>number</c> is what the pass calls out.
/// </summary>
public sealed record OrderResponse(
    Guid Id,
    string Number,
    Guid RestaurantId,
    Guid? DinerId,
    string Channel,
    TableRef? Table,
    Guid? ReservationId,
    int? Covers,
    ShippingAddress? ShippingAddress,
    string? Notes,
    string Status,
    IReadOnlyList<LineResponse> Lines,
    Money Subtotal,
    Money Total,
    PaymentResponse Payment,
    CancellationResponse? Cancellation,
    DateTimeOffset PlacedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ReadyAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    IReadOnlyList<string> Actions,
    string TimeZone);

/// <summary>A kitchen ticket: one order's lines for one station and course, with the order's essentials and the ticket's age.</summary>
public sealed record TicketResponse(
    Guid Id,
    Guid OrderId,
    string OrderNumber,
    Guid RestaurantId,
    string Station,
    int Course,
    string Status,
    string Channel,
    string? TableLabel,
    string OrderStatus,
    string? OrderNotes,
    IReadOnlyList<TicketLine> Lines,
    DateTimeOffset PlacedAt,
    DateTimeOffset? FiredAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? BumpedAt,
    int AgeSeconds);

public sealed record TicketLine(Guid Id, string Name, int Quantity, IReadOnlyList<string> Modifiers, string? Notes, string Status);

internal static class Render
{
    /// <summary>A short number people can call out at the pass (<c>#4F2A</c>): the end of the id, which is random in a UUIDv7.</summary>
    public static string Number(Guid id) => "#" + id.ToString("N")[^4..].ToUpperInvariant();

    public static OrderResponse Order(OrderView view, string? timeZone, Domain.Actor actor)
    {
        var o = view.Order;
        DateTimeOffset Local(DateTimeOffset at) => RestaurantTime.Local(at, timeZone);
        DateTimeOffset? LocalOrNull(DateTimeOffset? at) => at is { } value ? Local(value) : null;
        Money M(long amount) => new(amount, o.Currency);
        return new OrderResponse(
            o.Id,
            Number(o.Id),
            o.RestaurantId,
            o.DinerId,
            o.Channel,
            o.TableId is null && o.TableLabel is null ? null : new TableRef(o.TableId ?? Guid.Empty, o.TableLabel),
            o.ReservationId,
            o.Covers,
            o.ShippingAddress is null ? null : JsonSerializer.Deserialize<ShippingAddress>(o.ShippingAddress, JsonSerializerOptions.Web),
            o.Notes,
            o.Status,
            view.Lines.Select(l => Line(l, o.Currency)).ToList(),
            M(o.Subtotal),
            M(o.Total),
            new PaymentResponse(PaymentState.Of(o.Total, o.Paid + o.PaidAtCounter, o.Refunded), M(o.Paid), M(o.PaidAtCounter), M(o.Refunded), M(o.RefundDue), o.PaymentFailure),
            o.CancelledAt is { } cancelledAt ? new CancellationResponse(o.CancelledBy ?? "", o.CancelReason ?? "", o.CancelNote, Local(cancelledAt)) : null,
            Local(o.PlacedAt),
            LocalOrNull(o.AcceptedAt),
            LocalOrNull(o.ReadyAt),
            LocalOrNull(o.ClosedAt),
            Local(o.UpdatedAt),
            o.Version,
            OrderLifecycle.Allowed(o.Status, o.Channel, actor).Select(OrderLifecycle.Spell).ToList(),
            RestaurantTime.Zone(timeZone).Id);
    }

    public static LineResponse Line(LineRow l, string currency) => new(
        l.Id, l.MenuItemId, l.Name, l.Category, l.Station, l.Course, l.Quantity, new Money(l.UnitPrice, currency), new Money(l.LineTotal, currency),
        l.Chosen().Select(m => new ModifierResponse(m.OptionId, m.Name, new Money(m.PriceDelta, currency))).ToList(),
        l.Notes, l.Status, l.AddedBy, l.AddedByName);

    public static IEnumerable<TicketResponse> Tickets(OrderView view, string? timeZone, DateTimeOffset now)
    {
        var o = view.Order;
        foreach (var k in view.Tickets)
        {
            var lines = view.Lines.Where(l => l.TicketId == k.Id && l.Active).ToList();
            var age = k.FiredAt is { } fired ? (k.BumpedAt ?? now) - fired : TimeSpan.Zero;
            yield return new TicketResponse(
                k.Id, o.Id, Number(o.Id), o.RestaurantId, k.Station, k.Course, k.Status, o.Channel, o.TableLabel, o.Status, o.Notes,
                lines.Select(l => new TicketLine(l.Id, l.Name, l.Quantity, l.Chosen().Select(m => m.Name).ToList(), l.Notes, l.Status)).ToList(),
                RestaurantTime.Local(o.PlacedAt, timeZone),
                k.FiredAt is { } f ? RestaurantTime.Local(f, timeZone) : null,
                k.StartedAt is { } s ? RestaurantTime.Local(s, timeZone) : null,
                k.BumpedAt is { } b ? RestaurantTime.Local(b, timeZone) : null,
                (int)Math.Max(0, age.TotalSeconds));
        }
    }
}
