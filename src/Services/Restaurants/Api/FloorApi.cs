using System.Security.Claims;
using Brigade.Api;
using Brigade.Data;
using Brigade.Restaurants.Data;
using Brigade.Restaurants.Domain;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Restaurants.Api;

public sealed record TableResponse(
    Guid Id, string Label, int MinCapacity, int MaxCapacity, Guid? AreaId, string? Area, bool OnlineBookable, int Priority, bool Active, int Version)
{
    public static TableResponse From(TableRow t) => new(t.Id, t.Label, t.MinCapacity, t.MaxCapacity, t.AreaId, t.Area, t.OnlineBookable, t.Priority, t.Active, t.Version);
}

public sealed record AreaResponse(Guid Id, string Name, int SortOrder);

public sealed record TableGroupResponse(Guid Id, string Name, IReadOnlyList<Guid> TableIds, int MinCapacity, int MaxCapacity, bool Active)
{
    public static TableGroupResponse From(TableGroupRow g) => new(g.Id, g.Name, g.TableIds, g.MinCapacity, g.MaxCapacity, g.Active);
}

/// <summary>The floor plan: areas, tables and combinable table groups.</summary>
public sealed record FloorResponse(IReadOnlyList<AreaResponse> Areas, IReadOnlyList<TableResponse> Tables, IReadOnlyList<TableGroupResponse> Groups);

/// <summary>
/// The endpoints' dependencies and the request. Only the request's <see cref="HttpContext"/> is a public member:
/// the validation generator walks public members of <c>[AsParameters]</c> types, and would descend into a
/// <see cref="System.Security.Claims.ClaimsPrincipal"/> forever.
/// </summary>
public sealed record FloorServices(RestaurantStore Restaurants, FloorStore Floor, TimeProvider Clock, HttpContext Http) : IApiRequest;

public static class FloorApi
{
    public const string Tag = "Floor plan";

    /// <summary>A floor holds at most this many tables, so its lists come in one page.</summary>
    public const int MaxTables = 500;

