using System.Net;
using System.Text;

namespace Brigade.Forecasting.Tests;

/// <summary>Forecasts, models, overrides and planning through HTTP: who may see them, what is trained and scored, bad input.</summary>
public sealed class ForecastApiTests(ForecastingFactory factory) : IClassFixture<ForecastingFactory>
{
    [Fact]
    public async Task Two_years_of_history_train_a_scored_model_that_forecasts_fourteen_days_with_intervals_and_hours()
    {
        var r = TestRestaurant.New();
        await factory.SeedAsync(r.Id, 730);

        var retrained = await factory.SendAsync(r.Owner, HttpMethod.Post, r.Path("retrain"), null, HttpStatusCode.OK);
        var covers = retrained.GetProperty("covers");
        // Which wins depends on the last weeks before today (the domain tests pin the origin and require the model to win);
        // here: the backtest is shown and the choice follows it.
        covers.GetProperty("backtestPoints").GetInt32().ShouldBe(4 * 14);
        covers.GetProperty("coverage").GetDouble().ShouldBeGreaterThan(0.4);
        if (covers.GetProperty("method").GetString() == "gbt")
        {
            covers.GetProperty("mase").GetDouble().ShouldBeLessThan(1);
            covers.GetProperty("reason").GetString().ShouldBe("model_beat_naive");
        }
        else
        {
            covers.GetProperty("mase").GetDouble().ShouldBeGreaterThanOrEqualTo(1);
            covers.GetProperty("reason").GetString().ShouldBe("naive_won_backtest");
        }

        covers.GetProperty("version").GetInt32().ShouldBe(1);
        covers.GetProperty("trigger").GetString().ShouldBe("manual");
        covers.GetProperty("trainedBy").GetGuid().ShouldBe(r.Owner.Id);

        var forecast = await factory.GetAsync(r.Manager, r.Path());
        var days = forecast.GetProperty("days").EnumerateArray().ToList();
        days.Count.ShouldBe(14);
        days[0].GetProperty("date").GetString().ShouldBe(ForecastingFactory.Today.Iso());
        foreach (var day in days)
        {
            var c = day.GetProperty("covers");
            c.GetProperty("low").GetInt32().ShouldBeLessThanOrEqualTo(c.GetProperty("value").GetInt32());
            c.GetProperty("high").GetInt32().ShouldBeGreaterThanOrEqualTo(c.GetProperty("value").GetInt32());
            c.GetProperty("value").GetInt32().ShouldBeGreaterThan(0);
            day.GetProperty("sales").GetProperty("value").GetProperty("currency").GetString().ShouldBe("KRW");
            var hours = day.GetProperty("hours").EnumerateArray().ToList();
            hours.Count.ShouldBe(8); // lunch 11–13, dinner 17–21
            hours.Sum(h => h.GetProperty("covers").GetDouble()).ShouldBe(day.GetProperty("expectedCovers").GetInt32(), 1.0);
        }

        // A second training is the next version; both are listed newest first with their scores.
        await factory.SendAsync(r.Manager, HttpMethod.Post, r.Path("retrain"), null, HttpStatusCode.OK);
        var models = (await factory.GetAsync(r.Manager, r.Path("models?target=covers"))).GetProperty("items").EnumerateArray().ToList();
        models.Select(m => m.GetProperty("version").GetInt32()).ShouldBe([2, 1]);

        var labour = await factory.GetAsync(r.Manager, r.Path("labour?days=3"));
        labour.GetProperty("coversPerStaffHour").GetDecimal().ShouldBe(8m);
        var first = labour.GetProperty("days")[0];
        var staffed = first.GetProperty("hours").EnumerateArray().ToList();
        first.GetProperty("staffHours").GetInt32().ShouldBe(staffed.Sum(h => h.GetProperty("staff").GetInt32()));
        foreach (var h in staffed)
        {
            // Covers are shown to one decimal; the staff come from the exact figure.
            Math.Abs(h.GetProperty("staff").GetInt32() - Math.Max(1, (int)Math.Ceiling(h.GetProperty("covers").GetDouble() / 8))).ShouldBeLessThanOrEqualTo(1);
        }
    }

