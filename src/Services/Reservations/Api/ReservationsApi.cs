using Brigade.Data;
using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Reservations.Api;

public sealed record GuestBody(string? Name, string? Phone);

public sealed record BookingBody(Guid? RestaurantId, int? PartySize, DateTimeOffset? Start, GuestBody? Guest, string? Notes);

public sealed record ModifyBody(int? PartySize, DateTimeOffset? Start);

public sealed record MoneyResponse(long Amount, string Currency);

/// <summary>A deposit and where its payment stands (<c>pending</c> until the payments service takes it, <c>collected</c>, <c>expired</c>).</summary>
public sealed record DepositResponse(long Amount, string Currency, string PaymentStatus);

public sealed record ReservationResponse(
    Guid Id,
    Guid RestaurantId,
    string Status,
    DateTimeOffset Start,
    DateTimeOffset End,
    int PartySize,
    IReadOnlyList<Guid> TableIds,
    Guid? DinerId,
    GuestBody? Guest,
    Guid? GuestId,
    string? Notes,
    DepositResponse? Deposit,
    DateTimeOffset? HoldExpiresAt,
    string? CancelledBy,
    int? RefundPercent,
    MoneyResponse? NoShowFee,
    DateTimeOffset CreatedAt,
    int Version);

public sealed record SlotCoversResponse(DateTimeOffset Start, int Covers);

/// <summary>Covers per slot start of a local calendar date and the pacing limit.</summary>
public sealed record CoversResponse(int CoversPerSlot, IReadOnlyList<SlotCoversResponse> Slots);

public static class ReservationsApi
{
    public const string Tag = "Reservations";