    public static RouteGroupBuilder MapFloor(this RouteGroupBuilder api)
    {
        api.MapGet("/{restaurantId:guid}/floor", GetFloorAsync).RequireAuthorization()
            .WithName("GetFloor").WithSummary("Areas, tables and table groups (the restaurant's people, admins, services)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{restaurantId:guid}/tables", ListTablesAsync).RequireAuthorization()
            .WithName("ListTables").WithSummary("All tables of the floor in one page (the restaurant's people, admins, services)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{restaurantId:guid}/tables", CreateTableAsync).RequireAuthorization().WithIdempotency()
            .WithName("CreateTable").WithSummary("Add a table (owner, manager); its area is created on first use").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{restaurantId:guid}/tables/{tableId:guid}", GetTableAsync).RequireAuthorization()
            .WithName("GetTable").WithSummary("One table").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPatch("/{restaurantId:guid}/tables/{tableId:guid}", UpdateTableAsync).RequireAuthorization()
            .WithName("UpdateTable").WithSummary("Change a table, e.g. capacity or active flag (owner, manager); If-Match or version").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).WithIfMatch();
        api.MapPost("/{restaurantId:guid}/table-groups", CreateGroupAsync).RequireAuthorization()
            .WithName("CreateTableGroup").WithSummary("Combine 2+ tables for larger parties, with the group's own capacity (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPatch("/{restaurantId:guid}/table-groups/{groupId:guid}", UpdateGroupAsync).RequireAuthorization()
            .WithName("UpdateTableGroup").WithSummary("Change a table group (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/{restaurantId:guid}/table-groups/{groupId:guid}", DeleteGroupAsync).RequireAuthorization()
            .WithName("DeleteTableGroup").WithSummary("Remove a table group (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<FloorResponse>, ProblemHttpResult>> GetFloorAsync(Guid restaurantId, [AsParameters] FloorServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadFloor, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var areas = await s.Floor.ListAreasAsync(restaurantId, s.Ct);
        var tables = await s.Floor.ListTablesAsync(restaurantId, s.Ct);
        var groups = await s.Floor.ListGroupsAsync(restaurantId, s.Ct);
        return TypedResults.Ok(new FloorResponse(
            areas.Select(a => new AreaResponse(a.Id, a.Name, a.SortOrder)).ToList(),
            tables.Select(TableResponse.From).ToList(),
            groups.Select(TableGroupResponse.From).ToList()));
    }

    public static async Task<Results<Ok<Page<TableResponse>>, ProblemHttpResult>> ListTablesAsync(Guid restaurantId, [AsParameters] FloorServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadFloor, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var tables = await s.Floor.ListTablesAsync(restaurantId, s.Ct);
        return TypedResults.Ok(new Page<TableResponse>(tables.Select(TableResponse.From).ToList(), null));
    }

    public static async Task<Results<Created<TableResponse>, ValidationProblem, ProblemHttpResult>> CreateTableAsync(
        Guid restaurantId, TableDraft body, [AsParameters] FloorServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditFloor, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new FieldErrors();
        var spec = FloorRules.ForCreate(body, errors);
        if (spec is null)
        {
            return Problems.Invalid(errors);
        }

        if ((await s.Floor.TableCapacitiesAsync(restaurantId, s.Ct)).Count >= MaxTables)
        {
            return Problems.Conflict($"A floor holds at most {MaxTables} tables.", $"한 매장에는 테이블을 최대 {MaxTables}개까지 둘 수 있습니다.");
        }

        var row = await s.Floor.CreateTableAsync(restaurantId, spec, s.Ct);
        if (row is null)
        {
            return Problems.Conflict($"The floor already has a table labelled '{spec.Label}'.", $"이미 '{spec.Label}' 테이블이 있습니다.");
        }

        s.Http.SetETag(row.Version);
        return TypedResults.Created($"/api/restaurants/{restaurantId}/tables/{row.Id}", TableResponse.From(row));
    }

    public static async Task<Results<Ok<TableResponse>, ProblemHttpResult>> GetTableAsync(Guid restaurantId, Guid tableId, [AsParameters] FloorServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.ReadFloor, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var row = await s.Floor.FindTableAsync(restaurantId, tableId, s.Ct);
        if (row is null)
        {
            return Problems.NotFound("table", "테이블");
        }

        s.Http.SetETag(row.Version);
        return TypedResults.Ok(TableResponse.From(row));
    }

    public static async Task<Results<Ok<TableResponse>, ValidationProblem, ProblemHttpResult>> UpdateTableAsync(
        Guid restaurantId, Guid tableId, TableDraft body, [AsParameters] FloorServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditFloor, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        var current = await s.Floor.FindTableAsync(restaurantId, tableId, s.Ct);
        if (current is null)
        {
            return Problems.NotFound("table", "테이블");
        }

        var errors = new FieldErrors();
        var spec = FloorRules.Apply(current.ToSpec(), body, errors);
        if (spec is null)
        {
            return Problems.Invalid(errors);
        }

        var expected = Versions.Expected(s.Http.Request, body.Version) ?? current.Version;
        var (outcome, row) = await s.Floor.UpdateTableAsync(restaurantId, tableId, spec, expected, s.Ct);
        switch (outcome)
        {
            case ChangeOutcome.Changed:
                s.Http.SetETag(row!.Version);
                return TypedResults.Ok(TableResponse.From(row));
            case ChangeOutcome.NotFound:
                return Problems.NotFound("table", "테이블");
            case ChangeOutcome.NotAllowed:
                return Problems.Conflict($"The floor already has a table labelled '{spec.Label}'.", $"이미 '{spec.Label}' 테이블이 있습니다.");
            default:
                return Problems.Stale("table", "테이블");
        }
    }

    public static Task<Results<Created<TableGroupResponse>, Ok<TableGroupResponse>, ValidationProblem, ProblemHttpResult>> CreateGroupAsync(
        Guid restaurantId, TableGroupDraft body, [AsParameters] FloorServices s) =>
        SaveGroupAsync(restaurantId, null, body, s);

    public static Task<Results<Created<TableGroupResponse>, Ok<TableGroupResponse>, ValidationProblem, ProblemHttpResult>> UpdateGroupAsync(
        Guid restaurantId, Guid groupId, TableGroupDraft body, [AsParameters] FloorServices s) =>
        SaveGroupAsync(restaurantId, groupId, body, s);

    private static async Task<Results<Created<TableGroupResponse>, Ok<TableGroupResponse>, ValidationProblem, ProblemHttpResult>> SaveGroupAsync(
        Guid restaurantId, Guid? groupId, TableGroupDraft body, FloorServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditFloor, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        TableGroupSpec? current = null;
        if (groupId is { } existing)
        {
            current = (await s.Floor.FindGroupAsync(restaurantId, existing, s.Ct))?.ToSpec();
            if (current is null)
            {
                return Problems.NotFound("table group", "테이블 묶음");
            }
        }

        var errors = new FieldErrors();
        var spec = FloorRules.ForGroup(body, current, await s.Floor.TableCapacitiesAsync(restaurantId, s.Ct), errors);
        if (spec is null)
        {
            return Problems.Invalid(errors);
        }

        var (outcome, row) = await s.Floor.SaveGroupAsync(restaurantId, groupId ?? Guid.CreateVersion7(), spec, create: groupId is null, s.Ct);
        return outcome switch
        {
            ChangeOutcome.Changed when groupId is null =>
                TypedResults.Created($"/api/restaurants/{restaurantId}/table-groups/{row!.Id}", TableGroupResponse.From(row)),
            ChangeOutcome.Changed => TypedResults.Ok(TableGroupResponse.From(row!)),
            ChangeOutcome.NotAllowed => Problems.Conflict($"The floor already has a table group named '{spec.Name}'.", $"이미 '{spec.Name}' 테이블 묶음이 있습니다."),
            _ => Problems.NotFound("table group", "테이블 묶음"),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteGroupAsync(Guid restaurantId, Guid groupId, [AsParameters] FloorServices s)
    {
        var (_, denied) = await s.Restaurants.AuthorizeAsync(restaurantId, s.User, Capability.EditFloor, s.Ct);
        if (denied is not null)
        {
            return denied;
        }

        return await s.Floor.DeleteGroupAsync(restaurantId, groupId, s.Ct) ? TypedResults.NoContent() : Problems.NotFound("table group", "테이블 묶음");
    }
}
