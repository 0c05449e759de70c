using System.Globalization;
using System.Text;
using System.Text.Json;
using Brigade.Api;
using Brigade.Data;
using Brigade.Security;
using Brigade.Staff.Data;
using Brigade.Staff.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;

namespace Brigade.Staff.Api;

public sealed record PayrollBody(Guid? RestaurantId, string? Month);

public sealed record PayslipResponse(Guid EmployeeId, string EmployeeName, string PayKind, PayslipLines Lines, MoneyResponse Gross, bool BelowMinimumWage);

public sealed record PayrollResponse(
    Guid Id, Guid RestaurantId, string Month, string PeriodStart, string PeriodEnd, string Status, bool SmallWorkplace, int Employees,
    MoneyResponse Gross, int UnapprovedTimecards, IReadOnlyList<PayslipResponse> Payslips, DateTimeOffset? ClosedAt, int Version)
{
    public static PayrollResponse From(PayrollRow p, IReadOnlyList<PayslipRow> slips, int unapproved) => new(
        p.Id, p.RestaurantId, p.Month, p.PeriodStart, p.PeriodEnd, p.Status, p.SmallWorkplace, p.Employees, new MoneyResponse(p.Gross, p.Currency), unapproved,
        slips.Select(s => new PayslipResponse(s.EmployeeId, s.EmployeeName, s.PayKind, JsonSerializer.Deserialize<PayslipLines>(s.Lines, JsonSerializerOptions.Web)!,
            new MoneyResponse(s.Gross, p.Currency), s.BelowMinimum)).ToList(),
        p.ClosedAt, p.Version);
}

public static class PayrollApi
{
    public const string Tag = "Payroll";

