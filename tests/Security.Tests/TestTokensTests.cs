using Brigade.Testing;

namespace Brigade.Security.Tests;

public class TestTokensTests
{
    private static TestValidator Validator() => new(
        StaticValidationKeys.Parse(TestTokens.Jwks), new RevokedTokens(TimeProvider.System), new SecurityOptions(), TimeProvider.System);

    [Fact]
    public void Test_tokens_pass_real_validation_with_the_test_key_set()
    {
        var userId = Guid.CreateVersion7();
        var restaurant = Guid.CreateVersion7();

        var result = Validator().Validate(TestTokens.For(userId, [Roles.Owner], (restaurant, Roles.Owner)));

        result.Succeeded.ShouldBeTrue(result.Detail);
        result.Principal!.UserId().ShouldBe(userId);
        result.Principal!.HasMembership(restaurant, Roles.Owner).ShouldBeTrue();
        Validator().Validate(TestTokens.Service("ordering")).Principal!.ServiceName().ShouldBe("ordering");
    }

    [Fact]
    public void Test_tokens_are_not_trusted_without_the_test_key_set()
    {
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var keys = new StaticValidationKeys(new Dictionary<string, Microsoft.IdentityModel.Tokens.SecurityKey> { [TestTokens.KeyId] = TokenFactory.PublicKey(other) });
        var validator = new TestValidator(keys, new RevokedTokens(TimeProvider.System), new SecurityOptions(), TimeProvider.System);

        validator.Validate(TestTokens.Admin()).Failure.ShouldBe(TokenFailure.InvalidSignature);
    }
}
