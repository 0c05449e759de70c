using Brigade.Api;
using Brigade.Security;
using Brigade.Staff.Data;
using Brigade.Staff.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Staff.Api;

public sealed record ShiftBody(Guid? RestaurantId, Guid? EmployeeId, string? Position, string? Date, string? StartTime, string? EndTime, int? BreakMinutes);

public sealed record ShiftResponse(
    Guid Id, Guid RestaurantId, Guid EmployeeId, string EmployeeName, string Position, string Date, DateTimeOffset Start, DateTimeOffset End,
    int BreakMinutes, string Status, IReadOnlyList<string> Warnings, MoneyResponse? Cost, int Version)
{
    public static ShiftResponse From(ShiftRow r, SettingsRow s, IReadOnlyList<string> warnings, long? cost) => new(
        r.Id, r.RestaurantId, r.EmployeeId, r.EmployeeName, r.Position, r.WorkDate, Clocks.Local(r.StartsAt, s), Clocks.Local(r.EndsAt, s),
        r.BreakMinutes, r.Status, warnings, cost is { } c ? new MoneyResponse(c, "KRW") : null, r.Version);
}

public sealed record DayBudgetResponse(string Date, MoneyResponse ScheduledCost, MoneyResponse? ForecastSales, decimal? LabourPercent, decimal? TargetPercent, bool OverTarget);

public sealed record WeekResponse(string WeekStart, IReadOnlyList<ShiftResponse> Shifts, IReadOnlyList<DayBudgetResponse> Days, MoneyResponse ScheduledCost, decimal? LabourPercent);

public sealed record PublishBody(Guid? RestaurantId, string? Week);

public sealed record BudgetBody(MoneyBody? ForecastSales, decimal? TargetPercent);

public sealed record SwapBody(Guid? ToEmployeeId);

public sealed record SwapResponse(Guid Id, Guid ShiftId, Guid FromEmployeeId, Guid ToEmployeeId, string Status, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt)
{
    public static SwapResponse From(SwapRow r) => new(r.Id, r.ShiftId, r.FromEmployeeId, r.ToEmployeeId, r.Status, r.RequestedAt, r.DecidedAt);
}

public static class ScheduleApi
{
    public const string Tag = "Schedule";

