using Brigade.Api;
using Brigade.Inventory.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Inventory.Api;

/// <summary>A supplier: <c>leadTimeDays</c> from sending an order to its delivery (0–90); <c>email</c> where orders go.</summary>
public sealed record SupplierBody(string? Name, string? Email, string? Phone, int? LeadTimeDays);

public sealed record CatalogueEntry(Guid StockItemId, string Name, string PackUnit, decimal PackSize, string BaseUnit, Money PackCost);

/// <summary>A supplier and its catalogue: the restaurant's stock items it supplies, with their pack and price.</summary>
public sealed record SupplierResponse(Guid Id, string Name, string? Email, string? Phone, int LeadTimeDays, IReadOnlyList<CatalogueEntry>? Catalogue, int Version);

public sealed record SuppliersResponse(IReadOnlyList<SupplierResponse> Items);

public static class SuppliersApi
{
    public const string Tag = "Suppliers";

    public static RouteGroupBuilder MapSuppliers(this RouteGroupBuilder api)
    {
        api.MapGet("/suppliers", ListAsync).RequireAuthorization()
            .WithName("ListSuppliers").WithSummary("The restaurant's suppliers (its people)").WithTags(Tag);
        api.MapPost("/suppliers", CreateAsync).RequireAuthorization()
            .WithName("CreateSupplier").WithSummary("Add a supplier (owner, manager)").WithTags(Tag);
        api.MapGet("/suppliers/{id:guid}", GetAsync).RequireAuthorization()
            .WithName("GetSupplier").WithSummary("A supplier with its catalogue (its people)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/suppliers/{id:guid}", UpdateAsync).RequireAuthorization().WithIfMatch()
            .WithName("UpdateSupplier").WithSummary("Replace a supplier's details (owner, manager)").WithTags(Tag).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<SuppliersResponse>, ProblemHttpResult>> ListAsync(Guid restaurantId, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(new SuppliersResponse((await s.Suppliers.ListAsync(restaurantId, s.Ct)).Select(r => From(r, null, "")).ToList()));
    }

    public static async Task<Results<Created<SupplierResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid restaurantId, SupplierBody body, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var fields = Check(body, errors);
        if (fields is null)
        {
            return Problems.Invalid(errors);
        }

        var row = await s.Suppliers.CreateAsync(restaurantId, fields, s.Clock.GetUtcNow(), s.Ct);
        s.Http.SetETag(row.Version);
        return TypedResults.Created($"/api/inventory/{restaurantId}/suppliers/{row.Id}", From(row, [], ""));
    }

    public static async Task<Results<Ok<SupplierResponse>, ProblemHttpResult>> GetAsync(Guid restaurantId, Guid id, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: false) is { } refused)
        {
            return refused;
        }

        var row = await s.Suppliers.FindAsync(id, s.Ct);
        if (row is null || row.RestaurantId != restaurantId)
        {
            return NoSupplier();
        }

        var currency = (await s.Settings.GetAsync(restaurantId, s.Ct)).Currency;
        var items = await s.Stock.ListAsync(restaurantId, false, null, null, 1000, s.Ct);
        s.Http.SetETag(row.Version);
        return TypedResults.Ok(From(row, items.Where(i => i.SupplierId == id).ToList(), currency));
    }

    public static async Task<Results<Ok<SupplierResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid restaurantId, Guid id, SupplierBody body, [AsParameters] InventoryServices s)
    {
        if (s.Refusal(restaurantId, managers: true) is { } refused)
        {
            return refused;
        }

        var errors = new FieldErrors();
        var fields = Check(body, errors);
        if (fields is null)
        {
            return Problems.Invalid(errors);
        }

        var (updated, stale) = await s.Suppliers.UpdateAsync(id, restaurantId, fields, Versions.Expected(s.Http.Request), s.Ct);
        if (updated is null)
        {
            return stale is null ? NoSupplier() : Problems.Stale("supplier", "공급업체");
        }

        s.Http.SetETag(updated.Version);
        return TypedResults.Ok(From(updated, null, ""));
    }

    private static SupplierFields? Check(SupplierBody body, FieldErrors errors)
    {
        var name = errors.RequiredText("name", body.Name, 100);
        var email = errors.OptionalText("email", body.Email, 200);
        if (email is not null && (email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@') || email.Any(char.IsWhiteSpace)))
        {
            errors.Add("email", "email must be an e-mail address.", "email은 이메일 주소여야 합니다.");
        }

        var phone = errors.Phone("phone", body.Phone);
        var lead = errors.Range("leadTimeDays", body.LeadTimeDays, 0, 90, 1);
        return errors.IsEmpty ? new SupplierFields(name!, email, phone, lead) : null;
    }

    private static SupplierResponse From(SupplierRow r, IReadOnlyList<StockItemRow>? catalogue, string currency) => new(r.Id, r.Name, r.Email, r.Phone, r.LeadTimeDays,
        catalogue?.Select(i => new CatalogueEntry(i.Id, i.Name, i.PackUnit, i.PackSize, i.BaseUnit, new Money(i.PackCost, currency))).ToList(), r.Version);

    private static ProblemHttpResult NoSupplier() => Problems.NotFound("supplier", "공급업체");
}
