using System.Security.Claims;
using Brigade.Api;
using Brigade.Data;
using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Reservations.Api;

public sealed record WaitlistBody(Guid? RestaurantId, int? PartySize, string? Name, string? Phone);

/// <summary>A diner joining a queue remotely: <c>name</c> defaults to their account's name.</summary>
public sealed record RemoteWaitlistBody(Guid? RestaurantId, int? PartySize, string? Name, string? Phone);

/// <summary><c>start</c>: an ISO 8601 instant with its offset (<c>2026-12-24T19:00:00+09:00</c>).</summary>
public sealed record NotifyMeBody(Guid? RestaurantId, string? Start, int? PartySize);

/// <summary>
/// A party in the queue: its place (1 = next) and the quoted wait while it is active (null once seated or gone).
/// <c>remote</c>: a diner joined from their phone with their account (원격 줄서기).
/// </summary>
public sealed record WaitlistEntryResponse(
    Guid Id, Guid RestaurantId, string Name, string? Phone, int PartySize, string Status, int? Position, int? QuotedWaitMinutes, int Postponements,
    bool Remote, DateTimeOffset CreatedAt);

public sealed record WaitlistResponse(IReadOnlyList<WaitlistEntryResponse> Items);

/// <summary>
/// A "notify me" request: <c>open</c> until a cancellation offers its slot (<c>offered</c>), or <c>withdrawn</c> by the diner.
/// <c>start</c> carries the restaurant's offset.
/// </summary>
public sealed record NotifyMeResponse(Guid Id, Guid RestaurantId, DateTimeOffset Start, int PartySize, string Status, DateTimeOffset CreatedAt);

public sealed record NotifyMeListResponse(IReadOnlyList<NotifyMeResponse> Items);