    public static RouteGroupBuilder MapPayroll(this RouteGroupBuilder api)
    {
        api.MapPost("/payrolls", RunAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("RunPayroll").WithSummary("Compute (or recompute) a month's draft payroll from approved time (owners and managers)").WithTags(Tag);
        api.MapGet("/payrolls/{id:guid}", GetAsync).RequireAuthorization(Policies.User)
            .WithName("GetPayroll").WithSummary("A payroll and its payslips (owners and managers)").WithTags(Tag);
        api.MapGet("/payrolls/{id:guid}/csv", CsvAsync).RequireAuthorization(Policies.User)
            .WithName("PayrollCsv").WithSummary("The payslips as CSV (UTF-8 with BOM, for spreadsheets)").WithTags(Tag);
        api.MapPost("/payrolls/{id:guid}/close", CloseAsync).RequireAuthorization(Policies.User).WithIfMatch()
            .WithName("ClosePayroll").WithSummary("Recompute and close the month: payslips become final (owners only); refused below the minimum wage or with unapproved time").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Ok<PayrollResponse>, ValidationProblem, ProblemHttpResult>> RunAsync(PayrollBody body, [AsParameters] StaffServices s)
    {
        var errors = new FieldErrors();
        var id = errors.RequiredId("restaurantId", body.RestaurantId);
        YearMonth? month = null;
        if (string.IsNullOrWhiteSpace(body.Month))
        {
            errors.Missing("month", "yyyy-MM");
        }
        else if (YearMonthPattern.Iso.Parse(body.Month.Trim()) is { Success: true } parsed)
        {
            month = parsed.Value;
        }
        else
        {
            errors.Add("month", "month must be yyyy-MM.", "month은(는) yyyy-MM 형식이어야 합니다.");
        }

        if (id is { } r && !s.User.WorksAt(r))
        {
            return StaffProblems.RestaurantNotFound();
        }

        if (id is { } m && !s.User.Manages(m))
        {
            return StaffProblems.OnlyManagers();
        }

        if (month is { } mo)
        {
            var now = s.Now.InZone(RestaurantTime.DefaultZone).Date;
            var current = new YearMonth(now.Year, now.Month);
            if (mo.CompareTo(current) > 0 || mo.CompareTo(current.PlusMonths(-s.Options.Value.PayrollMonthsBack)) < 0)
            {
                errors.Add("month", $"month must be this month or one of the last {s.Options.Value.PayrollMonthsBack}.", $"month은(는) 이번 달 또는 최근 {s.Options.Value.PayrollMonthsBack}개월 이내여야 합니다.");
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, row, unapproved) = await ComputeAsync(id!.Value, month!.Value, s);
        if (outcome == PayrollOutcome.Closed)
        {
            return Problems.Conflict("That month's payroll is closed.", "해당 월의 급여는 이미 마감되었습니다.", "payroll_closed");
        }

        s.Http.SetETag(row!.Version);
        return TypedResults.Ok(PayrollResponse.From(row, await s.Payrolls.PayslipsAsync(row.Id, s.Ct), unapproved));
    }

    public static async Task<Results<Ok<PayrollResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] StaffServices s)
    {
        var row = await s.Payrolls.FindAsync(id, s.Ct);
        if (row is null || !s.User.WorksAt(row.RestaurantId))
        {
            return Problems.NotFound("payroll", "급여");
        }

        if (!s.User.Manages(row.RestaurantId))
        {
            return StaffProblems.OnlyManagers();
        }

        s.Http.SetETag(row.Version);
        return TypedResults.Ok(PayrollResponse.From(row, await s.Payrolls.PayslipsAsync(id, s.Ct), await s.Payrolls.UnapprovedAsync(row, s.Ct)));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CsvAsync(Guid id, [AsParameters] StaffServices s)
    {
        var row = await s.Payrolls.FindAsync(id, s.Ct);
        if (row is null || !s.User.WorksAt(row.RestaurantId))
        {
            return Problems.NotFound("payroll", "급여");
        }

        if (!s.User.Manages(row.RestaurantId))
        {
            return StaffProblems.OnlyManagers();
        }

        var csv = new StringBuilder();
        csv.AppendLine("employee_id,name,pay_kind,hourly_rate,worked_minutes,overtime_minutes,night_minutes,holiday_minutes,holiday_overtime_minutes,weekly_holiday_minutes,base_pay,overtime_pay,night_pay,holiday_pay,weekly_holiday_pay,gross,below_minimum_wage");
        foreach (var slip in await s.Payrolls.PayslipsAsync(id, s.Ct))
        {
            var l = JsonSerializer.Deserialize<PayslipLines>(slip.Lines, JsonSerializerOptions.Web)!;
            csv.AppendLine(string.Join(',',
                slip.EmployeeId, Cell(slip.EmployeeName), slip.PayKind, Num(l.HourlyRate), Num(l.WorkedMinutes), Num(l.OvertimeMinutes), Num(l.NightMinutes),
                Num(l.HolidayMinutes), Num(l.HolidayOvertimeMinutes), Num(l.WeeklyHolidayMinutes), Num(l.BasePay), Num(l.OvertimePay), Num(l.NightPay),
                Num(l.HolidayPay), Num(l.WeeklyHolidayPay), Num(l.Gross), l.BelowMinimumWage ? "true" : "false"));
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"payroll-{row.Month}.csv");
    }

    public static async Task<Results<Ok<PayrollResponse>, ProblemHttpResult>> CloseAsync(Guid id, [AsParameters] StaffServices s)
    {
        var row = await s.Payrolls.FindAsync(id, s.Ct);
        if (row is null || !s.User.WorksAt(row.RestaurantId))
        {
            return Problems.NotFound("payroll", "급여");
        }

        // Closing makes pay final: the owner's decision (managers prepare the draft).
        if (!s.User.IsAdmin() && !s.User.HasMembership(row.RestaurantId, Roles.Owner))
        {
            return Problems.Forbidden("Only the restaurant's owner can close a payroll.", "급여 마감은 점주만 할 수 있습니다.", "owner_only");
        }

        if (Versions.Expected(s.Http.Request) is { } v && v != row.Version)
        {
            return Problems.Stale("payroll", "급여");
        }

        if (row.Status == "draft")
        {
            // Time approved since the draft was computed is paid too: close what the data says now.
            var (recomputed, fresh, _) = await ComputeAsync(row.RestaurantId, YearMonthPattern.Iso.Parse(row.Month).Value, s);
            row = recomputed == PayrollOutcome.Done ? fresh! : row;
        }

        var (outcome, closed) = await s.Payrolls.CloseAsync(id, row.Version, s.User.UserId(), s.Now, s.Ct);
        return outcome switch
        {
            PayrollOutcome.Done => TypedResults.Ok(PayrollResponse.From(closed!, await s.Payrolls.PayslipsAsync(id, s.Ct), 0)),
            PayrollOutcome.Closed => Problems.Conflict("The payroll is already closed.", "이미 마감된 급여입니다.", "payroll_closed"),
            PayrollOutcome.BelowMinimumWage => Problems.Conflict(
                "A payslip pays less than the minimum wage of the year (최저임금법 제6조). Raise the wage, recompute, then close.",
                "최저임금에 미달하는 급여명세서가 있습니다(최저임금법 제6조). 시급을 올리고 다시 계산한 뒤 마감하세요.", "below_minimum_wage"),
            PayrollOutcome.UnapprovedTime => Problems.Conflict(
                "Some time in the month is still running or not approved; approve or correct it first.",
                "이 달에 진행 중이거나 승인되지 않은 근무 기록이 있습니다. 먼저 승인하거나 수정하세요.", "unapproved_time"),
            PayrollOutcome.Stale => Problems.Stale("payroll", "급여"),
            _ => Problems.NotFound("payroll", "급여"),
        };
    }

    private static async Task<(PayrollOutcome, PayrollRow?, int)> ComputeAsync(Guid restaurantId, YearMonth month, StaffServices s)
    {
        var settings = await s.Settings.GetAsync(restaurantId, s.Ct);
        var (_, last, loadFrom) = PayrollRun.Period(month);
        var inputs = await s.Payrolls.InputsAsync(restaurantId, loadFrom, last, s.Ct);
        var slips = PayrollRun.Build(month, settings.SmallWorkplace, Clocks.ZoneOf(settings), inputs.Employees, inputs.Cards, inputs.Schedule);
        var (outcome, row) = await s.Payrolls.SaveDraftAsync(restaurantId, month, settings.SmallWorkplace, slips, s.Now, s.Ct);
        return (outcome, row, inputs.UnapprovedCards);
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);

    // A spreadsheet must not read a name as a formula (CSV injection), and quotes and commas must survive.
    private static string Cell(string text)
    {
        var safe = text.Length > 0 && "=+-@\t\r".Contains(text[0]) ? "'" + text : text;
        return "\"" + safe.Replace("\"", "\"\"") + "\"";
    }
}
