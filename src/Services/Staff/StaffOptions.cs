using System.ComponentModel.DataAnnotations;

namespace Brigade.Staff;

/// <summary>Settings under <c>Staff</c>, checked at start-up. Per-restaurant rules (clock windows, small workplace) are in the settings endpoint.</summary>
public sealed class StaffOptions
{
    /// <summary>The longest shift the schedule accepts, in hours (a guard against typos such as 09:00–08:00 the next day).</summary>
    [Range(1, 24)]
    public int MaxShiftHours { get; set; } = 16;

    /// <summary>How many months back a payroll may be run (older months are archived facts).</summary>
    [Range(1, 120)]
    public int PayrollMonthsBack { get; set; } = 24;
}
