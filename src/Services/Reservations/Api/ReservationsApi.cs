using System.Globalization;
using System.Text;
using Brigade.Api;
using Brigade.Data;
using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Brigade.ServiceDefaults;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Brigade.Reservations.Api;

public sealed record GuestBody(string? Name, string? Phone);

/// <summary><c>start</c>: an ISO 8601 instant with its offset (<c>2026-12-24T19:00:00+09:00</c>); without one it is refused.</summary>
public sealed record BookingBody(Guid? RestaurantId, int? PartySize, string? Start, GuestBody? Guest, string? Notes);

/// <summary>A new start (instant with offset) and/or party size; <c>version</c> may stand in for <c>If-Match</c>.</summary>
public sealed record ModifyBody(int? PartySize, string? Start, int? Version);

public sealed record MoneyResponse(long Amount, string Currency);

/// <summary>
/// A deposit and where its payment stands: <c>pending</c> until paid, <c>failed</c> (the diner may pay again before the
/// hold lapses), <c>short</c>, <c>collected</c>, <c>expired</c>, <c>paid_after_release</c> (owed back).
/// </summary>
public sealed record DepositResponse(long Amount, string Currency, string PaymentStatus);

/// <summary>
/// A reservation. <c>start</c>/<c>end</c> carry the restaurant's offset; <c>serviceDate</c> is the local date whose service
/// it belongs to (the day before for the after-midnight tail of a late service); <c>timeZone</c> the restaurant's zone.
/// </summary>
public sealed record ReservationResponse(
    Guid Id,
    Guid RestaurantId,
    string Status,
    DateTimeOffset Start,
    DateTimeOffset End,
    string ServiceDate,
    string TimeZone,
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

/// <summary>Covers per slot start of a service date and the pacing limit.</summary>
public sealed record CoversResponse(int CoversPerSlot, IReadOnlyList<SlotCoversResponse> Slots);

/// <summary>
/// What cancelling now would give back, shown before the caller confirms: <c>refundPercent</c> of the <c>paid</c> deposit,
/// i.e. <c>refund</c>. <c>cancellable</c> is false (with <c>reason</c>: <c>started</c>, <c>status</c>) when the caller cannot
/// cancel it any more. The cancellation itself applies the same rule at the moment it happens.
/// </summary>
public sealed record CancellationQuoteResponse(
    Guid ReservationId,
    bool Cancellable,
    string? Reason,
    string CancelledBy,
    int RefundPercent,
    MoneyResponse Refund,
    MoneyResponse Paid,
    MoneyResponse? Deposit,
    DateTimeOffset AsOf);

/// <summary>What the reservation endpoints need besides the request: the book, the bookings, the settings and who counts as staff.</summary>
public sealed record ReservationServices(
    BookReader Books, ReservationStore Reservations, SettingsStore Settings, RightsStore Rights, IOptions<ReservationsOptions> Options,
    TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class ReservationsApi
{
    public const string Tag = "Reservations";

    public static RouteGroupBuilder MapReservations(this RouteGroupBuilder api)
    {
        api.MapPost("/", BookAsync).RequireAuthorization(Policies.User).WithIdempotency(required: true)
            .WithName("BookTable")
            .WithSummary("Book a table for a party at a bookable start (an instant with its offset; Idempotency-Key required); 409 with the nearest alternatives when it is taken")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/mine", MineAsync).RequireAuthorization(Policies.User)
            .WithName("MyReservations").WithSummary("The caller's reservations, latest first").WithTags(Tag);
        api.MapGet("/", DaySheetAsync).RequireAuthorization()
            .WithName("DaySheet")
            .WithSummary("A restaurant's reservations of a service date (a late service's after-midnight bookings included), by start (the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/day-sheet.csv", DaySheetCsvAsync).RequireAuthorization()
            .WithName("DaySheetCsv")
            .WithSummary("The day sheet of a service date as CSV, times on the restaurant's clock with its zone (the restaurant's people)")
            .WithTags(Tag).Produces<string>(StatusCodes.Status200OK, "text/csv").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/covers", CoversAsync).RequireAuthorization()
            .WithName("CoversPerSlot").WithSummary("Covers booked per slot start of a service date, against the pacing limit (the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetReservation").WithSummary("One reservation with its ETag (its diner or the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/cancellation", QuoteCancellationAsync).RequireAuthorization()
            .WithName("QuoteCancellation")
            .WithSummary("What cancelling now would refund, by the restaurant's policy, before the caller confirms (its diner or the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{id:guid}", ModifyAsync).RequireAuthorization()
            .WithName("ModifyReservation")
            .WithSummary("Move the start or change the party size, re-checking tables and pacing atomically (its diner before the cut-off, or staff); If-Match guards against lost updates")
            .WithTags(Tag).WithIfMatch().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        MapMove(api, "cancel", Status.Cancelled, "CancelReservation", "Cancel (its diner before the start, with the policy's refund; or staff)");
        MapMove(api, "confirm", Status.Confirmed, "ConfirmReservation", "Record the deposit as collected at the restaurant (staff)");
        MapMove(api, "arrive", Status.Arrived, "ArriveReservation", "The guests arrived (staff; from Reservations:EarlyArrivalMinutes before the start)");
        MapMove(api, "seat", Status.Seated, "SeatReservation", "The guests are seated (staff; from Reservations:EarlyArrivalMinutes before the start)");
        MapMove(api, "complete", Status.Completed, "CompleteReservation", "The guests left (staff)");
        MapMove(api, "no-show", Status.NoShow, "NoShowReservation", "The guests did not come; the capped no-show fee is recorded (staff, after the start)");
        return api;
    }

    private static void MapMove(RouteGroupBuilder api, string step, string to, string name, string summary) =>
        api.MapPost($"/{{id:guid}}/{step}", (Guid id, [AsParameters] ReservationServices s) => MoveAsync(id, to, s))
            .RequireAuthorization().WithName(name).WithSummary(summary).WithTags(Tag)
            .WithIfMatch().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<ReservationResponse>, ValidationProblem, ProblemHttpResult>> BookAsync(
        BookingBody body, [AsParameters] ReservationServices s)
    {
        var errors = new FieldErrors();
        var (party, wanted) = TableRequest.Check(errors, body.RestaurantId, body.Start, body.PartySize);
        var guestName = errors.OptionalText("guest.name", body.Guest?.Name, 100);
        var guestPhone = errors.Phone("guest.phone", body.Guest?.Phone);
        var notes = errors.OptionalText("notes", body.Notes, 500);
        var restaurantId = body.RestaurantId ?? Guid.Empty;
        var staff = await s.Rights.IsStaffAsync(s.User, restaurantId, s.Ct);
        if (staff && guestName is null && !errors.Has("guest.name"))
        {
            errors.Add("guest.name", "A booking taken by the restaurant needs the guest's name.", "식당이 받는 예약에는 손님 이름이 필요합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var start = wanted!.Value;
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

        var serviceDate = Availability.ServiceDate(book, start);
        var deposit = Policy.DepositFor(book.Settings, serviceDate, party);
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
                deposit is null ? null : (now + Duration.FromMinutes(book.Settings.Deposit!.HoldMinutes)).ToDateTimeOffset(),
                serviceDate),
            Availability.SpreadForRace(slot.Allocations, Random.Shared),
            book.Settings.CoversPerSlot,
            now.ToDateTimeOffset(),
            s.Ct);
        if (outcome != BookOutcome.Booked)
        {
            return await LostRaceAsync(s, restaurantId, start, party, outcome);
        }

        s.Http.SetETag(row!.Version);
        return TypedResults.Created($"/api/reservations/{row.Id}", ToResponse(row, found.Restaurant));
    }

    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] ReservationServices s)
    {
        var row = await s.Reservations.FindAsync(id, s.Ct);
        if (row is null || !(row.IsOf(s.User.FindUserId()) || await s.Rights.IsStaffAsync(s.User, row.RestaurantId, s.Ct)))
        {
            return Problems.NotFound("reservation", "예약");
        }

        s.Http.SetETag(row.Version);
        return TypedResults.Ok(ToResponse(row, await RestaurantAsync(s, row.RestaurantId)));
    }

    public static async Task<Results<Ok<Page<ReservationResponse>>, ValidationProblem, ProblemHttpResult>> DaySheetAsync(
        Guid? restaurantId, DateOnly? date, int? limit, string? cursor, [AsParameters] ReservationServices s)
    {
        var (invalid, notFound) = await StaffDayAsync(restaurantId, date, s);
        if (invalid is not null)
        {
            return invalid;
        }

        if (notFound is not null)
        {
            return notFound;
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<Cursor>(cursor);
        var restaurant = await RestaurantAsync(s, restaurantId!.Value);
        var rows = await s.Reservations.ListForServiceDateAsync(
            restaurantId.Value, LocalDate.FromDateOnly(date!.Value), after is null ? null : (after.Start, after.Id), take + 1, s.Ct);
        return TypedResults.Ok(Paging.ToPage(rows.Select(r => ToResponse(r, restaurant)).ToList(), take, r => new Cursor(r.Start, r.Id)));
    }

    /// <summary>
    /// The day sheet for a printer or a spreadsheet: one line per booking of the service date, its local date and time on the
    /// restaurant's clock, the zone, and the service date it belongs to (a 00:30 booking of a late service says the evening before).
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> DaySheetCsvAsync(
        Guid? restaurantId, DateOnly? date, [AsParameters] ReservationServices s)
    {
        var (invalid, notFound) = await StaffDayAsync(restaurantId, date, s);
        if (invalid is not null)
        {
            return invalid;
        }

        if (notFound is not null)
        {
            return notFound;
        }

        var restaurant = await RestaurantAsync(s, restaurantId!.Value);
        var day = LocalDate.FromDateOnly(date!.Value);
        var rows = await s.Reservations.ListForServiceDateAsync(restaurantId.Value, day, null, 2000, s.Ct);
        var csv = new StringBuilder();
        csv.Append(Localized.Text(
            "service_date,local_date,local_time,time_zone,party_size,guest,phone,status,notes\r\n",
            "영업일,날짜,시각,시간대,인원,손님,전화,상태,메모\r\n"));
        foreach (var r in rows)
        {
            var local = Instant.FromDateTimeOffset(r.StartsAt).InZone(restaurant.Zone);
            csv.AppendJoin(',', [
                LocalTimes.Format(r.ServiceDay), LocalTimes.Format(local.Date), local.ToString("HH:mm", CultureInfo.InvariantCulture), restaurant.TimeZone,
                r.PartySize.ToString(CultureInfo.InvariantCulture), Csv(r.GuestName), Csv(r.GuestPhone), r.Status, Csv(r.Notes)]);
            csv.Append("\r\n");
        }

        // A byte order mark so spreadsheet programs read the Korean text as UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"day-sheet-{LocalTimes.Format(day)}.csv");
    }

    public static async Task<Results<Ok<CoversResponse>, ValidationProblem, ProblemHttpResult>> CoversAsync(
        Guid? restaurantId, DateOnly? date, [AsParameters] ReservationServices s)
    {
        var (invalid, notFound) = await StaffDayAsync(restaurantId, date, s);
        if (invalid is not null)
        {
            return invalid;
        }

        if (notFound is not null)
        {
            return notFound;
        }

        var restaurant = await s.Books.FindAsync(restaurantId!.Value, s.Ct);
        if (restaurant is null)
        {
            return Problems.NotFound("restaurant", "식당");
        }

        var settings = await s.Settings.GetAsync(restaurant.Id, restaurant.Currency, s.Ct);
        var covers = await s.Reservations.CoversAsync(restaurant.Id, LocalDate.FromDateOnly(date!.Value), s.Ct);
        return TypedResults.Ok(new CoversResponse(settings.CoversPerSlot, covers.Select(c => new SlotCoversResponse(restaurant.Local(c.SlotStart), c.Used)).ToList()));
    }

    public static async Task<Results<Ok<Page<ReservationResponse>>, ProblemHttpResult>> MineAsync(int? limit, string? cursor, [AsParameters] ReservationServices s)
    {
        var take = Paging.Limit(limit);
        var after = Paging.Decode<Cursor>(cursor);
        var rows = await s.Reservations.ListForDinerAsync(s.User.UserId(), after is null ? null : (after.Start, after.Id), take + 1, s.Ct);
        var restaurants = new Dictionary<Guid, RestaurantRow>();
        var items = new List<ReservationResponse>();
        foreach (var row in rows)
        {
            if (!restaurants.TryGetValue(row.RestaurantId, out var restaurant))
            {
                restaurants[row.RestaurantId] = restaurant = await RestaurantAsync(s, row.RestaurantId);
            }

            items.Add(ToResponse(row, restaurant));
        }

        return TypedResults.Ok(Paging.ToPage(items, take, r => new Cursor(r.Start, r.Id)));
    }

    public static async Task<Results<Ok<CancellationQuoteResponse>, ProblemHttpResult>> QuoteCancellationAsync(Guid id, [AsParameters] ReservationServices s)
    {
        var row = await s.Reservations.FindAsync(id, s.Ct);
        var staff = row is not null && await s.Rights.IsStaffAsync(s.User, row.RestaurantId, s.Ct);
        if (row is null || !(staff || row.IsOf(s.User.FindUserId())))
        {
            return Problems.NotFound("reservation", "예약");
        }

        var settings = await s.Settings.GetAsync(row.RestaurantId, row.Currency, s.Ct);
        var now = s.Now;
        var untilStart = Instant.FromDateTimeOffset(row.StartsAt) - now;
        var refund = Policy.CancellationRefund(settings, row.DepositAmount, row.PaymentStatus == "collected", untilStart, byRestaurant: staff);
        var reason = !Lifecycle.CanMove(row.Status, Status.Cancelled) ? "status"
            : !staff && untilStart <= Duration.Zero ? "started"
            : null;
        s.Http.SetETag(row.Version);
        return TypedResults.Ok(new CancellationQuoteResponse(
            row.Id, reason is null, reason, staff ? "restaurant" : "diner", refund.Percent,
            new MoneyResponse(refund.Amount, row.Currency), new MoneyResponse(refund.Paid, row.Currency),
            row.DepositAmount > 0 ? new MoneyResponse(row.DepositAmount, row.Currency) : null,
            now.ToDateTimeOffset()));
    }

    public static async Task<Results<Ok<ReservationResponse>, ValidationProblem, ProblemHttpResult>> ModifyAsync(
        Guid id, ModifyBody body, [AsParameters] ReservationServices s)
    {
        var errors = new FieldErrors();
        int? party = body.PartySize is null ? null : errors.Range("partySize", body.PartySize, 1, TableRequest.MaxPartySize, 1);
        var wanted = LocalTimes.ParseInstant(errors, "start", body.Start, required: false);
        if (body.PartySize is null && string.IsNullOrWhiteSpace(body.Start))
        {
            errors.Add("start", "Send start, partySize or both.", "start나 partySize 중 하나 이상을 보내 주세요.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Reservations.FindAsync(id, s.Ct);
        var staff = row is not null && await s.Rights.IsStaffAsync(s.User, row.RestaurantId, s.Ct);
        if (row is null || !(staff || row.IsOf(s.User.FindUserId())))
        {
            return Problems.NotFound("reservation", "예약");
        }

        var expected = Versions.Expected(s.Http.Request, body.Version);
        if (expected is { } version && version != row.Version)
        {
            return Problems.Stale("reservation", "예약");
        }

        if (!Lifecycle.CanModify(row.Status))
        {
            return Problems.Conflict($"A reservation that is {row.Status} cannot be modified.", $"{row.Status} 상태의 예약은 변경할 수 없습니다.");
        }

        var start = wanted ?? Instant.FromDateTimeOffset(row.StartsAt);
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
            (slot.End.ToInstant() + Duration.FromMinutes(book.Settings.BufferMinutes)).ToDateTimeOffset(), Availability.ServiceDate(own, start),
            slot.Allocations, book.Settings.CoversPerSlot, now.ToDateTimeOffset(), s.Ct);
        switch (outcome)
        {
            case BookOutcome.Booked:
                s.Http.SetETag(updated!.Version);
                return TypedResults.Ok(ToResponse(updated, found.Restaurant));
            case BookOutcome.Stale:
                // Changed between our read and our write: with a precondition that is a stale version, else a plain conflict.
                return expected is null ? ChangedMeanwhile() : Problems.Stale("reservation", "예약");
            default:
                return await LostRaceAsync(s, row.RestaurantId, start, partySize, outcome);
        }
    }

    /// <summary>A status transition: who may make it, whether the state machine allows it, and what it costs.</summary>
    public static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> MoveAsync(Guid id, string to, ReservationServices s)
    {
        var row = await s.Reservations.FindAsync(id, s.Ct);
        var staff = row is not null && await s.Rights.IsStaffAsync(s.User, row.RestaurantId, s.Ct);
        var diner = row is not null && row.IsOf(s.User.FindUserId());
        if (row is null || !(staff || diner))
        {
            return Problems.NotFound("reservation", "예약");
        }

        if (Versions.Expected(s.Http.Request) is { } expected && expected != row.Version)
        {
            return Problems.Stale("reservation", "예약");
        }

        if (!staff && to != Status.Cancelled)
        {
            return Problems.Forbidden("Only the restaurant's people can record this.", "식당 직원만 기록할 수 있습니다.");
        }

        if (!Lifecycle.CanMove(row.Status, to))
        {
            return Problems.Conflict($"A reservation that is {row.Status} cannot become {to}.", $"{row.Status} 상태의 예약은 {to}(으)로 바꿀 수 없습니다.");
        }

        var restaurant = await RestaurantAsync(s, row.RestaurantId);
        var settings = await s.Settings.GetAsync(row.RestaurantId, restaurant.Currency, s.Ct);
        var now = s.Now;
        var untilStart = Instant.FromDateTimeOffset(row.StartsAt) - now;
        var window = Duration.FromMinutes(s.Options.Value.EarlyArrivalMinutes);
        if (row.Status == Status.Confirmed && Lifecycle.TooEarlyToArrive(to, untilStart, window))
        {
            var opens = Instant.FromDateTimeOffset(row.StartsAt) - window;
            return Problems.Conflict(
                $"Guests can be marked arrived from {s.Options.Value.EarlyArrivalMinutes} minutes before their start ({LocalTimes.Describe(opens, restaurant.Zone, false)}); is this the right booking?",
                $"도착 처리는 예약 {s.Options.Value.EarlyArrivalMinutes}분 전({LocalTimes.Describe(opens, restaurant.Zone, true)})부터 할 수 있습니다. 맞는 예약인지 확인해 주세요.",
                "too_early");
        }

        string? cancelledBy = null;
        int? refund = null;
        long? fee = null;
        string? payment = null;
        switch (to)
        {
            case Status.Cancelled:
                if (!staff && untilStart <= Duration.Zero)
                {
                    return Problems.Conflict("The reservation has started; please contact the restaurant.", "예약 시간이 이미 시작되었습니다. 식당에 문의해 주세요.");
                }

                // The same rule as the quote the diner saw (GET …/cancellation), applied at this moment.
                cancelledBy = staff ? "restaurant" : "diner";
                refund = Policy.CancellationRefund(settings, row.DepositAmount, row.PaymentStatus == "collected", untilStart, byRestaurant: staff).Percent;
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

        s.Http.SetETag(moved.Version);
        return TypedResults.Ok(ToResponse(moved, restaurant));
    }

    private sealed record Cursor(DateTimeOffset Start, Guid Id);

    /// <summary>A 400 or 404 for a restaurant's day (day sheet, CSV, covers), or null when the caller is its people.</summary>
    private static async Task<(ValidationProblem? Invalid, ProblemHttpResult? NotFound)> StaffDayAsync(Guid? restaurantId, DateOnly? date, ReservationServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", restaurantId);
        if (date is null)
        {
            errors.Missing("date", "yyyy-MM-dd");
        }

        if (!errors.IsEmpty)
        {
            return (Problems.Invalid(errors), null);
        }

        return await s.Rights.IsStaffAsync(s.User, restaurantId!.Value, s.Ct) ? (null, null) : (null, Problems.NotFound("restaurant", "식당"));
    }

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

    /// <summary>A CSV field: quoted when it holds a separator, a quote or a line break; a leading formula character is defused.</summary>
    private static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static Task<(RestaurantRow Restaurant, BookingBook Book)?> LoadAroundAsync(ReservationServices s, Guid restaurantId, Instant start) =>
        s.Books.LoadAsync(restaurantId, start - Duration.FromDays(2), start + Duration.FromDays(2), s.Ct);

    private static async Task<RestaurantRow> RestaurantAsync(ReservationServices s, Guid restaurantId) =>
        await s.Books.FindAsync(restaurantId, s.Ct) ?? new RestaurantRow { Id = restaurantId };

    internal static ReservationResponse ToResponse(ReservationRow r, RestaurantRow restaurant) => new(
        r.Id,
        r.RestaurantId,
        r.Status,
        restaurant.Local(r.StartsAt),
        restaurant.Local(r.EndsAt),
        LocalTimes.Format(r.ServiceDay),
        restaurant.TimeZone,
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
