using Brigade.Api;
using Brigade.Data;
using Brigade.Security;
using Brigade.Staff.Data;
using Brigade.Staff.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Staff.Api;

public sealed record ClockBody(Guid? RestaurantId);

public sealed record BreakBody(DateTimeOffset? Start, DateTimeOffset? End);

public sealed record TimecardBody(Guid? EmployeeId, DateTimeOffset? ClockIn, DateTimeOffset? ClockOut, IReadOnlyList<BreakBody?>? Breaks, string? Reason);

public sealed record BreakResponse(DateTimeOffset Start, DateTimeOffset? End);

public sealed record TimecardResponse(
    Guid Id, Guid RestaurantId, Guid EmployeeId, Guid? ShiftId, string Date, DateTimeOffset ClockIn, DateTimeOffset? ClockOut, DateTimeOffset? PunchedInAt,
    bool Late, string Source, string Status, IReadOnlyList<BreakResponse> Breaks, int? Minutes, MoneyResponse? Cost, DateTimeOffset? ApprovedAt, int Version)
{
    public static TimecardResponse From(TimecardRow t, SettingsRow s) => new(
        t.Id, t.RestaurantId, t.EmployeeId, t.ShiftId, t.WorkDate, Clocks.Local(t.ClockIn, s), Clocks.Local(t.ClockOut, s), Clocks.Local(t.PunchedInAt, s),
        t.Late, t.Source, t.Status, t.Breaks.Select(b => new BreakResponse(Clocks.Local(b.StartsAt, s), Clocks.Local(b.EndsAt, s))).ToList(),
        t.Minutes, t.Cost is { } c ? new MoneyResponse(c, "KRW") : null, Clocks.Local(t.ApprovedAt, s), t.Version);
}

public sealed record AuditResponse(string Action, string? Reason, string? Before, string? After, Guid By, DateTimeOffset At);

public static class ClockApi
{
    public const string Tag = "Time clock";

