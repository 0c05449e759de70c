using Brigade.Api;
using Brigade.Reservations.Data;
using Brigade.Reservations.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Reservations.Api;

public sealed record WaitlistBody(Guid? RestaurantId, int? PartySize, string? Name, string? Phone);

public sealed record NotifyMeBody(Guid? RestaurantId, DateTimeOffset? Start, int? PartySize);

/// <summary>A walk-in party: its place in the queue (1 = next) and the quoted wait while it is active (null once seated or gone).</summary>
public sealed record WaitlistEntryResponse(
    Guid Id, Guid RestaurantId, string Name, string? Phone, int PartySize, string Status, int? Position, int? QuotedWaitMinutes, int Postponements, DateTimeOffset CreatedAt);

public sealed record WaitlistResponse(IReadOnlyList<WaitlistEntryResponse> Items);

/// <summary>A "notify me" request: <c>open</c> until a cancellation offers its slot (<c>offered</c>).</summary>
public sealed record NotifyMeResponse(Guid Id, Guid RestaurantId, DateTimeOffset Start, int PartySize, string Status, DateTimeOffset CreatedAt);

public sealed record WaitlistServices(
    WaitlistStore Waitlist, BookReader Books, SettingsStore Settings, MembershipStore Members, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class WaitlistApi
{
    public const string Tag = "Waitlist";

    public static RouteGroupBuilder MapWaitlist(this RouteGroupBuilder api)
    {
        api.MapPost("/", AddAsync).RequireAuthorization()
            .WithName("JoinWaitlist").WithSummary("Put a walk-in party in the queue with its position and quoted wait (the restaurant's people)").WithTags(Tag);
        api.MapGet("/", ListAsync).RequireAuthorization()
            .WithName("ListWaitlist").WithSummary("A restaurant's waiting and table-ready parties in queue order (the restaurant's people)").WithTags(Tag);
        api.MapPost("/{id:guid}/ready", (Guid id, [AsParameters] WaitlistServices s) => MoveAsync(id, WaitStatus.Ready, s))
            .RequireAuthorization().WithName("WaitlistTableReady").WithSummary("The party's table is ready: announces reservations.waitlist.ready (the restaurant's people)").WithTags(Tag);
        api.MapPost("/{id:guid}/seat", (Guid id, [AsParameters] WaitlistServices s) => MoveAsync(id, WaitStatus.Seated, s))
            .RequireAuthorization().WithName("WaitlistSeat").WithSummary("The party is seated and leaves the queue (the restaurant's people)").WithTags(Tag);
        api.MapPost("/{id:guid}/leave", (Guid id, [AsParameters] WaitlistServices s) => MoveAsync(id, WaitStatus.Left, s))
            .RequireAuthorization().WithName("WaitlistLeave").WithSummary("The party gave up and leaves the queue (the restaurant's people)").WithTags(Tag);
        api.MapPost("/{id:guid}/postpone", PostponeAsync).RequireAuthorization()
            .WithName("WaitlistPostpone").WithSummary("Move the party back behind the next party, at most twice (the restaurant's people)").WithTags(Tag);
        api.MapPost("/notify-me", NotifyMeAsync).RequireAuthorization(Policies.User)
            .WithName("NotifyMe").WithSummary("Ask to be offered a sold-out slot when a booking near it is cancelled (signed-in diners)").WithTags(Tag);
        return api;
    }

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
        if (!await s.Members.IsStaffAsync(s.User, restaurantId, s.Ct) || await s.Books.FindAsync(restaurantId, s.Ct) is null)
        {
            return Problems.NotFound("restaurant", "식당");
        }

        var row = await s.Waitlist.AddAsync(restaurantId, name!, phone, party, s.Clock.GetUtcNow(), s.Ct);
        var queue = await QueueAsync(restaurantId, s);
        var entry = queue.FirstOrDefault(e => e.Id == row.Id) ?? ToResponse(row, null, null);
        return TypedResults.Created($"/api/waitlist/{row.Id}", entry);
    }

    public static async Task<Results<Ok<WaitlistResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(Guid? restaurantId, [AsParameters] WaitlistServices s)
    {
        if (restaurantId is null)
        {
            return Problems.Invalid("restaurantId", "restaurantId is required.", "restaurantId은(는) 필수입니다.");
        }

        if (!await s.Members.IsStaffAsync(s.User, restaurantId.Value, s.Ct))
        {
            return Problems.NotFound("restaurant", "식당");
        }

        return TypedResults.Ok(new WaitlistResponse(await QueueAsync(restaurantId.Value, s)));
    }

    public static async Task<Results<Ok<WaitlistEntryResponse>, ProblemHttpResult>> MoveAsync(Guid id, string to, [AsParameters] WaitlistServices s)
    {
        var row = await s.Waitlist.FindAsync(id, s.Ct);
        if (row is null || !await s.Members.IsStaffAsync(s.User, row.RestaurantId, s.Ct))
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
        if (row is null || !await s.Members.IsStaffAsync(s.User, row.RestaurantId, s.Ct))
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
        var now = s.Clock.GetUtcNow();
        if (body.Start is null)
        {
            errors.Missing("start", "2026-12-24T19:00:00+09:00");
        }
        else if (body.Start.Value <= now)
        {
            errors.Add("start", "start must be in the future.", "start는 미래 시각이어야 합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (s.User.FindUserId() is not { } diner)
        {
            return Problems.Forbidden("Only a signed-in user can ask to be notified.", "로그인한 사용자만 알림을 신청할 수 있습니다.");
        }

        var restaurant = await s.Books.FindAsync(body.RestaurantId!.Value, s.Ct);
        if (restaurant is null || !restaurant.Bookable)
        {
            return Problems.NotFound("restaurant", "식당");
        }

        var row = await s.Waitlist.WatchAsync(restaurant.Id, diner, body.Start!.Value, party, now, s.Ct);
        return TypedResults.Created($"/api/waitlist/notify-me/{row.Id}",
            new NotifyMeResponse(row.Id, row.RestaurantId, row.StartsAt, row.PartySize, row.Status, row.CreatedAt));
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
        new(r.Id, r.RestaurantId, r.Name, r.Phone, r.PartySize, r.Status, position, quoted, r.Postponements, r.CreatedAt);
}
