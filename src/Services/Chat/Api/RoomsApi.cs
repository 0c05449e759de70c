using Brigade.Api;
using Brigade.Chat.Data;
using Brigade.Data;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Chat.Api;

/// <summary>A room between a restaurant's people: a title and the other members (known members of the restaurant).</summary>
public sealed record CreateRoomBody(Guid? RestaurantId, string? Title, IReadOnlyList<Guid>? MemberIds);

public sealed record ReadBody(long? Seq);

public sealed record MuteBody(bool? Muted);

public static class RoomsApi
{
    public const string Tag = "Chat rooms";
    public const int MaxMembers = 50;

    private sealed record Cursor(DateTimeOffset At, Guid Id);

    public static RouteGroupBuilder MapRooms(this RouteGroupBuilder api)
    {
        api.MapGet("/rooms", ListAsync).RequireAuthorization(Policies.User)
            .WithName("ListChatRooms").WithSummary("The caller's rooms, most recently active first, with unread counts").WithTags(Tag);
        api.MapPost("/rooms", CreateAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("CreateChatRoom").WithSummary("Open a room between people of one restaurant (the caller works there; members must too)")
            .WithTags(Tag).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/rooms/{id:guid}", GetAsync).RequireAuthorization(Policies.User)
            .WithName("GetChatRoom").WithSummary("A room with its members and their read receipts (members only)")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/unread", UnreadAsync).RequireAuthorization(Policies.User)
            .WithName("ChatUnread").WithSummary("Unread messages over all the caller's rooms").WithTags(Tag);
        api.MapPost("/rooms/{id:guid}/read", ReadAsync).RequireAuthorization(Policies.User)
            .WithName("MarkChatRead").WithSummary("Move the caller's read receipt up to a message number; members see it live")
            .WithTags(Tag).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/rooms/{id:guid}/mute", MuteAsync).RequireAuthorization(Policies.User)
            .WithName("MuteChatRoom").WithSummary("Mute or unmute a room: a muted room sends the caller no notifications")
            .WithTags(Tag).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/rooms/{id:guid}/leave", LeaveAsync).RequireAuthorization(Policies.User)
            .WithName("LeaveChatRoom").WithSummary("Leave a room; it disappears from the caller's list and access ends")
            .WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Ok<Page<RoomResponse>>> ListAsync(int? limit, string? cursor, [AsParameters] ChatServices s)
    {
        var take = Paging.Limit(limit);
        var after = Paging.Decode<Cursor>(cursor);
        var rows = await s.Rooms.ListAsync(s.User.UserId(), after is null ? null : (after.At, after.Id), take, s.Ct);
        var page = Paging.ToPage(rows, take, r => new Cursor(r.ActiveAt, r.Id));
        return TypedResults.Ok(new Page<RoomResponse>(page.Items.Select(RoomResponse.From).ToList(), page.NextCursor));
    }

    public static async Task<Results<Created<RoomDetailResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateRoomBody body, [AsParameters] ChatServices s)
    {
        var errors = new FieldErrors();
        var restaurantId = errors.RequiredId("restaurantId", body.RestaurantId);
        var title = errors.RequiredText("title", body.Title, 100);
        var others = (body.MemberIds ?? []).Distinct().Where(id => id != s.User.UserId()).ToList();
        if (others.Count == 0)
        {
            errors.Add("memberIds", "Name at least one other member.", "다른 멤버를 한 명 이상 지정하세요.");
        }
        else if (others.Count > MaxMembers)
        {
            errors.Add("memberIds", $"At most {MaxMembers} members.", $"멤버는 최대 {MaxMembers}명입니다.");
        }
        else if (others.Contains(Guid.Empty))
        {
            errors.Add("memberIds", "A member id is empty.", "비어 있는 멤버 ID가 있습니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var role = s.User.Memberships().FirstOrDefault(m => m.RestaurantId == restaurantId)?.Role;
        if (role is null)
        {
            return Problems.NotFound("restaurant", "레스토랑");
        }

        var strangers = await s.Rooms.NotStaffAsync(restaurantId!.Value, others, s.Ct);
        if (strangers.Count > 0)
        {
            return Problems.Invalid("memberIds",
                $"Not members of this restaurant: {string.Join(", ", strangers)}.", $"이 레스토랑의 멤버가 아닙니다: {string.Join(", ", strangers)}.");
        }

        var members = new List<(Guid, string)> { (s.User.UserId(), role) };
        members.AddRange(others.Select(id => (id, "staff")));
        var (room, opened, memberIds) = await s.Rooms.CreateStaffRoomAsync(restaurantId.Value, s.User.UserId(), title!, members, s.Clock.GetUtcNow(), s.Ct);
        await s.Fanout.MessageAsync(opened, memberIds);
        var detail = await s.Rooms.GetAsync(room.Id, s.User.UserId(), s.Ct);
        return TypedResults.Created($"/api/chat/rooms/{room.Id}", Detail(detail!.Value));
    }

    public static async Task<Results<Ok<RoomDetailResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] ChatServices s) =>
        await s.Rooms.GetAsync(id, s.User.UserId(), s.Ct) is { } detail ? TypedResults.Ok(Detail(detail)) : ChatProblems.RoomNotFound();

    public static async Task<Ok<UnreadResponse>> UnreadAsync([AsParameters] ChatServices s)
    {
        var (unread, rooms) = await s.Rooms.UnreadAsync(s.User.UserId(), s.Ct);
        return TypedResults.Ok(new UnreadResponse(unread, rooms));
    }

    public static async Task<Results<Ok<ReadResponse>, ValidationProblem, ProblemHttpResult>> ReadAsync(Guid id, ReadBody body, [AsParameters] ChatServices s)
    {
        if (body.Seq is not { } seq || seq < 0)
        {
            return Problems.Invalid("seq", "seq is required: the number of the last message read (0 or more).", "seq는 필수입니다: 마지막으로 읽은 메시지 번호(0 이상).");
        }

        var userId = s.User.UserId();
        if (await s.Rooms.MarkReadAsync(id, userId, seq, s.Ct) is not { } read)
        {
            return ChatProblems.RoomNotFound();
        }

        if (await s.Rooms.MembersSeenByAsync(id, userId, s.Ct) is { } members)
        {
            await s.Fanout.ReadAsync(id, userId, read, members);
        }

        return TypedResults.Ok(new ReadResponse(id, read));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> MuteAsync(Guid id, MuteBody body, [AsParameters] ChatServices s)
    {
        if (body.Muted is not { } muted)
        {
            return Problems.Invalid("muted", "muted is required (true or false).", "muted는 필수입니다(true 또는 false).");
        }

        return await s.Rooms.MuteAsync(id, s.User.UserId(), muted, s.Ct) ? TypedResults.NoContent() : ChatProblems.RoomNotFound();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> LeaveAsync(Guid id, [AsParameters] ChatServices s)
    {
        if (await s.Rooms.LeaveAsync(id, s.User.UserId(), s.User.DisplayName(), s.Clock.GetUtcNow(), s.Ct) is not { } left)
        {
            return ChatProblems.RoomNotFound();
        }

        await s.Fanout.MessageAsync(left.Left, left.MemberIds);
        return TypedResults.NoContent();
    }

    private static RoomDetailResponse Detail((RoomSummaryRow Room, IReadOnlyList<MemberRow> Members) detail) => new(
        RoomResponse.From(detail.Room), detail.Members.Select(m => new MemberResponse(m.UserId, m.Role, m.Side, m.LastReadSeq)).ToList());
}
