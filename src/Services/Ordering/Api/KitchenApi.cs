using Brigade.Api;
using Brigade.Ordering.Data;
using Brigade.Ordering.Domain;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Ordering.Api;

public sealed record TicketsResponse(IReadOnlyList<TicketResponse> Items, DateTimeOffset Now);

public sealed record AllDayResponse(IReadOnlyList<AllDayCount> Items);

public sealed record FireBody(int? Course);

/// <summary>
/// The kitchen display (KDS): live tickets per station with their age, all-day counts, and the cooks' and servers'
/// moves — fire and hold (coursing), start, bump to the pass, recall. Every change is pushed on <c>/hubs/kitchen</c>.
/// </summary>
public static class KitchenApi
{
    public const string Tag = "Kitchen";

    /// <summary>How long a bumped ticket stays on the screen for a recall.</summary>
    private static readonly TimeSpan RecallWindow = TimeSpan.FromMinutes(15);

    public static RouteGroupBuilder MapKitchen(this RouteGroupBuilder api)
    {
        api.MapGet("/tickets", TicketsAsync).RequireAuthorization()
            .WithName("KitchenTickets").WithSummary("Live tickets (held, fired, started; bumped in the last 15 min), oldest first (?restaurantId=&station=)").WithTags(Tag);
        api.MapGet("/all-day", AllDayAsync).RequireAuthorization()
            .WithName("AllDayCounts").WithSummary("How many of each item the kitchen has to make now, and held (?restaurantId=&station=)").WithTags(Tag);
        foreach (var action in Enum.GetValues<TicketAction>())
        {
            var name = action.ToString().ToLowerInvariant();
            api.MapPost($"/tickets/{{ticketId:guid}}/{name}", (Guid ticketId, [AsParameters] OrderingServices s) => ActAsync(ticketId, action, s))
                .RequireAuthorization()
                .WithName(action + "Ticket")
                .WithSummary(action switch
                {
                    TicketAction.Fire => "Fire a held ticket (its course goes to the station)",
                    TicketAction.Hold => "Hold a fired ticket that nobody started",
                    TicketAction.Start => "A cook started the ticket",
                    TicketAction.Bump => "The station finished the ticket; the last bump makes the order ready",
                    _ => "Bring a bumped ticket back to the station",
                })
                .WithTags(Tag);
        }

        api.MapPost("/orders/{orderId:guid}/fire", FireCourseAsync).RequireAuthorization()
            .WithName("FireCourse").WithSummary("Fire an order's held course { course? } (the next held course when none is named)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Ok<TicketsResponse>, ValidationProblem, ProblemHttpResult>> TicketsAsync(Guid? restaurantId, string? station, [AsParameters] OrderingServices s)
    {
        var (zone, refused) = await ScopeAsync(restaurantId, station, s);
        if (refused is not null)
        {
            return refused;
        }

        var now = s.Clock.GetUtcNow();
        var views = await s.Kitchen.LiveAsync(restaurantId!.Value, station, RecallWindow, now, s.Ct);
        var tickets = views.SelectMany(v => Render.Tickets(v, zone, now))
            .Where(t => t.Status != TicketStatus.Voided && (station is null || t.Station == station))
            .Where(t => t.Status != TicketStatus.Bumped || t.BumpedAt >= now - RecallWindow)
            .OrderBy(t => t.FiredAt ?? t.PlacedAt)
            .ToList();
        return TypedResults.Ok(new TicketsResponse(tickets, RestaurantTime.Local(now, zone)));
    }

    public static async Task<Results<Ok<AllDayResponse>, ValidationProblem, ProblemHttpResult>> AllDayAsync(Guid? restaurantId, string? station, [AsParameters] OrderingServices s)
    {
        var (_, refused) = await ScopeAsync(restaurantId, station, s);
        if (refused is not null)
        {
            return refused;
        }

        return TypedResults.Ok(new AllDayResponse(await s.Kitchen.AllDayAsync(restaurantId!.Value, station, s.Ct)));
    }

    public static async Task<Results<Ok<TicketResponse>, ProblemHttpResult>> ActAsync(Guid ticketId, TicketAction action, OrderingServices s)
    {
        var ticket = await s.Kitchen.FindTicketAsync(ticketId, s.Ct);
        if (ticket is null || !s.User.IsStaffOf(ticket.RestaurantId))
        {
            return Problems.NotFound("ticket", "티켓");
        }

        var restaurant = await s.Facts.RestaurantAsync(ticket.RestaurantId, s.Ct);
        var (outcome, view) = await s.Kitchen.ActAsync(ticketId, action, restaurant?.Name ?? "", s.Clock.GetUtcNow(), s.Ct);
        switch (outcome)
        {
            case TicketOutcome.NotFound:
                return Problems.NotFound("ticket", "티켓");
            case TicketOutcome.NotAllowed:
                return Problems.Conflict($"A {ticket.Status} ticket cannot be {action.ToString().ToLowerInvariant()}ed now; read the tickets again.",
                    "지금은 이 티켓에 그 작업을 할 수 없습니다. 티켓을 다시 불러와 주세요.", "invalid_ticket_move");
        }

        await s.Live.OrderChangedAsync(view!, restaurant?.TimeZone);
        return TypedResults.Ok(Render.Tickets(view!, restaurant?.TimeZone, s.Clock.GetUtcNow()).Single(t => t.Id == ticketId));
    }

    public static async Task<Results<Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> FireCourseAsync(Guid orderId, FireBody? body, [AsParameters] OrderingServices s)
    {
        var errors = new FieldErrors();
        int? course = body?.Course is null ? null : errors.RequiredRange("course", body.Course, 1, Pricing.MaxCourse);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var order = await s.Orders.FindAsync(orderId, s.Ct);
        if (order is null || !s.User.IsStaffOf(order.Order.RestaurantId))
        {
            return OrderProblems.NoOrder();
        }

        var (outcome, view) = await s.Kitchen.FireCourseAsync(orderId, course, s.Clock.GetUtcNow(), s.Ct);
        if (outcome != TicketOutcome.Done)
        {
            return Problems.Conflict("Nothing of that course is held.", "보류 중인 해당 코스가 없습니다.", "nothing_held");
        }

        var zone = await OrdersApi.ZoneAsync(s, order.Order.RestaurantId);
        await s.Live.OrderChangedAsync(view!, zone);
        return TypedResults.Ok(Render.Order(view!, zone, s.User.ActorFor(view!.Order) ?? Domain.Actor.Staff));
    }

    private static async Task<(string? Zone, ValidationProblem? Refused)> ScopeAsync(Guid? restaurantId, string? station, OrderingServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", restaurantId);
        if (station is not null && !StationRouting.IsStationName(station))
        {
            errors.Add("station", "station must be a station name (grill, cold, bar, …).", "station은 스테이션 이름이어야 합니다(grill, cold, bar 등).");
        }

        if (!errors.IsEmpty)
        {
            return (null, Problems.Invalid(errors));
        }

        if (!s.User.IsStaffOf(restaurantId!.Value))
        {
            throw new ProblemException(StatusCodes.Status404NotFound, "Not Found", Localized.Text("No such restaurant.", "해당 레스토랑을 찾을 수 없습니다."));
        }

        return (await OrdersApi.ZoneAsync(s, restaurantId.Value), null);
    }
}
