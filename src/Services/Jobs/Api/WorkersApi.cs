using Brigade.Api;
using Brigade.Jobs.Data;
using Brigade.Jobs.Domain;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Jobs.Api;

public sealed record CredentialDraft(string? Code, string? ExpiresOn);

public sealed record ProfileBody(IReadOnlyList<CredentialDraft?>? Credentials);

public sealed record RosterBody(string? Kind, string? Note);

public static class WorkersApi
{
    public const string Tag = "Workers";

    public static RouteGroupBuilder MapWorkers(this RouteGroupBuilder api)
    {
        api.MapGet("/profile", ProfileAsync).RequireAuthorization(Policies.User)
            .WithName("MyWorkerProfile").WithSummary("The caller's credentials and record (rating, shifts, no-shows, suspension)").WithTags(Tag);
        api.MapPut("/profile", SaveProfileAsync).RequireRoles(Roles.Worker)
            .WithName("SaveWorkerProfile").WithSummary("Declare one's credentials (health certificate and others) with their expiry dates").WithTags(Tag);
        api.MapGet("/roster", RosterAsync).RequireAuthorization(Policies.User)
            .WithName("Roster").WithSummary("A restaurant's favourite and blocked workers (its people)").WithTags(Tag);
        api.MapPut("/roster/{restaurantId:guid}/{workerId:guid}", PutRosterAsync).RequireAuthorization(Policies.User)
            .WithName("PutRosterEntry").WithSummary("Mark a worker favourite (first look at new postings) or blocked (never sees them) (owners and managers)").WithTags(Tag);
        api.MapDelete("/roster/{restaurantId:guid}/{workerId:guid}", RemoveRosterAsync).RequireAuthorization(Policies.User)
            .WithName("RemoveRosterEntry").WithSummary("Take a worker off the roster (owners and managers)").WithTags(Tag);
        return api;
    }

    public static async Task<Ok<ProfileResponse>> ProfileAsync([AsParameters] JobServices s)
    {
        var me = s.User.UserId();
        var worker = await s.Workers.FindAsync(me, s.Ct) ?? new WorkerRow { Id = me, Name = s.User.DisplayName() };
        return TypedResults.Ok(new ProfileResponse(WorkerRecordResponse.From(worker), worker.SuspendedUntil > s.Now.ToDateTimeOffset()));
    }

    public static async Task<Results<Ok<ProfileResponse>, ValidationProblem>> SaveProfileAsync(ProfileBody body, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var credentials = new List<Credential>();
        if (body.Credentials is null)
        {
            errors.Missing("credentials", "[{ code, expiresOn }]");
        }
        else if (body.Credentials.Count > Requirements.Codes.Count)
        {
            errors.Add("credentials", $"credentials may hold at most {Requirements.Codes.Count} entries.", $"credentials에는 최대 {Requirements.Codes.Count}개까지 넣을 수 있습니다.");
        }
        else
        {
            for (var i = 0; i < body.Credentials.Count; i++)
            {
                var code = errors.OneOf($"credentials[{i}].code", body.Credentials[i]?.Code, Requirements.Codes.ToList());
                var expires = errors.Date($"credentials[{i}].expiresOn", body.Credentials[i]?.ExpiresOn, required: false);
                if (code is not null && credentials.All(c => c.Code != code))
                {
                    credentials.Add(new Credential(code, expires));
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var worker = await s.Workers.SaveCredentialsAsync(s.User.UserId(), s.User.DisplayName(), credentials, s.Now, s.Ct);
        return TypedResults.Ok(new ProfileResponse(WorkerRecordResponse.From(worker), worker.SuspendedUntil > s.Now.ToDateTimeOffset()));
    }

    public static async Task<Results<Ok<IReadOnlyList<RosterEntryResponse>>, ValidationProblem, ProblemHttpResult>> RosterAsync(Guid? restaurantId, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var restaurant = errors.RequiredId("restaurantId", restaurantId);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.WorksAt(restaurant!.Value))
        {
            return Problems.NotFound("restaurant", "레스토랑");
        }

        return TypedResults.Ok<IReadOnlyList<RosterEntryResponse>>((await s.Roster.ListAsync(restaurant.Value, s.Ct)).Select(RosterEntryResponse.From).ToList());
    }

    public static async Task<Results<Ok<RosterEntryResponse>, ValidationProblem, ProblemHttpResult>> PutRosterAsync(
        Guid restaurantId, Guid workerId, RosterBody body, [AsParameters] JobServices s)
    {
        var errors = new FieldErrors();
        var kind = errors.OneOf("kind", body.Kind, [RosterStore.Favourite, RosterStore.Blocked]);
        var note = errors.OptionalText("note", body.Note, 200);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.WorksAt(restaurantId))
        {
            return Problems.NotFound("restaurant", "레스토랑");
        }

        if (!s.User.Manages(restaurantId))
        {
            return JobProblems.OnlyManagers();
        }

        return TypedResults.Ok(RosterEntryResponse.From(await s.Roster.PutAsync(restaurantId, workerId, kind!, note, s.User.UserId(), s.Now, s.Ct)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveRosterAsync(Guid restaurantId, Guid workerId, [AsParameters] JobServices s)
    {
        if (!s.User.WorksAt(restaurantId))
        {
            return Problems.NotFound("restaurant", "레스토랑");
        }

        if (!s.User.Manages(restaurantId))
        {
            return JobProblems.OnlyManagers();
        }

        return await s.Roster.RemoveAsync(restaurantId, workerId, s.Ct) ? TypedResults.NoContent() : Problems.NotFound("roster entry", "명단 항목");
    }
}
