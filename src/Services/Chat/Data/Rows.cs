namespace Brigade.Chat.Data;

public sealed record RoomRow(
    Guid Id, string Kind, Guid RestaurantId, string Title, string? Subject, bool MaskContacts, long LastSeq,
    DateTimeOffset? LastMessageAt, DateTimeOffset CreatedAt);

public sealed record MemberRow(
    Guid RoomId, Guid UserId, string Role, string Side, DateTimeOffset JoinedAt, bool Muted, long LastReadSeq, long LastNotifiedSeq);

public sealed record MessageRow(
    Guid Id, Guid RoomId, long Seq, Guid? SenderId, string Kind, string? Body, string? BodyEn, string? ImageUrl,
    string? ClientMessageId, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, DateTimeOffset? DeletedAt, DateTimeOffset? HiddenAt);

/// <summary>A room as its member lists it: the last message and how many others' messages they have not read.</summary>
public sealed record RoomSummaryRow(
    Guid Id, string Kind, Guid RestaurantId, string Title, bool MaskContacts, long LastSeq, DateTimeOffset? LastMessageAt,
    DateTimeOffset CreatedAt, bool Muted, long LastReadSeq, long Unread, string? LastKind, string? LastBody, Guid? LastSenderId)
{
    public DateTimeOffset ActiveAt => LastMessageAt ?? CreatedAt;
}

public sealed record ReportRow(
    Guid MessageId, Guid RoomId, Guid ReporterId, string Reason, DateTimeOffset CreatedAt, Guid? SenderId, string? Body, DateTimeOffset? HiddenAt);
