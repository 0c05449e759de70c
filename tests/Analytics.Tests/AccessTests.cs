using System.Net;

namespace Brigade.Analytics.Tests;

/// <summary>Who may read a restaurant's numbers, and precise refusals of bad ranges.</summary>
public sealed class AccessTests(AnalyticsFactory factory) : IClassFixture<AnalyticsFactory>
{
    [Fact]
    public async Task Only_the_restaurant_s_owners_managers_and_admins_see_its_numbers()
    {
        var mine = TestRestaurant.New();
        var other = TestRestaurant.New();
        await factory.IngestAsync(GoldenDay.Events(mine.Id));
        await factory.IngestAsync(GoldenDay.Closed(other.Id, "2026-11-20T12:00", "2026-11-20T13:00", "dine_in", 2, GoldenDay.Line(GoldenDay.Soju, "소주", 100, 5_000)));

        var dashboard = $"/api/analytics/restaurants/{mine.Id}/dashboard?from={GoldenDay.Date}&to={GoldenDay.Date}";
        var report = $"/api/analytics/restaurants/{mine.Id}/reports/daily?from={GoldenDay.Date}&to={GoldenDay.Date}";
        foreach (var who in new[] { mine.Owner, mine.Manager, Actor.Admin })
        {
            (await factory.GetAsync(who, dashboard)).GetProperty("totals").Won("grossSales").ShouldBe(137_000);
            (await factory.GetRawAsync(who, report)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // Another restaurant's owner cannot tell whether this one exists; its own staff are told it is for managers.
        foreach (var path in new[] { dashboard, report })
        {
            (await factory.GetAsync(other.Owner, path, HttpStatusCode.NotFound)).GetProperty("status").GetInt32().ShouldBe(404);
            (await factory.GetAsync(mine.Staff, path, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("managers_only");
            (await factory.GetRawAsync(Actor.Anonymous, path)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        // Each restaurant's numbers are its own.
        (await factory.DashboardAsync(other, GoldenDay.Date, GoldenDay.Date)).GetProperty("totals").Won("grossSales").ShouldBe(500_000);
    }

    [Theory]
    [InlineData("from=2026-13-01&to=2026-11-20", "from")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-11-20&to=2026-11-19", "to")]
    [InlineData("from=2020-01-01&to=2026-11-20", "to")]
    public async Task A_bad_range_is_a_precise_400(string query, string field)
    {
        var r = TestRestaurant.New();
        foreach (var path in new[] { "dashboard", "reports/daily" })
        {
            var response = await factory.GetRawAsync(r.Owner, $"/api/analytics/restaurants/{r.Id}/{path}?{query}");
            await response.ShouldBeInvalidAsync(field);
        }
    }

    [Fact]
    public async Task An_unknown_report_is_a_400_and_a_bad_restaurant_id_a_404()
    {
        var r = TestRestaurant.New();
        await (await factory.GetRawAsync(r.Owner, $"/api/analytics/restaurants/{r.Id}/reports/secrets?from=2026-11-20")).ShouldBeInvalidAsync("report");
        (await factory.GetRawAsync(r.Owner, "/api/analytics/restaurants/not-a-guid/dashboard")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_a_range_the_dashboard_is_yesterday_s_service()
    {
        var r = TestRestaurant.New();
        var dashboard = await factory.GetAsync(r.Owner, $"/api/analytics/restaurants/{r.Id}/dashboard");
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)).AddHours(-5).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        dashboard.GetProperty("from").GetString().ShouldBe(yesterday);
        dashboard.GetProperty("to").GetString().ShouldBe(yesterday);
        dashboard.GetProperty("totals").GetProperty("averageCheck").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }
}
