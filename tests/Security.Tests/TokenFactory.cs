using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Brigade.Security.Tests;

/// <summary>Keys, a validator and raw token builders for the token tests.</summary>
public sealed class TokenFactory
{
    public const string KeyId = "k1";

    public TokenFactory()
    {
        Keys = new Dictionary<string, SecurityKey> { [KeyId] = PublicKey(Key) };
        Validator = new TestValidator(new StaticValidationKeys(Keys), Revoked, Settings, Clock);
    }

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    public SecurityOptions Settings { get; } = new();
    public Dictionary<string, SecurityKey> Keys { get; }
    public RevokedTokens Revoked => _revoked ??= new RevokedTokens(Clock);
    public TestValidator Validator { get; }

    private RevokedTokens? _revoked;

    public AccessTokenDescriptor Descriptor(Guid? userId = null) => new()
    {
        Subject = (userId ?? Guid.CreateVersion7()).ToString(),
        Name = "Kim Minji",
        Email = "minji@example.com",
        Roles = ["owner", "diner"],
        Memberships = [new Membership(Guid.Parse("0195f3a2-0000-7000-8000-000000000001"), "owner")],
        SessionId = Guid.CreateVersion7().ToString(),
        Issuer = "brigade",
        Audience = "brigade",
        IssuedAt = Clock.Now,
        ExpiresAt = Clock.Now.AddMinutes(15),
    };

    public string Issue(AccessTokenDescriptor? descriptor = null) => AccessTokens.Issue(descriptor ?? Descriptor(), KeyId, Key);

    /// <summary>Signs arbitrary header and payload text with the trusted key, as an attacker holding it would (ES256, R || S).</summary>
    public string Sign(string headerJson, string payloadJson)
    {
        var input = B64(headerJson) + "." + B64(payloadJson);
        var signature = Key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64Url.EncodeToString(signature);
    }

    public string Payload(string extra = "", long? exp = null) =>
        $$"""{"sub":"{{Guid.CreateVersion7()}}","jti":"j1","iss":"brigade","aud":"brigade","iat":{{Clock.Now.ToUnixTimeSeconds()}},"exp":{{exp ?? Clock.Now.AddMinutes(15).ToUnixTimeSeconds()}}{{extra}}}""";

    public static string Header(string kid = KeyId) => $$"""{"alg":"ES256","kid":"{{kid}}","typ":"JWT"}""";

    public static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);

    public static byte[] Decode(string part) => Base64Url.DecodeFromChars(part);

    public static SecurityKey PublicKey(ECDsa key) => new ECDsaSecurityKey(ECDsa.Create(key.ExportParameters(false)));
}

/// <summary>
/// The production <see cref="AccessTokenValidator"/> over a handler with these keys, settings and clock. Its
/// validation completes at once when no key set must be fetched, so the hostile-token tests read as before.
/// </summary>
public sealed class TestValidator(IValidationKeys keys, RevokedTokens revoked, SecurityOptions settings, TimeProvider clock)
{
    private readonly AccessTokenValidator _validator = new(new AccessTokenHandler(keys, Options.Create(settings), clock), revoked);

    public AccessTokenResult Validate(string? token)
    {
        var pending = _validator.ValidateAsync(token);
        pending.IsCompleted.ShouldBeTrue("validation with a fixed key set must not wait");
        return pending.GetAwaiter().GetResult();
    }

    public Task<AccessTokenResult> ValidateAsync(string? token) => _validator.ValidateAsync(token);
}
