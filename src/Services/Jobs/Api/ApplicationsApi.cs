using Brigade.Api;
using Brigade.Data;
using Brigade.Jobs.Data;
using Brigade.Jobs.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Brigade.Jobs.Api;

public sealed record ApplyBody(string? Message);

public sealed record ReasonBody(string? Reason);

/// <summary>The code on the restaurant's screen and where the worker's phone says they are.</summary>
public sealed record AttendanceBody(string? Code, LocationDraft? Location);

/// <summary>Approve as it stands (empty body), or adjust: the times and break the employer records, with a note why.</summary>
public sealed record ApproveBody(DateTimeOffset? CheckedInAt, DateTimeOffset? CheckedOutAt, int? BreakMinutes, string? Note);

public sealed record RateBody(int? Score, string? Comment);

public static class ApplicationsApi
{
    public const string Tag = "Applications";

    public static RouteGroupBuilder MapApplications(this RouteGroupBuilder api)
    {
        // The seed's client calls apply without an Idempotency-Key, so the key is optional here; a repeated apply cannot
        // book twice anyway (one live application per worker and posting, a unique index).
        api.MapPost("/{id:guid}/apply", ApplyAsync).RequireRoles(Roles.Worker).WithIdempotency()
            .WithName("ApplyForJob").WithSummary("Apply for a shift (workers); an auto-booking posting books a qualified worker at once while places last").WithTags(Tag);
        api.MapGet("/{id:guid}/applications", ForJobAsync).RequireAuthorization(Policies.User)
            .WithName("JobApplicants").WithSummary("A posting's applicants with their record, in the order they applied (its restaurant's people)").WithTags(Tag);
        api.MapGet("/applications/mine", MineAsync).RequireAuthorization(Policies.User)
            .WithName("MyApplications").WithSummary("The caller's applications and shifts, latest shift first (status=a,b filters)").WithTags(Tag);
        api.MapGet("/applications/{id:guid}", GetAsync).RequireAuthorization(Policies.User)
            .WithName("GetApplication").WithSummary("One application (its worker or the restaurant's people)").WithTags(Tag);
        api.MapPost("/applications/{id:guid}/accept", AcceptAsync).RequireAuthorization(Policies.User).WithIdempotency()
            .WithName("AcceptApplication").WithSummary("Book the applicant (owners and managers); 409 when full or the worker has an overlapping shift").WithTags(Tag);
        api.MapPost("/applications/{id:guid}/decline", DeclineAsync).RequireAuthorization(Policies.User)
            .WithName("DeclineApplication").WithSummary("Decline a waiting applicant (owners and managers)").WithTags(Tag);
        api.MapPost("/applications/{id:guid}/withdraw", WithdrawAsync).RequireAuthorization(Policies.User)
            .WithName("WithdrawApplication").WithSummary("Withdraw one's own waiting application").WithTags(Tag);
        api.MapPost("/applications/{id:guid}/cancel", CancelAsync).RequireAuthorization(Policies.User)
            .WithName("CancelBooking").WithSummary("Cancel a booked shift before it starts (its worker, or owners and managers); late cancellations carry penalties").WithTags(Tag);
        api.MapPost("/applications/{id:guid}/reconfirm", ReconfirmAsync).RequireAuthorization(Policies.User)
            .WithName("ReconfirmBooking").WithSummary("The booked worker confirms they are coming").WithTags(Tag);
        api.MapPost("/applications/{id:guid}/check-in", CheckInAsync).RequireAuthorization(Policies.User)
            .WithName("CheckIn").WithSummary("Check in at the venue with the code on its screen and the phone's position").WithTags(Tag);
        api.MapPost("/applications/{id:guid}/check-out", CheckOutAsync).RequireAuthorization(Policies.User)
            .WithName("CheckOut").WithSummary("Check out at the venue; the timesheet goes to the employer").WithTags(Tag);
        api.MapPost("/applications/{id:guid}/no-show", NoShowAsync).RequireAuthorization(Policies.User)
            .WithName("RecordNoShow").WithSummary("The booked worker did not come (owners and managers, after the start plus a grace period); the worker is suspended").WithTags(Tag);
        api.MapPost("/applications/{id:guid}/timesheet/approve", ApproveAsync).RequireAuthorization(Policies.User)
            .WithName("ApproveTimesheet").WithSummary("Approve the timesheet as it stands or adjust it with a note (owners and managers); the worker is paid").WithTags(Tag);
        api.MapPost("/applications/{id:guid}/rating", RateAsync).RequireAuthorization(Policies.User)
            .WithName("RateShift").WithSummary("Rate the other side of a worked shift, once (the worker rates the restaurant, its managers rate the worker)").WithTags(Tag);
        api.MapGet("/timesheets", TimesheetsAsync).RequireAuthorization(Policies.User)
            .WithName("Timesheets").WithSummary("A restaurant's timesheets, pending (default) or approved, oldest first (its people)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Created<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> ApplyAsync(Guid id, ApplyBody? body, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var message = errors.OptionalText("message", body?.Message, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var job = await s.Jobs.FindAsync(id, s.Ct);
        if (job is null)
        {
            return JobProblems.JobNotFound();
        }

        var me = s.User.UserId();
        var applicant = await s.Bookings.ApplicantAsync(job.RestaurantId, me, job.StartsAt, job.EndsAt, s.Ct);
        if (!PostingsApi.Visible(job, applicant.RosterKind, s))
        {
            return JobProblems.JobNotFound();
        }

        var now = s.Now;
        if (job.Status == JobStatus.Filled)
        {
            return Full();
        }

        if (job.Status != JobStatus.Open || job.Start <= now)
        {
            return Problems.Conflict("This shift no longer takes applications.", "이 근무는 더 이상 지원을 받지 않습니다.", "not_open");
        }

        var worker = applicant.Worker;
        if (worker?.SuspendedUntil is { } until && until > now.ToDateTimeOffset())
        {
            return Problems.Problem(StatusCodes.Status403Forbidden, "Forbidden", Localized.Text(
                $"You cannot apply until {RestaurantTime.Local(until, job.TimeZone):yyyy-MM-dd HH:mm} (a late cancellation or a no-show).",
                $"{RestaurantTime.Local(until, job.TimeZone):yyyy-MM-dd HH:mm}까지 지원할 수 없습니다(직전 취소 또는 노쇼)."), "suspended",
                new Dictionary<string, object?> { ["suspendedUntil"] = RestaurantTime.Local(until, job.TimeZone) });
        }

        var missing = Qualification.Missing(job.Requirements, worker?.Credentials ?? [], DateOnly.ParseExact(job.WorkDate, "yyyy-MM-dd", null));
        if (missing.Count > 0)
        {
            var names = missing.Select(m => Requirements.All.First(r => r.Code == m)).ToList();
            return Problems.Problem(StatusCodes.Status409Conflict, "Conflict", Localized.Text(
                $"This shift requires: {string.Join(", ", names.Select(n => n.En))}. Add them to your profile (valid on the shift's date).",
                $"이 근무에는 {string.Join(", ", names.Select(n => n.Ko))}이(가) 필요합니다. 근무일에 유효한 자격을 프로필에 등록해 주세요."), "not_qualified",
                new Dictionary<string, object?> { ["missing"] = missing });
        }

        if (applicant.Overlaps)
        {
            return Overlap();
        }

        var (outcome, row) = await s.Bookings.ApplyAsync(job, me, s.User.DisplayName(), message, job.BookingMode == BookingModes.Auto, now, s.Ct);
        return outcome switch
        {
            BookingOutcome.Done => TypedResults.Created($"/api/jobs/applications/{row!.Id}", ApplicationResponse.From(row, job, null, job.TimeZone)),
            BookingOutcome.AlreadyApplied => Problems.Conflict("You have already applied for this shift.", "이미 지원한 근무입니다.", "already_applied"),
            BookingOutcome.Overlap => Overlap(),
            _ => Full(),
        };
    }

    public static async Task<Results<Ok<Page<ApplicationResponse>>, ValidationProblem, ProblemHttpResult>> ForJobAsync(
        Guid id, string? status, int? limit, string? cursor, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var wanted = status is null ? null : errors.OneOf("status", status, BookingStatus.All.ToList());
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var job = await s.Jobs.FindAsync(id, s.Ct);
        if (job is null || !s.User.WorksAt(job.RestaurantId))
        {
            return JobProblems.JobNotFound();
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<AtCursor>(cursor);
        var rows = await s.Bookings.ListForJobAsync(id, wanted, after is null ? null : (after.At, after.Id), take + 1, s.Ct);
        var page = Paging.ToPage(rows, take, r => new AtCursor(r.Application.AppliedAt, r.Application.Id));
        return TypedResults.Ok(new Page<ApplicationResponse>(
            page.Items.Select(r => ApplicationResponse.From(r.Application, null, r.Worker, job.TimeZone)).ToList(), page.NextCursor));
    }

    public static async Task<Results<Ok<Page<ApplicationResponse>>, ValidationProblem>> MineAsync(string? status, int? limit, string? cursor, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var statuses = new List<string>();
        foreach (var part in (status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (errors.OneOf("status", part, BookingStatus.All.ToList()) is { } code)
            {
                statuses.Add(code);
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<AtCursor>(cursor);
        var rows = await s.Bookings.ListForWorkerAsync(s.User.UserId(), statuses, after is null ? null : (after.At, after.Id), take + 1, s.Ct);
        var page = Paging.ToPage(rows, take, r => new AtCursor(r.Application.ShiftStart, r.Application.Id));
        return TypedResults.Ok(new Page<ApplicationResponse>(
            page.Items.Select(r => ApplicationResponse.From(r.Application, r.Job, null, r.Job.TimeZone)).ToList(), page.NextCursor));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] JobServices s)
    {
        var (a, job, _) = await LoadAsync(id, s);
        if (a is null)
        {
            return JobProblems.ApplicationNotFound();
        }

        var worker = s.User.WorksAt(a.RestaurantId) ? await s.Workers.FindAsync(a.WorkerId, s.Ct) : null;
        return TypedResults.Ok(ApplicationResponse.From(a, job, worker, job!.TimeZone));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> AcceptAsync(Guid id, [AsParameters] JobServices s)
    {
        var (a, job, problem) = await LoadForManagerAsync(id, s);
        if (problem is not null)
        {
            return problem;
        }

        if (a!.Status != BookingStatus.Applied)
        {
            return JobProblems.Moved("application", "지원", a.Status);
        }

        var (outcome, row) = await s.Bookings.AcceptAsync(a, s.User.UserId(), s.Now, s.Ct);
        return outcome switch
        {
            BookingOutcome.Done => TypedResults.Ok(ApplicationResponse.From(row!, job, null, job!.TimeZone)),
            BookingOutcome.Overlap => Overlap(),
            BookingOutcome.Full => job!.Status is JobStatus.Open or JobStatus.Filled ? Full() : JobProblems.Moved("job", "일자리", job.Status),
            _ => JobProblems.Moved("application", "지원", "changed"),
        };
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> DeclineAsync(Guid id, ReasonBody? body, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var reason = errors.OptionalText("reason", body?.Reason, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (a, job, problem) = await LoadForManagerAsync(id, s);
        if (problem is not null)
        {
            return problem;
        }

        var row = await s.Bookings.CloseAsync(a!, BookingStatus.Declined, s.User.UserId(), reason, job!.Facts, s.Now, s.Ct);
        return row is null ? JobProblems.Moved("application", "지원", a!.Status) : TypedResults.Ok(ApplicationResponse.From(row, job, null, job.TimeZone));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> WithdrawAsync(Guid id, [AsParameters] JobServices s)
    {
        var (a, job, _) = await LoadAsync(id, s);
        if (a is null || a.WorkerId != s.User.FindUserId())
        {
            return JobProblems.ApplicationNotFound();
        }

        var row = await s.Bookings.CloseAsync(a, BookingStatus.Withdrawn, null, null, job!.Facts, s.Now, s.Ct);
        return row is null
            ? Problems.Conflict("Only a waiting application can be withdrawn; cancel a booked shift instead.", "대기 중인 지원만 철회할 수 있습니다. 확정된 근무는 취소해 주세요.", "wrong_status")
            : TypedResults.Ok(ApplicationResponse.From(row, job, null, job.TimeZone));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> CancelAsync(Guid id, ReasonBody? body, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var reason = errors.OptionalText("reason", body?.Reason, 500);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (a, job, _) = await LoadAsync(id, s);
        if (a is null)
        {
            return JobProblems.ApplicationNotFound();
        }

        var isWorker = a.WorkerId == s.User.FindUserId();
        if (!isWorker && !s.User.Manages(a.RestaurantId))
        {
            return JobProblems.OnlyManagers();
        }

        if (a.Status != BookingStatus.Accepted)
        {
            return JobProblems.Moved("booking", "근무", a.Status);
        }

        var now = s.Now;
        if (job!.Start <= now)
        {
            return Started();
        }

        var by = isWorker ? Party.Worker : Party.Restaurant;
        var p = s.Penalties;
        var terms = CancellationPolicy.Terms(by, now, job.Start, job.ScheduledPay, job.HourlyWage, p.FreeHours, p.PayPercent, p.MinimumPayMinutes, p.WorkerSuspension);
        var (outcome, row) = await s.Bookings.CancelAsync(a, by, reason, terms, now, s.Ct);
        return outcome switch
        {
            BookingOutcome.Done => TypedResults.Ok(ApplicationResponse.From(row!, job, null, job.TimeZone)),
            BookingOutcome.Started => Started(),
            _ => JobProblems.Moved("booking", "근무", "changed"),
        };
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> ReconfirmAsync(Guid id, [AsParameters] JobServices s)
    {
        var (a, job, _) = await LoadAsync(id, s);
        if (a is null || a.WorkerId != s.User.FindUserId())
        {
            return JobProblems.ApplicationNotFound();
        }

        var row = await s.Bookings.ReconfirmAsync(id, s.Now, s.Ct);
        return row is null
            ? Problems.Conflict("Only a booked shift that has not ended can be reconfirmed.", "확정되어 아직 끝나지 않은 근무만 재확인할 수 있습니다.", "wrong_status")
            : TypedResults.Ok(ApplicationResponse.From(row, job, null, job!.TimeZone));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> CheckInAsync(Guid id, AttendanceBody body, [AsParameters] JobServices s)
    {
        var (a, job, _) = await LoadAsync(id, s);
        if (a is null || a.WorkerId != s.User.FindUserId())
        {
            return JobProblems.ApplicationNotFound();
        }

        var now = s.Now;
        if (a.Status != BookingStatus.Accepted)
        {
            return JobProblems.Moved("booking", "근무", a.Status);
        }

        var opens = job!.Start - Duration.FromMinutes(s.Settings.CheckInOpensMinutes);
        if (now < opens || now >= job.End)
        {
            return Problems.Conflict(
                $"Check-in is open from {s.Settings.CheckInOpensMinutes} minutes before the start until the end of the shift.",
                $"출근 체크는 근무 시작 {s.Settings.CheckInOpensMinutes}분 전부터 근무 종료 전까지 할 수 있습니다.", "check_in_closed");
        }

        var errors = new FieldErrors();
        var meters = CheckAttendance(body, job, now, s.Settings.CheckInRadiusMeters, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Bookings.CheckInAsync(id, meters, now, s.Ct);
        return row is null ? JobProblems.Moved("booking", "근무", "changed") : TypedResults.Ok(ApplicationResponse.From(row, job, null, job.TimeZone));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> CheckOutAsync(Guid id, AttendanceBody body, [AsParameters] JobServices s)
    {
        var (a, job, _) = await LoadAsync(id, s);
        if (a is null || a.WorkerId != s.User.FindUserId())
        {
            return JobProblems.ApplicationNotFound();
        }

        if (a.Status != BookingStatus.CheckedIn)
        {
            return JobProblems.Moved("booking", "근무", a.Status);
        }

        var now = s.Now;
        var errors = new FieldErrors();
        var meters = CheckAttendance(body, job!, now, s.Settings.CheckInRadiusMeters, errors);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Bookings.CheckOutAsync(a, job!, meters, now, now + Duration.FromTimeSpan(s.Settings.TimesheetApprovalWindow), s.Ct);
        return row is null ? JobProblems.Moved("booking", "근무", "changed") : TypedResults.Ok(ApplicationResponse.From(row, job, null, job!.TimeZone));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> NoShowAsync(Guid id, [AsParameters] JobServices s)
    {
        var (a, job, problem) = await LoadForManagerAsync(id, s);
        if (problem is not null)
        {
            return problem;
        }

        if (a!.Status != BookingStatus.Accepted)
        {
            return JobProblems.Moved("booking", "근무", a.Status);
        }

        var now = s.Now;
        if (now < job!.Start + Duration.FromMinutes(s.Settings.NoShowGraceMinutes))
        {
            return Problems.Conflict($"A no-show can be recorded from {s.Settings.NoShowGraceMinutes} minutes after the start.",
                $"노쇼는 근무 시작 {s.Settings.NoShowGraceMinutes}분 후부터 기록할 수 있습니다.", "too_early");
        }

        var row = await s.Bookings.NoShowAsync(a, job, now + Duration.FromTimeSpan(s.Settings.NoShowSuspension), now, s.Ct);
        return row is null ? JobProblems.Moved("booking", "근무", "changed") : TypedResults.Ok(ApplicationResponse.From(row, job, null, job.TimeZone));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> ApproveAsync(Guid id, ApproveBody? body, [AsParameters] JobServices s)
    {
        var (a, job, problem) = await LoadForManagerAsync(id, s);
        if (problem is not null)
        {
            return problem;
        }

        if (a!.TimesheetStatus != "pending")
        {
            return Problems.Conflict("There is no timesheet waiting for approval on this booking.", "승인을 기다리는 근무 기록이 없습니다.", "wrong_status");
        }

        TimesheetAdjustment? adjustment = null;
        if (body is not null && (body.CheckedInAt ?? body.CheckedOutAt) is not null || body?.BreakMinutes is not null)
        {
            var errors = new FieldErrors();
            var checkedIn = Instant.FromDateTimeOffset(body!.CheckedInAt ?? a.CheckedInAt!.Value);
            var checkedOut = Instant.FromDateTimeOffset(body.CheckedOutAt ?? a.CheckedOutAt!.Value);
            var breakMinutes = errors.Range("breakMinutes", body.BreakMinutes, 0, 240, a.BreakMinutes ?? 0);
            var note = errors.RequiredText("note", body.Note, 500);
            if (checkedOut <= checkedIn || (checkedOut - checkedIn).TotalMinutes > Timesheet.MaxAdjustedMinutes)
            {
                errors.Add("checkedOutAt", $"checkedOutAt must be after checkedInAt, at most {Timesheet.MaxAdjustedMinutes / 60} hours later.",
                    $"checkedOutAt은(는) checkedInAt 이후, {Timesheet.MaxAdjustedMinutes / 60}시간 이내여야 합니다.");
            }
            else if (breakMinutes >= (checkedOut - checkedIn).TotalMinutes)
            {
                errors.Add("breakMinutes", "The break must be shorter than the time worked.", "휴게 시간은 근무 시간보다 짧아야 합니다.");
            }

            if (checkedOut > s.Now)
            {
                errors.Add("checkedOutAt", "checkedOutAt cannot be in the future.", "checkedOutAt은(는) 미래일 수 없습니다.");
            }

            if (!errors.IsEmpty)
            {
                return Problems.Invalid(errors);
            }

            adjustment = new TimesheetAdjustment(checkedIn, checkedOut, breakMinutes, note!);
        }

        var row = await s.Bookings.ApproveAsync(id, job!, Party.Restaurant, s.User.UserId(), adjustment, s.Now, s.Ct);
        return row is null ? JobProblems.Moved("timesheet", "근무 기록", "approved") : TypedResults.Ok(ApplicationResponse.From(row, job, null, job!.TimeZone));
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> RateAsync(Guid id, RateBody body, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var score = errors.RequiredRange("score", body.Score, 1, 5);
        var comment = errors.OptionalText("comment", body.Comment, 1000);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var (a, job, _) = await LoadAsync(id, s);
        if (a is null)
        {
            return JobProblems.ApplicationNotFound();
        }

        var isWorker = a.WorkerId == s.User.FindUserId();
        if (!isWorker && !s.User.Manages(a.RestaurantId))
        {
            return JobProblems.OnlyManagers();
        }

        if (a.Status != BookingStatus.CheckedOut || a.CheckedOutAt is not { } outAt || s.Now > Instant.FromDateTimeOffset(outAt) + Duration.FromDays(s.Settings.RatingWindowDays))
        {
            return Problems.Conflict($"A shift can be rated once it is worked, for {s.Settings.RatingWindowDays} days.",
                $"근무를 마친 뒤 {s.Settings.RatingWindowDays}일 동안 평가할 수 있습니다.", "not_ratable");
        }

        if (!await s.Bookings.RateAsync(a, isWorker ? Party.Worker : Party.Restaurant, score!.Value, comment, s.User.UserId(), s.Now, s.Ct))
        {
            return Problems.Conflict("You have already rated this shift.", "이미 평가한 근무입니다.", "already_rated");
        }

        var row = await s.Bookings.FindAsync(id, s.Ct);
        return TypedResults.Ok(ApplicationResponse.From(row!, job, null, job!.TimeZone));
    }

    public static async Task<Results<Ok<Page<ApplicationResponse>>, ValidationProblem, ProblemHttpResult>> TimesheetsAsync(
        Guid? restaurantId, string? status, int? limit, string? cursor, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var restaurant = errors.RequiredId("restaurantId", restaurantId);
        var wanted = status is null ? "pending" : errors.OneOf("status", status, ["pending", "approved"]);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.WorksAt(restaurant!.Value))
        {
            return Problems.NotFound("restaurant", "레스토랑");
        }

        var take = Paging.Limit(limit);
        var after = Paging.Decode<AtCursor>(cursor);
        var rows = await s.Bookings.TimesheetsAsync(restaurant.Value, wanted!, after is null ? null : (after.At, after.Id), take + 1, s.Ct);
        var page = Paging.ToPage(rows, take, r => new AtCursor(r.Application.CheckedOutAt!.Value, r.Application.Id));
        return TypedResults.Ok(new Page<ApplicationResponse>(
            page.Items.Select(r => ApplicationResponse.From(r.Application, r.Job, null, r.Job.TimeZone)).ToList(), page.NextCursor));
    }

    internal sealed record AtCursor(DateTimeOffset At, Guid Id);

    /// <summary>
    /// The code and the distance: a code from the screen that is current (or just turned), and a position within the
    /// radius of the venue. Returns the distance in metres.
    /// </summary>
    private static int CheckAttendance(AttendanceBody body, JobRow job, Instant now, int radiusMeters, FieldErrors errors)
    {
        var code = errors.RequiredText("code", body.Code, 6);
        if (code is not null && (code.Length != 6 || !code.All(char.IsAsciiDigit)))
        {
            errors.Add("code", "code must be the 6 digits on the restaurant's screen.", "code는 매장 화면의 숫자 6자리여야 합니다.");
            code = null;
        }

        if (code is not null)
        {
            switch (AttendanceCode.Check(job.AttendanceSecret, code, now))
            {
                case CodeCheck.Expired:
                    errors.Add("code", "This code has expired; enter the one on the restaurant's screen now.", "만료된 코드입니다. 지금 매장 화면에 보이는 코드를 입력해 주세요.");
                    break;
                case CodeCheck.Wrong:
                    errors.Add("code", "This is not the code on the restaurant's screen.", "매장 화면의 코드와 다릅니다.");
                    break;
            }
        }

        if (body.Location?.Lat is not (>= -90 and <= 90) || body.Location?.Lng is not (>= -180 and <= 180))
        {
            errors.Add("location", "location { lat, lng } is required: where your phone says you are.", "location { lat, lng }(휴대폰의 현재 위치)이 필요합니다.");
            return 0;
        }

        var meters = (int)Math.Round(Geo.DistanceMeters(body.Location.Lat.Value, body.Location.Lng.Value, job.Lat, job.Lng));
        if (meters > radiusMeters)
        {
            errors.Add("location", $"You are {meters} m from the venue; check in within {radiusMeters} m.", $"매장에서 {meters}m 떨어져 있습니다. {radiusMeters}m 이내에서 체크해 주세요.");
        }

        return meters;
    }

    private static async Task<(ApplicationRow? Application, JobRow? Job, ProblemHttpResult? Problem)> LoadAsync(Guid id, JobServices s)
    {
        var a = await s.Bookings.FindAsync(id, s.Ct);
        if (a is null || !(a.WorkerId == s.User.FindUserId() || s.User.WorksAt(a.RestaurantId)))
        {
            return (null, null, JobProblems.ApplicationNotFound());
        }

        return (a, await s.Jobs.FindAsync(a.JobId, s.Ct) ?? await s.Jobs.FindIncludingDeletedAsync(a.JobId, s.Ct), null);
    }

    private static async Task<(ApplicationRow? Application, JobRow? Job, ProblemHttpResult? Problem)> LoadForManagerAsync(Guid id, JobServices s)
    {
        var a = await s.Bookings.FindAsync(id, s.Ct);
        if (a is null || !s.User.WorksAt(a.RestaurantId))
        {
            return (null, null, JobProblems.ApplicationNotFound());
        }

        if (!s.User.Manages(a.RestaurantId))
        {
            return (null, null, JobProblems.OnlyManagers());
        }

        return (a, await s.Jobs.FindAsync(a.JobId, s.Ct) ?? await s.Jobs.FindIncludingDeletedAsync(a.JobId, s.Ct), null);
    }

    private static ProblemHttpResult Full() => Problems.Conflict("Every place on this shift is taken.", "이 근무는 모집 인원이 모두 찼습니다.", "job_full");

    private static ProblemHttpResult Overlap() => Problems.Conflict("You are booked on another shift at that time.", "같은 시간에 이미 확정된 다른 근무가 있습니다.", "overlapping_shift");

    private static ProblemHttpResult Started() => Problems.Conflict("The shift has started; it can no longer be cancelled.", "이미 시작된 근무는 취소할 수 없습니다.", "started");
}
