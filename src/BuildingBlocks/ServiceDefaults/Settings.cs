using Microsoft.Extensions.Configuration;

namespace Brigade.ServiceDefaults;

public static class Settings
{
    /// <summary>Reads a setting that must be present, failing start-up with the key's name when it is not.</summary>
    public static string GetRequired(this IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"Missing required setting '{key}' (environment variable '{key.Replace(":", "__", StringComparison.Ordinal)}').");
        }

        return value;
    }
}