    [Fact]
    public async Task A_page_s_first_reads_at_once_train_one_model_version_not_one_each()
    {
        var r = TestRestaurant.New();
        await factory.SeedAsync(r.Id, 20);

        // The forecast page opens with three reads at once; a restaurant without a model trains it on the first read.
        await Task.WhenAll(factory.GetAsync(r.Manager, r.Path("?days=3")), factory.GetAsync(r.Manager, r.Path("labour?days=3")),
            factory.GetAsync(r.Manager, r.Path("items?days=3")), factory.GetAsync(r.Manager, r.Path("?days=1")));
        (await factory.CountAsync("SELECT count(*) FROM models WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(2); // covers and sales, once

        // Afterwards a read uses them; a retrain is a new version.
        await factory.GetAsync(r.Manager, r.Path("?days=1"));
        await factory.SendAsync(r.Manager, HttpMethod.Post, r.Path("retrain"), null, HttpStatusCode.OK);
        (await factory.CountAsync("SELECT count(*) FROM models WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(4);
    }

    [Fact]
    public async Task Short_history_is_forecast_by_the_same_weekday_last_week()
    {
        var r = TestRestaurant.New();
        await factory.SeedAsync(r.Id, 20);
        var model = (await factory.SendAsync(r.Manager, HttpMethod.Post, r.Path("retrain"), null, HttpStatusCode.OK)).GetProperty("covers");
        model.GetProperty("method").GetString().ShouldBe("seasonal_naive");
        model.GetProperty("reason").GetString().ShouldBe("short_history");
        var today = ForecastingFactory.Today;
        var lastWeek = await factory.CountAsync("SELECT sum(covers) FROM seeded_hours WHERE restaurant_id = @Id AND service_date = @d::date",
            new { r.Id, d = today.PlusDays(-7).Iso() });
        var forecast = await factory.GetAsync(r.Manager, r.Path("?days=1"));
        forecast.GetProperty("days")[0].GetProperty("covers").GetProperty("value").GetInt32().ShouldBe((int)lastWeek);
    }

    [Fact]
    public async Task An_owner_overrides_a_day_which_is_shown_beside_the_model_and_drives_planning_and_every_change_is_audited()
    {
        var r = TestRestaurant.New();
        await factory.SeedAsync(r.Id, 30);
        var day = ForecastingFactory.Today.PlusDays(3);
        var set = await factory.SendAsync(r.Owner, HttpMethod.Put, r.Path($"overrides/{day.Iso()}"), new { covers = 200, note = "단체 예약 (wedding party)" }, HttpStatusCode.OK);
        set.GetProperty("covers").GetInt32().ShouldBe(200);
        set.GetProperty("by").GetGuid().ShouldBe(r.Owner.Id);

        var entry = (await factory.GetAsync(r.Manager, r.Path())).GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == day.Iso());
        entry.GetProperty("override").GetProperty("covers").GetInt32().ShouldBe(200);
        entry.GetProperty("covers").GetProperty("value").GetInt32().ShouldNotBe(200);
        entry.GetProperty("expectedCovers").GetInt32().ShouldBe(200);
        var labourDay = (await factory.GetAsync(r.Manager, r.Path("labour"))).GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == day.Iso());
        labourDay.GetProperty("expectedCovers").GetInt32().ShouldBe(200);
        labourDay.GetProperty("peakStaff").GetInt32().ShouldBeGreaterThan(1);

        await factory.SendAsync(r.Manager, HttpMethod.Delete, r.Path($"overrides/{day.Iso()}"), null, HttpStatusCode.NoContent);
        await factory.SendAsync(r.Manager, HttpMethod.Delete, r.Path($"overrides/{day.Iso()}"), null, HttpStatusCode.NotFound);
        var log = (await factory.GetAsync(r.Owner, r.Path("overrides/log"))).GetProperty("items").EnumerateArray().ToList();
        log.Select(l => (l.GetProperty("action").GetString(), l.GetProperty("by").GetGuid())).ShouldBe([("removed", r.Manager.Id), ("set", r.Owner.Id)]);
    }

    [Fact]
    public async Task Staff_are_refused_another_restaurants_people_and_strangers_see_nothing_and_admins_see_all()
    {
        var r = TestRestaurant.New();
        var other = TestRestaurant.New();
        await factory.SeedAsync(r.Id, 20);
        var day = ForecastingFactory.Today.PlusDays(1).Iso();
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Get, r.Path(), null), (HttpMethod.Post, r.Path("retrain"), null), (HttpMethod.Get, r.Path("models"), null),
                     (HttpMethod.Put, r.Path($"overrides/{day}"), new { covers = 10 }), (HttpMethod.Get, r.Path("labour"), null),
                     (HttpMethod.Put, r.Path("labour/settings"), new { coversPerStaffHour = 5, minimumStaff = 1 }), (HttpMethod.Get, r.Path("items"), null),
                 })
        {
            (await factory.SendAsync(r.Staff, method, path, body, HttpStatusCode.Forbidden)).GetProperty("code").GetString().ShouldBe("managers_only");
            await factory.SendAsync(other.Owner, method, path, body, HttpStatusCode.NotFound);
            await factory.SendAsync(Actor.Diner(), method, path, body, HttpStatusCode.NotFound);
            await factory.SendAsync(Actor.Anonymous, method, path, body, HttpStatusCode.Unauthorized);
        }

