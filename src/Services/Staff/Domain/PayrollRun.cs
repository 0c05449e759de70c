using NodaTime;

namespace Brigade.Staff.Domain;

/// <summary>An employee as payroll sees them.</summary>
public sealed record PayrollEmployee(Guid Id, string Name, string PayKind, long Rate, int ContractWeeklyMinutes);

/// <summary>An approved timecard: clock-in and clock-out instants and breaks.</summary>
public sealed record ApprovedCard(Guid EmployeeId, LocalDate WorkDate, Instant ClockIn, Instant ClockOut, IReadOnlyList<BreakSpan> Breaks);

/// <summary>A published shift, for weekly attendance (주휴수당).</summary>
public sealed record ScheduledDay(Guid EmployeeId, LocalDate WorkDate, int PaidMinutes);

public sealed record PayslipDraft(Guid EmployeeId, string EmployeeName, string PayKind, PayslipLines Lines);

/// <summary>
/// A month's payroll: every employee with approved time in the month (or a salary) gets a payslip. The weeks that end in
/// the month (Monday–Sunday) decide weekly overtime and weekly holiday pay; days of such a week in the previous month count
/// towards its 40 hours without being paid again.
/// </summary>
public static class PayrollRun
{
    /// <summary>The first and last day of the month, and the Monday from which time must be loaded.</summary>
    public static (LocalDate First, LocalDate Last, LocalDate LoadFrom) Period(YearMonth month)
    {
        var first = month.OnDayOfMonth(1);
        var last = month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month));
        return (first, last, PayCalculator.Monday(first));
    }

    public static IReadOnlyList<PayslipDraft> Build(
        YearMonth month, bool smallWorkplace, DateTimeZone zone, IReadOnlyList<PayrollEmployee> employees,
        IReadOnlyList<ApprovedCard> cards, IReadOnlyList<ScheduledDay> schedule, Func<LocalDate, bool>? isHoliday = null)
    {
        var (first, last, _) = Period(month);
        var cardsBy = cards.ToLookup(c => c.EmployeeId);
        var scheduleBy = schedule.ToLookup(s => s.EmployeeId);
        var slips = new List<PayslipDraft>();
        foreach (var e in employees)
        {
            var mine = cardsBy[e.Id].Where(c => c.WorkDate <= last).ToList();
            if (e.PayKind == PayKinds.Hourly && !mine.Any(c => c.WorkDate >= first))
            {
                continue;
            }

            var days = mine.Select(c => new WorkedDay(c.WorkDate, TimeClock.Spans(c.ClockIn, c.ClockOut, c.Breaks, zone), c.WorkDate >= first)).ToList();
            var weeks = Weeks(first, last, e, mine, scheduleBy[e.Id].ToList());
            var lines = PayCalculator.Calculate(new PayTerms(e.PayKind, e.Rate, smallWorkplace), days, weeks, month.Year, isHoliday);
            slips.Add(new PayslipDraft(e.Id, e.Name, e.PayKind, lines));
        }

        return slips;
    }

    /// <summary>
    /// The weeks ending in the month. Contracted minutes: the published shifts of the week when there are any, else the
    /// contract's weekly minutes. Attendance: every day with a published shift has approved time (제55조: 소정근로일 개근).
    /// </summary>
    private static List<WeekAttendance> Weeks(LocalDate first, LocalDate last, PayrollEmployee e, List<ApprovedCard> cards, List<ScheduledDay> shifts)
    {
        var weeks = new List<WeekAttendance>();
        var workedDays = cards.Select(c => c.WorkDate).ToHashSet();
        for (var monday = PayCalculator.Monday(first); monday.PlusDays(6) <= last; monday = monday.PlusDays(7))
        {
            var sunday = monday.PlusDays(6);
            if (sunday < first)
            {
                continue;
            }

            var planned = shifts.Where(s => s.WorkDate >= monday && s.WorkDate <= sunday).ToList();
            var worked = cards.Any(c => c.WorkDate >= monday && c.WorkDate <= sunday);
            var minutes = planned.Count > 0 ? planned.Sum(s => s.PaidMinutes) : e.ContractWeeklyMinutes;
            var attended = planned.Count > 0 ? planned.All(s => workedDays.Contains(s.WorkDate)) : worked;
            weeks.Add(new WeekAttendance(monday, minutes, attended));
        }

        return weeks;
    }
}
