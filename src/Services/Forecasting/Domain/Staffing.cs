namespace Brigade.Forecasting.Domain;

/// <summary>
/// Staff needed for forecast covers: an hour with guests needs ⌈covers ÷ covers per staff hour⌉ people, never fewer than the
/// restaurant's minimum on the floor; an hour without guests needs nobody. The day's need is the sum of its staff hours.
/// </summary>
public static class Staffing
{
    public static int ForHour(double covers, double coversPerStaffHour, int minimumStaff) =>
        covers <= 0 ? 0 : Math.Max(minimumStaff, (int)Math.Ceiling((covers / coversPerStaffHour) - 1e-9));
}