        (await factory.CountAsync("SELECT count(*) FROM overrides WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
        (await factory.CountAsync("SELECT count(*) FROM labour_settings WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
        (await factory.CountAsync("SELECT count(*) FROM models WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
        await factory.GetAsync(Actor.Admin(), r.Path("?days=2"));
    }

    [Fact]
    public async Task Bad_input_is_a_precise_problem_and_nothing_is_written()
    {
        var r = TestRestaurant.New();
        using var client = factory.ClientFor(r.Manager);
        var tomorrow = ForecastingFactory.Today.PlusDays(1).Iso();
        await (await client.GetAsync(r.Path("?days=15"))).ShouldBeInvalidAsync("days");
        await (await client.GetAsync(r.Path("?days=abc"))).ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync(r.Path("models?target=tables"))).ShouldBeInvalidAsync("target");
        await (await client.PutAsync(r.Path($"overrides/{tomorrow}"), Json("{}"))).ShouldBeInvalidAsync("covers");
        await (await client.PutAsync(r.Path($"overrides/{tomorrow}"), Json("""{"covers":-1}"""))).ShouldBeInvalidAsync("covers");
        await (await client.PutAsync(r.Path($"overrides/{tomorrow}"), Json("""{"covers":10,"sales":-5}"""))).ShouldBeInvalidAsync("sales");
        await (await client.PutAsync(r.Path($"overrides/{tomorrow}"), Json("""{"covers":"many"}"""))).ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await client.PutAsync(r.Path($"overrides/{tomorrow}"), Json("""{"covers":10"""))).ShouldBeAsync(HttpStatusCode.BadRequest);
        await (await client.PutAsync(r.Path("overrides/2026-13-40"), Json("""{"covers":10}"""))).ShouldBeInvalidAsync("date");
        await (await client.PutAsync(r.Path($"overrides/{ForecastingFactory.Today.PlusDays(-1).Iso()}"), Json("""{"covers":10}"""))).ShouldBeInvalidAsync("date");
        await (await client.PutAsync(r.Path($"overrides/{tomorrow}"), Json($$"""{"covers":10,"note":"{{new string('x', 501)}}"}"""))).ShouldBeInvalidAsync("note");
        await (await client.PutAsync(r.Path("labour/settings"), Json("""{"coversPerStaffHour":0,"minimumStaff":1}"""))).ShouldBeInvalidAsync("coversPerStaffHour");
        await (await client.PutAsync(r.Path("labour/settings"), Json("""{"coversPerStaffHour":8,"minimumStaff":500}"""))).ShouldBeInvalidAsync("minimumStaff");
        (await factory.CountAsync("SELECT count(*) FROM overrides WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
        (await factory.CountAsync("SELECT count(*) FROM override_log WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
        (await factory.CountAsync("SELECT count(*) FROM labour_settings WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);

        var settings = await factory.SendAsync(r.Manager, HttpMethod.Put, r.Path("labour/settings"), new { coversPerStaffHour = 6.5, minimumStaff = 2 }, HttpStatusCode.OK);
        settings.GetProperty("coversPerStaffHour").GetDecimal().ShouldBe(6.5m);
        (await factory.GetAsync(r.Manager, r.Path("labour/settings"))).GetProperty("minimumStaff").GetInt32().ShouldBe(2);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
