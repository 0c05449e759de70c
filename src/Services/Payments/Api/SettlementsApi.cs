using Brigade.Api;
using Brigade.Data;
using Brigade.Payments.Data;
using Brigade.Payments.Domain;
using Brigade.Payments.Jobs;
using Brigade.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Payments.Api;

public sealed record SettlementServices(SettlementStore Settlements, SettlementJob Job, TimeProvider Clock, HttpContext Http) : IApiRequest;

/// <summary>A settlement statement: <c>net = gross − fees − refunds − withholding</c>, credited to the payee's wallet, over [<c>periodStart</c>, <c>periodEnd</c>).</summary>
public sealed record SettlementResponse(Guid Id, string PayeeKind, Guid PayeeId, string Currency, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    long Gross, long Fees, long Refunds, long Withholding, long Net, int Items, DateTimeOffset CreatedAt, IReadOnlyList<StatementLineResponse>? Lines)
{
    public static SettlementResponse From(SettlementRow r, IReadOnlyList<StatementLine>? lines = null) => new(
        r.Id, r.PayeeKind, r.PayeeId, r.Currency, r.PeriodStart, r.PeriodEnd, r.Gross, r.Fees, r.Refunds, r.Withholding, r.Net, r.Items, r.CreatedAt,
        lines?.Select(l => new StatementLineResponse(l.At, l.EntryKind, l.ReferenceId, l.Category, l.Amount, l.Memo)).ToList());
}

/// <summary>One line of a statement: what it was (<c>kind</c>: capture, refund, shift; <c>category</c>: gross, fee, refund, withholding) and its amount (earned positive).</summary>
public sealed record StatementLineResponse(DateTimeOffset At, string Kind, Guid ReferenceId, string Category, long Amount, string? Memo);

/// <summary>Run settlements now, up to <c>until</c> (default: now), for everyone or one restaurant or worker.</summary>
public sealed record RunSettlementsBody(DateTimeOffset? Until, Guid? RestaurantId, Guid? WorkerId);

public sealed record SettlementRunResponse(DateTimeOffset Until, IReadOnlyList<SettlementResponse> Settlements);

public static class SettlementsApi
{
    public const string Tag = "Settlements";

    public static RouteGroupBuilder MapSettlements(this RouteGroupBuilder api)
    {
        api.MapGet("/", ListAsync).RequireAuthorization()
            .WithName("RestaurantSettlements").WithSummary("A restaurant's settlement statements, newest first (its owner and managers)").WithTags(Tag);
        api.MapGet("/mine", MineAsync).RequireAuthorization(Policies.User)
            .WithName("MySettlements").WithSummary("The caller's (worker's) settlement statements, newest first").WithTags(Tag);
        api.MapGet("/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetSettlement").WithSummary("One statement with its lines (its payee)").WithTags(Tag);
        api.MapPost("/run", RunAsync).RequireAuthorization(Policies.Admin).WithIdempotency(required: true)
            .WithName("RunSettlements").WithSummary("Settle now, up to a time (admin; Idempotency-Key required)").WithTags(Tag);
        return api;
    }

    public static async Task<Results<Ok<Page<SettlementResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(Guid? restaurantId, int? limit, string? cursor, [AsParameters] SettlementServices s)
    {
        var errors = new FieldErrors();
        var id = errors.RequiredId("restaurantId", restaurantId);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (!s.User.ManagesMoneyOf(id!.Value))
        {
            return Problems.NotFound("restaurant", "레스토랑");
        }

        return TypedResults.Ok(await PageAsync(s, Owner.OfRestaurant(id.Value), limit, cursor));
    }

    public static async Task<Ok<Page<SettlementResponse>>> MineAsync(int? limit, string? cursor, [AsParameters] SettlementServices s) =>
        TypedResults.Ok(await PageAsync(s, Owner.OfWorker(s.User.UserId()), limit, cursor));

    public static async Task<Results<Ok<SettlementResponse>, ProblemHttpResult>> GetAsync(Guid id, [AsParameters] SettlementServices s)
    {
        var row = await s.Settlements.FindAsync(id, s.Ct);
        var visible = row is not null && (row.PayeeKind == Owner.Restaurant ? s.User.ManagesMoneyOf(row.PayeeId) : s.User.FindUserId() == row.PayeeId || s.User.IsAdmin());
        return visible ? TypedResults.Ok(SettlementResponse.From(row!, await s.Settlements.LinesAsync(id, s.Ct))) : Problems.NotFound("settlement", "정산");
    }

    public static async Task<Results<Ok<SettlementRunResponse>, ValidationProblem>> RunAsync(RunSettlementsBody body, [AsParameters] SettlementServices s)
    {
        var now = s.Now.ToDateTimeOffset();
        if (body.RestaurantId is not null && body.WorkerId is not null)
        {
            return Problems.Invalid("restaurantId", "Send restaurantId or workerId, not both.", "restaurantId와 workerId 중 하나만 보내 주세요.");
        }

        if (body.Until is { } until && until > now)
        {
            return Problems.Invalid("until", "until cannot be in the future: only what has been earned is settled.", "until은 미래일 수 없습니다.");
        }

        var only = body.RestaurantId is { } r ? Owner.OfRestaurant(r) : body.WorkerId is { } w ? Owner.OfWorker(w) : null;
        var cutoff = body.Until ?? now;
        var created = await s.Job.RunAsync(cutoff, only, s.Ct);
        return TypedResults.Ok(new SettlementRunResponse(cutoff, created.Select(c => SettlementResponse.From(c)).ToList()));
    }

    private sealed record Cursor(DateTimeOffset End, Guid Id);

    private static async Task<Page<SettlementResponse>> PageAsync(SettlementServices s, Owner payee, int? limit, string? cursor)
    {
        var take = Paging.Limit(limit);
        var after = Paging.Decode<Cursor>(cursor);
        var rows = await s.Settlements.ListAsync(payee, after is null ? null : (after.End, after.Id), take + 1, s.Ct);
        return Paging.ToPage(rows.Select(r => SettlementResponse.From(r)).ToList(), take, r => new Cursor(r.PeriodEnd, r.Id));
    }
}
