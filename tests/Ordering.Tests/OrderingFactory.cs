using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts.Inventory;
using Brigade.Contracts.Restaurants;
using Brigade.Ordering.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Ordering.Tests;

/// <summary>A person calling the API, with a token the service trusts.</summary>
public sealed record Actor(string Name, Guid Id, string? Token)
{
    public static Actor Anonymous { get; } = new("anonymous", Guid.Empty, null);

    public static Actor Person(string name, string[] roles, params (Guid RestaurantId, string Role)[] memberships)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, name: name));
    }

    public static Actor Diner(string name = "diner") => Person(name, ["diner"]);

    public static Actor Owner(Guid restaurantId) => Person("owner", ["owner"], (restaurantId, "owner"));

    public static Actor Manager(Guid restaurantId) => Person("manager", ["owner"], (restaurantId, "manager"));

    public static Actor Staff(Guid restaurantId) => Person("staff", ["staff"], (restaurantId, "staff"));

    public override string ToString() => Name;
}

/// <summary>The ordering service on a database of its own, the real broker and Redis, trusting <see cref="TestTokens"/>.</summary>
public class OrderingFactory : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        settings["Messaging:RelayPollInterval"] = "00:00:00.200";
    }

    public HttpClient ClientFor(Actor actor)
    {
        var client = CreateClient();
        return actor.Token is null ? client : client.WithToken(actor.Token);
    }

    /// <summary>Applies facts directly (as the event handlers would), so a test needs no broker round trip.</summary>
    public async Task ApplyAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> apply)
    {
        await using var connection = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await apply(connection, transaction);
        await transaction.CommitAsync();
    }

    public Task SetPortionsAsync(TestRestaurant r, Guid itemId, int? portions, bool available = true) =>
        ApplyAsync((c, tx) => MenuFacts.ApplyStockAsync(c, tx, new MenuItemAvailabilityChanged(r.Id, itemId, available, portions, DateTimeOffset.UtcNow), default));

    public async Task<int?> PortionsAsync(Guid itemId)
    {
        await using var connection = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int?>("SELECT portions_left FROM item_stock WHERE menu_item_id = @itemId", new { itemId });
    }

    public Task<long> OrdersOfAsync(Guid restaurantId) => CountAsync("SELECT count(*) FROM orders WHERE restaurant_id = @restaurantId", new { restaurantId });

    /// <summary>The outbox event types about <paramref name="id"/>, oldest first.</summary>
    public async Task<IReadOnlyList<string>> EventTypesAsync(Guid id) => (await EventsAboutAsync(id)).Select(e => e.Type).ToList();
}

/// <summary>A published restaurant known to the service, its menu, one table and its people.</summary>
public sealed record TestRestaurant(Guid Id, IReadOnlyDictionary<string, Guid> Items, Guid TableId, string TableToken, Actor Owner, Actor Manager, Actor Staff)
{
    public Guid this[string item] => Items[item];
}

/// <summary>Modifier ids of the 짜장면 (size: 보통 or 곱빼기 +1,000, required; extras: 계란 +500, optional up to 2).</summary>
public static class Jjajang
{
    public static readonly Guid Size = Guid.Parse("0198a6d1-0000-7000-8000-000000000001");
    public static readonly Guid Regular = Guid.Parse("0198a6d1-0000-7000-8000-000000000002");
    public static readonly Guid Large = Guid.Parse("0198a6d1-0000-7000-8000-000000000003");
    public static readonly Guid Extras = Guid.Parse("0198a6d1-0000-7000-8000-000000000004");
    public static readonly Guid Egg = Guid.Parse("0198a6d1-0000-7000-8000-000000000005");
    public static readonly Guid Cheese = Guid.Parse("0198a6d1-0000-7000-8000-000000000006");
}

