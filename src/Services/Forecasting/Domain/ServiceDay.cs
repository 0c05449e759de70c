using NodaTime;

namespace Brigade.Forecasting.Domain;

/// <summary>
/// The service day an instant belongs to, as analytics books it: the restaurant's local date, except that the small hours
/// before <see cref="CutoffHour"/> belong to the previous day's (late) service.
/// </summary>
public static class ServiceDay
{
    public const int CutoffHour = 5;

    public static (LocalDate Date, int Hour) Of(DateTimeOffset at, DateTimeZone zone)
    {
        var local = Instant.FromDateTimeOffset(at).InZone(zone).LocalDateTime;
        return (local.Hour < CutoffHour ? local.Date.PlusDays(-1) : local.Date, local.Hour);
    }
}
