using System.ComponentModel.DataAnnotations;

namespace Brigade.Reservations;

/// <summary>Settings under <c>Reservations</c>, bound by name and checked when the service starts.</summary>
public sealed class ReservationsOptions
{
    /// <summary>How often expired deposit holds are released (their tables and covers return to sale).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HoldExpiryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often due reminders are announced.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Guests can be marked arrived (or seated) from this many minutes before their start; earlier is refused (409
    /// <c>too_early</c>): it is the wrong day's booking, or it would give their table away before the party ahead leaves.
    /// </summary>
    [Range(0, 10080)]
    public int EarlyArrivalMinutes { get; set; } = 60;
}
