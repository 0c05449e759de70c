using Brigade.Api;
using Brigade.Data;
using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Reservations.Api;

/// <summary><c>start</c>: an ISO 8601 instant with its offset (<c>2026-12-24T19:00:00+09:00</c>).</summary>
public sealed record ConciergeRequestBody(Guid? RestaurantId, int? PartySize, string? Start, GuestBody? Guest, string? Preferences);

/// <summary>Accepting: <see cref="BypassPacing"/> lets the restaurant seat a VIP party beyond the slot's covers (tables must still be free).</summary>
public sealed record AcceptBody(bool? BypassPacing);

public sealed record DeclineBody(string? Reason);

public sealed record ConciergeRequestResponse(
    Guid Id, Guid ConciergeId, Guid RestaurantId, int PartySize, DateTimeOffset Start, GuestBody Guest, string? Preferences,
    string Status, Guid? ReservationId, string? DeclineReason, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

public sealed record ConciergeListResponse(IReadOnlyList<ConciergeRequestResponse> Items);

public sealed record ConciergeServices(
    ConciergeStore Requests, BookReader Books, ReservationStore Reservations, RightsStore Rights, TimeProvider Clock, HttpContext Http) : IApiRequest;

/// <summary>Concierge desks (B2B) ask restaurants for tables for their VIP clients; the restaurant accepts or declines.</summary>
public static class ConciergeApi
{
    public const string Tag = "Concierge";

    public static RouteGroupBuilder MapConcierge(this RouteGroupBuilder api)
    {
        // The concierge role is checked in the endpoint, not by a policy: a role granted since the token was issued gets a 403
        // with code token_refresh_required, so the client knows to refresh (RightsStore.PlatformRoleAsync).
        api.MapPost("/requests", CreateAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("CreateConciergeRequest").WithSummary("Ask a restaurant for a table for a client (concierge accounts); the restaurant's managers are told")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/requests", ListAsync).RequireAuthorization()
            .WithName("ListConciergeRequests").WithSummary("The caller's requests (concierge), or a restaurant's (?restaurantId=, its people); newest first")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/requests/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetConciergeRequest").WithSummary("One request and its status (its concierge or the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/requests/{id:guid}/accept", AcceptAsync).RequireAuthorization()
            .WithName("AcceptConciergeRequest").WithSummary("Accept: book the table (optionally beyond pacing) and link the reservation; the concierge is told (the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/requests/{id:guid}/decline", DeclineAsync).RequireAuthorization()
            .WithName("DeclineConciergeRequest").WithSummary("Decline with an optional reason; the concierge is told (the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Created<ConciergeRequestResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ConciergeRequestBody body, [AsParameters] ConciergeServices s)
    {
        if (await ConciergeRefusalAsync(s) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var (party, start) = TableRequest.Check(errors, body.RestaurantId, body.Start, body.PartySize);
        var name = errors.RequiredText("guest.name", body.Guest?.Name, 100);
        var phone = errors.Phone("guest.phone", body.Guest?.Phone);

        var preferences = errors.OptionalText("preferences", body.Preferences, 1000);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (start!.Value <= s.Now)
        {
            return Problems.Invalid("start", "start must be in the future.", "start는 미래 시각이어야 합니다.");
        }

        var loaded = await s.Books.LoadForAvailabilityAsync(body.RestaurantId!.Value, start.Value - Duration.FromDays(2), start.Value + Duration.FromDays(2), s.Ct);
        if (loaded is not { Restaurant.Bookable: true } found)
        {
            return Problems.NotFound("bookable restaurant", "예약 가능한 식당");
        }

        var restaurant = found.Restaurant;

        var row = await s.Requests.CreateAsync(new ConciergeRequestRow
        {
            Id = Guid.CreateVersion7(),
            ConciergeId = s.User.UserId(),
            RestaurantId = restaurant.Id,
            PartySize = party,
            StartsAt = start.Value.ToDateTimeOffset(),
            GuestName = name!,
            GuestPhone = phone,
            Preferences = preferences,
            CreatedAt = s.Clock.GetUtcNow(),
        }, restaurant, Availability.ServiceDate(found.Book, start.Value), s.Ct);
        return TypedResults.Created($"/api/concierge/requests/{row.Id}", ToResponse(row, restaurant.Zone));
    }

    public static async Task<Results<Ok<ConciergeListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid? restaurantId, int? limit, [AsParameters] ConciergeServices s)
    {
        var take = Paging.Limit(limit);
        if (restaurantId is { } id)
        {
            if (!await s.Rights.IsStaffAsync(s.User, id, s.Ct))
            {
                return Problems.NotFound("restaurant", "식당");
            }

            var zone = (await s.Books.FindAsync(id, s.Ct))?.Zone ?? RestaurantTime.DefaultZone;
            return TypedResults.Ok(new ConciergeListResponse((await s.Requests.ListAsync(null, id, take, s.Ct)).Select(r => ToResponse(r, zone)).ToList()));
        }

        if (s.User.FindUserId() is not { } me || await s.Rights.PlatformRoleAsync(s.User, Roles.Concierge, s.Ct) != PlatformRoleCheck.Granted)
        {
            return Problems.Invalid("restaurantId", "restaurantId is required unless you are a concierge.", "컨시어지가 아니면 restaurantId이(가) 필요합니다.");
        }

        var rows = await s.Requests.ListAsync(me, null, take, s.Ct);
        var items = new List<ConciergeRequestResponse>();
        foreach (var row in rows)
        {
            items.Add(ToResponse(row, (await s.Books.FindAsync(row.RestaurantId, s.Ct))?.Zone ?? RestaurantTime.DefaultZone));
        }

        return TypedResults.Ok(new ConciergeListResponse(items));
    }

    public static async Task<Results<Ok<ConciergeRequestResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] ConciergeServices s)
    {
        var row = await s.Requests.FindAsync(id, s.Ct);
        if (row is null || !(row.ConciergeId == s.User.FindUserId() || await s.Rights.IsStaffAsync(s.User, row.RestaurantId, s.Ct)))
        {
            return Problems.NotFound("request", "요청");
        }

        return TypedResults.Ok(ToResponse(row, (await s.Books.FindAsync(row.RestaurantId, s.Ct))?.Zone ?? RestaurantTime.DefaultZone));
    }

    public static async Task<Results<Ok<ConciergeRequestResponse>, ProblemHttpResult>> AcceptAsync(Guid id, AcceptBody? body, [AsParameters] ConciergeServices s)
    {
        var row = await s.Requests.FindAsync(id, s.Ct);
        if (row is null || !await s.Rights.IsStaffAsync(s.User, row.RestaurantId, s.Ct))
        {
            return Problems.NotFound("request", "요청");
        }

        if (row.Status != "pending")
        {
            return Problems.Conflict($"The request is already {row.Status}.", $"요청이 이미 {row.Status} 상태입니다.");
        }

        var start = Instant.FromDateTimeOffset(row.StartsAt);
        var loaded = await s.Books.LoadAsync(row.RestaurantId, start - Duration.FromDays(2), start + Duration.FromDays(2), s.Ct);
        if (loaded is not { } found)
        {
            return Problems.NotFound("request", "요청");
        }

        var bypass = body?.BypassPacing == true;
        var book = bypass ? found.Book with { CoversUsed = new Dictionary<Instant, int>() } : found.Book;
        var slot = Availability.At(book, start, row.PartySize, s.Now);
        if (slot is null)
        {
            return ReservationsApi.SlotUnavailable(ReservationsApi.StartUnavailable(), Availability.Nearest(book, start, row.PartySize, s.Now));
        }

        var now = s.Clock.GetUtcNow();
        var (outcome, reservation) = await s.Reservations.BookAsync(
            new NewBooking(row.RestaurantId, null, row.PartySize, slot.Start.ToDateTimeOffset(), slot.End.ToDateTimeOffset(),
                (slot.End.ToInstant() + Duration.FromMinutes(book.Settings.BufferMinutes)).ToDateTimeOffset(),
                row.GuestName, row.GuestPhone, row.Preferences, null, found.Restaurant.Currency, null, Availability.ServiceDate(book, start)),
            Availability.SpreadForRace(slot.Allocations, Random.Shared),
            bypass ? int.MaxValue / 2 : book.Settings.CoversPerSlot,
            now,
            s.Ct,
            (c, tx, reservationId) => s.Requests.AcceptAsync(c, tx, id, reservationId, found.Restaurant, Availability.ServiceDate(book, start), now));
        return outcome switch
        {
            BookOutcome.Booked => TypedResults.Ok(ToResponse((await s.Requests.FindAsync(id, s.Ct))!, found.Restaurant.Zone)),
            BookOutcome.Stale => Problems.Conflict("The request was decided meanwhile.", "그 사이 요청이 처리되었습니다."),
            _ => ReservationsApi.SlotUnavailable(
                outcome == BookOutcome.PacingFull
                    ? Localized.Text("The slot has no covers left for this party; accept with bypassPacing to seat them anyway.",
                        "이 시간대에 남은 자리가 없습니다. 그래도 받으려면 bypassPacing으로 수락하세요.")
                    : ReservationsApi.TableTaken(),
                Availability.Nearest(book, start, row.PartySize, s.Now)),
        };
    }

    public static async Task<Results<Ok<ConciergeRequestResponse>, ValidationProblem, ProblemHttpResult>> DeclineAsync(Guid id, DeclineBody? body, [AsParameters] ConciergeServices s)
    {
        var errors = new FieldErrors();
        var reason = errors.OptionalText("reason", body?.Reason, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Requests.FindAsync(id, s.Ct);
        if (row is null || !await s.Rights.IsStaffAsync(s.User, row.RestaurantId, s.Ct))
        {
            return Problems.NotFound("request", "요청");
        }

        var start = Instant.FromDateTimeOffset(row.StartsAt);
        var loaded = await s.Books.LoadForAvailabilityAsync(row.RestaurantId, start - Duration.FromDays(2), start + Duration.FromDays(2), s.Ct);
        var restaurant = loaded?.Restaurant ?? new RestaurantRow { Id = row.RestaurantId };
        var serviceDate = loaded is { } found ? Availability.ServiceDate(found.Book, start) : start.InZone(restaurant.Zone).Date;
        var declined = await s.Requests.DeclineAsync(id, reason, restaurant, serviceDate, s.Clock.GetUtcNow(), s.Ct);
        if (declined is null)
        {
            return Problems.Conflict("The request was already decided.", "요청이 이미 처리되었습니다.");
        }

        return TypedResults.Ok(ToResponse(declined, restaurant.Zone));
    }

    /// <summary>403 unless the caller is a concierge now; <c>token_refresh_required</c> when the role came after their token.</summary>
    private static async Task<ProblemHttpResult?> ConciergeRefusalAsync(ConciergeServices s) =>
        await s.Rights.PlatformRoleAsync(s.User, Roles.Concierge, s.Ct) switch
        {
            PlatformRoleCheck.Granted => null,
            PlatformRoleCheck.RefreshRequired => Problems.Forbidden(
                "Your account became a concierge account after this access token was issued: refresh the token (POST /api/auth/refresh) and retry.",
                "이 액세스 토큰이 발급된 뒤에 컨시어지 권한이 생겼습니다. 토큰을 새로 받고(POST /api/auth/refresh) 다시 시도해 주세요.",
                "token_refresh_required"),
            _ => Problems.Forbidden("Only concierge accounts can request tables for clients.", "컨시어지 계정만 고객을 위한 예약을 요청할 수 있습니다."),
        };

    private static ConciergeRequestResponse ToResponse(ConciergeRequestRow r, DateTimeZone zone) => new(
        r.Id, r.ConciergeId, r.RestaurantId, r.PartySize, Instant.FromDateTimeOffset(r.StartsAt).InZone(zone).ToDateTimeOffset(),
        new GuestBody(r.GuestName, r.GuestPhone), r.Preferences, r.Status, r.ReservationId, r.DeclineReason, r.CreatedAt, r.DecidedAt);
}
