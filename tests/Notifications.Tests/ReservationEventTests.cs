using System.Net.Http.Json;
using Brigade.Contracts.Reservations;
using Brigade.Contracts.Restaurants;
using MimeKit;

namespace Brigade.Notifications.Tests;

public sealed class ReservationEventTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    // 19:00 in Seoul, as reservations publishes instants: in UTC. Every text must still read 19:00 on the 24th.
    private static readonly DateTimeOffset Dinner = new(2026, 12, 24, 10, 0, 0, TimeSpan.Zero);

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

        var reservation = Guid.CreateVersion7();
        await factory.PublishAsync(new ReservationConfirmed(reservation, restaurant, diner.Id, Dinner, Dinner.AddHours(2), 4, [Guid.CreateVersion7()], DateTimeOffset.UtcNow));

        // Staff: the restaurant's name, the guest (the diner's name as identity announced it), the time on the
        // restaurant's clock, and the booking on the day sheet — live with the restaurant and the link.
        var live = await dashboard.NextAsync();
        live.GetProperty("type").GetString().ShouldBe("booking_new");
        live.GetProperty("title").GetString().ShouldBe("새 예약 · 을지면옥");
        live.GetProperty("body").GetString().ShouldBe("guest님, 4명, 2026년 12월 24일 (목) 19:00");
        live.GetProperty("restaurantId").GetGuid().ShouldBe(restaurant);
        live.GetProperty("link").GetString().ShouldBe($"/manage/{restaurant}?date=2026-12-24&reservation={reservation}");

        var confirmed = (await factory.InboxAsync(diner)).Items().Single(i => i.GetProperty("type").GetString() == "reservation_confirmed");
        confirmed.GetProperty("title").GetString().ShouldBe("예약이 확정되었습니다");
        confirmed.GetProperty("body").GetString()!.ShouldContain("을지면옥 2026년 12월 24일 (목) 19:00, 4명");
        confirmed.GetProperty("restaurantId").GetGuid().ShouldBe(restaurant);
        confirmed.GetProperty("link").GetString().ShouldBe($"/reservations?reservation={reservation}");
        var mail = await factory.WaitForMailAsync(diner.Email, m => m.Contains("을지면옥 2026년 12월 24일 (목) 19:00, 4명"));
        mail.ShouldContain($"{NotificationsFactory.PublicBaseUrl}/reservations?reservation={reservation}");
        var staffItem = (await factory.InboxAsync(host)).Items().Single(i => i.GetProperty("type").GetString() == "booking_new");
        staffItem.GetProperty("link").GetString().ShouldBe($"/manage/{restaurant}?date=2026-12-24&reservation={reservation}");
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
        confirmation.Subject.ShouldBe("예약이 확정되었습니다");
        confirmation.TextBody!.ShouldContain("을지면옥 2026년 12월 24일 (목) 19:00, 4명");
        confirmation.HtmlBody!.ShouldContain("을지면옥 2026년 12월 24일 (목) 19:00, 4명");
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
        cancelled.GetProperty("link").GetString()!.ShouldStartWith("/reservations?reservation=");
        (await factory.InboxAsync(host)).Items().ShouldContain(i => i.GetProperty("type").GetString() == "booking_cancelled");
    }

    [Fact]
    public async Task A_booking_without_an_account_tells_only_the_staff()
    {
        var (restaurant, host) = await RestaurantWithHostAsync();
        await factory.PublishAsync(new ReservationModified(Guid.CreateVersion7(), restaurant, null, Dinner.AddHours(1), Dinner.AddHours(3), 6, [], DateTimeOffset.UtcNow,
            GuestName: "박서준"));

        await NotificationsFactory.EventuallyAsync(async () =>
            (await factory.InboxAsync(host)).Items().Any(i => i.GetProperty("type").GetString() == "booking_modified"), "the staff notice");
        var notice = (await factory.InboxAsync(host)).Items().Single(i => i.GetProperty("type").GetString() == "booking_modified");
        notice.GetProperty("title").GetString().ShouldBe("예약 변경 · 을지면옥");
        notice.GetProperty("body").GetString().ShouldBe("박서준님: 2026년 12월 24일 (목) 20:00, 6명(으)로 변경");
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
            .GetProperty("body").GetString().ShouldBe("을지면옥 2026년 12월 24일 (목) 19:00, 2명 예약이 다가오고 있습니다.");
        (await factory.InboxAsync(host)).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_quarter_past_midnight_reads_on_its_own_date_and_names_the_night_it_belongs_to()
    {
        var (restaurant, host) = await RestaurantWithHostAsync();
        var lateSupper = new DateTimeOffset(2026, 12, 24, 15, 15, 0, TimeSpan.Zero); // 00:15 on the 25th in Seoul
        await factory.PublishAsync(new ReservationConfirmed(Guid.CreateVersion7(), restaurant, null, lateSupper, lateSupper.AddHours(1), 2, [], DateTimeOffset.UtcNow,
            GuestName: "이하늘"));

        await NotificationsFactory.EventuallyAsync(async () =>
            (await factory.InboxAsync(host)).Items().Any(i => i.GetProperty("type").GetString() == "booking_new"), "the staff notice");
        var notice = (await factory.InboxAsync(host)).Items().Single(i => i.GetProperty("type").GetString() == "booking_new");
        notice.GetProperty("body").GetString().ShouldBe("이하늘님, 2명, 2026년 12월 25일 (금) 00:15 (24일 밤)");
        notice.GetProperty("link").GetString()!.ShouldContain("date=2026-12-25");
    }

    [Fact]
    public async Task A_freed_slot_is_offered_to_the_diner_with_a_link_that_opens_the_booking_form()
    {
        var (restaurant, _) = await RestaurantWithHostAsync();
        var diner = Actor.Diner("hopeful");
        await factory.RegisterAsync(diner);

        await factory.PublishAsync(new SlotOffered(Guid.CreateVersion7(), restaurant, diner.Id, Dinner, 2, Guid.CreateVersion7(), DateTimeOffset.UtcNow));

        var offer = await WaitForAsync(diner, "slot_offered");
        offer.GetProperty("title").GetString().ShouldBe("원하시던 자리가 났습니다");
        offer.GetProperty("body").GetString().ShouldBe("을지면옥 2026년 12월 24일 (목) 19:00, 2명 자리가 비었습니다. 먼저 예약하시는 분께 드립니다.");
        offer.GetProperty("link").GetString().ShouldBe($"/restaurants/{restaurant}?date=2026-12-24&party=2&time=19:00");
    }

    [Fact]
    public async Task A_ready_table_reaches_a_remote_diner_at_once_even_in_quiet_hours_and_a_walk_in_by_text()
    {
        var (restaurant, _) = await RestaurantWithHostAsync();
        var diner = Actor.Diner("waiting");
        using (var client = factory.ClientFor(diner))
        {
            // Quiet all day: only an urgent message is e-mailed now.
            (await client.PutAsJsonAsync("/api/notifications/preferences", new { quietHours = new { start = "00:00", end = "23:59", timeZone = "Asia/Seoul" } }))
                .EnsureSuccessStatusCode();
        }

        await factory.RegisterAsync(diner);
        await factory.PublishAsync(new WaitlistReady(Guid.CreateVersion7(), restaurant, "김대기", null, 3, DateTimeOffset.UtcNow, DinerId: diner.Id));

        var ready = await WaitForAsync(diner, "waitlist_ready");
        ready.GetProperty("body").GetString().ShouldBe("을지면옥에 3명 자리가 준비되었습니다. 입구로 와 주세요.");
        await factory.WaitForMailAsync(diner.Email, m => m.Contains("3명 자리가 준비되었습니다"));

        var phone = $"010-{Random.Shared.Next(1000, 9999)}-{Random.Shared.Next(1000, 9999)}";
        await factory.PublishAsync(new WaitlistReady(Guid.CreateVersion7(), restaurant, "walk-in", phone, 2, DateTimeOffset.UtcNow));
        await NotificationsFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM deliveries WHERE channel = 'sms' AND recipient = @phone AND body LIKE '%2명 자리가 준비되었습니다%'", new { phone }) == 1,
            "the text message to the walk-in");
    }

    [Fact]
    public async Task A_deposit_due_tells_the_diner_the_amount_and_the_deadline_on_the_restaurants_clock()
    {
        var (restaurant, _) = await RestaurantWithHostAsync();
        var diner = Actor.Diner("payer");
        await factory.RegisterAsync(diner);
        var reservation = Guid.CreateVersion7();
        var holdUntil = new DateTimeOffset(2026, 12, 20, 9, 30, 0, TimeSpan.Zero); // 18:30 in Seoul

        await factory.PublishAsync(new DepositRequested(reservation, restaurant, diner.Id, 30_000, "KRW", Dinner, holdUntil, DateTimeOffset.UtcNow));

        var due = await WaitForAsync(diner, "deposit_due");
        due.GetProperty("body").GetString().ShouldBe(
            "을지면옥 2026년 12월 24일 (목) 19:00 예약을 확정하려면 2026년 12월 20일 (일) 18:30까지 예약금 30,000원을(를) 결제해 주세요.");
        due.GetProperty("link").GetString().ShouldBe($"/reservations?reservation={reservation}");
    }

    private async Task<System.Text.Json.JsonElement> WaitForAsync(Actor person, string type)
    {
        System.Text.Json.JsonElement found = default;
        await NotificationsFactory.EventuallyAsync(async () =>
        {
            var match = (await factory.InboxAsync(person)).Items().Where(i => i.GetProperty("type").GetString() == type).ToList();
            if (match.Count == 1)
            {
                found = match[0];
            }

            return match.Count == 1;
        }, $"a {type} notification");
        return found;
    }
}