public sealed record WaitlistServices(
    WaitlistStore Waitlist, BookReader Books, SettingsStore Settings, RightsStore Rights, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class WaitlistApi
{
    public const string Tag = "Waitlist";

    public static RouteGroupBuilder MapWaitlist(this RouteGroupBuilder api)
    {
        api.MapPost("/", AddAsync).RequireAuthorization()
            .WithName("JoinWaitlist").WithSummary("Put a walk-in party in the queue with its position and quoted wait (the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/remote", JoinRemotelyAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("JoinWaitlistRemotely")
            .WithSummary("Join a restaurant's queue from anywhere while it is open (원격 줄서기; signed-in diners, one place per restaurant)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/mine", MineAsync).RequireAuthorization(Policies.User)
            .WithName("MyWaitlistPlaces").WithSummary("The caller's places in queues, with position and quoted wait").WithTags(Tag);
        api.MapGet("/", ListAsync).RequireAuthorization()
            .WithName("ListWaitlist").WithSummary("A restaurant's waiting and table-ready parties in queue order (the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        MapMove(api, "ready", WaitStatus.Ready, "WaitlistTableReady", "The party's table is ready: announces reservations.waitlist.ready and tells a remote diner (the restaurant's people)");
        MapMove(api, "seat", WaitStatus.Seated, "WaitlistSeat", "The party is seated and leaves the queue (the restaurant's people)");
        MapMove(api, "leave", WaitStatus.Left, "WaitlistLeave", "The party gives up its place (the restaurant's people, or the diner who joined remotely)");
        api.MapPost("/{id:guid}/postpone", PostponeAsync).RequireAuthorization()
            .WithName("WaitlistPostpone").WithSummary("Move the party back behind the next party, at most twice (the restaurant's people)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/notify-me", NotifyMeAsync).RequireAuthorization(Policies.User)
            .WithName("NotifyMe").WithSummary("Ask to be offered a sold-out slot when a booking near it is cancelled (signed-in diners)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/notify-me", MyNotifyMeAsync).RequireAuthorization(Policies.User)
            .WithName("MyNotifyMeRequests").WithSummary("The caller's open and offered \"notify me\" requests for upcoming starts, soonest first").WithTags(Tag);
        api.MapDelete("/notify-me/{id:guid}", WithdrawNotifyMeAsync).RequireAuthorization(Policies.User)
            .WithName("WithdrawNotifyMe").WithSummary("Withdraw one's \"notify me\" request: it is never offered (withdrawing twice is harmless)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static void MapMove(RouteGroupBuilder api, string step, string to, string name, string summary) =>
        api.MapPost($"/{{id:guid}}/{step}", (Guid id, [AsParameters] WaitlistServices s) => MoveAsync(id, to, s))
            .RequireAuthorization().WithName(name).WithSummary(summary).WithTags(Tag)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    public static async Task<Results<Created<WaitlistEntryResponse>, ValidationProblem, ProblemHttpResult>> AddAsync(WaitlistBody body, [AsParameters] WaitlistServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", body.RestaurantId);
        var party = errors.RequiredRange("partySize", body.PartySize, 1, TableRequest.MaxPartySize) ?? 1;
        var name = errors.RequiredText("name", body.Name, 100);
        var phone = errors.Phone("phone", body.Phone) is { } written ? GuestBook.NormalizePhone(written) : null;
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var restaurantId = body.RestaurantId!.Value;
        if (!await s.Rights.IsStaffAsync(s.User, restaurantId, s.Ct) || await s.Books.FindAsync(restaurantId, s.Ct) is null)
        {
            return Problems.NotFound("restaurant", "식당");
        }

        var row = (await s.Waitlist.AddAsync(restaurantId, name!, phone, party, null, s.Clock.GetUtcNow(), s.Ct))!;
        var queue = await QueueAsync(restaurantId, s);
        var entry = queue.FirstOrDefault(e => e.Id == row.Id) ?? ToResponse(row, null, null);
        return TypedResults.Created($"/api/waitlist/{row.Id}", entry);
    }

    /// <summary>
    /// 원격 줄서기: a diner takes a place in a published restaurant's queue while it is open, under their account, and is
    /// told when their table is ready. One place per diner and restaurant; the party must fit the restaurant's online limit.
    /// </summary>
    public static async Task<Results<Created<WaitlistEntryResponse>, ValidationProblem, ProblemHttpResult>> JoinRemotelyAsync(
        RemoteWaitlistBody body, [AsParameters] WaitlistServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", body.RestaurantId);
        var party = errors.RequiredRange("partySize", body.PartySize, 1, TableRequest.MaxPartySize) ?? 1;
        var name = errors.OptionalText("name", body.Name ?? s.User.FindFirstValue(ClaimNames.Name), 100);
        if (name is null && !errors.Has("name"))
        {
            errors.Missing("name");
        }

        var phone = errors.Phone("phone", body.Phone) is { } written ? GuestBook.NormalizePhone(written) : null;
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var now = s.Now;
        var loaded = await s.Books.LoadAsync(body.RestaurantId!.Value, now - Duration.FromDays(1), now + Duration.FromDays(1), s.Ct);
        if (loaded is not { Restaurant.Bookable: true } found)
        {
            return Problems.NotFound("restaurant", "식당");
        }

        if (party > found.Book.Settings.MaxPartySize)
        {
            return Problems.Invalid("partySize", $"This restaurant takes parties of at most {found.Book.Settings.MaxPartySize} online.",
                $"이 식당은 온라인으로 최대 {found.Book.Settings.MaxPartySize}명까지 받습니다.");
        }

        if (!found.Book.Hours.IsOpenAt(now, found.Book.Zone))
        {
            return Problems.Conflict("The restaurant is closed now; its queue opens with its hours.", "지금은 영업시간이 아니어서 줄을 설 수 없습니다.", "closed");
        }

        var row = await s.Waitlist.AddAsync(found.Restaurant.Id, name!, phone, party, s.User.UserId(), now.ToDateTimeOffset(), s.Ct);
        if (row is null)
        {
            return Problems.Conflict("You already have a place in this restaurant's queue.", "이미 이 식당의 대기열에 계십니다.", "already_waiting");
        }

        var entry = (await QueueAsync(row.RestaurantId, s)).FirstOrDefault(e => e.Id == row.Id) ?? ToResponse(row, null, null);
        return TypedResults.Created($"/api/waitlist/{row.Id}", entry);
    }

    public static async Task<Ok<WaitlistResponse>> MineAsync([AsParameters] WaitlistServices s)
    {
        var items = new List<WaitlistEntryResponse>();
        foreach (var row in await s.Waitlist.ActiveOfDinerAsync(s.User.UserId(), s.Ct))
        {
            items.Add((await QueueAsync(row.RestaurantId, s)).FirstOrDefault(e => e.Id == row.Id) ?? ToResponse(row, null, null));
        }

        return TypedResults.Ok(new WaitlistResponse(items));
    }

    public static async Task<Results<Ok<WaitlistResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(Guid? restaurantId, [AsParameters] WaitlistServices s)
    {
        if (restaurantId is null)
        {
            return Problems.Invalid("restaurantId", "restaurantId is required.", "restaurantId은(는) 필수입니다.");
        }

        if (!await s.Rights.IsStaffAsync(s.User, restaurantId.Value, s.Ct))
        {
            return Problems.NotFound("restaurant", "식당");
        }

        return TypedResults.Ok(new WaitlistResponse(await QueueAsync(restaurantId.Value, s)));
    }

    public static async Task<Results<Ok<WaitlistEntryResponse>, ProblemHttpResult>> MoveAsync(Guid id, string to, [AsParameters] WaitlistServices s)
    {
        var row = await s.Waitlist.FindAsync(id, s.Ct);
        // The diner who joined remotely may give up their own place; everything else is the restaurant's.
        var own = to == WaitStatus.Left && row?.DinerId is { } diner && diner == s.User.FindUserId();
        if (row is null || !(own || await s.Rights.IsStaffAsync(s.User, row.RestaurantId, s.Ct)))
        {
            return Problems.NotFound("waitlist entry", "대기 항목");
        }

        if (!Waitlist.CanMove(row.Status, to))
        {
            return Problems.Conflict($"A {row.Status} party cannot become {to}.", $"{row.Status} 상태의 일행은 {to}(으)로 바꿀 수 없습니다.");
        }

        var moved = await s.Waitlist.MoveAsync(id, row.Status, to, s.Clock.GetUtcNow(), s.Ct);
        return moved is null ? PartyChanged() : TypedResults.Ok(await EntryAsync(moved, s));
    }

    public static async Task<Results<Ok<WaitlistEntryResponse>, ProblemHttpResult>> PostponeAsync(Guid id, [AsParameters] WaitlistServices s)
    {
        var row = await s.Waitlist.FindAsync(id, s.Ct);
        if (row is null || !await s.Rights.IsStaffAsync(s.User, row.RestaurantId, s.Ct))
        {
            return Problems.NotFound("waitlist entry", "대기 항목");
        }

        if (!WaitStatus.Active.Contains(row.Status))
        {
            return Problems.Conflict($"A {row.Status} party is no longer in the queue.", $"{row.Status} 상태의 일행은 더 이상 대기열에 없습니다.");
        }

        if (!Waitlist.CanPostpone(row.Status, row.Postponements))
        {
            return Problems.Conflict($"A party can postpone at most {Waitlist.MaxPostponements} times.", $"순서 미루기는 최대 {Waitlist.MaxPostponements}번까지 할 수 있습니다.");
        }

        var moved = await s.Waitlist.PostponeAsync(id, row.Status, row.Postponements, s.Clock.GetUtcNow(), s.Ct);
        return moved is null ? PartyChanged() : TypedResults.Ok(await EntryAsync(moved, s));
    }

    public static async Task<Results<Created<NotifyMeResponse>, ValidationProblem, ProblemHttpResult>> NotifyMeAsync(NotifyMeBody body, [AsParameters] WaitlistServices s)
    {
        var errors = new FieldErrors();
        errors.RequiredId("restaurantId", body.RestaurantId);
        var party = errors.RequiredRange("partySize", body.PartySize, 1, TableRequest.MaxPartySize) ?? 1;
        var now = s.Now;
        var start = LocalTimes.ParseInstant(errors, "start", body.Start);
        if (start is { } at && at <= now)
        {
            errors.Add("start", "start must be in the future.", "start는 미래 시각이어야 합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var restaurant = await s.Books.FindAsync(body.RestaurantId!.Value, s.Ct);
        if (restaurant is null || !restaurant.Bookable)
        {
            return Problems.NotFound("restaurant", "식당");
        }

        var row = await s.Waitlist.WatchAsync(restaurant.Id, s.User.UserId(), start!.Value.ToDateTimeOffset(), party, now.ToDateTimeOffset(), s.Ct);
        return TypedResults.Created($"/api/waitlist/notify-me/{row.Id}", ToResponse(row, restaurant));
    }

    public static async Task<Ok<NotifyMeListResponse>> MyNotifyMeAsync([AsParameters] WaitlistServices s)
    {
        var rows = await s.Waitlist.WatchesOfDinerAsync(s.User.UserId(), s.Clock.GetUtcNow(), s.Ct);
        var restaurants = new Dictionary<Guid, RestaurantRow>();
        var items = new List<NotifyMeResponse>();
        foreach (var row in rows)
        {
            if (!restaurants.TryGetValue(row.RestaurantId, out var restaurant))
            {
                restaurants[row.RestaurantId] = restaurant = await s.Books.FindAsync(row.RestaurantId, s.Ct) ?? new RestaurantRow { Id = row.RestaurantId };
            }

            items.Add(ToResponse(row, restaurant));
        }

        return TypedResults.Ok(new NotifyMeListResponse(items));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> WithdrawNotifyMeAsync(Guid id, [AsParameters] WaitlistServices s)
    {
        var row = await s.Waitlist.FindWatchAsync(id, s.Ct);
        if (row is null || row.DinerId != s.User.UserId())
        {
            return Problems.NotFound("notify-me request", "빈자리 알림 신청");
        }

        await s.Waitlist.WithdrawAsync(id, row.DinerId, s.Ct);
        return TypedResults.NoContent();
    }

    /// <summary>The active queue with positions and quoted waits (turn time and fitting tables per party size).</summary>
    private static async Task<IReadOnlyList<WaitlistEntryResponse>> QueueAsync(Guid restaurantId, WaitlistServices s)
    {
        var rows = await s.Waitlist.ActiveAsync(restaurantId, s.Ct);
        var tables = await s.Waitlist.TablesAsync(restaurantId, s.Ct);
        var currency = (await s.Books.FindAsync(restaurantId, s.Ct))?.Currency ?? "KRW";
        var settings = await s.Settings.GetAsync(restaurantId, currency, s.Ct);
        return rows.Select((r, i) => ToResponse(r, i + 1, Waitlist.QuotedWaitMinutes(
            i, (int)settings.TurnFor(r.PartySize).TotalMinutes, tables.Count(t => t.Min <= r.PartySize && r.PartySize <= t.Max)))).ToList();
    }

    private static async Task<WaitlistEntryResponse> EntryAsync(WaitlistEntryRow row, WaitlistServices s) =>
        WaitStatus.Active.Contains(row.Status)
            ? (await QueueAsync(row.RestaurantId, s)).FirstOrDefault(e => e.Id == row.Id) ?? ToResponse(row, null, null)
            : ToResponse(row, null, null);

    private static ProblemHttpResult PartyChanged() =>
        Problems.Conflict("The party changed meanwhile; reload and try again.", "그 사이 일행 정보가 바뀌었습니다. 새로고침 후 다시 시도해 주세요.");

    private static WaitlistEntryResponse ToResponse(WaitlistEntryRow r, int? position, int? quoted) =>
        new(r.Id, r.RestaurantId, r.Name, r.Phone, r.PartySize, r.Status, position, quoted, r.Postponements, r.DinerId is not null, r.CreatedAt);

    private static NotifyMeResponse ToResponse(SlotWatchRow r, RestaurantRow restaurant) =>
        new(r.Id, r.RestaurantId, restaurant.Local(r.StartsAt), r.PartySize, r.Status, r.CreatedAt);
}
