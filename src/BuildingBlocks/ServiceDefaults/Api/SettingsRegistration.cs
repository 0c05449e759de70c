using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Brigade.Api;

/// <summary>
/// Options classes are bound by name and checked at start-up: <c>ReservationsOptions</c> reads the section
/// <c>Reservations</c>, its data annotations (<c>[Range]</c>, <c>[Required]</c>) are validated when the host starts, so
/// a bad setting stops the service with the key's name instead of failing a request later.
/// </summary>
public static class SettingsRegistration
{
    public static OptionsBuilder<TOptions> AddSettings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TOptions>(this IServiceCollection services)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .BindConfiguration(SectionOf<TOptions>())
            .ValidateDataAnnotations()
            .ValidateOnStart();

    /// <summary>The section an options class binds: its name without the <c>Options</c> suffix.</summary>
    public static string SectionOf<TOptions>() =>
        typeof(TOptions).Name.EndsWith("Options", StringComparison.Ordinal) ? typeof(TOptions).Name[..^"Options".Length] : typeof(TOptions).Name;
}
