using System.Security.Cryptography;

namespace Brigade.AppHost;

/// <summary>Generated secrets under <c>.brigade/secrets/</c> (mode 600), created on first use and then reused.</summary>
static class Secrets
{
    public const string PostgresPassword = "postgres-password";
    public const string RabbitPassword = "rabbitmq-password";
    public const string RedisPassword = "redis-password";
    public const string KeyEncryptionKey = "identity-key-encryption-key";
    public const string ServiceClientSecret = "service-client-secret";

    public static bool Exists(Settings s, string name) => File.Exists(Path.Combine(s.SecretsDir, name));

    /// <summary>Reads a secret, generating it (hex, URL- and connection-string-safe by default) when missing.</summary>
    public static string Get(Settings s, string name, Func<string>? generate = null)
    {
        var path = Path.Combine(s.SecretsDir, name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(s.SecretsDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var value = generate?.Invoke() ?? Hex(24);
        WritePrivate(path, value + "\n");
        return value;
    }

    public static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A 256-bit key, base64 encoded.</summary>
    public static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary><c>BRIGADE_ADMIN_PASSWORD</c> wins (and is recorded in the file); else the file; else a new one.</summary>
    public static string AdminPassword(Settings s)
    {
        var fromEnv = Environment.GetEnvironmentVariable("BRIGADE_ADMIN_PASSWORD");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            if (!File.Exists(s.AdminPasswordFile) || File.ReadAllText(s.AdminPasswordFile).Trim() != fromEnv)
            {
                WritePrivate(s.AdminPasswordFile, fromEnv + "\n");
            }
            return fromEnv;
        }
        if (File.Exists(s.AdminPasswordFile))
        {
            return File.ReadAllText(s.AdminPasswordFile).Trim();
        }
        var generated = Brigade.Security.AdminPassword.Generate();
        WritePrivate(s.AdminPasswordFile, generated + "\n");
        return generated;
    }

    public static void WritePrivate(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
