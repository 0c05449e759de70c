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
}