    public static RouteGroupBuilder MapReservations(this RouteGroupBuilder api)
    {
        api.MapPost("/", BookAsync).RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("BookTable")
            .WithSummary("Book a table for a party at a bookable start (Idempotency-Key required); 409 with the nearest alternatives when it is taken")
            .WithTags(Tag);
        api.MapGet("/mine", MineAsync).RequireAuthorization(Policies.User)
            .WithName("MyReservations").WithSummary("The caller's reservations, latest first").WithTags(Tag);
        api.MapGet("/", DaySheetAsync).RequireAuthorization()
            .WithName("DaySheet").WithSummary("A restaurant's reservations on a local date, by start (the restaurant's people)").WithTags(Tag);
        api.MapGet("/covers", CoversAsync).RequireAuthorization()
            .WithName("CoversPerSlot").WithSummary("Covers booked per slot start on a local date, against the pacing limit (the restaurant's people)").WithTags(Tag);
        api.MapGet("/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetReservation").WithSummary("One reservation (its diner or the restaurant's people)").WithTags(Tag);
        api.MapPatch("/{id:guid}", ModifyAsync).RequireAuthorization()
            .WithName("ModifyReservation")
            .WithSummary("Move the start or change the party size, re-checking tables and pacing atomically (its diner before the cut-off, or staff)")
            .WithTags(Tag);
        api.MapPost("/{id:guid}/cancel", (Guid id, [AsParameters] ReservationServices s) => MoveAsync(id, Status.Cancelled, s))
            .RequireAuthorization().WithName("CancelReservation").WithSummary("Cancel (its diner before the start, with the policy's refund; or staff)").WithTags(Tag);
        api.MapPost("/{id:guid}/confirm", (Guid id, [AsParameters] ReservationServices s) => MoveAsync(id, Status.Confirmed, s))
            .RequireAuthorization().WithName("ConfirmReservation").WithSummary("Record the deposit as collected (staff)").WithTags(Tag);
        api.MapPost("/{id:guid}/arrive", (Guid id, [AsParameters] ReservationServices s) => MoveAsync(id, Status.Arrived, s))
            .RequireAuthorization().WithName("ArriveReservation").WithSummary("The guests arrived (staff)").WithTags(Tag);
        api.MapPost("/{id:guid}/seat", (Guid id, [AsParameters] ReservationServices s) => MoveAsync(id, Status.Seated, s))
            .RequireAuthorization().WithName("SeatReservation").WithSummary("The guests are seated (staff)").WithTags(Tag);
        api.MapPost("/{id:guid}/complete", (Guid id, [AsParameters] ReservationServices s) => MoveAsync(id, Status.Completed, s))
            .RequireAuthorization().WithName("CompleteReservation").WithSummary("The guests left (staff)").WithTags(Tag);
        api.MapPost("/{id:guid}/no-show", (Guid id, [AsParameters] ReservationServices s) => MoveAsync(id, Status.NoShow, s))
            .RequireAuthorization().WithName("NoShowReservation").WithSummary("The guests did not come; the capped no-show fee is recorded (staff, after the start)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Created<ReservationResponse>, ValidationProblem, ProblemHttpResult>> BookAsync(
        BookingBody body, [AsParameters] ReservationServices s)
    {
        var errors = new Errors();
        var party = errors.TableRequest(body.RestaurantId, body.Start, body.PartySize);
        var guestName = errors.OptionalText("guest.name", body.Guest?.Name, 100);
        var guestPhone = errors.OptionalText("guest.phone", body.Guest?.Phone, 30);
        if (guestPhone is not null && GuestBook.NormalizePhone(guestPhone) is null)
        {
            errors.Add("guest.phone", "guest.phone must be a phone number of 7 to 15 digits.");
        }
        var notes = errors.OptionalText("notes", body.Notes, 500);
        var restaurantId = body.RestaurantId ?? Guid.Empty;
        var staff = s.User.IsStaffOf(restaurantId);
        if (staff && guestName is null)
        {
            errors.Add("guest.name", "A booking taken by the restaurant needs the guest's name.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var start = Instant.FromDateTimeOffset(body.Start!.Value);
        var loaded = await LoadAroundAsync(s, restaurantId, start);
        if (loaded is not { Restaurant.Bookable: true } found)
        {
            return Problems.NotFound("bookable restaurant");
        }

        var book = found.Book;
        if (party > book.Settings.MaxPartySize)
        {
            return Problems.Invalid("partySize", $"This restaurant books parties of at most {book.Settings.MaxPartySize} online.");
        }

        var now = s.Now;
        var slot = Availability.At(book, start, party, now);
        if (slot is null)
        {
            return Problems.SlotUnavailable("That start cannot be booked for this party.", Availability.Nearest(book, start, party, now));
        }

        var deposit = Policy.DepositFor(book.Settings, slot.Start.Date, party);
        var (outcome, row) = await s.Reservations.BookAsync(
            new NewBooking(
                restaurantId,
                staff ? null : s.User.UserId(),
                party,
                slot.Start.ToDateTimeOffset(),
                slot.End.ToDateTimeOffset(),
                (slot.End.ToInstant() + Duration.FromMinutes(book.Settings.BufferMinutes)).ToDateTimeOffset(),
                guestName,
                guestPhone,
                notes,
                deposit,
                found.Restaurant.Currency,
                deposit is null ? null : (now + Duration.FromMinutes(book.Settings.Deposit!.HoldMinutes)).ToDateTimeOffset()),
            Availability.SpreadForRace(slot.Allocations, Random.Shared),
            book.Settings.CoversPerSlot,
            now.ToDateTimeOffset(),
            s.Ct);
        if (outcome != BookOutcome.Booked)
        {
            return await LostRaceAsync(s, restaurantId, start, party, outcome);
        }

        return TypedResults.Created($"/api/reservations/{row!.Id}", ToResponse(row, book.Zone));
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] ReservationServices s)
    {
        var row = await s.Reservations.FindAsync(id, s.Ct);
        if (row is null || !(s.User.IsDinerOf(row) || s.User.IsStaffOf(row.RestaurantId)))
        {
            return Problems.NotFound("reservation");
        }

        return TypedResults.Ok(ToResponse(row, await ZoneAsync(s, row.RestaurantId)));
    }

    public static async Task<Results<Ok<Page<ReservationResponse>>, ValidationProblem, ProblemHttpResult>> DaySheetAsync(
        Guid? restaurantId, DateOnly? date, int? limit, string? cursor, [AsParameters] ReservationServices s)
    {
        var errors = new Errors();
        if (restaurantId is null)
        {
            errors.Add("restaurantId", "restaurantId is required.");
        }

        if (date is null)
        {
            errors.Add("date", "date is required (YYYY-MM-DD, the restaurant's local date).");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.IsStaffOf(restaurantId!.Value))
        {
            return Problems.NotFound("restaurant");
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<Cursor>(cursor);
        var zone = await ZoneAsync(s, restaurantId.Value);
        var day = LocalDate.FromDateOnly(date!.Value);
        var from = day.AtStartOfDayInZone(zone).ToDateTimeOffset();
        var to = day.PlusDays(1).AtStartOfDayInZone(zone).ToDateTimeOffset();
        var rows = await s.Reservations.ListForRestaurantAsync(restaurantId.Value, from, to, after is null ? null : (after.Start, after.Id), take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(r => ToResponse(r, zone)).ToList(), take, r => new Cursor(r.Start, r.Id)));
    }

    public static async Task<Results<Ok<CoversResponse>, ValidationProblem, ProblemHttpResult>> CoversAsync(
        Guid? restaurantId, DateOnly? date, [AsParameters] ReservationServices s)
    {
        var errors = new Errors();
        if (restaurantId is null)
        {
            errors.Add("restaurantId", "restaurantId is required.");
        }

        if (date is null)
        {
            errors.Add("date", "date is required (YYYY-MM-DD, the restaurant's local date).");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.IsStaffOf(restaurantId!.Value))
        {
            return Problems.NotFound("restaurant");
        }

        var restaurant = await s.Books.FindAsync(restaurantId.Value, s.Ct);
        if (restaurant is null)
        {
            return Problems.NotFound("restaurant");
        }

        var settings = await s.Settings.GetAsync(restaurant.Id, restaurant.Currency, s.Ct);
        var day = LocalDate.FromDateOnly(date!.Value);
        var covers = await s.Reservations.CoversAsync(
            restaurant.Id, day.AtStartOfDayInZone(restaurant.Zone).ToDateTimeOffset(), day.PlusDays(1).AtStartOfDayInZone(restaurant.Zone).ToDateTimeOffset(), s.Ct);
        return TypedResults.Ok(new CoversResponse(settings.CoversPerSlot, covers
            .Select(c => new SlotCoversResponse(Instant.FromDateTimeOffset(c.SlotStart).InZone(restaurant.Zone).ToDateTimeOffset(), c.Used))
            .ToList()));
    }

    public static async Task<Results<Ok<Page<ReservationResponse>>, ProblemHttpResult>> MineAsync(int? limit, string? cursor, [AsParameters] ReservationServices s)
    {
        var take = Paging.Limit(limit);
        var after = Paging.Decode<Cursor>(cursor);
        var rows = await s.Reservations.ListForDinerAsync(s.User.UserId(), after is null ? null : (after.Start, after.Id), take + 1, s.Ct);
        var zones = new Dictionary<Guid, DateTimeZone>();
        var items = new List<ReservationResponse>();
        foreach (var row in rows)
        {
            if (!zones.TryGetValue(row.RestaurantId, out var zone))
            {
                zones[row.RestaurantId] = zone = await ZoneAsync(s, row.RestaurantId);
            }

            items.Add(ToResponse(row, zone));
        }

        return TypedResults.Ok(Paging.ToPage(items, take, r => new Cursor(r.Start, r.Id)));
    }

    public static async Task<Results<Ok<ReservationResponse>, ValidationProblem, ProblemHttpResult>> ModifyAsync(
        Guid id, ModifyBody body, [AsParameters] ReservationServices s)
    {
        var errors = new Errors();
        int? party = body.PartySize is null ? null : errors.Range("partySize", body.PartySize, 1, 100, 1);
        if (body.PartySize is null && body.Start is null)
        {
            errors.Add("start", "Send start, partySize or both.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Reservations.FindAsync(id, s.Ct);
        var staff = row is not null && s.User.IsStaffOf(row.RestaurantId);
        if (row is null || !(staff || s.User.IsDinerOf(row)))
        {
            return Problems.NotFound("reservation");
        }

        if (!Lifecycle.CanModify(row.Status))
        {
            return Problems.Conflict($"A reservation that is {row.Status} cannot be modified.");
        }

        var start = body.Start is { } wanted ? Instant.FromDateTimeOffset(wanted) : Instant.FromDateTimeOffset(row.StartsAt);
        var partySize = party ?? row.PartySize;
        var loaded = await LoadAroundAsync(s, row.RestaurantId, start);
        if (loaded is not { } found)
        {
            return Problems.NotFound("reservation");
        }

        var book = found.Book;
        var now = s.Now;
        if (!staff && Instant.FromDateTimeOffset(row.StartsAt) - now < Duration.FromMinutes(book.Settings.DinerChangeCutoffMinutes))
        {
            return Problems.Conflict($"Online changes close {book.Settings.DinerChangeCutoffMinutes} minutes before the start; please call the restaurant.");
        }

        if (partySize > book.Settings.MaxPartySize)
        {
            return Problems.Invalid("partySize", $"This restaurant books parties of at most {book.Settings.MaxPartySize} online.");
        }

        // The reservation's own holds and covers do not count against its new time.
        var own = book with
        {
            Holds = book.Holds.Where(h => !(row.TableIds.Contains(h.TableId) && h.Start == Instant.FromDateTimeOffset(row.StartsAt))).ToList(),
            CoversUsed = book.CoversUsed.ToDictionary(c => c.Key, c => c.Key == Instant.FromDateTimeOffset(row.StartsAt) ? c.Value - row.PartySize : c.Value),
        };
        var slot = Availability.At(own, start, partySize, now);
        if (slot is null)
        {
            return Problems.SlotUnavailable("That start cannot be booked for this party.", Availability.Nearest(own, start, partySize, now));
        }

        var (outcome, updated) = await s.Reservations.ModifyAsync(
            row, partySize, slot.Start.ToDateTimeOffset(), slot.End.ToDateTimeOffset(),
            (slot.End.ToInstant() + Duration.FromMinutes(book.Settings.BufferMinutes)).ToDateTimeOffset(),
            slot.Allocations, book.Settings.CoversPerSlot, now.ToDateTimeOffset(), s.Ct);
        return outcome switch
        {
            BookOutcome.Booked => TypedResults.Ok(ToResponse(updated!, book.Zone)),
            BookOutcome.Stale => Problems.Conflict("The reservation changed meanwhile; read it again and retry."),
            _ => await LostRaceAsync(s, row.RestaurantId, start, partySize, outcome),
        };
    }

    /// <summary>A status transition: who may make it, whether the state machine allows it, and what it costs.</summary>
    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> MoveAsync(Guid id, string to, ReservationServices s)
    {
        var row = await s.Reservations.FindAsync(id, s.Ct);
        var staff = row is not null && s.User.IsStaffOf(row.RestaurantId);
        var diner = row is not null && s.User.IsDinerOf(row);
        if (row is null || !(staff || diner))
        {
            return Problems.NotFound("reservation");
        }

        if (!staff && to != Status.Cancelled)
        {
            return Problems.Forbidden("Only the restaurant's people can record this.");
        }

        if (!Lifecycle.CanMove(row.Status, to))
        {
            return Problems.Conflict($"A reservation that is {row.Status} cannot become {to}.");
        }

        var restaurant = await s.Books.FindAsync(row.RestaurantId, s.Ct);
        var settings = await s.Settings.GetAsync(row.RestaurantId, restaurant?.Currency ?? row.Currency, s.Ct);
        var now = s.Now;
        var untilStart = Instant.FromDateTimeOffset(row.StartsAt) - now;
        string? cancelledBy = null;
        int? refund = null;
        long? fee = null;
        string? payment = null;
        switch (to)
        {
            case Status.Cancelled when !staff:
                if (untilStart <= Duration.Zero)
                {
                    return Problems.Conflict("The reservation has started; please contact the restaurant.");
                }

                cancelledBy = "diner";
                refund = row.DepositAmount == 0 || row.PaymentStatus != "collected" ? 100 : Policy.RefundPercent(settings, untilStart);
                break;
            case Status.Cancelled:
                cancelledBy = "restaurant";
                refund = 100; // the restaurant cancelled: the guest keeps every won
                break;
            case Status.Confirmed:
                payment = "collected";
                break;
            case Status.NoShow:
                if (untilStart > Duration.Zero)
                {
                    return Problems.Conflict("A no-show can be recorded only after the reservation's start.");
                }

                fee = Policy.NoShowFee(settings, row.PartySize);
                break;
        }

        var moved = await s.Reservations.TransitionAsync(id, row.Status, to, now.ToDateTimeOffset(), s.Ct, cancelledBy, refund, fee, payment);
        if (moved is null)
        {
            return Problems.Conflict("The reservation changed meanwhile; read it again and retry.");
        }

        return TypedResults.Ok(ToResponse(moved, restaurant?.Zone ?? DateTimeZoneProviders.Tzdb["Asia/Seoul"]));
    }

    private sealed record Cursor(DateTimeOffset Start, Guid Id);

    private static async Task<ProblemHttpResult> LostRaceAsync(ReservationServices s, Guid restaurantId, Instant start, int party, BookOutcome outcome)
    {
        var reloaded = await LoadAroundAsync(s, restaurantId, start);
        var alternatives = reloaded is { } r ? Availability.Nearest(r.Book, start, party, s.Now) : [];
        return Problems.SlotUnavailable(
            outcome == BookOutcome.PacingFull ? "The slot has no covers left for this party." : "Another booking took the last fitting table.",
            alternatives);
    }

    private static Task<(RestaurantRow Restaurant, BookingBook Book)?> LoadAroundAsync(ReservationServices s, Guid restaurantId, Instant start) =>
        s.Books.LoadAsync(restaurantId, start - Duration.FromDays(2), start + Duration.FromDays(2), s.Ct);

    private static async Task<DateTimeZone> ZoneAsync(ReservationServices s, Guid restaurantId) =>
        (await s.Books.FindAsync(restaurantId, s.Ct))?.Zone ?? DateTimeZoneProviders.Tzdb["Asia/Seoul"];

    internal static ReservationResponse ToResponse(ReservationRow r, DateTimeZone zone) => new(
        r.Id,
        r.RestaurantId,
        r.Status,
        Instant.FromDateTimeOffset(r.StartsAt).InZone(zone).ToDateTimeOffset(),
        Instant.FromDateTimeOffset(r.EndsAt).InZone(zone).ToDateTimeOffset(),
        r.PartySize,
        r.TableIds,
        r.DinerId,
        r.GuestName is null && r.GuestPhone is null ? null : new GuestBody(r.GuestName, r.GuestPhone),
        r.GuestId,
        r.Notes,
        r.DepositAmount > 0 ? new DepositResponse(r.DepositAmount, r.Currency, r.PaymentStatus) : null,
        r.HoldExpiresAt,
        r.CancelledBy,
        r.RefundPercent,
        r.NoShowFee is { } fee ? new MoneyResponse(fee, r.Currency) : null,
        r.CreatedAt,
        r.Version);
}
