using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts.Ordering;

namespace Brigade.Inventory.Tests;

/// <summary>A person calling the API, with a token the service trusts.</summary>
public sealed record Actor(string Name, Guid Id, string? Token)
{
    public static Actor Anonymous { get; } = new("anonymous", Guid.Empty, null);

    public static Actor Person(string name, string[] roles, params (Guid RestaurantId, string Role)[] memberships)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, name: name));
    }

    public static Actor Manager(Guid restaurantId) => Person("manager", ["owner"], (restaurantId, "manager"));

    public static Actor Staff(Guid restaurantId) => Person("staff", ["staff"], (restaurantId, "staff"));

    public override string ToString() => Name;
}

/// <summary>The inventory service on a database of its own, the real broker, trusting <see cref="TestTokens"/>.</summary>
public class InventoryFactory : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        settings["Messaging:RelayPollInterval"] = "00:00:00.200";
        settings["Inventory:SupplierMailPickupDirectory"] = MailDirectory;
        settings["Inventory:ExpiryCheckInterval"] = "00:00:00.300";
    }

    /// <summary>Where purchase orders mailed to suppliers land (.eml), one directory per factory.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), $"brigade-inventory-mail-{Guid.NewGuid():N}");

    public HttpClient ClientFor(Actor actor)
    {
        var client = CreateClient();
        return actor.Token is null ? client : client.WithToken(actor.Token);
    }

    public async Task<decimal> OnHandAsync(Guid stockItemId)
    {
        await using var connection = await Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<decimal>(connection, "SELECT on_hand FROM stock_items WHERE id = @stockItemId", new { stockItemId });
    }

    /// <summary>Outbox rows of <paramref name="type"/> whose payload mentions <paramref name="id"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> EventsAsync(string type, Guid id) =>
        (await EventsAboutAsync(id)).Where(e => e.Type == type).Select(e => e.Payload).ToList();
}

/// <summary>A restaurant with its manager and staff, and helpers to set up its stock.</summary>
public sealed record TestRestaurant(Guid Id, Actor Manager, Actor Staff)
{
    public static TestRestaurant New()
    {
        var id = Guid.CreateVersion7();
        return new TestRestaurant(id, Actor.Manager(id), Actor.Staff(id));
    }

    public string Path(string rest) => $"/api/inventory/{Id}/{rest}";
}

public static class Scenario
{
    public static async Task<JsonElement> SendAsync(this InventoryFactory f, Actor who, HttpMethod method, string path, object? body, HttpStatusCode expected, string? idempotencyKey = null)
    {
        using var client = f.ClientFor(who);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await (await client.SendAsync(request)).ShouldBeAsync(expected);
    }

    public static Task<JsonElement> GetAsync(this InventoryFactory f, Actor who, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        f.SendAsync(who, HttpMethod.Get, path, null, expected);

    public static Task<JsonElement> PostAsync(this InventoryFactory f, Actor who, string path, object? body, HttpStatusCode expected, string? idempotencyKey = null) =>
        f.SendAsync(who, HttpMethod.Post, path, body, expected, idempotencyKey);

    /// <summary>A stock item (base unit g unless told) with <paramref name="onHand"/> base units, priced <paramref name="packCost"/> per pack of <paramref name="packSize"/>.</summary>
    public static async Task<Guid> ItemAsync(this InventoryFactory f, TestRestaurant r, string name, decimal onHand, string baseUnit = "g", decimal packSize = 1000,
        long packCost = 10_000, decimal reorderPoint = 0, decimal parLevel = 0, Guid? supplierId = null, string packUnit = "bag")
    {
        var item = await f.PostAsync(r.Manager, r.Path("items"), new { name, baseUnit, packUnit, packSize, packCost, onHand, reorderPoint, parLevel, supplierId }, HttpStatusCode.Created);
        return item.Id();
    }

    public static async Task RecipeAsync(this InventoryFactory f, TestRestaurant r, Guid sellableId, string name, params (Guid Item, decimal Quantity, string Unit)[] lines) =>
        await f.SendAsync(r.Manager, HttpMethod.Put, r.Path($"recipes/{sellableId}"),
            new { kind = "menu_item", name, lines = lines.Select(l => new { stockItemId = l.Item, quantity = l.Quantity, unit = l.Unit }) }, HttpStatusCode.OK);

    public static async Task<Guid> SupplierAsync(this InventoryFactory f, TestRestaurant r, string name = "한빛식자재", int leadTimeDays = 2) =>
        (await f.PostAsync(r.Manager, r.Path("suppliers"), new { name, email = "orders@hanbit.example", phone = "02-123-4567", leadTimeDays }, HttpStatusCode.Created)).Id();

    public static OrderLine Line(Guid menuItemId, int quantity, params Guid[] modifiers) =>
        new(Guid.CreateVersion7(), menuItemId, "dish", null, quantity, 9000, 9000L * quantity, modifiers.Select(m => new OrderLineModifier(m, "mod", 0)).ToList(), null);

    public static OrderAccepted Accepted(TestRestaurant r, Guid orderId, params OrderLine[] lines) =>
        new(orderId, r.Id, null, new OrderSource("takeout", null, null, null, null), lines, lines.Sum(l => l.LineTotal), "KRW", DateTimeOffset.UtcNow);

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();
}
