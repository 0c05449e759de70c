using Brigade.Data;
using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Reservations.Api;

public sealed record ConciergeRequestBody(Guid? RestaurantId, int? PartySize, DateTimeOffset? Start, GuestBody? Guest, string? Preferences);

/// <summary>Accepting: <see cref="BypassPacing"/> lets the restaurant seat a VIP party beyond the slot's covers (tables must still be free).</summary>
public sealed record AcceptBody(bool? BypassPacing);

public sealed record DeclineBody(string? Reason);

public sealed record ConciergeRequestResponse(
    Guid Id, Guid ConciergeId, Guid RestaurantId, int PartySize, DateTimeOffset Start, GuestBody Guest, string? Preferences,
    string Status, Guid? ReservationId, string? DeclineReason, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

public sealed record ConciergeListResponse(IReadOnlyList<ConciergeRequestResponse> Items);

public sealed record ConciergeServices(ConciergeStore Requests, BookReader Books, ReservationStore Reservations, TimeProvider Clock, HttpContext Http)
{
    internal System.Security.Claims.ClaimsPrincipal User => Http.User;

    internal CancellationToken Ct => Http.RequestAborted;

    internal Instant Now => Instant.FromDateTimeOffset(Clock.GetUtcNow());
}

/// <summary>Concierge desks (B2B) ask restaurants for tables for their VIP clients; the restaurant accepts or declines.</summary>
public static class ConciergeApi
{
    public const string Tag = "Concierge";

    public static RouteGroupBuilder MapConcierge(this RouteGroupBuilder api)
    {
        api.MapPost("/requests", CreateAsync).RequireRoles(Roles.Concierge).WithIdempotency()
            .WithName("CreateConciergeRequest").WithSummary("Ask a restaurant for a table for a client (concierge accounts)").WithTags(Tag);
        api.MapGet("/requests", ListAsync).RequireAuthorization()
            .WithName("ListConciergeRequests").WithSummary("The caller's requests (concierge), or a restaurant's (?restaurantId=, its people); newest first").WithTags(Tag);
        api.MapGet("/requests/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetConciergeRequest").WithSummary("One request and its status (its concierge or the restaurant's people)").WithTags(Tag);
        api.MapPost("/requests/{id:guid}/accept", AcceptAsync).RequireAuthorization()
            .WithName("AcceptConciergeRequest").WithSummary("Accept: book the table (optionally beyond pacing) and link the reservation (the restaurant's people)").WithTags(Tag);
        api.MapPost("/requests/{id:guid}/decline", DeclineAsync).RequireAuthorization()
            .WithName("DeclineConciergeRequest").WithSummary("Decline with an optional reason (the restaurant's people)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Created<ConciergeRequestResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ConciergeRequestBody body, [AsParameters] ConciergeServices s)
    {
        var errors = new Errors();
        var party = errors.TableRequest(body.RestaurantId, body.Start, body.PartySize);
        var name = errors.OptionalText("guest.name", body.Guest?.Name, 100);
        if (name is null)
        {
            errors.Add("guest.name", "guest.name is required.");
        }

        var phone = errors.OptionalText("guest.phone", body.Guest?.Phone, 30);
        if (phone is not null && GuestBook.NormalizePhone(phone) is null)
        {
            errors.Add("guest.phone", "guest.phone must be a phone number of 7 to 15 digits.");
        }

        var preferences = errors.OptionalText("preferences", body.Preferences, 1000);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var restaurant = await s.Books.FindAsync(body.RestaurantId!.Value, s.Ct);
        if (restaurant is not { Bookable: true })
        {
            return Problems.NotFound("bookable restaurant");
        }

        if (body.Start!.Value <= s.Clock.GetUtcNow())
        {
            return Problems.Invalid("start", "start must be in the future.");
        }

        var row = await s.Requests.CreateAsync(new ConciergeRequestRow
        {
            Id = Guid.CreateVersion7(),
            ConciergeId = s.User.UserId(),
            RestaurantId = restaurant.Id,
            PartySize = party,
            StartsAt = body.Start.Value,
            GuestName = name!,
            GuestPhone = phone,
            Preferences = preferences,
            CreatedAt = s.Clock.GetUtcNow(),
        }, s.Ct);
        return TypedResults.Created($"/api/concierge/requests/{row.Id}", ToResponse(row, restaurant.Zone));
    }

    public static async Task<Results<Ok<ConciergeListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid? restaurantId, int? limit, [AsParameters] ConciergeServices s)
    {
        var take = Paging.Limit(limit);
        if (restaurantId is { } id)
        {
            if (!s.User.IsStaffOf(id))
            {
                return Problems.NotFound("restaurant");
            }

            var zone = (await s.Books.FindAsync(id, s.Ct))?.Zone ?? DateTimeZoneProviders.Tzdb["Asia/Seoul"];
            return TypedResults.Ok(new ConciergeListResponse((await s.Requests.ListAsync(null, id, take, s.Ct)).Select(r => ToResponse(r, zone)).ToList()));
        }

        if (s.User.FindUserId() is not { } me || !s.User.IsInRole(Roles.Concierge))
        {
            return Problems.Invalid("restaurantId", "restaurantId is required unless you are a concierge.");
        }

        var rows = await s.Requests.ListAsync(me, null, take, s.Ct);
        var items = new List<ConciergeRequestResponse>();
        foreach (var row in rows)
        {
            items.Add(ToResponse(row, (await s.Books.FindAsync(row.RestaurantId, s.Ct))?.Zone ?? DateTimeZoneProviders.Tzdb["Asia/Seoul"]));
        }

        return TypedResults.Ok(new ConciergeListResponse(items));
    }

    public static async Task<Results<Ok<ConciergeRequestResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] ConciergeServices s)
    {
        var row = await s.Requests.FindAsync(id, s.Ct);
        if (row is null || !(row.ConciergeId == s.User.FindUserId() || s.User.IsStaffOf(row.RestaurantId)))
        {
            return Problems.NotFound("request");
        }

        return TypedResults.Ok(ToResponse(row, (await s.Books.FindAsync(row.RestaurantId, s.Ct))?.Zone ?? DateTimeZoneProviders.Tzdb["Asia/Seoul"]));
    }

    public static async Task<Results<Ok<ConciergeRequestResponse>, ProblemHttpResult>> AcceptAsync(Guid id, AcceptBody? body, [AsParameters] ConciergeServices s)
    {
        var row = await s.Requests.FindAsync(id, s.Ct);
        if (row is null || !s.User.IsStaffOf(row.RestaurantId))
        {
            return Problems.NotFound("request");
        }

        if (row.Status != "pending")
        {
            return Problems.Conflict($"The request is already {row.Status}.");
        }

        var start = Instant.FromDateTimeOffset(row.StartsAt);
        var loaded = await s.Books.LoadAsync(row.RestaurantId, start - Duration.FromDays(2), start + Duration.FromDays(2), s.Ct);
        if (loaded is not { } found)
        {
            return Problems.NotFound("request");
        }

        var bypass = body?.BypassPacing == true;
        var book = bypass ? found.Book with { CoversUsed = new Dictionary<Instant, int>() } : found.Book;
        var slot = Availability.At(book, start, row.PartySize, s.Now);
        if (slot is null)
        {
            return Problems.SlotUnavailable("That start cannot be booked for this party.", Availability.Nearest(book, start, row.PartySize, s.Now));
        }

        var now = s.Clock.GetUtcNow();
        var (outcome, reservation) = await s.Reservations.BookAsync(
            new NewBooking(row.RestaurantId, null, row.PartySize, slot.Start.ToDateTimeOffset(), slot.End.ToDateTimeOffset(),
                (slot.End.ToInstant() + Duration.FromMinutes(book.Settings.BufferMinutes)).ToDateTimeOffset(),
                row.GuestName, row.GuestPhone, row.Preferences, null, found.Restaurant.Currency, null),
            Availability.SpreadForRace(slot.Allocations, Random.Shared),
            bypass ? int.MaxValue / 2 : book.Settings.CoversPerSlot,
            now,
            s.Ct,
            (c, tx, reservationId) => ConciergeStore.AcceptAsync(c, tx, id, reservationId, now));
        return outcome switch
        {
            BookOutcome.Booked => TypedResults.Ok(ToResponse((await s.Requests.FindAsync(id, s.Ct))!, found.Restaurant.Zone)),
            BookOutcome.Stale => Problems.Conflict("The request was decided meanwhile."),
            _ => Problems.SlotUnavailable(
                outcome == BookOutcome.PacingFull ? "The slot has no covers left for this party; accept with bypassPacing to seat them anyway." : "Another booking took the last fitting table.",
                Availability.Nearest(book, start, row.PartySize, s.Now)),
        };
    }

    public static async Task<Results<Ok<ConciergeRequestResponse>, ValidationProblem, ProblemHttpResult>> DeclineAsync(Guid id, DeclineBody? body, [AsParameters] ConciergeServices s)
    {
        var errors = new Errors();
        var reason = errors.OptionalText("reason", body?.Reason, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Requests.FindAsync(id, s.Ct);
        if (row is null || !s.User.IsStaffOf(row.RestaurantId))
        {
            return Problems.NotFound("request");
        }

        var declined = await s.Requests.DeclineAsync(id, reason, s.Clock.GetUtcNow(), s.Ct);
        if (declined is null)
        {
            return Problems.Conflict("The request was already decided.");
        }

        return TypedResults.Ok(ToResponse(declined, (await s.Books.FindAsync(row.RestaurantId, s.Ct))?.Zone ?? DateTimeZoneProviders.Tzdb["Asia/Seoul"]));
    }

    private static ConciergeRequestResponse ToResponse(ConciergeRequestRow r, DateTimeZone zone) => new(
        r.Id, r.ConciergeId, r.RestaurantId, r.PartySize, Instant.FromDateTimeOffset(r.StartsAt).InZone(zone).ToDateTimeOffset(),
        new GuestBody(r.GuestName, r.GuestPhone), r.Preferences, r.Status, r.ReservationId, r.DeclineReason, r.CreatedAt, r.DecidedAt);
}
