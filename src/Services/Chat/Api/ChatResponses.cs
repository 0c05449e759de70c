using Brigade.Chat.Data;

namespace Brigade.Chat.Api;

/// <summary>
/// What a client sends: <c>clientMessageId</c> (up to 64 characters, optional but recommended) makes a resend of the same
/// message return the stored one instead of posting it twice; <c>text</c> (up to 4000 characters) and/or <c>imageUrl</c>
/// (an http(s) URL; the message is then an <c>image</c>).
/// </summary>
public sealed record SendBody(string? ClientMessageId, string? Text, string? ImageUrl);

/// <summary>
/// A stored message. <c>seq</c> numbers the room's messages from 1 (the order everyone sees); <c>kind</c> is <c>text</c>,
/// <c>image</c> or <c>system</c> (no sender; <c>textEn</c> is its English). A deleted or hidden message keeps its place
/// without its text.
/// </summary>
public sealed record MessageResponse(
    Guid Id, Guid RoomId, long Seq, Guid? SenderId, string Kind, string? Text, string? TextEn, string? ImageUrl,
    string? ClientMessageId, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted, bool Hidden)
{
    public static MessageResponse From(MessageRow m)
    {
        var gone = m.DeletedAt is not null || m.HiddenAt is not null;
        return new(m.Id, m.RoomId, m.Seq, m.SenderId, m.Kind, gone ? null : m.Body, gone ? null : m.BodyEn, gone ? null : m.ImageUrl,
            m.ClientMessageId, m.CreatedAt, m.EditedAt, m.DeletedAt is not null, m.HiddenAt is not null);
    }
}

/// <summary>A member of a room and how far they have read (<c>lastReadSeq</c>: the read receipt).</summary>
public sealed record MemberResponse(Guid UserId, string Role, string Side, long LastReadSeq);

/// <summary>
/// A room in the caller's list: <c>unread</c> counts others' messages after the caller's read receipt;
/// <c>maskContacts</c> says phone numbers and e-mail addresses are hidden (a worker and a restaurant before a booked shift).
/// </summary>
public sealed record RoomResponse(
    Guid Id, string Kind, Guid RestaurantId, string Title, bool MaskContacts, long LastSeq, DateTimeOffset? LastMessageAt,
    string? LastMessage, Guid? LastSenderId, long Unread, bool Muted, long LastReadSeq)
{
    public static RoomResponse From(RoomSummaryRow r) => new(
        r.Id, r.Kind, r.RestaurantId, r.Title, r.MaskContacts, r.LastSeq, r.LastMessageAt,
        r.LastKind is null ? null : Domain.MessageRules.Preview(r.LastKind, r.LastBody), r.LastSenderId, r.Unread, r.Muted, r.LastReadSeq);
}

public sealed record RoomDetailResponse(RoomResponse Room, IReadOnlyList<MemberResponse> Members);

public sealed record UnreadResponse(long Unread, int Rooms);

/// <summary>The caller's read receipt after marking: it never moves back.</summary>
public sealed record ReadResponse(Guid RoomId, long LastReadSeq);

public sealed record TypingEvent(Guid RoomId, Guid UserId);

public sealed record ReadEvent(Guid RoomId, Guid UserId, long LastReadSeq);

public sealed record ReportResponse(
    Guid MessageId, Guid RoomId, Guid ReporterId, string Reason, DateTimeOffset CreatedAt, Guid? SenderId, string? Text, bool Hidden);