    public static RouteGroupBuilder MapSchedule(this RouteGroupBuilder api)
    {
        api.MapPost("/shifts", CreateShiftAsync).RequireAuthorization(Policies.User)
            .WithName("CreateShift").WithSummary("Plan a draft shift (owners and managers); answers its warnings (overtime, short rest, short break) and cost").WithTags(Tag);
        api.MapDelete("/shifts/{id:guid}", DeleteShiftAsync).RequireAuthorization(Policies.User)
            .WithName("DeleteShift").WithSummary("Remove a draft shift (owners and managers)").WithTags(Tag);
        api.MapGet("/schedule", WeekAsync).RequireAuthorization(Policies.User)
            .WithName("Schedule").WithSummary("A week's shifts (week=yyyy-MM-dd, any day of it); managers also get costs and the labour % per day").WithTags(Tag);
        api.MapPost("/schedule/publish", PublishAsync).RequireAuthorization(Policies.User)
            .WithName("PublishSchedule").WithSummary("Publish the week's draft shifts to the staff (owners and managers)").WithTags(Tag);
        api.MapPut("/budgets/{restaurantId:guid}/{date}", PutBudgetAsync).RequireAuthorization(Policies.User)
            .WithName("SaveLabourBudget").WithSummary("A day's forecast sales and target labour % (owners and managers)").WithTags(Tag);
        api.MapPost("/shifts/{id:guid}/swap", RequestSwapAsync).RequireAuthorization(Policies.User)
            .WithName("RequestShiftSwap").WithSummary("Ask to give one's published shift to a colleague; a manager approves").WithTags(Tag);
        api.MapPost("/swaps/{id:guid}/approve", (Guid id, [AsParameters] StaffServices s) => DecideSwapAsync(id, true, s)).RequireAuthorization(Policies.User)
            .WithName("ApproveShiftSwap").WithSummary("Approve a swap: the shift moves to the colleague (owners and managers)").WithTags(Tag);
        api.MapPost("/swaps/{id:guid}/decline", (Guid id, [AsParameters] StaffServices s) => DecideSwapAsync(id, false, s)).RequireAuthorization(Policies.User)
            .WithName("DeclineShiftSwap").WithSummary("Decline a swap (owners and managers)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Created<ShiftResponse>, ValidationProblem, ProblemHttpResult>> CreateShiftAsync(ShiftBody body, [AsParameters] StaffServices s)
    {
        var errors = new FieldErrors();
        var restaurantId = errors.RequiredId("restaurantId", body.RestaurantId);
        var employeeId = errors.RequiredId("employeeId", body.EmployeeId);
        if (restaurantId is { } r && !s.User.WorksAt(r))
        {
            return StaffProblems.RestaurantNotFound();
        }

        if (restaurantId is { } m && !s.User.Manages(m))
        {
            return StaffProblems.OnlyManagers();
        }

        var position = errors.OptionalText("position", body.Position, 50);
        var date = errors.Date("date", body.Date);
        var startTime = errors.Time("startTime", body.StartTime);
        var endTime = errors.Time("endTime", body.EndTime);
        var breakMinutes = errors.Range("breakMinutes", body.BreakMinutes, 0, 240, 0);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var employee = await s.Employees.FindAsync(employeeId!.Value, s.Ct);
        if (employee is null || employee.RestaurantId != restaurantId)
        {
            return StaffProblems.EmployeeNotFound();
        }

        var settings = await s.Settings.GetAsync(restaurantId!.Value, s.Ct);
        var zone = Clocks.ZoneOf(settings);
        var day = LocalDate.FromDateOnly(date!.Value);
        var start = (day + LocalTime.FromTimeOnly(startTime!.Value)).InZoneLeniently(zone).ToInstant();
        // An end at or before the start is the next morning (a closing shift past midnight).
        var endDay = endTime <= startTime ? day.PlusDays(1) : day;
        var end = (endDay + LocalTime.FromTimeOnly(endTime!.Value)).InZoneLeniently(zone).ToInstant();
        if (end - start > Duration.FromHours(s.Options.Value.MaxShiftHours))
        {
            return Problems.Invalid("endTime", $"A shift lasts at most {s.Options.Value.MaxShiftHours} hours.", $"근무는 최대 {s.Options.Value.MaxShiftHours}시간입니다.");
        }

        if (breakMinutes >= (int)(end - start).TotalMinutes)
        {
            return Problems.Invalid("breakMinutes", "The break must be shorter than the shift.", "휴게시간은 근무시간보다 짧아야 합니다.");
        }

        if (employee.Status != "active")
        {
            return Problems.Conflict("The employee's contract has ended.", "계약이 종료된 직원입니다.", "employee_ended");
        }

        var planned = new PlannedShift(Guid.Empty, start, end, breakMinutes);
        var around = await s.Schedule.ForEmployeeAsync(employee.Id, start - Duration.FromDays(8), end + Duration.FromDays(8), s.Ct);
        var warnings = Scheduling.Warnings(planned, around.Select(a => a.Planned).ToList(), settings.MinimumRestHours, zone);
        if (warnings.Contains(Scheduling.Overlap))
        {
            return Problems.Conflict("The employee already has a shift at that time.", "이 직원은 그 시간에 이미 근무가 있습니다.", "overlap");
        }

        var row = await s.Schedule.CreateShiftAsync(restaurantId.Value, employee.Id, position ?? employee.Position, day, start, end, breakMinutes, s.Now, s.Ct);
        if (row is null)
        {
            return Problems.Conflict("The employee already has a shift at that time.", "이 직원은 그 시간에 이미 근무가 있습니다.", "overlap");
        }

        var cost = Scheduling.Cost(row.Planned, new PayTerms(employee.PayKind, employee.PayRate, settings.SmallWorkplace), zone);
        return TypedResults.Created($"/api/staff/schedule?restaurantId={restaurantId}&week={day.Text()}", ShiftResponse.From(row, settings, warnings, cost));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteShiftAsync(Guid id, [AsParameters] StaffServices s)
    {
        var shift = await s.Schedule.FindShiftAsync(id, s.Ct);
        if (shift is null || !s.User.WorksAt(shift.RestaurantId))
        {
            return Problems.NotFound("shift", "근무");
        }

        if (!s.User.Manages(shift.RestaurantId))
        {
            return StaffProblems.OnlyManagers();
        }

        return await s.Schedule.DeleteDraftAsync(id, s.Ct)
            ? TypedResults.NoContent()
            : Problems.Conflict("A published shift stays; ask the employee to swap it.", "게시된 근무는 삭제할 수 없습니다. 교대를 요청하세요.", "published");
    }

    public static async Task<Results<Ok<WeekResponse>, ValidationProblem, ProblemHttpResult>> WeekAsync(Guid? restaurantId, string? week, [AsParameters] StaffServices s)
    {
        var errors = new FieldErrors();
        var id = errors.RequiredId("restaurantId", restaurantId);
        var day = errors.Date("week", week);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.WorksAt(id!.Value))
        {
            return StaffProblems.RestaurantNotFound();
        }

        var manages = s.User.Manages(id.Value);
        var settings = await s.Settings.GetAsync(id.Value, s.Ct);
        var monday = PayCalculator.Monday(LocalDate.FromDateOnly(day!.Value));
        var shifts = await s.Schedule.ListAsync(id.Value, monday, monday.PlusDays(6), s.Ct);
        if (!manages)
        {
            // Staff see the published schedule only, without what anyone costs.
            var published = shifts.Where(x => x.Status == ShiftStatus.Published).Select(x => ShiftResponse.From(x, settings, [], null)).ToList();
            return TypedResults.Ok(new WeekResponse(monday.Text(), published, [], new MoneyResponse(0, "KRW"), null));
        }

        var (costs, byShift) = await CostsAsync(shifts, settings, s);
        var budgets = (await s.Schedule.BudgetsAsync(id.Value, monday, monday.PlusDays(6), s.Ct)).ToDictionary(b => b.Day);
        var zone = Clocks.ZoneOf(settings);
        var days = Enumerable.Range(0, 7).Select(i =>
        {
            var d = monday.PlusDays(i).Text();
            var cost = shifts.Where(x => x.WorkDate == d).Sum(x => byShift[x.Id]);
            var budget = budgets.GetValueOrDefault(d);
            var percent = Scheduling.LabourPercent(cost, budget?.ForecastSales);
            return new DayBudgetResponse(d, new MoneyResponse(cost, "KRW"), budget is null ? null : new MoneyResponse(budget.ForecastSales, "KRW"),
                percent, budget?.TargetPercent, percent is { } p && budget?.TargetPercent is { } t && p > t);
        }).ToList();
        var response = shifts.Select(x => ShiftResponse.From(x, settings,
            Scheduling.Warnings(x.Planned, shifts.Where(o => o.EmployeeId == x.EmployeeId).Select(o => o.Planned).ToList(), settings.MinimumRestHours, zone),
            byShift[x.Id])).ToList();
        var forecast = budgets.Values.Sum(b => b.ForecastSales);
        return TypedResults.Ok(new WeekResponse(monday.Text(), response, days, new MoneyResponse(costs, "KRW"), Scheduling.LabourPercent(costs, forecast)));
    }

    public static async Task<Results<Ok<WeekResponse>, ValidationProblem, ProblemHttpResult>> PublishAsync(PublishBody body, [AsParameters] StaffServices s)
    {
        var errors = new FieldErrors();
        var id = errors.RequiredId("restaurantId", body.RestaurantId);
        var day = errors.Date("week", body.Week);
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
            return StaffProblems.OnlyManagers();
        }

        var settings = await s.Settings.GetAsync(id.Value, s.Ct);
        var monday = PayCalculator.Monday(LocalDate.FromDateOnly(day!.Value));
        var employees = (await s.Employees.ListAsync(id.Value, true, s.Ct)).ToDictionary(e => e.Id);
        var zone = Clocks.ZoneOf(settings);
        var published = await s.Schedule.PublishAsync(id.Value, monday,
            shifts => shifts.Sum(x => Scheduling.Cost(x.Planned, Terms(employees[x.EmployeeId], settings), zone)), s.Now, s.Ct);
        return TypedResults.Ok(new WeekResponse(monday.Text(), published.Select(x => ShiftResponse.From(x, settings, [], null)).ToList(), [],
            new MoneyResponse(published.Sum(x => Scheduling.Cost(x.Planned, Terms(employees[x.EmployeeId], settings), zone)), "KRW"), null));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> PutBudgetAsync(Guid restaurantId, string date, BudgetBody body, [AsParameters] StaffServices s)
    {
        if (!s.User.WorksAt(restaurantId))
        {
            return StaffProblems.RestaurantNotFound();
        }

        if (!s.User.Manages(restaurantId))
        {
            return StaffProblems.OnlyManagers();
        }

        var errors = new FieldErrors();
        var day = errors.Date("date", date);
        long? sales = null;
        if (body.ForecastSales is null)
        {
            errors.Missing("forecastSales", "{ amount, currency }");
        }
        else
        {
            sales = errors.Amount("forecastSales.amount", body.ForecastSales.Amount, 0, 100_000_000_000);
        }

        if (body.TargetPercent is < 0 or > 100)
        {
            errors.Add("targetPercent", "targetPercent must be between 0 and 100.", "targetPercent은(는) 0에서 100 사이여야 합니다.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        await s.Schedule.SaveBudgetAsync(restaurantId, LocalDate.FromDateOnly(day!.Value), sales!.Value,
            body.TargetPercent is { } t ? Math.Round(t, 1) : null, s.Now, s.Ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<SwapResponse>, ValidationProblem, ProblemHttpResult>> RequestSwapAsync(Guid id, SwapBody body, [AsParameters] StaffServices s)
    {
        var shift = await s.Schedule.FindShiftAsync(id, s.Ct);
        if (shift is null || !(s.User.WorksAt(shift.RestaurantId) || shift.UserId == s.User.FindUserId()))
        {
            return Problems.NotFound("shift", "근무");
        }

        var errors = new FieldErrors();
        var to = errors.RequiredId("toEmployeeId", body.ToEmployeeId);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        // Only the person whose shift it is may give it away; managers simply reassign by planning.
        if (shift.UserId != s.User.FindUserId())
        {
            return Problems.Forbidden("Only the employee on the shift can ask to swap it.", "근무 당사자만 교대를 요청할 수 있습니다.", "not_your_shift");
        }

        if (shift.Status != ShiftStatus.Published || shift.StartsAt <= s.Now.Utc())
        {
            return Problems.Conflict("Only a published shift that has not started can be swapped.", "게시되었고 아직 시작하지 않은 근무만 교대할 수 있습니다.", "not_swappable");
        }

        var colleague = await s.Employees.FindAsync(to!.Value, s.Ct);
        if (colleague is null || colleague.RestaurantId != shift.RestaurantId || colleague.Status != "active" || colleague.Id == shift.EmployeeId)
        {
            return Problems.Invalid("toEmployeeId", "toEmployeeId must be another active employee of the restaurant.", "toEmployeeId은(는) 같은 레스토랑의 다른 재직 직원이어야 합니다.");
        }

        var swap = await s.Schedule.RequestSwapAsync(shift, colleague.Id, s.Now, s.Ct);
        return swap is null
            ? Problems.Conflict("This shift already has a swap request waiting.", "이 근무에는 이미 대기 중인 교대 요청이 있습니다.", "swap_pending")
            : TypedResults.Created($"/api/staff/swaps/{swap.Id}", SwapResponse.From(swap));
    }

    public static async Task<Results<Ok<SwapResponse>, ProblemHttpResult>> DecideSwapAsync(Guid id, bool approve, StaffServices s)
    {
        var swap = await s.Schedule.FindSwapAsync(id, s.Ct);
        if (swap is null || !s.User.WorksAt(swap.RestaurantId))
        {
            return Problems.NotFound("swap request", "교대 요청");
        }

        if (!s.User.Manages(swap.RestaurantId))
        {
            return StaffProblems.OnlyManagers();
        }

        var (outcome, row) = await s.Schedule.DecideSwapAsync(id, approve, s.User.UserId(), s.Now, s.Ct);
        return outcome switch
        {
            SwapOutcome.Done => TypedResults.Ok(SwapResponse.From(row!)),
            SwapOutcome.WrongStatus => Problems.Conflict($"The request is already {row!.Status}.", "이미 처리된 요청입니다.", "already_decided"),
            SwapOutcome.Overlap => Problems.Conflict("The colleague has another shift at that time.", "교대받을 직원은 그 시간에 다른 근무가 있습니다.", "overlap"),
            SwapOutcome.ShiftChanged => Problems.Conflict("The shift changed since the request (reassigned or already worked).", "요청 이후 근무가 바뀌었습니다.", "shift_changed"),
            _ => Problems.NotFound("swap request", "교대 요청"),
        };
    }

    internal static PayTerms Terms(EmployeeRow e, SettingsRow s) => new(e.PayKind, e.PayRate, s.SmallWorkplace);

    private static async Task<(long Total, Dictionary<Guid, long> ByShift)> CostsAsync(IReadOnlyList<ShiftRow> shifts, SettingsRow settings, StaffServices s)
    {
        var employees = (await s.Employees.ListAsync(settings.RestaurantId, true, s.Ct)).ToDictionary(e => e.Id);
        var zone = Clocks.ZoneOf(settings);
        var byShift = shifts.ToDictionary(x => x.Id, x => employees.TryGetValue(x.EmployeeId, out var e) ? Scheduling.Cost(x.Planned, Terms(e, settings), zone) : 0);
        return (byShift.Values.Sum(), byShift);
    }
}
