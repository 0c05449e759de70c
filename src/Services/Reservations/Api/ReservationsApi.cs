using Brigade.Api;
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

/// <summary>What the reservation endpoints need besides the request: the book, the bookings, the settings and who counts as staff.</summary>
public sealed record ReservationServices(
    BookReader Books, ReservationStore Reservations, SettingsStore Settings, MembershipStore Members, TimeProvider Clock, HttpContext Http) : IApiRequest;

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
        var errors = new FieldErrors();
        var party = TableRequest.Check(errors, body.RestaurantId, body.Start, body.PartySize);
        var guestName = errors.OptionalText("guest.name", body.Guest?.Name, 100);
        var guestPhone = errors.Phone("guest.phone", body.Guest?.Phone);
        var notes = errors.OptionalText("notes", body.Notes, 500);
        var restaurantId = body.RestaurantId ?? Guid.Empty;
        var staff = await s.Members.IsStaffAsync(s.User, restaurantId, s.Ct);
        if (staff && guestName is null && !errors.Has("guest.name"))
        {
            errors.Add("guest.name", "A booking taken by the restaurant needs the guest's name.", "식당이 받는 예약에는 손님 이름이 필요합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var start = Instant.FromDateTimeOffset(body.Start!.Value);
        var loaded = await LoadAroundAsync(s, restaurantId, start);
        if (loaded is not { Restaurant.Bookable: true } found)
        {
            return Problems.NotFound("bookable restaurant", "예약 가능한 식당");
        }

        var book = found.Book;
        if (party > book.Settings.MaxPartySize)
        {
            return TooLarge(book.Settings.MaxPartySize);
        }

        var now = s.Now;
        var slot = Availability.At(book, start, party, now);
        if (slot is null)
        {
            return SlotUnavailable(StartUnavailable(), Availability.Nearest(book, start, party, now));
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
        if (row is null || !(row.IsOf(s.User.FindUserId()) || await s.Members.IsStaffAsync(s.User, row.RestaurantId, s.Ct)))
        {
            return Problems.NotFound("reservation", "예약");
        }

        return TypedResults.Ok(ToResponse(row, await ZoneAsync(s, row.RestaurantId)));
    }

    public static async Task<Results<Ok<Page<ReservationResponse>>, ValidationProblem, ProblemHttpResult>> DaySheetAsync(
        Guid? restaurantId, DateOnly? date, int? limit, string? cursor, [AsParameters] ReservationServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", restaurantId);
        if (date is null)
        {
            errors.Missing("date", "yyyy-MM-dd");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!await s.Members.IsStaffAsync(s.User, restaurantId!.Value, s.Ct))
        {
            return Problems.NotFound("restaurant", "식당");
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
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", restaurantId);
        if (date is null)
        {
            errors.Missing("date", "yyyy-MM-dd");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!await s.Members.IsStaffAsync(s.User, restaurantId!.Value, s.Ct))
        {
            return Problems.NotFound("restaurant", "식당");
        }

        var restaurant = await s.Books.FindAsync(restaurantId.Value, s.Ct);
        if (restaurant is null)
        {
            return Problems.NotFound("restaurant", "식당");
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
        var errors = new FieldErrors();
        int? party = body.PartySize is null ? null : errors.Range("partySize", body.PartySize, 1, TableRequest.MaxPartySize, 1);
        if (body.PartySize is null && body.Start is null)
        {
            errors.Add("start", "Send start, partySize or both.", "start나 partySize 중 하나 이상을 보내 주세요.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Reservations.FindAsync(id, s.Ct);
        var staff = row is not null && await s.Members.IsStaffAsync(s.User, row.RestaurantId, s.Ct);
        if (row is null || !(staff || row.IsOf(s.User.FindUserId())))
        {
            return Problems.NotFound("reservation", "예약");
        }

        if (!Lifecycle.CanModify(row.Status))
        {
            return Problems.Conflict($"A reservation that is {row.Status} cannot be modified.", $"{row.Status} 상태의 예약은 변경할 수 없습니다.");
        }

        var start = body.Start is { } wanted ? Instant.FromDateTimeOffset(wanted) : Instant.FromDateTimeOffset(row.StartsAt);
        var partySize = party ?? row.PartySize;
        var loaded = await LoadAroundAsync(s, row.RestaurantId, start);
        if (loaded is not { } found)
        {
            return Problems.NotFound("reservation", "예약");
        }

        var book = found.Book;
        var now = s.Now;
        if (!staff && Instant.FromDateTimeOffset(row.StartsAt) - now < Duration.FromMinutes(book.Settings.DinerChangeCutoffMinutes))
        {
            return Problems.Conflict(
                $"Online changes close {book.Settings.DinerChangeCutoffMinutes} minutes before the start; please call the restaurant.",
                $"온라인 변경은 시작 {book.Settings.DinerChangeCutoffMinutes}분 전에 마감됩니다. 식당에 전화해 주세요.");
        }

        if (partySize > book.Settings.MaxPartySize)
        {
            return TooLarge(book.Settings.MaxPartySize);
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
            return SlotUnavailable(StartUnavailable(), Availability.Nearest(own, start, partySize, now));
        }

        var (outcome, updated) = await s.Reservations.ModifyAsync(
            row, partySize, slot.Start.ToDateTimeOffset(), slot.End.ToDateTimeOffset(),
            (slot.End.ToInstant() + Duration.FromMinutes(book.Settings.BufferMinutes)).ToDateTimeOffset(),
            slot.Allocations, book.Settings.CoversPerSlot, now.ToDateTimeOffset(), s.Ct);
        return outcome switch
        {
            BookOutcome.Booked => TypedResults.Ok(ToResponse(updated!, book.Zone)),
            BookOutcome.Stale => ChangedMeanwhile(),
            _ => await LostRaceAsync(s, row.RestaurantId, start, partySize, outcome),
        };
    }

    /// <summary>A status transition: who may make it, whether the state machine allows it, and what it costs.</summary>
    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> MoveAsync(Guid id, string to, ReservationServices s)
    {
        var row = await s.Reservations.FindAsync(id, s.Ct);
        var staff = row is not null && await s.Members.IsStaffAsync(s.User, row.RestaurantId, s.Ct);
        var diner = row is not null && row.IsOf(s.User.FindUserId());
        if (row is null || !(staff || diner))
        {
            return Problems.NotFound("reservation", "예약");
        }

        if (!staff && to != Status.Cancelled)
        {
            return Problems.Forbidden("Only the restaurant's people can record this.", "식당 직원만 기록할 수 있습니다.");
        }

        if (!Lifecycle.CanMove(row.Status, to))
        {
            return Problems.Conflict($"A reservation that is {row.Status} cannot become {to}.", $"{row.Status} 상태의 예약은 {to}(으)로 바꿀 수 없습니다.");
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
                    return Problems.Conflict("The reservation has started; please contact the restaurant.", "예약 시간이 이미 시작되었습니다. 식당에 문의해 주세요.");
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
                    return Problems.Conflict("A no-show can be recorded only after the reservation's start.", "노쇼는 예약 시작 시간 이후에만 기록할 수 있습니다.");
                }

                fee = Policy.NoShowFee(settings, row.PartySize);
                break;
        }

        var moved = await s.Reservations.TransitionAsync(id, row.Status, to, now.ToDateTimeOffset(), s.Ct, cancelledBy, refund, fee, payment);
        if (moved is null)
        {
            return ChangedMeanwhile();
        }

        return TypedResults.Ok(ToResponse(moved, restaurant?.Zone ?? RestaurantTime.DefaultZone));
    }

    private sealed record Cursor(DateTimeOffset Start, Guid Id);

    private static async Task<ProblemHttpResult> LostRaceAsync(ReservationServices s, Guid restaurantId, Instant start, int party, BookOutcome outcome)
    {
        var reloaded = await LoadAroundAsync(s, restaurantId, start);
        var alternatives = reloaded is { } r ? Availability.Nearest(r.Book, start, party, s.Now) : [];
        return SlotUnavailable(outcome == BookOutcome.PacingFull ? NoCoversLeft() : TableTaken(), alternatives);
    }

    /// <summary>409 for a start that cannot be booked, with the nearest bookable starts of that service date.</summary>
    internal static ProblemHttpResult SlotUnavailable(string detail, IEnumerable<Slot> alternatives) =>
        Problems.Problem(StatusCodes.Status409Conflict, "Slot not available", detail, extensions: new Dictionary<string, object?>
        {
            ["alternatives"] = alternatives.Select(SlotResponse.From).ToList(),
        });

    internal static string StartUnavailable() => Localized.Text("That start cannot be booked for this party.", "이 인원으로는 그 시각에 예약할 수 없습니다.");

    internal static string NoCoversLeft() => Localized.Text("The slot has no covers left for this party.", "이 시간대에는 이 인원을 받을 자리가 남아 있지 않습니다.");

    internal static string TableTaken() => Localized.Text("Another booking took the last fitting table.", "다른 예약이 마지막 남은 테이블을 가져갔습니다.");

    private static ProblemHttpResult ChangedMeanwhile() =>
        Problems.Conflict("The reservation changed meanwhile; read it again and retry.", "그 사이 예약이 변경되었습니다. 다시 불러온 뒤 시도해 주세요.");

    private static ValidationProblem TooLarge(int max) =>
        Problems.Invalid("partySize", $"This restaurant books parties of at most {max} online.", $"이 식당은 온라인으로 최대 {max}명까지 예약을 받습니다.");

    private static Task<(RestaurantRow Restaurant, BookingBook Book)?> LoadAroundAsync(ReservationServices s, Guid restaurantId, Instant start) =>
        s.Books.LoadAsync(restaurantId, start - Duration.FromDays(2), start + Duration.FromDays(2), s.Ct);

    private static async Task<DateTimeZone> ZoneAsync(ReservationServices s, Guid restaurantId) =>
        (await s.Books.FindAsync(restaurantId, s.Ct))?.Zone ?? RestaurantTime.DefaultZone;

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
