using System.Security.Cryptography;
using Brigade.Identity.Data;
using Brigade.Identity.Domain;
using Microsoft.Extensions.Options;

namespace Brigade.Identity.Jobs;

/// <summary>
/// At start (after the migrations): make sure a signing key exists and can be decrypted with the configured
/// key-encryption key, and create or reset the <c>admin</c> account. Its password is
/// <c>Identity:AdminPassword</c>; in the Local profile without one, a password is generated into
/// <c>&lt;Brigade:StateDirectory&gt;/admin-password</c>. There is never a built-in default password.
/// </summary>
public sealed class IdentityStartup(
    SigningKeyRing keys,
    UserStore users,
    Passwords passwords,
    IOptions<IdentityOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<IdentityStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await keys.EnsureKeyAsync(cancellationToken);
        try
        {
            await keys.GetSignerAsync(cancellationToken);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException("The stored signing key cannot be decrypted: Identity:KeyEncryptionKey differs from the one it was created with.", e);
        }

        var password = AdminPassword();
        if (password is null)
        {
            logger.LogInformation("No Identity:AdminPassword set; no admin account is created");
            return;
        }

        var settings = options.Value;
        if (Accounts.CheckPassword(password, settings.AdminEmail, settings.AdminUsername) is { } weak)
        {
            throw new InvalidOperationException($"Identity:AdminPassword is too weak: {weak}");
        }

        await users.EnsureAdminAsync(settings.AdminEmail, settings.AdminUsername, passwords.Hash(password),
            hash => passwords.Verify(hash, password) != Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, cancellationToken);
        logger.LogInformation("Admin account {Username} is ready", settings.AdminUsername);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string? AdminPassword()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.AdminPassword))
        {
            return options.Value.AdminPassword.Trim();
        }

        if (!environment.IsEnvironment("Local"))
        {
            return null;
        }

        var stateDirectory = configuration["Brigade:StateDirectory"];
        if (string.IsNullOrWhiteSpace(stateDirectory))
        {
            throw new InvalidOperationException("In the Local profile set Identity:AdminPassword or Brigade:StateDirectory (where a generated admin password is written).");
        }

        var file = Path.Combine(stateDirectory, "admin-password");
        if (File.Exists(file))
        {
            return File.ReadAllText(file).Trim();
        }

        var generated = Brigade.Security.AdminPassword.Generate();
        try
        {
            Directory.CreateDirectory(stateDirectory);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // readable by its owner only
            }

            using var stream = new FileStream(file, create);
            using var writer = new StreamWriter(stream);
            writer.Write(generated + "\n");
        }
        catch (IOException) when (File.Exists(file))
        {
            return File.ReadAllText(file).Trim(); // another replica wrote it first
        }

        logger.LogWarning("Generated the admin password into {File}", file);
        return generated;
    }
}
