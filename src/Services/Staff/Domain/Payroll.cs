using NodaTime;

namespace Brigade.Staff.Domain;

public static class PayKinds
{
    public const string Hourly = "hourly";
    public const string Monthly = "monthly";

    public static readonly IReadOnlyList<string> All = [Hourly, Monthly];
}

/// <summary>A stretch of work on the restaurant's clock, breaks already taken out (breaks are unpaid, 근로기준법 제54조).</summary>
public sealed record WorkedSpan(LocalDateTime Start, LocalDateTime End);

/// <summary>
/// One approved timecard: the day it counts for (the day the shift started: a shift past midnight is one working day) and
/// its worked spans. <see cref="InPeriod"/> false: worked before the period in the same week, counted only towards the week's
/// 40 hours so that a week crossing two pay periods is judged whole.
/// </summary>
public sealed record WorkedDay(LocalDate WorkDate, IReadOnlyList<WorkedSpan> Spans, bool InPeriod = true);

/// <summary>A Monday-to-Sunday week ending in the period: the contracted (소정) minutes and whether every scheduled shift was worked.</summary>
public sealed record WeekAttendance(LocalDate Monday, int ScheduledMinutes, bool AttendedAll);

/// <summary>How an employee is paid: an hourly wage or a monthly salary (KRW), and whether the premiums of 제56조 apply.</summary>
public sealed record PayTerms(string Kind, long Rate, bool SmallWorkplace);

/// <summary>A payslip's lines; minutes are paid minutes, money in won. Premium minutes are reported even when exempt.</summary>
public sealed record PayslipLines(
    int WorkedMinutes,
    int OvertimeMinutes,
    int NightMinutes,
    int HolidayMinutes,
    int HolidayOvertimeMinutes,
    int WeeklyHolidayMinutes,
    long HourlyRate,
    long BasePay,
    long OvertimePay,
    long NightPay,
    long HolidayPay,
    long WeeklyHolidayPay,
    long Gross,
    long MinimumWage,
    bool BelowMinimumWage,
    bool PremiumsExempt);

/// <summary>
/// Pay under the Korean Labour Standards Act (근로기준법). Every line is rounded up to the won, in the worker's favour.
/// <list type="bullet">
/// <item>제50조: 8 hours a day and 40 a week are the standard; time beyond either is overtime (연장근로). Daily overtime is
/// counted first; weekly overtime is the non-holiday time beyond 40 hours that was not already daily overtime.</item>
/// <item>제56조①: overtime is paid at least 50% extra; ③: night work, 22:00–06:00, 50% extra (on top of any other premium);
/// ②: holiday work 50% extra for the first 8 hours of the day and 100% beyond (holiday hours are not also weekly overtime,
/// 대법원 2018. 6. 21. 선고 2011다112391 전원합의체 판결).</item>
/// <item>제11조① with 시행령 제7조 [별표 1]: in a workplace of fewer than five regular employees 제56조 does not apply: no
/// premiums (hours are still paid at the ordinary rate). 주휴수당 and the minimum wage still apply.</item>
/// <item>제55조①: a paid weekly holiday for a week of full attendance; 제18조③: not for fewer than 15 contracted hours a week.
/// Its pay is the contracted weekly hours / 40 × 8 hours (at most 8), at the hourly wage. A monthly salary already
/// includes it (the 209 hours of 최저임금법 시행령 제5조).</item>
/// <item>최저임금법 제6조: the hourly wage (a salary divided by 209 hours) must be at least the year's minimum; a shortfall is flagged.</item>
/// </list>
/// A monthly salary covers the contracted hours and paid holidays: overtime and holiday work are paid on top at the
/// salary's hourly rate (salary / 209) plus the premiums; night work inside contracted hours earns the premium only.
/// </summary>
public static class PayCalculator
{
    public const int DailyStandardMinutes = 8 * 60;
    public const int WeeklyStandardMinutes = 40 * 60;
    public const int WeeklyHolidayThresholdMinutes = 15 * 60;
    public static readonly LocalTime NightStarts = new(22, 0);
    public static readonly LocalTime NightEnds = new(6, 0);

