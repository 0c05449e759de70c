using System.Net.Http.Json;
using Brigade.Contracts.Identity;
using Brigade.Contracts.Reservations;

namespace Brigade.Notifications.Tests;

public sealed class EventTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    [Fact]
    public async Task Registration_puts_a_Korean_welcome_in_the_inbox_and_emails_it()
    {
        var person = Actor.Diner("민지");
        await factory.RegisterAsync(person);

        var items = (await factory.InboxAsync(person)).Items();
        var welcome = items.ShouldHaveSingleItem();
        welcome.GetProperty("type").GetString().ShouldBe("welcome");
        welcome.GetProperty("title").GetString().ShouldBe("Brigade에 오신 것을 환영합니다");
        welcome.GetProperty("body").GetString()!.ShouldContain("민지");
        welcome.GetProperty("readAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        welcome.TryGetProperty("createdAt", out _).ShouldBeTrue();

        var mail = await factory.WaitForMailAsync(person.Email);
        mail.ShouldContain("민지님, Brigade 계정이 준비되었습니다");
    }

    [Fact]
    public async Task A_person_who_chose_English_gets_English_texts()
    {
        var person = Actor.Diner("sam");
        using (var client = factory.ClientFor(person))
        {
            (await client.PutAsJsonAsync("/api/notifications/preferences", new { locale = "en" })).EnsureSuccessStatusCode();
        }

        await factory.RegisterAsync(person);

        var welcome = (await factory.InboxAsync(person)).Items().ShouldHaveSingleItem();
        welcome.GetProperty("title").GetString().ShouldBe("Welcome to Brigade");
        (await factory.WaitForMailAsync(person.Email)).ShouldContain("Hello sam, your Brigade account is ready.");
    }

    [Fact]
    public async Task Verification_email_carries_a_working_link_and_stays_out_of_the_inbox()
    {
        var person = Actor.Diner("verify");
        await factory.RegisterAsync(person);
        var token = "vt_" + Guid.NewGuid().ToString("N");
        await factory.PublishAsync(new EmailVerificationRequested(person.Id, person.Email, person.Name, token, DateTimeOffset.UtcNow.AddHours(24)));

        var mail = await factory.WaitForMailAsync(person.Email, m => m.Contains(token));
        mail.ShouldContain($"{NotificationsFactory.PublicBaseUrl}/verify-email?token={token}");
        (await factory.InboxAsync(person)).Items().ShouldAllBe(i => i.GetProperty("type").GetString() != "email_verification");
    }

    [Fact]
    public async Task Password_reset_email_is_sent_even_when_email_is_switched_off()
    {
        var person = Actor.Diner("reset");
        using (var client = factory.ClientFor(person))
        {
            (await client.PutAsJsonAsync("/api/notifications/preferences", new { channels = new { email = false } })).EnsureSuccessStatusCode();
        }

        var token = "rt_" + Guid.NewGuid().ToString("N");
        await factory.PublishAsync(new PasswordResetRequested(person.Id, person.Email, person.Name, token, DateTimeOffset.UtcNow.AddHours(1)));

        var mail = await factory.WaitForMailAsync(person.Email, m => m.Contains(token));
        mail.ShouldContain($"{NotificationsFactory.PublicBaseUrl}/reset-password?token={token}");
        mail.ShouldContain("비밀번호 재설정");
    }

    [Fact]
    public async Task A_completed_visit_thanks_the_diner()
    {
        var diner = Actor.Diner("visitor");
        await factory.RegisterAsync(diner);
        await factory.PublishAsync(new ReservationCompleted(Guid.CreateVersion7(), Guid.CreateVersion7(), diner.Id, DateTimeOffset.UtcNow));

        await NotificationsFactory.EventuallyAsync(async () =>
            (await factory.InboxAsync(diner)).Items().Any(i => i.GetProperty("type").GetString() == "reservation_completed"), "the thank-you");
    }

    [Fact]
    public async Task A_deleted_account_loses_its_inbox()
    {
        var person = Actor.Diner("leaving");
        await factory.RegisterAsync(person);
        (await factory.InboxAsync(person)).Items().ShouldNotBeEmpty();

        await factory.PublishAsync(new UserDeleted(person.Id, DateTimeOffset.UtcNow));

        await NotificationsFactory.EventuallyAsync(async () => (await factory.InboxAsync(person)).Items().Count == 0, "the inbox to be emptied");
        (await factory.CountAsync("SELECT count(*) FROM recipients WHERE user_id = @id", new { id = person.Id })).ShouldBe(0);
    }
}
