using Brigade.Notifications.Domain;
using NodaTime;

namespace Brigade.Notifications.Tests;

public sealed class DomainTests
{
    private static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];

    private static Instant SeoulTime(int year, int month, int day, int hour, int minute) =>
        Seoul.AtStrictly(new LocalDateTime(year, month, day, hour, minute)).ToInstant();

    [Theory]
    [InlineData(23, 30, 2026, 11, 22, 8, 0)]  // inside an overnight window, before midnight → next morning
    [InlineData(3, 0, 2026, 11, 21, 8, 0)]    // inside, after midnight → this morning
    [InlineData(8, 0, 2026, 11, 21, 8, 0)]    // the end itself is outside
    [InlineData(12, 0, 2026, 11, 21, 12, 0)]  // outside → now
    public void Overnight_quiet_hours_release_at_their_end(int hour, int minute, int y, int mo, int d, int releaseHour, int releaseMinute)
    {
        var quiet = new QuietHours(new LocalTime(22, 0), new LocalTime(8, 0), Seoul);
        var now = SeoulTime(2026, 11, 21, hour, minute);
        quiet.ReleaseAt(now).ShouldBe(SeoulTime(y, mo, d, releaseHour, releaseMinute));
    }

    [Fact]
    public void Daytime_quiet_hours_and_an_empty_window()
    {
        var nap = new QuietHours(new LocalTime(13, 0), new LocalTime(14, 0), Seoul);
        nap.ReleaseAt(SeoulTime(2026, 11, 21, 13, 30)).ShouldBe(SeoulTime(2026, 11, 21, 14, 0));
        nap.ReleaseAt(SeoulTime(2026, 11, 21, 22, 0)).ShouldBe(SeoulTime(2026, 11, 21, 22, 0));
        new QuietHours(new LocalTime(9, 0), new LocalTime(9, 0), Seoul).ReleaseAt(SeoulTime(2026, 11, 21, 9, 0)).ShouldBe(SeoulTime(2026, 11, 21, 9, 0));
    }

    [Fact]
    public void A_window_ending_in_a_DST_gap_releases_at_the_first_instant_after_it()
    {
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var quiet = new QuietHours(new LocalTime(1, 0), new LocalTime(2, 30), newYork); // 2026-03-08 02:30 does not exist there
        var now = newYork.AtStrictly(new LocalDateTime(2026, 3, 8, 1, 30)).ToInstant();
        quiet.ReleaseAt(now).ShouldBe(newYork.AtStrictly(new LocalDateTime(2026, 3, 8, 3, 30)).ToInstant());
    }

    [Fact]
    public void Backoff_doubles_up_to_the_cap_then_gives_up()
    {
        var now = DateTimeOffset.UnixEpoch;
        var first = TimeSpan.FromSeconds(10);
        var max = TimeSpan.FromSeconds(35);
        Backoff.NextAttempt(1, false, now, 4, first, max).ShouldBe(now.AddSeconds(10));
        Backoff.NextAttempt(2, false, now, 4, first, max).ShouldBe(now.AddSeconds(20));
        Backoff.NextAttempt(3, false, now, 4, first, max).ShouldBe(now.AddSeconds(35));
        Backoff.NextAttempt(4, false, now, 4, first, max).ShouldBeNull();
        Backoff.NextAttempt(1, true, now, 4, first, max).ShouldBeNull();
    }

    [Fact]
    public void Templates_follow_the_locale_and_default_to_Korean()
    {
        Templates.Welcome("en", "Sam").Title.ShouldBe("Welcome to Brigade");
        Templates.Welcome("en-US", "Sam").Title.ShouldBe("Welcome to Brigade");
        Templates.Welcome("ko", "민지").Title.ShouldBe("Brigade에 오신 것을 환영합니다");
        Templates.Welcome("fr", "Zoé").Title.ShouldBe("Brigade에 오신 것을 환영합니다");
        var reset = Templates.PasswordReset("en", "Sam", "https://x/reset-password?token=abc", DateTimeOffset.UnixEpoch);
        reset.EmailBody.ShouldContain("https://x/reset-password?token=abc");
        reset.Body.ShouldNotContain("token=abc");
    }

    [Fact]
    public void An_invitation_describes_its_zone_across_a_DST_change_and_folds_and_escapes_its_lines()
    {
        // New York springs forward at 02:00 on 8 March 2026: the booking starts in EST and ends in EDT.
        var start = new DateTimeOffset(2026, 3, 8, 1, 30, 0, TimeSpan.FromHours(-5));
        var invitation = Invitation.For(Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"), Invitation.Request, start.AddDays(-1), start, start.AddHours(2),
            "America/New_York", "Table at Katz's, party of 2; window " + new string('x', 80), "205 E Houston St, New York", "See you, soon");

        var ics = invitation.ToICalendar("no-reply@brigade.local", "guest@example.com", new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

        ics.Split("\r\n").ShouldAllBe(line => System.Text.Encoding.UTF8.GetByteCount(line) <= 75);
        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal);
        unfolded.ShouldContain("DTSTART;TZID=America/New_York:20260308T013000\r\n");
        unfolded.ShouldContain("DTEND;TZID=America/New_York:20260308T043000\r\n"); // two hours later, an hour lost
        unfolded.ShouldContain("BEGIN:STANDARD\r\n");
        unfolded.ShouldContain("BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n");
        unfolded.ShouldContain("SUMMARY:Table at Katz's\\, party of 2\\; window xxxx");
        unfolded.ShouldContain("UID:reservation-0190a1b2c3d47e5f8a9b0c1d2e3f4a5b@brigade\r\n");
        unfolded.ShouldContain("DTSTAMP:20260301T120000Z\r\n");
        unfolded.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        unfolded.ShouldEndWith("END:VCALENDAR\r\n");
    }

    [Fact]
    public void The_HTML_alternative_escapes_the_text_and_links_the_links()
    {
        var html = Delivery.EmailHtml.FromText("<Reset>", "Hello <b>sam</b>,\r\n\r\nOpen this link:\r\nhttps://x/reset-password?token=a&b=c\r\nThanks");

        html.ShouldContain("<title>&lt;Reset&gt;</title>");
        html.ShouldContain("<p>Hello &lt;b&gt;sam&lt;/b&gt;,</p>");
        html.ShouldContain("<p>Open this link:<br>\n<a href=\"https://x/reset-password?token=a&amp;b=c\">https://x/reset-password?token=a&amp;b=c</a><br>\nThanks</p>");
    }
}
