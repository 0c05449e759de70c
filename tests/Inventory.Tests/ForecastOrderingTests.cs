using System.Net;
using System.Net.Http.Json;
using Brigade.Inventory.Clients;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Inventory.Tests;

/// <summary>
/// What to order from the forecast: forecasting's expected dishes × recipes over the supplier's lead time and the review
/// days, plus safety stock, less on hand and on order. Forecasting is another service; here its one endpoint is played by
/// a recording handler (its own tests cover the forecast).
/// </summary>
public sealed class ForecastOrderingTests(ForecastOrderingTests.Factory factory) : IClassFixture<ForecastOrderingTests.Factory>
{
    public sealed class FakeForecasting : HttpMessageHandler
    {
        public Dictionary<Guid, Dictionary<Guid, decimal>> DishesPerDay { get; } = [];

        public List<string> Calls { get; } = [];

        public bool Down { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add($"{request.Method} {request.RequestUri!.PathAndQuery} {request.Headers.Authorization}");
            }

            var restaurant = Guid.Parse(request.RequestUri!.AbsolutePath.Split('/')[3]);
            if (Down || !DishesPerDay.TryGetValue(restaurant, out var dishes))
            {
                return Task.FromResult(new HttpResponseMessage(Down ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.NotFound));
            }

            var days = Enumerable.Range(0, 14).Select(d => new
            {
                date = new DateOnly(2026, 12, 5).AddDays(d).ToString("yyyy-MM-dd", null), expectedCovers = 40,
                items = dishes.Select(x => new { menuItemId = x.Key, name = "dish", quantity = x.Value }),
            });
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new { restaurantId = restaurant, windowDays = 28, days }) });
        }
    }

    public sealed class Factory : InventoryFactory
    {
        public FakeForecasting Forecasting { get; } = new();

        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            base.ConfigureSettings(settings);
            settings["Inventory:ForecastingUrl"] = "http://forecasting.test";
        }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddHttpClient<ForecastClient>().ConfigurePrimaryHttpMessageHandler(() => Forecasting));
        }
    }

    [Fact]
    public async Task An_order_covers_lead_time_and_review_days_of_forecast_usage_plus_safety_stock_less_what_is_there()
    {
        var r = TestRestaurant.New();
        var supplier = await factory.SupplierAsync(r, leadTimeDays: 2);
        var beef = await factory.ItemAsync(r, "소고기", 1000, packSize: 1000, supplierId: supplier);
        var onion = await factory.ItemAsync(r, "양파", 5000, packSize: 1000, supplierId: supplier);
        var flour = await factory.ItemAsync(r, "밀가루", 0, packSize: 1000, supplierId: supplier);
        var bulgogi = Guid.CreateVersion7();
        await factory.RecipeAsync(r, bulgogi, "불고기", (beef, 150, "g"), (onion, 50, "g"));
        factory.Forecasting.DishesPerDay[r.Id] = new() { [bulgogi] = 10, [Guid.CreateVersion7()] = 5 }; // a dish without a recipe takes nothing

        // 2 days' lead + 7 review = 9 days. Beef: 9 × 1,500 g + 2 days × 1,500 g safety − 1,000 on hand = 15,500 g → 16 packs.
        // Onion: 9 × 500 + 2 × 500 − 5,000 = 500 g → 1 pack. Flour is in no forecast dish, so it is not planned.
        var plan = await factory.GetAsync(r.Manager, r.Path("purchase-orders/forecast-suggestions"));
        plan.GetProperty("forecastDays").GetInt32().ShouldBe(14);
        plan.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("name").GetString(), i.GetProperty("coverDays").GetInt32(),
                i.GetProperty("usage").GetDecimal(), i.GetProperty("safetyStock").GetDecimal(), i.GetProperty("packs").GetInt32()))
            .ShouldBe([("소고기", 9, 13_500m, 3_000m, 16), ("양파", 9, 4_500m, 1_000m, 1)]);
        factory.Forecasting.Calls.ShouldContain(c => c.StartsWith($"GET /api/forecasts/{r.Id}/items?days=14 Bearer ", StringComparison.Ordinal) && c.EndsWith(r.Manager.Token!, StringComparison.Ordinal));

        // What is already on order counts: 16 packs of beef ordered leave nothing short.
        await factory.PostAsync(r.Manager, r.Path("purchase-orders"), new { supplierId = supplier, lines = new[] { new { stockItemId = beef, quantity = 16 } } },
            HttpStatusCode.Created, idempotencyKey: Guid.NewGuid().ToString());
        var after = await factory.GetAsync(r.Manager, r.Path("purchase-orders/forecast-suggestions?reviewDays=3&safetyDays=0"));
        after.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "소고기").GetProperty("packs").GetInt32().ShouldBe(0);
        after.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "양파").GetProperty("packs").GetInt32().ShouldBe(0); // 5 days × 500 g < 5,000 g
    }

    [Fact]
    public async Task Managers_only_bad_days_are_400_and_no_forecast_is_a_503()
    {
        var r = TestRestaurant.New();
        factory.Forecasting.DishesPerDay[r.Id] = [];
        await factory.GetAsync(r.Staff, r.Path("purchase-orders/forecast-suggestions"), HttpStatusCode.Forbidden);
        await factory.GetAsync(TestRestaurant.New().Manager, r.Path("purchase-orders/forecast-suggestions"), HttpStatusCode.NotFound);
        using var client = factory.ClientFor(r.Manager);
        await (await client.GetAsync(r.Path("purchase-orders/forecast-suggestions?reviewDays=0"))).ShouldBeInvalidAsync("reviewDays");
        await (await client.GetAsync(r.Path("purchase-orders/forecast-suggestions?safetyDays=99"))).ShouldBeInvalidAsync("safetyDays");

        var unknown = TestRestaurant.New(); // forecasting has no forecast for it
        var response = await factory.ClientFor(unknown.Manager).GetAsync(unknown.Path("purchase-orders/forecast-suggestions"));
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.RetryAfter.ShouldNotBeNull();
    }
}
