using System.Net.Http.Json;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;
using MimeKit;

namespace Brigade.Notifications.Tests;

public sealed class ReservationEventTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private static readonly DateTimeOffset Dinner = new(2026, 12, 24, 19, 0, 0, TimeSpan.FromHours(9));

    private async Task<(Guid Restaurant, Actor Host)> RestaurantWithHostAsync()
    {
        var restaurant = Guid.CreateVersion7();
        var host = Actor.Person("host", ["staff"], (restaurant, "staff"));
        await factory.PublishAsync(new RestaurantCreated(
            new RestaurantSnapshot(restaurant, "을지면옥", "Eulji Myeonok", "korean", 2, null, "서울 중구", new GeoPoint(37.56, 126.99), "Asia/Seoul", "KRW", "published", 1),
            null, DateTimeOffset.UtcNow));
        await factory.PublishAsync(new MemberAdded(restaurant, host.Id, "staff", DateTimeOffset.UtcNow));
        await NotificationsFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM restaurant_staff WHERE restaurant_id = @restaurant", new { restaurant }) == 1
            && await factory.CountAsync("SELECT count(*) FROM restaurant_names WHERE restaurant_id = @restaurant", new { restaurant }) == 1, "the restaurant and its host");
        return (restaurant, host);
    }

    [Fact]
    public async Task A_confirmed_booking_tells_the_diner_by_inbox_and_email_and_the_staff_live()
    {
        var (restaurant, host) = await RestaurantWithHostAsync();
        var diner = Actor.Diner("guest");
        await factory.RegisterAsync(diner);
        await using var dashboard = await HubClient.ConnectAsync(factory.Server, host.Token);

        await factory.PublishAsync(new ReservationConfirmed(Guid.CreateVersion7(), restaurant, diner.Id, Dinner, Dinner.AddHours(2), 4, [Guid.CreateVersion7()], DateTimeOffset.UtcNow));

        var live = await dashboard.NextAsync();
        live.GetProperty("type").GetString().ShouldBe("booking_new");
        live.GetProperty("title").GetString().ShouldBe("새 예약");
        live.GetProperty("body").GetString().ShouldBe("2026년 12월 24일 19:00, 4명");

        var confirmed = (await factory.InboxAsync(diner)).Items().Single(i => i.GetProperty("type").GetString() == "reservation_confirmed");
        confirmed.GetProperty("title").GetString().ShouldBe("예약이 확정되었습니다");
        confirmed.GetProperty("body").GetString()!.ShouldContain("을지면옥 2026년 12월 24일 19:00, 4명");
        await factory.WaitForMailAsync(diner.Email, m => m.Contains("을지면옥 2026년 12월 24일 19:00, 4명"));
        (await factory.InboxAsync(host)).Items().ShouldContain(i => i.GetProperty("type").GetString() == "booking_new");
    }

    [Fact]
    public async Task A_confirmation_email_carries_a_calendar_invitation_that_a_change_updates_and_a_cancellation_removes()
    {
        var (restaurant, _) = await RestaurantWithHostAsync();
        var diner = Actor.Diner("calendar");
        await factory.RegisterAsync(diner);
        var reservation = Guid.CreateVersion7();
        var confirmedAt = DateTimeOffset.UtcNow;

        await factory.PublishAsync(new ReservationConfirmed(reservation, restaurant, diner.Id, Dinner, Dinner.AddHours(2), 4, [Guid.CreateVersion7()], confirmedAt));
        var confirmation = MimeMessage.Load(Stream(await factory.WaitForMailAsync(diner.Email, m => m.Contains("예약이 확정되었습니다"))));
        confirmation.TextBody!.ShouldContain("을지면옥 2026년 12월 24일 19:00, 4명");
        confirmation.HtmlBody!.ShouldContain("을지면옥 2026년 12월 24일 19:00, 4명");
        var attachment = confirmation.Attachments.OfType<TextPart>().Single();
        attachment.FileName.ShouldBe("reservation.ics");
        attachment.ContentType.MimeType.ShouldBe("text/calendar");
        attachment.ContentType.Parameters["method"].ShouldBe("REQUEST");
        var request = Calendar(attachment.Text);
        request.ShouldContain("METHOD:REQUEST");
        request.ShouldContain($"UID:reservation-{reservation:N}@brigade");
        request.ShouldContain("DTSTART;TZID=Asia/Seoul:20261224T190000");
        request.ShouldContain("DTEND;TZID=Asia/Seoul:20261224T210000");
        request.ShouldContain("TZID:Asia/Seoul");
        request.ShouldContain("TZOFFSETTO:+0900");
        request.ShouldContain("SUMMARY:을지면옥 예약\\, 4명");
        request.ShouldContain("LOCATION:서울 중구");
        request.ShouldContain($"mailto:{diner.Email}");
        request.ShouldContain("STATUS:CONFIRMED");

        // A change: the same event (UID), a later sequence, the new times.
        await factory.PublishAsync(new ReservationModified(reservation, restaurant, diner.Id, Dinner.AddHours(1), Dinner.AddHours(3), 4, [], confirmedAt.AddMinutes(5)));
        var change = Calendar(MimeMessage.Load(Stream(await factory.WaitForMailAsync(diner.Email, m => m.Contains("예약이 변경되었습니다"))))
            .Attachments.OfType<TextPart>().Single().Text);
        change.ShouldContain("METHOD:REQUEST");
        change.ShouldContain($"UID:reservation-{reservation:N}@brigade");
        change.ShouldContain("DTSTART;TZID=Asia/Seoul:20261224T200000");
        Sequence(change).ShouldBeGreaterThan(Sequence(request));

        // A cancellation removes that event.
        await factory.PublishAsync(new ReservationCancelled(reservation, restaurant, diner.Id, Dinner.AddHours(1), "diner", 0, confirmedAt.AddMinutes(10)));
        var cancellation = Calendar(MimeMessage.Load(Stream(await factory.WaitForMailAsync(diner.Email, m => m.Contains("예약을 취소하셨습니다"))))
            .Attachments.OfType<TextPart>().Single().Text);
        cancellation.ShouldContain("METHOD:CANCEL");
        cancellation.ShouldContain($"UID:reservation-{reservation:N}@brigade");
        cancellation.ShouldContain("STATUS:CANCELLED");
        Sequence(cancellation).ShouldBeGreaterThan(Sequence(change));
    }

    private static MemoryStream Stream(string mail) => new(System.Text.Encoding.UTF8.GetBytes(mail));

    /// <summary>The iCalendar text with folded lines joined again.</summary>
    private static string Calendar(string ics) => ics.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n ", "", StringComparison.Ordinal);

    private static long Sequence(string ics) => long.Parse(ics.Split('\n').Single(l => l.StartsWith("SEQUENCE:", StringComparison.Ordinal))["SEQUENCE:".Length..], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_cancellation_by_the_restaurant_tells_an_English_diner_about_the_refund()
    {
        var (restaurant, host) = await RestaurantWithHostAsync();
        var diner = Actor.Diner("traveller");
        using (var client = factory.ClientFor(diner))
        {
            (await client.PutAsJsonAsync("/api/notifications/preferences", new { locale = "en" })).EnsureSuccessStatusCode();
        }

        await factory.RegisterAsync(diner);
        await factory.PublishAsync(new ReservationCancelled(Guid.CreateVersion7(), restaurant, diner.Id, Dinner, "restaurant", 100, DateTimeOffset.UtcNow));

        await NotificationsFactory.EventuallyAsync(async () =>
            (await factory.InboxAsync(diner)).Items().Any(i => i.GetProperty("type").GetString() == "reservation_cancelled"), "the cancellation");
        var cancelled = (await factory.InboxAsync(diner)).Items().Single(i => i.GetProperty("type").GetString() == "reservation_cancelled");
        cancelled.GetProperty("title").GetString().ShouldBe("Reservation cancelled");
        cancelled.GetProperty("body").GetString().ShouldBe("Your reservation at Eulji Myeonok on Thu 24 Dec 2026 19:00 was cancelled. 100% of your deposit will be refunded.");
        (await factory.InboxAsync(host)).Items().ShouldContain(i => i.GetProperty("type").GetString() == "booking_cancelled");
    }

    [Fact]
    public async Task A_booking_without_an_account_tells_only_the_staff()
    {
        var (restaurant, host) = await RestaurantWithHostAsync();
        await factory.PublishAsync(new ReservationModified(Guid.CreateVersion7(), restaurant, null, Dinner.AddHours(1), Dinner.AddHours(3), 6, [], DateTimeOffset.UtcNow));

        await NotificationsFactory.EventuallyAsync(async () =>
            (await factory.InboxAsync(host)).Items().Any(i => i.GetProperty("type").GetString() == "booking_modified"), "the staff notice");
        (await factory.InboxAsync(host)).Items().Single(i => i.GetProperty("type").GetString() == "booking_modified")
            .GetProperty("body").GetString().ShouldBe("변경: 2026년 12월 24일 20:00, 6명");
    }

    [Fact]
    public async Task A_due_reminder_reaches_the_diner_but_not_the_staff()
    {
        var (restaurant, host) = await RestaurantWithHostAsync();
        var diner = Actor.Diner("reminded");
        await factory.RegisterAsync(diner);
        await factory.PublishAsync(new ReservationReminderDue(Guid.CreateVersion7(), restaurant, diner.Id, Dinner, 2, DateTimeOffset.UtcNow));

        await NotificationsFactory.EventuallyAsync(async () =>
            (await factory.InboxAsync(diner)).Items().Any(i => i.GetProperty("type").GetString() == "reservation_reminder"), "the reminder");
        (await factory.InboxAsync(diner)).Items().Single(i => i.GetProperty("type").GetString() == "reservation_reminder")
            .GetProperty("body").GetString().ShouldBe("을지면옥 2026년 12월 24일 19:00, 2명 예약이 다가오고 있습니다.");
        (await factory.InboxAsync(host)).Items().ShouldBeEmpty();
    }
}