public static class Scenario
{
    /// <summary>
    /// A published restaurant (KRW unless told) with 김치찌개 9,000 (찌개), 짜장면 8,000 (면, modifiers), 생맥주 5,000 (주류),
    /// 모닝세트 6,000 (only at breakfast, 07:00–07:01), and table T1.
    /// </summary>
    public static async Task<TestRestaurant> RestaurantAsync(this OrderingFactory factory, string currency = "KRW", string status = "published")
    {
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var items = new Dictionary<string, Guid>
        {
            ["김치찌개"] = Guid.CreateVersion7(),
            ["짜장면"] = Guid.CreateVersion7(),
            ["생맥주"] = Guid.CreateVersion7(),
            ["모닝세트"] = Guid.CreateVersion7(),
        };
        var tableId = Guid.CreateVersion7();
        await factory.ApplyAsync(async (c, tx) =>
        {
            await MenuFacts.ApplyProfileAsync(c, tx, Snapshot(id, status, currency), now, default);
            await MenuFacts.ApplyDaypartsAsync(c, tx, new MenuDaypartsChanged(id, [new MenuDaypart("breakfast", "07:00", "07:01")], now), default);
            await MenuFacts.ApplyMenuItemAsync(c, tx, Item(id, items["김치찌개"], "김치찌개", "찌개", 9000, currency), default);
            await MenuFacts.ApplyMenuItemAsync(c, tx, Item(id, items["짜장면"], "짜장면", "면", 8000, currency) with
            {
                ModifierGroups =
                [
                    new MenuModifierGroup(Jjajang.Size, "양", true, 1, 1, [new MenuModifierOption(Jjajang.Regular, "보통", 0), new MenuModifierOption(Jjajang.Large, "곱빼기", 1000)]),
                    new MenuModifierGroup(Jjajang.Extras, "추가", false, 0, 2, [new MenuModifierOption(Jjajang.Egg, "계란", 500), new MenuModifierOption(Jjajang.Cheese, "치즈", 700)]),
                ],
            }, default);
            await MenuFacts.ApplyMenuItemAsync(c, tx, Item(id, items["생맥주"], "생맥주", "주류", 5000, currency), default);
            await MenuFacts.ApplyMenuItemAsync(c, tx, Item(id, items["모닝세트"], "모닝세트", "세트", 6000, currency) with { Dayparts = ["breakfast"] }, default);
            await MenuFacts.ApplyTableAsync(c, tx, new TableChanged(id, tableId, "T1", 2, 4, "Hall", true, 0, true, 1, now), default);
        });
        var token = (await factory.Services.GetRequiredService<FactsReader>().TableAsync(tableId, default))!.QrToken;
        return new TestRestaurant(id, items, tableId, token, Actor.Owner(id), Actor.Manager(id), Actor.Staff(id));
    }

    public static RestaurantSnapshot Snapshot(Guid id, string status, string currency = "KRW") =>
        new(id, "테스트 식당", "Test Diner", "korean", 2, null, "서울 중구", new GeoPoint(37.5, 127.0), "Asia/Seoul", currency, status, 1);

    public static MenuItemChanged Item(Guid restaurantId, Guid itemId, string name, string? category, long price, string currency = "KRW", int version = 1) =>
        new(restaurantId, itemId, name, category, new MoneyAmount(price, currency), false, [], false, version, DateTimeOffset.UtcNow, "설명", null, [], 0);

    public static HttpRequestMessage Post(string path, object? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    /// <summary><c>POST /api/orders</c> as <paramref name="who"/>.</summary>
    public static async Task<HttpResponseMessage> OrderAsync(this OrderingFactory factory, Actor who, object body, string? idempotencyKey = null)
    {
        using var client = factory.ClientFor(who);
        return await client.SendAsync(Post("/api/orders", body, idempotencyKey));
    }

    /// <summary>A takeout order of <paramref name="quantity"/> 김치찌개 by <paramref name="who"/>, expected to be placed.</summary>
    public static async Task<JsonElement> PlacedAsync(this OrderingFactory factory, Actor who, TestRestaurant r, string item = "김치찌개", int quantity = 1, object? extra = null)
    {
        var body = extra ?? new { items = new[] { new { productId = r[item], quantity } } };
        return await (await factory.OrderAsync(who, body)).ShouldBeAsync(HttpStatusCode.Created);
    }

    public static async Task<JsonElement> ActAsync(this OrderingFactory factory, Actor who, Guid orderId, string action, HttpStatusCode expected, object? body = null)
    {
        using var client = factory.ClientFor(who);
        return await (await client.SendAsync(Post($"/api/orders/{orderId}/{action}", body))).ShouldBeAsync(expected);
    }

    public static async Task<JsonElement> GetAsync(this OrderingFactory factory, Actor who, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = factory.ClientFor(who);
        return await (await client.GetAsync(path)).ShouldBeAsync(expected);
    }

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();

    public static string Status(this JsonElement e) => e.GetProperty("status").GetString()!;

    public static long Amount(this JsonElement e, string property) => e.GetProperty(property).GetProperty("amount").GetInt64();
}
