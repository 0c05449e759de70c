using System.ComponentModel.DataAnnotations;

namespace Brigade.Jobs;

/// <summary>Settings under <c>Jobs</c>, checked at start-up.</summary>
public sealed class JobsOptions
{
    /// <summary>How often <c>Jobs/ShiftClock</c> starts and completes shifts, asks for reconfirmation and auto-approves timesheets.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClockInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Either side cancels a booked shift free of penalty until this many hours before its start.</summary>
    [Range(1, 168)]
    public int FreeCancellationHours { get; set; } = 24;

    /// <summary>A restaurant cancelling a booked shift later than that pays the worker this share of the scheduled pay…</summary>
    [Range(0, 100)]
    public int LateCancelPayPercent { get; set; } = 50;

    /// <summary>…but never less than this many minutes of the hourly wage (capped at the scheduled pay).</summary>
    [Range(0, 720)]
    public int LateCancelMinimumPayMinutes { get; set; } = 120;

    /// <summary>A worker cancelling late cannot apply for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "90.00:00:00")]
    public TimeSpan LateCancelSuspension { get; set; } = TimeSpan.FromDays(3);

    /// <summary>A worker who did not show up cannot apply for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan NoShowSuspension { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A no-show can be recorded this many minutes after the start at the earliest.</summary>
    [Range(0, 240)]
    public int NoShowGraceMinutes { get; set; } = 30;

    /// <summary>Booked workers are asked to reconfirm this many hours before the start.</summary>
    [Range(1, 168)]
    public int ReconfirmHours { get; set; } = 24;

    /// <summary>Check-in opens this many minutes before the start.</summary>
    [Range(0, 240)]
    public int CheckInOpensMinutes { get; set; } = 60;

    /// <summary>The worker's reported position must be within this distance of the venue to check in or out.</summary>
    [Range(10, 5000)]
    public int CheckInRadiusMeters { get; set; } = 200;

    /// <summary>A worker still checked in this long after the scheduled end is checked out at the scheduled end.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "1.00:00:00")]
    public TimeSpan AutoCheckOutAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A timesheet the employer neither approved nor adjusted is approved automatically this long after check-out.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "14.00:00:00")]
    public TimeSpan TimesheetApprovalWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Default minutes a new posting is shown only to the restaurant's favourite workers.</summary>
    [Range(0, 1440)]
    public int FavouritesFirstMinutes { get; set; } = 30;

    /// <summary>Both sides may rate a worked shift for this many days after check-out.</summary>
    [Range(1, 90)]
    public int RatingWindowDays { get; set; } = 14;

    /// <summary>Post a few open shifts for the demo restaurants. Default: only in the <c>Local</c> environment.</summary>
    public bool? LoadDemoData { get; set; }
}
