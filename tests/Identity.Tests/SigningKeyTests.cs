using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Identity.Data;
using Brigade.Security;
using Microsoft.Extensions.Options;

namespace Brigade.Identity.Tests;

public class SigningKeyTests(IdentityFactory factory) : IClassFixture<IdentityFactory>
{
    [Fact]
    public async Task The_JWKS_lets_any_service_validate_identitys_tokens()
    {
        var user = await factory.SignUpAsync();

        var response = await factory.CreateClient().GetAsync("/api/auth/jwks");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.Public.ShouldBeTrue();
        var json = await response.Content.ReadAsStringAsync();
        var key = JsonDocument.Parse(json).RootElement.GetProperty("keys")[0];
        key.GetProperty("kty").GetString().ShouldBe("EC");
        key.GetProperty("crv").GetString().ShouldBe("P-256");
        key.GetProperty("alg").GetString().ShouldBe("ES256");
        key.GetProperty("use").GetString().ShouldBe("sig");
        key.TryGetProperty("d", out _).ShouldBeFalse();

        // What another service does with it: validate with the published keys only.
        var handler = new AccessTokenHandler(StaticValidationKeys.Parse(json), Options.Create(new SecurityOptions()), factory.Clock);
        var result = await new AccessTokenValidator(handler, new RevokedTokens(factory.Clock)).ValidateAsync(user.AccessToken);
        result.Succeeded.ShouldBeTrue(result.Detail);
        result.Principal!.UserId().ShouldBe(user.Id);
    }

    [Fact]
    public async Task A_rotated_key_is_published_before_it_signs_and_old_tokens_stay_valid()
    {
        var admin = await factory.AdminAsync();
        var before = await factory.SignUpAsync();
        var oldKid = Kid(before.AccessToken);

        var rotated = await factory.ClientWith(admin.AccessToken).PostAsync("/api/auth/keys/rotate", null);
        rotated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var newKid = (await rotated.JsonAsync()).GetProperty("keyId").GetString()!;
        newKid.ShouldNotBe(oldKid);

        // Published at once, not signing yet.
        (await Kids()).ShouldBe([newKid, oldKid], ignoreOrder: true);
        Kid((await factory.SignUpAsync()).AccessToken).ShouldBe(oldKid);

        // After the publish lead the new key signs; tokens of the old key still work.
        factory.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var after = await factory.SignUpAsync();
        Kid(after.AccessToken).ShouldBe(newKid);
        (await factory.ClientWith(before.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.ClientWith(after.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Kids()).ShouldContain(oldKid);

        // Once no token of the old key can be valid, it leaves the JWKS.
        factory.Clock.Advance(TimeSpan.FromMinutes(17));
        (await Kids()).ShouldBe([newKid]);
        (await factory.ClientWith(after.AccessToken).GetAsync("/api/users/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized); // expired by now
    }

    [Fact]
    public async Task Private_keys_are_stored_encrypted()
    {
        var stored = await factory.ScalarAsync<byte[]>("SELECT private_key FROM signing_keys LIMIT 1");
        var kid = await factory.ScalarAsync<string>("SELECT kid FROM signing_keys LIMIT 1");

        // PKCS#8 starts with a DER SEQUENCE (0x30); the sealed form is random-looking and only the right key opens it.
        new KeyProtector(IdentityFactory.KeyEncryptionKey).Unprotect(kid, stored)[0].ShouldBe((byte)0x30);
        Should.Throw<System.Security.Cryptography.CryptographicException>(() =>
            new KeyProtector(Convert.ToBase64String(new byte[32])).Unprotect(kid, stored));
        Should.Throw<System.Security.Cryptography.CryptographicException>(() =>
            new KeyProtector(IdentityFactory.KeyEncryptionKey).Unprotect(kid + "x", stored));
    }

    [Fact]
    public void A_key_encryption_key_of_the_wrong_size_is_refused()
    {
        Should.Throw<InvalidOperationException>(() => new KeyProtector(Convert.ToBase64String(new byte[16])));
        Should.Throw<InvalidOperationException>(() => new KeyProtector("not base64 at all"));
    }

    private async Task<string[]> Kids() =>
        (await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/auth/jwks")).GetProperty("keys").EnumerateArray()
        .Select(k => k.GetProperty("kid").GetString()!).ToArray();

    private static string Kid(string token)
    {
        var parts = JwtParts.Of(token);
        return JsonDocument.Parse(parts.Header).RootElement.GetProperty("kid").GetString()!;
    }
}
