using NodaTime;

namespace Brigade.Api;

/// <summary>
/// Restaurant-local time: every restaurant has an IANA zone, <see cref="DefaultZoneId"/> when it has none. Times people
/// read (messages, e-mails, day sheets, CSV) are shown in the restaurant's zone, never the server's or UTC.
/// </summary>
public static class RestaurantTime
{
    public const string DefaultZoneId = "Asia/Seoul";

    public static DateTimeZone DefaultZone { get; } = DateTimeZoneProviders.Tzdb[DefaultZoneId];

    /// <summary>The zone of <paramref name="zoneId"/>, or the default zone when it is empty or unknown.</summary>
    public static DateTimeZone Zone(string? zoneId) =>
        zoneId is { Length: > 0 } && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is { } zone ? zone : DefaultZone;

    /// <summary>True when <paramref name="zoneId"/> names a known IANA zone.</summary>
    public static bool IsKnownZone(string? zoneId) => zoneId is { Length: > 0 } && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) is not null;

    /// <summary>The instant as the restaurant's wall clock, with its offset.</summary>
    public static DateTimeOffset Local(DateTimeOffset instant, string? zoneId) =>
        Instant.FromDateTimeOffset(instant).InZone(Zone(zoneId)).ToDateTimeOffset();
}
