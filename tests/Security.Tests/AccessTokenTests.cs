using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Brigade.Security.Tests;

public class AccessTokenTests
{
    private readonly TokenFactory _f = new();

    [Fact]
    public void Issued_claims_come_back_on_the_principal()
    {
        var userId = Guid.CreateVersion7();
        var descriptor = _f.Descriptor(userId);

        var result = _f.Validator.Validate(_f.Issue(descriptor));

        result.Succeeded.ShouldBeTrue(result.Detail);
        var user = result.Principal!;
        user.Identity!.IsAuthenticated.ShouldBeTrue();
        user.Identity.Name.ShouldBe("Kim Minji");
        user.UserId().ShouldBe(userId);
        user.Email().ShouldBe("minji@example.com");
        user.IsInRole(Roles.Owner).ShouldBeTrue();
        user.IsInRole(Roles.Diner).ShouldBeTrue();
        user.IsInRole(Roles.Admin).ShouldBeFalse();
        user.IsAdmin().ShouldBeFalse();
        user.IsService().ShouldBeFalse();
        user.TokenId().ShouldBe(descriptor.Id);
        user.SessionId().ShouldBe(Guid.Parse(descriptor.SessionId!));
        user.TokenExpiresAt().ShouldBe(DateTimeOffset.FromUnixTimeSeconds(descriptor.ExpiresAt.ToUnixTimeSeconds()));
        user.Memberships().ShouldBe(descriptor.Memberships);
    }

    [Fact]
    public void The_header_names_the_algorithm_key_and_type()
    {
        var parts = _f.Issue().Split('.');

        System.Text.Encoding.UTF8.GetString(TokenFactory.Decode(parts[0])).ShouldBe("""{"alg":"ES256","kid":"k1","typ":"JWT"}""");
        TokenFactory.Decode(parts[2]).Length.ShouldBe(64); // R || S, not DER
    }

    [Fact]
    public void Membership_checks_are_per_restaurant_and_role()
    {
        var mine = Guid.CreateVersion7();
        var theirs = Guid.CreateVersion7();
        var user = Principal(_f.Descriptor() with { Roles = ["staff"], Memberships = [new Membership(mine, Roles.Manager)] });

        user.HasMembership(mine).ShouldBeTrue();
        user.HasMembership(mine, Roles.Owner, Roles.Manager).ShouldBeTrue();
        user.HasMembership(mine, Roles.Owner).ShouldBeFalse();
        user.HasMembership(theirs).ShouldBeFalse();
        user.HasMembership(theirs, Roles.Manager).ShouldBeFalse();
    }

    [Fact]
    public void A_service_token_is_a_service_and_not_a_user()
    {
        var service = Principal(_f.Descriptor() with { Subject = "service:reservations", Roles = [Roles.Service], Memberships = [] });

        service.IsService().ShouldBeTrue();
        service.ServiceName().ShouldBe("reservations");
        service.FindUserId().ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => service.UserId());
    }

    [Fact]
    public void A_user_token_claiming_the_service_role_is_not_a_service()
    {
        // The service role is only meaningful together with a service subject, which identity issues to clients only.
        var user = Principal(_f.Descriptor() with { Roles = [Roles.Service] });

        user.IsService().ShouldBeFalse();
    }

    [Fact]
    public async Task A_key_set_change_is_picked_up_after_a_refresh()
    {
        var keys = new SwitchableKeys();
        var validator = new TestValidator(keys, _f.Revoked, _f.Settings, _f.Clock);
        var token = _f.Issue();

        validator.Validate(token).Failure.ShouldBe(TokenFailure.UnknownKey);
        keys.Next = _f.Keys;
        (await validator.ValidateAsync(token)).Failure.ShouldBe(TokenFailure.None);
        keys.Refreshes.ShouldBe(2); // once per unknown kid
    }

    private ClaimsPrincipal Principal(AccessTokenDescriptor descriptor)
    {
        var result = _f.Validator.Validate(_f.Issue(descriptor));
        result.Succeeded.ShouldBeTrue(result.Detail);
        return result.Principal!;
    }

    private sealed class SwitchableKeys : IValidationKeys
    {
        private IReadOnlyDictionary<string, SecurityKey> _current = new Dictionary<string, SecurityKey>();

        public IReadOnlyDictionary<string, SecurityKey>? Next { get; set; }

        public int Refreshes { get; private set; }

        public SecurityKey? Find(string keyId) => _current.GetValueOrDefault(keyId);

        public Task RefreshAsync(CancellationToken cancellationToken)
        {
            Refreshes++;
            _current = Next ?? _current;
            return Task.CompletedTask;
        }
    }
}
