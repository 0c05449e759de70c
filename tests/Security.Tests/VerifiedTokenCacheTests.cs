using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Brigade.Security.Tests;

/// <summary>A token that passed is remembered; a repeat skips the signature but nothing that can change.</summary>
public class VerifiedTokenCacheTests
{
    private readonly TokenFactory _f = new();

    [Theory]
    [InlineData(10_000, 1)]
    [InlineData(0, 3)]
    public void A_repeated_token_is_verified_once(int cacheSize, int verifications)
    {
        var key = new CountingKey(ECDsa.Create(_f.Key.ExportParameters(false)));
        var validator = new TestValidator(new StaticValidationKeys(new Dictionary<string, SecurityKey> { [TokenFactory.KeyId] = new ECDsaSecurityKey(key) }), _f.Revoked,
            new SecurityOptions { VerifiedTokenCacheSize = cacheSize }, _f.Clock);
        var token = _f.Issue();

        for (var i = 0; i < 3; i++)
        {
            validator.Validate(token).Succeeded.ShouldBeTrue();
        }

        key.Verifications.ShouldBe(verifications);
    }

    [Fact]
    public void A_repeated_token_is_refused_once_revoked()
    {
        var descriptor = _f.Descriptor();
        var token = _f.Issue(descriptor);
        _f.Validator.Validate(token).Succeeded.ShouldBeTrue();

        _f.Revoked.Revoke(descriptor.Id, descriptor.ExpiresAt);

        _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.Revoked);
    }

    [Fact]
    public void A_repeated_token_expires()
    {
        var token = _f.Issue();
        _f.Validator.Validate(token).Succeeded.ShouldBeTrue();

        _f.Clock.Advance(TimeSpan.FromMinutes(16));

        _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.Expired);
    }

    [Fact]
    public void A_repeated_token_is_refused_when_its_key_is_rotated_out_or_replaced()
    {
        var token = _f.Issue();
        _f.Validator.Validate(token).Succeeded.ShouldBeTrue();

        var original = _f.Keys[TokenFactory.KeyId];
        _f.Keys[TokenFactory.KeyId] = TokenFactory.PublicKey(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.InvalidSignature);

        _f.Keys.Remove(TokenFactory.KeyId);
        _f.Validator.Validate(token).Failure.ShouldBe(TokenFailure.UnknownKey);

        _f.Keys[TokenFactory.KeyId] = original;
        _f.Validator.Validate(token).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Each_use_gets_its_own_principal()
    {
        var token = _f.Issue();
        var first = _f.Validator.Validate(token).Principal!;
        ((ClaimsIdentity)first.Identity!).AddClaim(new Claim(ClaimNames.Role, Roles.Admin));

        var second = _f.Validator.Validate(token).Principal!;

        second.ShouldNotBeSameAs(first);
        second.IsInRole(Roles.Admin).ShouldBeFalse();
        second.IsInRole(Roles.Owner).ShouldBeTrue();
    }

    /// <summary>A public key that counts signature verifications.</summary>
    private sealed class CountingKey : ECDsa
    {
        private readonly ECDsa _inner;

        public CountingKey(ECDsa inner)
        {
            _inner = inner;
            KeySizeValue = inner.KeySize;
        }

        public int Verifications { get; private set; }

        public override byte[] SignHash(byte[] hash) => _inner.SignHash(hash);

        public override bool VerifyHash(byte[] hash, byte[] signature)
        {
            Verifications++;
            return _inner.VerifyHash(hash, signature);
        }

        public override ECParameters ExportParameters(bool includePrivateParameters) => _inner.ExportParameters(includePrivateParameters);
    }
}
