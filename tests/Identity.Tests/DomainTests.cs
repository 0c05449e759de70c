using Brigade.Identity.Domain;

namespace Brigade.Identity.Tests;

public class PasswordRuleTests
{
    [Theory]
    [InlineData("Bibimbap-Night-7", true)]
    [InlineData("correct horse battery staple", true)]   // two kinds: letters and spaces
    [InlineData("Short-1", false)]                        // too short
    [InlineData("abcdefghijkl", false)]                    // one kind
    [InlineData("ABCDEFGHIJKL", false)]
    [InlineData("123456789012", false)]
    [InlineData("aaaaaaaaaaA1", false)]                    // the same few characters
    [InlineData("minji.kim@example.com", false)]           // the email itself
    [InlineData("minji.kim-Password1", false)]             // contains the email's local part
    public void Password_strength(string password, bool accepted)
    {
        (Accounts.CheckPassword(password, "minji.kim@example.com", "minjik") is null).ShouldBe(accepted);
    }

    [Fact]
    public void A_password_containing_the_username_is_refused()
    {
        Accounts.CheckPassword("Chef-Minjik-2026", "x@example.com", "minjik").ShouldNotBeNull();
        Accounts.CheckPassword(new string('a', 129) + "B1", "x@example.com", null).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("name@example.com", true)]
    [InlineData("이름@예시.한국", true)]
    [InlineData("name@localhost", false)]
    [InlineData("name@example.", false)]
    [InlineData("Name <name@example.com>", false)]
    [InlineData("name@@example.com", false)]
    [InlineData("", false)]
    public void Email_format(string email, bool accepted)
    {
        (Accounts.CheckEmail(email) is null).ShouldBe(accepted);
    }

    [Fact]
    public void Emails_compare_without_case_and_surrounding_space()
    {
        Accounts.NormalizeEmail("  Minji@Example.COM ").ShouldBe("minji@example.com");
        Accounts.NormalizeLogin("Minji@Example.com").ShouldBe("minji@example.com");
        Accounts.NormalizeLogin("MinjiK").ShouldBe("minjik");
    }

    [Theory]
    [InlineData(null, "diner")]
    [InlineData("business", "owner")]
    [InlineData("worker", "worker")]
    public void Self_service_account_types_grant_one_role(string? type, string role)
    {
        Accounts.RolesFor(type).ShouldBe([role]);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("concierge")]
    [InlineData("service")]
    [InlineData("Diner")]
    public void Privileged_or_unknown_account_types_are_refused(string type)
    {
        Accounts.RolesFor(type).ShouldBeNull();
    }
}

public class LockoutPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly LockoutPolicy _policy = new(5, TimeSpan.FromMinutes(15));

    [Fact]
    public void The_fifth_failure_locks_for_the_duration()
    {
        _policy.AfterFailure(3, Now).ShouldBe((4, null));
        _policy.AfterFailure(4, Now).ShouldBe((0, Now.AddMinutes(15)));
        LockoutPolicy.IsLocked(false, Now.AddMinutes(15), Now.AddMinutes(14)).ShouldBeTrue();
        LockoutPolicy.IsLocked(false, Now.AddMinutes(15), Now.AddMinutes(15)).ShouldBeFalse();
        LockoutPolicy.IsLocked(true, null, Now).ShouldBeTrue();
    }
}

public class KeyScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    [Fact]
    public void A_waiting_key_is_published_but_does_not_sign()
    {
        var keys = new[] { new ScheduledKey("old", T0), new ScheduledKey("new", T0.AddDays(30)) };
        var now = T0.AddDays(30).AddMinutes(-5);

        KeySchedule.Signer(keys, now)!.KeyId.ShouldBe("old");
        KeySchedule.IsPublished(keys[1], keys, now, Lifetime).ShouldBeTrue();
        KeySchedule.IsPublished(keys[0], keys, now, Lifetime).ShouldBeTrue();
    }

    [Fact]
    public void A_replaced_key_stays_published_until_its_last_token_expired()
    {
        var keys = new[] { new ScheduledKey("old", T0), new ScheduledKey("new", T0.AddDays(30)) };
        var switched = T0.AddDays(30);

        KeySchedule.Signer(keys, switched)!.KeyId.ShouldBe("new");
        KeySchedule.IsPublished(keys[0], keys, switched + Lifetime, Lifetime).ShouldBeTrue();
        KeySchedule.IsPublished(keys[0], keys, switched + Lifetime + KeySchedule.Grace, Lifetime).ShouldBeFalse();
        KeySchedule.Expired(keys, switched + Lifetime + KeySchedule.Grace + TimeSpan.FromDays(1), Lifetime).Select(k => k.KeyId).ShouldBe(["old"]);
    }

    [Fact]
    public void Rotation_is_due_a_lead_before_the_period_ends_and_only_once()
    {
        var lead = TimeSpan.FromMinutes(10);
        var period = TimeSpan.FromDays(30);
        var keys = new List<ScheduledKey> { new("k1", T0) };

        KeySchedule.RotationDue(keys, T0.AddDays(30) - lead - TimeSpan.FromSeconds(1), period, lead).ShouldBeFalse();
        KeySchedule.RotationDue(keys, T0.AddDays(30) - lead, period, lead).ShouldBeTrue();
        keys.Add(new ScheduledKey("k2", T0.AddDays(30)));
        KeySchedule.RotationDue(keys, T0.AddDays(30) - lead, period, lead).ShouldBeFalse();
        KeySchedule.RotationDue([], T0, period, lead).ShouldBeTrue();
    }
}
