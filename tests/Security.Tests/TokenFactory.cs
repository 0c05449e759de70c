using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Brigade.Security.Tests;

/// <summary>Keys, a validator and raw token builders for the token tests.</summary>
public sealed class TokenFactory
{
    public const string KeyId = "k1";

    public TokenFactory()
    {
        Keys = new Dictionary<string, ECDsa> { [KeyId] = PublicOnly(Key) };
        Validator = new AccessTokenValidator(new StaticValidationKeys(Keys), Revoked, Options.Create(Settings), Clock);
    }

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    public SecurityOptions Settings { get; } = new();
    public Dictionary<string, ECDsa> Keys { get; }
    public RevokedTokens Revoked => _revoked ??= new RevokedTokens(Clock);
    public AccessTokenValidator Validator { get; }

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

    /// <summary>Signs arbitrary header and payload text with the trusted key.</summary>
    public string Sign(string headerJson, string payloadJson) =>
        Jws.SignEs256(Encoding.UTF8.GetBytes(headerJson), Encoding.UTF8.GetBytes(payloadJson), Key);

    public string Payload(string extra = "", long? exp = null) =>
        $$"""{"sub":"{{Guid.CreateVersion7()}}","jti":"j1","iss":"brigade","aud":"brigade","iat":{{Clock.Now.ToUnixTimeSeconds()}},"exp":{{exp ?? Clock.Now.AddMinutes(15).ToUnixTimeSeconds()}}{{extra}}}""";

    public static string Header(string kid = KeyId) => $$"""{"alg":"ES256","kid":"{{kid}}","typ":"JWT"}""";

    public static string B64(string text) => Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(text));

    private static ECDsa PublicOnly(ECDsa key) => ECDsa.Create(key.ExportParameters(false));
}
