using Microsoft.AspNetCore.Identity;

namespace Brigade.Identity.Domain;

/// <summary>
/// ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2; the hasher ignores the user object). For an unknown
/// account a stored dummy hash is verified instead, so the answer takes as long as for a wrong password.
/// </summary>
public sealed class Passwords
{
    private readonly PasswordHasher<Passwords> _hasher = new();
    private readonly Lazy<string> _dummyHash;

    public Passwords() => _dummyHash = new Lazy<string>(() => _hasher.HashPassword(this, Guid.NewGuid().ToString()));

    public string Hash(string password) => _hasher.HashPassword(this, password);

    public PasswordVerificationResult Verify(string hash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(this, hash, password);
        }
        catch (FormatException)
        {
            return PasswordVerificationResult.Failed;
        }
    }

    public void VerifyDummy(string password) => _hasher.VerifyHashedPassword(this, _dummyHash.Value, password);
}
