using Brigade.Api;
using Brigade.Data;
using Brigade.Security;
using Brigade.Staff.Data;
using Brigade.Staff.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Staff.Api;

public sealed record EmployeeBody(
    Guid? RestaurantId,
    Guid? UserId,
    string? Name,
    string? Position,
    string? EmploymentType,
    string? PayKind,
    MoneyBody? Pay,
    int? WeeklyHours,
    string? ContractStart,
    string? ContractEnd,
    string? HealthCertificateExpiresOn,
    string? Status);

/// <summary>An employee; <see cref="Pay"/> only for the restaurant's managers and the employee themself.</summary>
public sealed record EmployeeResponse(
    Guid Id,
    Guid RestaurantId,
    Guid? UserId,
    string Name,
    string Position,
    string EmploymentType,
    string? PayKind,
    MoneyResponse? Pay,
    int WeeklyHours,
    string ContractStart,
    string? ContractEnd,
    string? HealthCertificateExpiresOn,
    bool HealthCertificateExpired,
    string Status,
    int Version)
{
    public static EmployeeResponse From(EmployeeRow e, bool showPay, LocalDate today) => new(
        e.Id, e.RestaurantId, e.UserId, e.Name, e.Position, e.EmploymentType, showPay ? e.PayKind : null,
        showPay ? new MoneyResponse(e.PayRate, e.Currency) : null, e.WeeklyMinutes / 60, e.ContractStart, e.ContractEnd, e.HealthCertificateExpiresOn,
        e.HealthCertificateExpiresOn is { } h && Times.ParseDate(h) < today, e.Status, e.Version);
}

public sealed record SettingsBody(bool? SmallWorkplace, string? TimeZone, int? EarlyClockInMinutes, int? GraceMinutes, int? MinimumRestHours);

public sealed record SettingsResponse(Guid RestaurantId, bool SmallWorkplace, string TimeZone, int EarlyClockInMinutes, int GraceMinutes, int MinimumRestHours, MoneyResponse MinimumHourlyWage, int Version)
{
    public static SettingsResponse From(SettingsRow s, int year) => new(
        s.RestaurantId, s.SmallWorkplace, s.TimeZone, s.EarlyClockInMinutes, s.GraceMinutes, s.MinimumRestHours,
        new MoneyResponse(MinimumWage.HourlyFor(year), MinimumWage.Currency), s.Version);
}

public static class EmployeesApi
{
    public const string Tag = "Employees";
    private static readonly IReadOnlyList<string> Statuses = ["active", "ended"];

