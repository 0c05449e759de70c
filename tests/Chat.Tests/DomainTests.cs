using Brigade.Chat.Domain;

namespace Brigade.Chat.Tests;

public sealed class DomainTests
{
    [Theory]
    [InlineData("010-1234-5678", "***")]
    [InlineData("01012345678", "***")]
    [InlineData("+82 10 1234 5678", "***")]
    [InlineData("02)123-4567 please", "*** please")]
    [InlineData("kim.cook@example.co.kr", "***")]
    [InlineData("see you at 18:30, 15000 won, code 4821", "see you at 18:30, 15000 won, code 4821")]
    [InlineData("2026-12-24 works", "2026-12-24 works")]
    public void Contacts_are_masked_and_times_prices_and_dates_are_not(string text, string expected) =>
        ContactMask.Apply(text).ShouldBe(expected);

    public static TheoryData<bool, bool, int, MessageRules.Change> Changes => new()
    {
        { true, false, 1, MessageRules.Change.Allowed },
        { false, false, 1, MessageRules.Change.NotSender },
        { true, true, 1, MessageRules.Change.Gone },
        { true, false, 16, MessageRules.Change.TooLate },
        { false, true, 16, MessageRules.Change.NotSender },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Only_the_sender_changes_a_live_message_within_the_window(bool ownMessage, bool gone, int minutesAgo, MessageRules.Change expected)
    {
        var caller = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        MessageRules.CanChange(ownMessage ? caller : Guid.NewGuid(), now.AddMinutes(-minutesAgo), gone, caller, now, TimeSpan.FromMinutes(15))
            .ShouldBe(expected);
    }

    [Theory]
    [InlineData(false, false, 3, 3, true)]
    [InlineData(true, false, 3, 3, false)]
    [InlineData(false, true, 3, 3, false)]
    [InlineData(false, false, 3, 5, false)]
    [InlineData(false, false, 6, 5, true)]
    public void An_away_unmuted_member_is_told_once_per_unread_streak(bool online, bool muted, long lastRead, long lastNotified, bool due) =>
        OfflineNotice.Due(online, muted, lastRead, lastNotified).ShouldBe(due);

    [Fact]
    public void A_preview_is_short()
    {
        MessageRules.Preview("text", new string('가', 300)).Length.ShouldBe(MessageRules.PreviewLength);
        MessageRules.Preview("image", null).ShouldBe("[사진]");
    }
}
