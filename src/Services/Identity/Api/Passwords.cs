using Brigade.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace Brigade.Identity.Api;

/// <summary>
/// ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2). For an unknown account a stored dummy hash
/// is verified instead, so the answer takes as long as for a wrong password.
/// </summary>
public sealed class Passwords
{
    private readonly PasswordHasher<UserRow> _hasher = new();
    private readonly UserRow _nobody = new();
    private readonly Lazy<string> _dummyHash;

    public Passwords() => _dummyHash = new Lazy<string>(() => _hasher.HashPassword(_nobody, Guid.NewGuid().ToString()));

    public string Hash(string password) => _hasher.HashPassword(_nobody, password);

    public PasswordVerificationResult Verify(string hash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(_nobody, hash, password);
        }
        catch (FormatException)
        {
            return PasswordVerificationResult.Failed;
        }
    }

    public void VerifyDummy(string password) => _hasher.VerifyHashedPassword(_nobody, _dummyHash.Value, password);
}