    public static PayslipLines Calculate(
        PayTerms terms, IEnumerable<WorkedDay> days, IEnumerable<WeekAttendance> weeks, int year, Func<LocalDate, bool>? isHoliday = null)
    {
        isHoliday ??= Holidays.IsHoliday;
        int worked = 0, overtime = 0, night = 0, holiday = 0, holidayOvertime = 0;
        var perDay = new Dictionary<LocalDate, int>();
        var holidayPerDay = new Dictionary<LocalDate, int>();
        var perWeek = new Dictionary<LocalDate, int>();

        foreach (var day in days.OrderBy(d => d.Spans.Count == 0 ? d.WorkDate.AtMidnight() : d.Spans.Min(s => s.Start)))
        {
            var week = Monday(day.WorkDate);
            foreach (var span in day.Spans.OrderBy(s => s.Start))
            {
                // Minute by minute: each minute's class depends on what came before it that day and week.
                for (var t = span.Start; t < span.End; t = t.PlusMinutes(1))
                {
                    var paid = day.InPeriod ? 1 : 0;
                    worked += paid;
                    if (IsNight(t.TimeOfDay))
                    {
                        night += paid;
                    }

                    if (isHoliday(t.Date))
                    {
                        holiday += paid;
                        if (Increment(holidayPerDay, day.WorkDate) > DailyStandardMinutes)
                        {
                            holidayOvertime += paid;
                        }
                    }
                    else if (Increment(perDay, day.WorkDate) > DailyStandardMinutes || Increment(perWeek, week) > WeeklyStandardMinutes)
                    {
                        overtime += paid;
                    }
                }
            }
        }

        var minimum = MinimumWage.HourlyFor(year);
        var hourly = terms.Kind == PayKinds.Monthly ? Up(terms.Rate, MinimumWage.MonthlyStandardHours) : terms.Rate;
        var exempt = terms.SmallWorkplace;
        var weeklyHolidayMinutes = terms.Kind == PayKinds.Hourly ? weeks.Where(w => w.AttendedAll && w.ScheduledMinutes >= WeeklyHolidayThresholdMinutes)
            .Sum(w => Math.Min(w.ScheduledMinutes, WeeklyStandardMinutes) / 5) : 0;

        var basePay = terms.Kind == PayKinds.Monthly
            ? terms.Rate + Up((long)(overtime + holiday) * hourly, 60)
            : Up((long)worked * hourly, 60);
        var overtimePay = exempt ? 0 : Up((long)overtime * hourly, 120);
        var nightPay = exempt ? 0 : Up((long)night * hourly, 120);
        var holidayPay = exempt ? 0 : Up((long)(holiday + holidayOvertime) * hourly, 120);
        var weeklyHolidayPay = Up((long)weeklyHolidayMinutes * hourly, 60);
        return new PayslipLines(
            worked, overtime, night, holiday, holidayOvertime, weeklyHolidayMinutes, hourly,
            basePay, overtimePay, nightPay, holidayPay, weeklyHolidayPay, basePay + overtimePay + nightPay + holidayPay + weeklyHolidayPay,
            minimum, hourly < minimum, exempt);
    }

    /// <summary>The Monday of the week holding <paramref name="date"/> (weeks run Monday to Sunday).</summary>
    public static LocalDate Monday(LocalDate date) => date.PlusDays(-((int)date.DayOfWeek - 1));

    public static bool IsNight(LocalTime t) => t >= NightStarts || t < NightEnds;

    private static int Increment(Dictionary<LocalDate, int> counts, LocalDate key)
    {
        var n = counts.GetValueOrDefault(key) + 1;
        counts[key] = n;
        return n;
    }

    private static long Up(long numerator, long denominator) => (numerator + denominator - 1) / denominator;
}