    public static RouteGroupBuilder MapClock(this RouteGroupBuilder api)
    {
        api.MapPost("/clock/in", ClockInAsync).RequireAuthorization(Policies.User)
            .WithName("ClockIn").WithSummary("Clock in at a restaurant (the caller's employee record); refused too early before the scheduled start").WithTags(Tag);
        api.MapPost("/clock/break-start", (ClockBody body, [AsParameters] StaffServices s) => PunchAsync(body, Punch.BreakStart, s)).RequireAuthorization(Policies.User)
            .WithName("StartBreak").WithSummary("Start a break on the running timecard").WithTags(Tag);
        api.MapPost("/clock/break-end", (ClockBody body, [AsParameters] StaffServices s) => PunchAsync(body, Punch.BreakEnd, s)).RequireAuthorization(Policies.User)
            .WithName("EndBreak").WithSummary("End the running break").WithTags(Tag);
        api.MapPost("/clock/out", (ClockBody body, [AsParameters] StaffServices s) => PunchAsync(body, Punch.Out, s)).RequireAuthorization(Policies.User)
            .WithName("ClockOut").WithSummary("Clock out; the timecard waits for a manager's approval").WithTags(Tag);
        api.MapGet("/timecards", ListAsync).RequireAuthorization(Policies.User)
            .WithName("Timecards").WithSummary("Timecards of a restaurant from..to (managers: everyone's, optionally one employee's; staff: their own)").WithTags(Tag);
        api.MapPost("/timecards", AddAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("AddTimecard").WithSummary("Record time the clock missed (owners and managers; reason required, audited)").WithTags(Tag);
        api.MapPut("/timecards/{id:guid}", EditAsync).RequireAuthorization(Policies.User).WithIfMatch()
            .WithName("EditTimecard").WithSummary("Correct a finished timecard (owners and managers; reason required, audited; approval starts again)").WithTags(Tag);
        api.MapPost("/timecards/{id:guid}/approve", ApproveAsync).RequireAuthorization(Policies.User).WithIfMatch()
            .WithName("ApproveTimecard").WithSummary("Approve worked time for payroll (owners and managers, never their own)").WithTags(Tag);
        api.MapGet("/timecards/{id:guid}/audit", AuditAsync).RequireAuthorization(Policies.User)
            .WithName("TimecardAudit").WithSummary("Who changed a timecard, when, why, from what to what (owners and managers)").WithTags(Tag);
        return api;
    }

    private enum Punch
    {
        BreakStart,
        BreakEnd,
        Out,
    }

    public static async Task<Results<Ok<TimecardResponse>, ValidationProblem, ProblemHttpResult>> ClockInAsync(ClockBody body, [AsParameters] StaffServices s)
    {
        var (employee, settings, problem) = await CallerAsync(body, s);
        if (problem is not null)
        {
            return problem.Value.Match<Results<Ok<TimecardResponse>, ValidationProblem, ProblemHttpResult>>(v => v, p => p);
        }

        var zone = Clocks.ZoneOf(settings!);
        // The shift this punch is for: the employee's published shift running now or starting within the next few hours,
        // soonest first. A punch further ahead of any shift is unscheduled work, not an early clock-in.
        var shifts = await s.Schedule.ForEmployeeAsync(employee!.Id, s.Now, s.Now + TimeClock.ShiftLookahead, s.Ct);
        var shift = shifts.Where(x => x.Status == ShiftStatus.Published).OrderBy(x => x.StartsAt).FirstOrDefault();
        var decision = TimeClock.Decide(s.Now, shift?.StartsAt.ToInstant(), settings!.EarlyClockInMinutes, settings.GraceMinutes);
        if (decision.Verdict == ClockInVerdict.TooEarly)
        {
            return Problems.Conflict(
                $"Too early: clocking in opens {settings.EarlyClockInMinutes} minutes before the shift at {Clocks.Local(shift!.StartsAt, settings):HH:mm}.",
                $"너무 이릅니다. 출근 기록은 근무 시작({Clocks.Local(shift!.StartsAt, settings):HH:mm}) {settings.EarlyClockInMinutes}분 전부터 가능합니다.", "too_early");
        }

        var workDate = shift is not null && decision.PaidFrom >= shift.StartsAt.ToInstant() - Duration.FromHours(24)
            ? Times.ParseDate(shift.WorkDate)
            : s.Now.InZone(zone).Date;
        var (outcome, card) = await s.Timecards.ClockInAsync(employee, shift?.Id, workDate, decision.PaidFrom, s.Now, decision.Late, s.Now, s.Ct);
        return outcome == ClockOutcome.Done
            ? TypedResults.Ok(TimecardResponse.From(card!, settings))
            : Problems.Conflict("You are already clocked in.", "이미 출근 기록이 있습니다.", "already_clocked_in");
    }

    private static async Task<Results<Ok<TimecardResponse>, ValidationProblem, ProblemHttpResult>> PunchAsync(ClockBody body, Punch punch, StaffServices s)
    {
        var (employee, settings, problem) = await CallerAsync(body, s);
        if (problem is not null)
        {
            return problem.Value.Match<Results<Ok<TimecardResponse>, ValidationProblem, ProblemHttpResult>>(v => v, p => p);
        }

        var (outcome, card) = punch switch
        {
            Punch.BreakStart => await s.Timecards.BreakAsync(employee!.Id, true, s.Now, s.Ct),
            Punch.BreakEnd => await s.Timecards.BreakAsync(employee!.Id, false, s.Now, s.Ct),
            _ => await s.Timecards.ClockOutAsync(employee!.Id, s.Now, s.Ct),
        };
        if (outcome == ClockOutcome.Done)
        {
            return TypedResults.Ok(TimecardResponse.From(card!, settings!));
        }

        return punch switch
        {
            Punch.BreakStart => Problems.Conflict("Clock in first, and end the running break before starting another.", "출근 후, 진행 중인 휴게를 끝낸 다음에 휴게를 시작할 수 있습니다.", "no_running_timecard"),
            Punch.BreakEnd => Problems.Conflict("No break is running.", "진행 중인 휴게가 없습니다.", "no_running_break"),
            _ => Problems.Conflict("You are not clocked in.", "출근 기록이 없습니다.", "no_running_timecard"),
        };
    }

    public static async Task<Results<Ok<IReadOnlyList<TimecardResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid? restaurantId, Guid? employeeId, string? from, string? to, string? status, [AsParameters] StaffServices s)
    {
        var errors = new FieldErrors();
        var id = errors.RequiredId("restaurantId", restaurantId);
        var first = errors.Date("from", from);
        var last = errors.Date("to", to);
        var state = status is null ? null : errors.OneOf("status", status, [TimecardStatus.Open, TimecardStatus.Pending, TimecardStatus.Approved]);
        if (first is { } a && last is { } b && (b < a || b.DayNumber - a.DayNumber > 62))
        {
            errors.Add("to", "to must be on or after from, at most 62 days later.", "to는 from 이후 62일 이내여야 합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.WorksAt(id!.Value))
        {
            return StaffProblems.RestaurantNotFound();
        }

        if (!s.User.Manages(id.Value))
        {
            // Staff see only their own time.
            var me = await s.Employees.FindByUserAsync(id.Value, s.User.UserId(), s.Ct);
            if (me is null)
            {
                return StaffProblems.NotAnEmployee();
            }

            employeeId = me.Id;
        }

        var settings = await s.Settings.GetAsync(id.Value, s.Ct);
        var rows = await s.Timecards.ListAsync(id.Value, employeeId, LocalDate.FromDateOnly(first!.Value), LocalDate.FromDateOnly(last!.Value), state, s.Ct);
        return TypedResults.Ok<IReadOnlyList<TimecardResponse>>(rows.Select(r => TimecardResponse.From(r, settings)).ToList());
    }

    public static async Task<Results<Created<TimecardResponse>, ValidationProblem, ProblemHttpResult>> AddAsync(TimecardBody body, [AsParameters] StaffServices s)
    {
        var errors = new FieldErrors();
        var employeeId = errors.RequiredId("employeeId", body.EmployeeId);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var employee = await s.Employees.FindAsync(employeeId!.Value, s.Ct);
        if (employee is null || !s.User.WorksAt(employee.RestaurantId))
        {
            return StaffProblems.EmployeeNotFound();
        }

        if (!s.User.Manages(employee.RestaurantId))
        {
            return StaffProblems.OnlyManagers();
        }

        var edit = CheckEdit(body, s, errors);
        if (edit is null)
        {
            return Problems.Invalid(errors);
        }

        var settings = await s.Settings.GetAsync(employee.RestaurantId, s.Ct);
        var (outcome, card) = await s.Timecards.AddAsync(employee, edit.ClockIn.InZone(Clocks.ZoneOf(settings)).Date, edit, s.User.UserId(), s.Now, s.Ct);
        return outcome == ClockOutcome.Done
            ? TypedResults.Created($"/api/staff/timecards/{card!.Id}", TimecardResponse.From(card, settings))
            : PayrollClosed();
    }

    public static async Task<Results<Ok<TimecardResponse>, ValidationProblem, ProblemHttpResult>> EditAsync(Guid id, TimecardBody body, [AsParameters] StaffServices s)
    {
        var card = await s.Timecards.FindAsync(id, s.Ct);
        if (card is null || !s.User.WorksAt(card.RestaurantId))
        {
            return Problems.NotFound("timecard", "근무 기록");
        }

        if (!s.User.Manages(card.RestaurantId))
        {
            return StaffProblems.OnlyManagers();
        }

        var errors = new FieldErrors();
        var edit = CheckEdit(body, s, errors);
        if (edit is null)
        {
            return Problems.Invalid(errors);
        }

        var settings = await s.Settings.GetAsync(card.RestaurantId, s.Ct);
        var (outcome, after) = await s.Timecards.EditAsync(id, edit, Versions.Expected(s.Http.Request), s.User.UserId(), s.Now, s.Ct);
        switch (outcome)
        {
            case ClockOutcome.Done:
                s.Http.SetETag(after!.Version);
                return TypedResults.Ok(TimecardResponse.From(after, settings));
            case ClockOutcome.Stale:
                return Problems.Stale("timecard", "근무 기록");
            case ClockOutcome.WrongState:
                return Problems.Conflict("The employee is still clocked in; edit after clock-out.", "아직 퇴근 전입니다. 퇴근 후 수정하세요.", "still_running");
            case ClockOutcome.PayrollClosed:
                return PayrollClosed();
            default:
                return Problems.NotFound("timecard", "근무 기록");
        }
    }

    public static async Task<Results<Ok<TimecardResponse>, ProblemHttpResult>> ApproveAsync(Guid id, [AsParameters] StaffServices s)
    {
        var card = await s.Timecards.FindAsync(id, s.Ct);
        if (card is null || !s.User.WorksAt(card.RestaurantId))
        {
            return Problems.NotFound("timecard", "근무 기록");
        }

        if (!s.User.Manages(card.RestaurantId))
        {
            return StaffProblems.OnlyManagers();
        }

        var employee = (await s.Employees.FindAsync(card.EmployeeId, s.Ct))!;
        // Nobody approves the pay of their own hours (unless they are a platform admin fixing data).
        if (employee.UserId == s.User.FindUserId() && !s.User.IsAdmin())
        {
            return Problems.Forbidden("You cannot approve your own timecard; another manager or the owner must.", "본인의 근무 기록은 승인할 수 없습니다. 다른 매니저나 점주가 승인해야 합니다.", "own_timecard");
        }

        if (Versions.Expected(s.Http.Request) is { } v && v != card.Version)
        {
            return Problems.Stale("timecard", "근무 기록");
        }

        if (card.Status != TimecardStatus.Pending)
        {
            return Problems.Conflict($"The timecard is {card.Status}; only a finished, unapproved one can be approved.", "퇴근 후 미승인 상태의 기록만 승인할 수 있습니다.", "wrong_status");
        }

        var settings = await s.Settings.GetAsync(card.RestaurantId, s.Ct);
        var zone = Clocks.ZoneOf(settings);
        var spans = TimeClock.Spans(card.ClockIn.ToInstant(), card.ClockOut!.Value.ToInstant(), card.Breaks.Select(b => b.Span), zone);
        var date = Times.ParseDate(card.WorkDate);
        var lines = PayCalculator.Calculate(ScheduleApi.Terms(employee, settings) is var t && t.Kind == PayKinds.Monthly
                ? t with { Kind = PayKinds.Hourly, Rate = (t.Rate + MinimumWage.MonthlyStandardHours - 1) / MinimumWage.MonthlyStandardHours }
                : t,
            [new WorkedDay(date, spans)], [], date.Year);
        var (outcome, approved) = await s.Timecards.ApproveAsync(card, employee.UserId, lines.WorkedMinutes, lines.Gross, s.User.UserId(), s.Now, s.Ct);
        if (outcome != ClockOutcome.Done)
        {
            return Problems.Stale("timecard", "근무 기록");
        }

        s.Http.SetETag(approved!.Version);
        return TypedResults.Ok(TimecardResponse.From(approved, settings));
    }

    public static async Task<Results<Ok<IReadOnlyList<AuditResponse>>, ProblemHttpResult>> AuditAsync(Guid id, [AsParameters] StaffServices s)
    {
        var card = await s.Timecards.FindAsync(id, s.Ct);
        if (card is null || !s.User.WorksAt(card.RestaurantId))
        {
            return Problems.NotFound("timecard", "근무 기록");
        }

        if (!s.User.Manages(card.RestaurantId))
        {
            return StaffProblems.OnlyManagers();
        }

        var settings = await s.Settings.GetAsync(card.RestaurantId, s.Ct);
        return TypedResults.Ok<IReadOnlyList<AuditResponse>>((await s.Timecards.AuditAsync(id, s.Ct))
            .Select(a => new AuditResponse(a.Action, a.Reason, a.Before, a.After, a.ByUser, Clocks.Local(a.At, settings))).ToList());
    }

    private static ProblemHttpResult PayrollClosed() => Problems.Conflict(
        "The payroll of that month is closed; its time is final.", "해당 월의 급여가 마감되어 근무 기록을 바꿀 수 없습니다.", "payroll_closed");

    /// <summary>The caller's employee record at the restaurant in the body, and its settings.</summary>
    private static async Task<(EmployeeRow?, SettingsRow?, Refusal?)> CallerAsync(ClockBody body, StaffServices s)
    {
        var errors = new FieldErrors();
        var id = errors.RequiredId("restaurantId", body.RestaurantId);
        if (!errors.IsEmpty)
        {
            return (null, null, new Refusal(Problems.Invalid(errors), null));
        }

        var employee = await s.Employees.FindByUserAsync(id!.Value, s.User.UserId(), s.Ct);
        if (employee is null)
        {
            return (null, null, new Refusal(null, s.User.WorksAt(id.Value) ? StaffProblems.NotAnEmployee() : StaffProblems.RestaurantNotFound()));
        }

        if (employee.Status != "active")
        {
            return (null, null, new Refusal(null, Problems.Forbidden("Your contract here has ended.", "이 레스토랑과의 계약이 종료되었습니다.", "employee_ended")));
        }

        return (employee, await s.Settings.GetAsync(id.Value, s.Ct), null);
    }

    private static TimecardEdit? CheckEdit(TimecardBody body, StaffServices s, FieldErrors errors)
    {
        var reason = errors.RequiredText("reason", body.Reason, 500);
        if (body.ClockIn is null)
        {
            errors.Missing("clockIn", "ISO 8601 date-time with offset");
        }

        if (body.ClockOut is null)
        {
            errors.Missing("clockOut", "ISO 8601 date-time with offset");
        }

        var breaks = new List<(Instant, Instant)>();
        if (body.ClockIn is { } i && body.ClockOut is { } o)
        {
            var clockIn = Instant.FromDateTimeOffset(i);
            var clockOut = Instant.FromDateTimeOffset(o);
            if (clockOut <= clockIn || clockOut - clockIn > Duration.FromHours(s.Options.Value.MaxShiftHours))
            {
                errors.Add("clockOut", $"clockOut must be after clockIn, at most {s.Options.Value.MaxShiftHours} hours later.",
                    $"퇴근 시각은 출근 이후 {s.Options.Value.MaxShiftHours}시간 이내여야 합니다.");
            }
            else if (clockOut > s.Now + Duration.FromMinutes(1))
            {
                errors.Add("clockOut", "clockOut cannot be in the future.", "퇴근 시각은 미래일 수 없습니다.");
            }

            var list = body.Breaks ?? [];
            if (list.Count > 10)
            {
                errors.Add("breaks", "At most 10 breaks.", "휴게는 최대 10개입니다.");
            }

            for (var n = 0; n < list.Count && n < 10; n++)
            {
                if (list[n] is not { Start: { } bs, End: { } be } || be <= bs || Instant.FromDateTimeOffset(bs) < clockIn || Instant.FromDateTimeOffset(be) > clockOut)
                {
                    errors.Add($"breaks[{n}]", "A break needs a start and a later end, inside the timecard.", "휴게는 근무 시간 안에서 시작과 그 이후의 종료가 있어야 합니다.");
                    continue;
                }

                breaks.Add((Instant.FromDateTimeOffset(bs), Instant.FromDateTimeOffset(be)));
            }

            var ordered = breaks.OrderBy(b => b.Item1).ToList();
            for (var n = 1; n < ordered.Count; n++)
            {
                if (ordered[n].Item1 < ordered[n - 1].Item2)
                {
                    errors.Add("breaks", "Breaks cannot overlap.", "휴게 시간이 겹칠 수 없습니다.");
                    break;
                }
            }

            if (errors.IsEmpty)
            {
                return new TimecardEdit(clockIn, clockOut, ordered, reason!);
            }
        }

        return null;
    }
}

/// <summary>A validation problem or another problem, for helpers answering either.</summary>
internal readonly record struct Refusal(ValidationProblem? Invalid, ProblemHttpResult? Other)
{
    public T Match<T>(Func<ValidationProblem, T> invalid, Func<ProblemHttpResult, T> other) => Invalid is not null ? invalid(Invalid) : other(Other!);
}