    public static RouteGroupBuilder MapEmployees(this RouteGroupBuilder api)
    {
        api.MapGet("/settings/{restaurantId:guid}", GetSettingsAsync).RequireAuthorization(Policies.User)
            .WithName("StaffSettings").WithSummary("The restaurant's staff rules: small-workplace exemption, clock windows, minimum rest (its people)").WithTags(Tag);
        api.MapPut("/settings/{restaurantId:guid}", PutSettingsAsync).RequireAuthorization(Policies.User).WithIfMatch()
            .WithName("SaveStaffSettings").WithSummary("Save the staff rules (owners and managers)").WithTags(Tag);
        api.MapPost("/employees", CreateAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("CreateEmployee").WithSummary("Add an employee (owners and managers); hourly wages below the year's minimum are refused").WithTags(Tag);
        api.MapGet("/employees", ListAsync).RequireAuthorization(Policies.User)
            .WithName("Employees").WithSummary("A restaurant's employees (its people; wages for owners and managers only)").WithTags(Tag);
        api.MapGet("/employees/me", MeAsync).RequireAuthorization(Policies.User)
            .WithName("MyEmployeeRecord").WithSummary("The caller's employee record at a restaurant").WithTags(Tag);
        api.MapGet("/employees/{id:guid}", GetAsync).RequireAuthorization(Policies.User)
            .WithName("GetEmployee").WithSummary("One employee").WithTags(Tag);
        api.MapPut("/employees/{id:guid}", UpdateAsync).RequireAuthorization(Policies.User).WithIfMatch()
            .WithName("UpdateEmployee").WithSummary("Replace an employee's record (owners and managers; If-Match: its version)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Ok<SettingsResponse>, ProblemHttpResult>> GetSettingsAsync(Guid restaurantId, [AsParameters] StaffServices s)
    {
        if (!s.User.WorksAt(restaurantId))
        {
            return StaffProblems.RestaurantNotFound();
        }

        var settings = await s.Settings.GetAsync(restaurantId, s.Ct);
        s.Http.SetETag(settings.Version);
        return TypedResults.Ok(SettingsResponse.From(settings, s.Now.InZone(Clocks.ZoneOf(settings)).Year));
    }

    public static async Task<Results<Ok<SettingsResponse>, ValidationProblem, ProblemHttpResult>> PutSettingsAsync(Guid restaurantId, SettingsBody body, [AsParameters] StaffServices s)
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
        var small = errors.Required("smallWorkplace", body.SmallWorkplace);
        var zone = body.TimeZone ?? RestaurantTime.DefaultZoneId;
        if (!RestaurantTime.IsKnownZone(zone))
        {
            errors.Add("timeZone", "timeZone must be an IANA time zone such as Asia/Seoul.", "timeZone은(는) Asia/Seoul 같은 IANA 시간대여야 합니다.");
        }

        var early = errors.Range("earlyClockInMinutes", body.EarlyClockInMinutes, 0, 240, 15);
        var grace = errors.Range("graceMinutes", body.GraceMinutes, 0, 60, 5);
        var rest = errors.Range("minimumRestHours", body.MinimumRestHours, 0, 24, 11);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var saved = await s.Settings.SaveAsync(new SettingsRow(restaurantId, small!.Value, zone, early, grace, rest, 0), Versions.Expected(s.Http.Request), s.Now, s.Ct);
        if (saved is null)
        {
            return Problems.Stale("settings", "설정");
        }

        s.Http.SetETag(saved.Version);
        return TypedResults.Ok(SettingsResponse.From(saved, s.Now.InZone(Clocks.ZoneOf(saved)).Year));
    }

    public static async Task<Results<Created<EmployeeResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(EmployeeBody body, [AsParameters] StaffServices s)
    {
        var errors = new FieldErrors();
        var restaurantId = errors.RequiredId("restaurantId", body.RestaurantId);
        if (restaurantId is { } r && !s.User.WorksAt(r))
        {
            return StaffProblems.RestaurantNotFound();
        }

        if (restaurantId is { } m && !s.User.Manages(m))
        {
            return StaffProblems.OnlyManagers();
        }

        var spec = Check(body, s.Now, errors);
        if (spec is null || !errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, row) = await s.Employees.CreateAsync(restaurantId!.Value, spec, s.Now, s.Ct);
        if (outcome == SaveOutcome.Duplicate)
        {
            return Problems.Conflict("This person already has an employee record here.", "이 사람은 이미 이 레스토랑의 직원으로 등록되어 있습니다.", "duplicate_employee");
        }

        s.Http.SetETag(row!.Version);
        return TypedResults.Created($"/api/staff/employees/{row.Id}", EmployeeResponse.From(row, true, Today(s)));
    }

    public static async Task<Results<Ok<IReadOnlyList<EmployeeResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(Guid? restaurantId, bool? includeEnded, [AsParameters] StaffServices s)
    {
        var errors = new FieldErrors();
        var id = errors.RequiredId("restaurantId", restaurantId);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.WorksAt(id!.Value))
        {
            return StaffProblems.RestaurantNotFound();
        }

        var manages = s.User.Manages(id.Value);
        var me = s.User.FindUserId();
        var rows = await s.Employees.ListAsync(id.Value, includeEnded == true, s.Ct);
        return TypedResults.Ok<IReadOnlyList<EmployeeResponse>>(rows.Select(e => EmployeeResponse.From(e, manages || e.UserId == me, Today(s))).ToList());
    }

    public static async Task<Results<Ok<EmployeeResponse>, ValidationProblem, ProblemHttpResult>> MeAsync(Guid? restaurantId, [AsParameters] StaffServices s)
    {
        var errors = new FieldErrors();
        var id = errors.RequiredId("restaurantId", restaurantId);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Employees.FindByUserAsync(id!.Value, s.User.UserId(), s.Ct);
        return row is null ? StaffProblems.EmployeeNotFound() : TypedResults.Ok(EmployeeResponse.From(row, true, Today(s)));
    }

    public static async Task<Results<Ok<EmployeeResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] StaffServices s)
    {
        var row = await s.Employees.FindAsync(id, s.Ct);
        var mine = row is not null && row.UserId == s.User.FindUserId();
        if (row is null || !(s.User.WorksAt(row.RestaurantId) || mine))
        {
            return StaffProblems.EmployeeNotFound();
        }

        s.Http.SetETag(row.Version);
        return TypedResults.Ok(EmployeeResponse.From(row, mine || s.User.Manages(row.RestaurantId), Today(s)));
    }

    public static async Task<Results<Ok<EmployeeResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(Guid id, EmployeeBody body, [AsParameters] StaffServices s)
    {
        var current = await s.Employees.FindAsync(id, s.Ct);
        if (current is null || !s.User.WorksAt(current.RestaurantId))
        {
            return StaffProblems.EmployeeNotFound();
        }

        if (!s.User.Manages(current.RestaurantId))
        {
            return StaffProblems.OnlyManagers();
        }

        var errors = new FieldErrors();
        if (body.RestaurantId is { } other && other != current.RestaurantId)
        {
            errors.Add("restaurantId", "An employee cannot move to another restaurant.", "직원을 다른 레스토랑으로 옮길 수 없습니다.");
        }

        var spec = Check(body, s.Now, errors);
        if (spec is null || !errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, row) = await s.Employees.UpdateAsync(id, spec, Versions.Expected(s.Http.Request), s.Now, s.Ct);
        switch (outcome)
        {
            case SaveOutcome.Saved:
                s.Http.SetETag(row!.Version);
                return TypedResults.Ok(EmployeeResponse.From(row, true, Today(s)));
            case SaveOutcome.Stale:
                return Problems.Stale("employee", "직원");
            case SaveOutcome.Duplicate:
                return Problems.Conflict("This person already has an employee record here.", "이 사람은 이미 이 레스토랑의 직원으로 등록되어 있습니다.", "duplicate_employee");
            default:
                return StaffProblems.EmployeeNotFound();
        }
    }

    /// <summary>
    /// Checks an employee record. An hourly wage below this year's minimum is refused (최저임금법 제6조: a contract paying less
    /// is void as to the shortfall); a monthly salary is compared by its hourly rate over 209 hours.
    /// </summary>
    private static EmployeeSpec? Check(EmployeeBody body, Instant now, FieldErrors errors)
    {
        var name = errors.RequiredText("name", body.Name, 100);
        var position = errors.RequiredText("position", body.Position, 50);
        var type = errors.OneOf("employmentType", body.EmploymentType, EmploymentTypes.All);
        var kind = errors.OneOf("payKind", body.PayKind, PayKinds.All);
        long? rate = null;
        if (body.Pay is null)
        {
            errors.Missing("pay", "{ amount, currency }");
        }
        else
        {
            rate = errors.Amount("pay.amount", body.Pay.Amount, 1, 100_000_000);
            if (body.Pay.Currency is not null && body.Pay.Currency != MinimumWage.Currency)
            {
                errors.Add("pay.currency", "Pay is in KRW.", "급여는 원화(KRW)로만 지급합니다.");
            }
        }

        var weeklyHours = errors.RequiredRange("weeklyHours", body.WeeklyHours, 0, 52);
        var start = errors.Date("contractStart", body.ContractStart);
        var end = errors.Date("contractEnd", body.ContractEnd, required: false);
        var health = errors.Date("healthCertificateExpiresOn", body.HealthCertificateExpiresOn, required: false);
        var status = body.Status is null ? "active" : errors.OneOf("status", body.Status, Statuses);
        if (start is { } a && end is { } b && b < a)
        {
            errors.Add("contractEnd", "contractEnd cannot be before contractStart.", "계약 종료일은 시작일보다 빠를 수 없습니다.");
        }

        if (rate is { } r && kind is not null)
        {
            var year = now.InZone(RestaurantTime.DefaultZone).Year;
            var hourly = kind == PayKinds.Monthly ? (r + MinimumWage.MonthlyStandardHours - 1) / MinimumWage.MonthlyStandardHours : r;
            if (hourly < MinimumWage.HourlyFor(year))
            {
                errors.Add("pay.amount",
                    $"The pay is below the {year} minimum wage of {MinimumWage.HourlyFor(year):N0} KRW an hour (a monthly salary over 209 hours).",
                    $"{year}년 최저임금(시간당 {MinimumWage.HourlyFor(year):N0}원, 월급은 209시간 기준)보다 적습니다.");
            }
        }

        if (!errors.IsEmpty)
        {
            return null;
        }

        return new EmployeeSpec(body.UserId, name!, position!, type!, kind!, rate!.Value, weeklyHours!.Value * 60,
            LocalDate.FromDateOnly(start!.Value), end is { } e ? LocalDate.FromDateOnly(e) : null, health is { } h ? LocalDate.FromDateOnly(h) : null, status!);
    }

    private static LocalDate Today(StaffServices s) => s.Now.InZone(RestaurantTime.DefaultZone).Date;
}
