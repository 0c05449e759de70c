using System.Net;
using System.Net.Http.Json;
using System.Text;
using Brigade.Jobs.Domain;

namespace Brigade.Jobs.Tests;

/// <summary>Postings through the seed's calls as written: create, list, read, replace, delete; the rules a posting must meet.</summary>
public sealed class PostingTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task The_seed_calls_work_as_written()
    {
        var r = await factory.RestaurantAsync();
        using var manager = factory.ClientFor(r.Manager);

        // POST /api/jobs
        var created = await (await manager.PostAsJsonAsync("/api/jobs", Scenario.Posting(r))).ShouldBeAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        created.Status().ShouldBe("open");
        created.GetProperty("restaurantName").GetString().ShouldBe("테스트 식당");
        created.GetProperty("startTime").GetString().ShouldBe("18:00");
        created.GetProperty("start").GetString()!.ShouldEndWith("+09:00");
        created.GetProperty("estimatedPay").GetProperty("amount").GetInt64().ShouldBe(42_000); // 3.5 paid hours at 12,000

        // GET /api/jobs (anonymous: the feed)
        var feed = await factory.GetAsync(Actor.Anonymous, $"/api/jobs?restaurantId={r.Id}");
        feed.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetGuid()).ShouldContain(id);

        // GET /api/jobs/{id}: contact details only for the restaurant's people and booked workers
        var anonymous = await factory.GetAsync(Actor.Anonymous, $"/api/jobs/{id}");
        anonymous.GetProperty("contact").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await factory.GetAsync(r.Staff, $"/api/jobs/{id}")).GetProperty("contact").GetProperty("phone").GetString().ShouldBe("010-2222-3333");

        // PUT /api/jobs/{id} with If-Match
        var changed = Scenario.Posting(r, wage: 13_000);
        var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/jobs/{id}") { Content = JsonContent.Create(changed) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"99\"");
        await (await manager.SendAsync(stale)).ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/jobs/{id}") { Content = JsonContent.Create(changed) };
        put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var updated = await (await manager.SendAsync(put)).ShouldBeAsync(HttpStatusCode.OK);
        updated.GetProperty("hourlyWage").GetProperty("amount").GetInt64().ShouldBe(13_000);
        updated.GetProperty("version").GetInt32().ShouldBe(2);

        // POST /api/jobs/{id}/apply
        var worker = Actor.Worker();
        var applied = await (await factory.ApplyAsync(worker, id)).ShouldBeAsync(HttpStatusCode.Created);
        applied.Status().ShouldBe("applied");
        applied.GetProperty("job").GetProperty("title").GetString().ShouldBe("저녁 홀 서빙");

        // DELETE /api/jobs/{id}: nobody is booked yet; the waiting application expires
        await (await manager.DeleteAsync($"/api/jobs/{id}")).ShouldBeAsync(HttpStatusCode.NoContent);
        await factory.GetAsync(Actor.Anonymous, $"/api/jobs/{id}", HttpStatusCode.NotFound);
        (await factory.GetAsync(worker, $"/api/jobs/applications/{applied.GetProperty("id").GetGuid()}")).Status().ShouldBe("expired");

        (await factory.EventTypesAboutAsync(id)).ShouldBe(
            ["jobs.job.created", "jobs.job.updated", "jobs.application.submitted", "notifications.notification.requested", "jobs.job.deleted"]);
    }

    [Fact]
    public async Task A_posting_below_the_minimum_wage_of_its_year_is_refused()
    {
        var r = await factory.RestaurantAsync();
        var minimum = MinimumWage.HourlyFor(Scenario.Day().Year);
        using var manager = factory.ClientFor(r.Manager);

        var refused = await manager.PostAsJsonAsync("/api/jobs", Scenario.Posting(r, wage: minimum - 1));
        await refused.ShouldBeInvalidAsync("hourlyWage.amount");
        (await factory.CountAsync("SELECT count(*) FROM jobs WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);

        await (await manager.PostAsJsonAsync("/api/jobs", Scenario.Posting(r, wage: minimum))).ShouldBeAsync(HttpStatusCode.Created);

        // Raising it later cannot go below either.
        var id = await factory.JobAsync(r);
        await (await manager.PutAsJsonAsync($"/api/jobs/{id}", Scenario.Posting(r, wage: 9_000))).ShouldBeInvalidAsync("hourlyWage.amount");
    }

    [Fact]
    public async Task A_shift_without_its_statutory_break_is_refused()
    {
        var r = await factory.RestaurantAsync();
        using var manager = factory.ClientFor(r.Manager);
        await (await manager.PostAsJsonAsync("/api/jobs", Scenario.Posting(r, start: "09:00", end: "18:00", breakMinutes: 30))).ShouldBeInvalidAsync("breakMinutes");
        await (await manager.PostAsJsonAsync("/api/jobs", Scenario.Posting(r, start: "09:00", end: "18:00", breakMinutes: 60))).ShouldBeAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Bad_input_gets_a_precise_400_and_writes_nothing()
    {
        var r = await factory.RestaurantAsync();
        using var manager = factory.ClientFor(r.Manager);
        async Task Refused(HttpContent content, params string[] fields) =>
            await (await manager.PostAsync("/api/jobs", content)).ShouldBeInvalidAsync(fields);
        HttpContent Json(string text) => new StringContent(text, Encoding.UTF8, "application/json");

        await Refused(Json("{ not json"));
        await Refused(Json($$"""{ "restaurantId": "{{r.Id}}", "headcount": "two" }"""), "headcount");
        await Refused(Json($$"""{ "restaurantId": "{{r.Id}}" }"""), "title", "category", "date", "startTime", "endTime", "headcount", "hourlyWage");
        await Refused(JsonContent.Create(new Dictionary<string, object?>(Scenario.Posting(r)) { ["headcount"] = 100_000, ["category"] = "astronaut" }), "headcount", "category");
        await Refused(JsonContent.Create(new Dictionary<string, object?>(Scenario.Posting(r)) { ["title"] = new string('x', 5000) }), "title");
        await Refused(JsonContent.Create(new Dictionary<string, object?>(Scenario.Posting(r)) { ["date"] = "24/12/2026", ["startTime"] = "25:00" }), "date", "startTime");
        await Refused(JsonContent.Create(new Dictionary<string, object?>(Scenario.Posting(r)) { ["hourlyWage"] = new { amount = 12_000, currency = "USD" } }), "hourlyWage.currency");
        await Refused(JsonContent.Create(new Dictionary<string, object?>(Scenario.Posting(r)) { ["requirements"] = new[] { "jetpack" } }), "requirements[0]");
        await Refused(JsonContent.Create(new Dictionary<string, object?>(Scenario.Posting(r, daysAhead: -1))), "date");
        await Refused(JsonContent.Create(new Dictionary<string, object?>(Scenario.Posting(r, daysAhead: 200))), "date");
        await Refused(JsonContent.Create(new Dictionary<string, object?>(Scenario.Posting(r, start: "10:00", end: "10:30"))), "endTime");
        await Refused(Json($$"""{ "restaurantId": "{{r.Id}}", "title": "a\u0000b" }"""), "title");
        (await factory.CountAsync("SELECT count(*) FROM jobs WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);

        await (await factory.ClientFor(Actor.Anonymous).GetAsync("/api/jobs?near=north&minWage=-1&category=astronaut")).ShouldBeInvalidAsync("near", "minWage", "category");
        await (await factory.ClientFor(Actor.Anonymous).GetAsync("/api/jobs?radiusKm=5&cursor=!!")).ShouldBeInvalidAsync("radiusKm");
        await (await factory.ClientFor(Actor.Anonymous).GetAsync("/api/jobs?cursor=bm90LWEtY3Vyc29y")).ShouldBeInvalidAsync("cursor");
        await (await factory.ClientFor(Actor.Anonymous).GetAsync("/api/jobs?sort=distance")).ShouldBeInvalidAsync("sort");
    }

    [Fact]
    public async Task Another_restaurants_people_never_see_or_change_its_postings()
    {
        var r = await factory.RestaurantAsync();
        var other = await factory.RestaurantAsync();
        var draft = new Dictionary<string, object?>(Scenario.Posting(r)) { ["draft"] = true };
        var id = (await factory.PostedAsync(r.Manager, draft)).GetProperty("id").GetGuid();
        var application = await factory.AppliedAsync(Actor.Worker(), await factory.JobAsync(r));
        using var stranger = factory.ClientFor(other.Manager);

        await (await stranger.PostAsJsonAsync("/api/jobs", Scenario.Posting(r))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/jobs/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.PutAsJsonAsync($"/api/jobs/{id}", Scenario.Posting(r))).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/api/jobs/{id}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/api/jobs/{id}/publish", null)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/jobs/manage?restaurantId={r.Id}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/jobs/{id}/applications")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/jobs/{id}/attendance-code")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/jobs/applications/{application}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/api/jobs/applications/{application}/accept", null)).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/jobs/timesheets?restaurantId={r.Id}")).ShouldBeAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/jobs/roster?restaurantId={r.Id}")).ShouldBeAsync(HttpStatusCode.NotFound);

        // Its own staff see but do not decide.
        using var staff = factory.ClientFor(r.Staff);
        await (await staff.GetAsync($"/api/jobs/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        await (await staff.PostAsync($"/api/jobs/applications/{application}/accept", null)).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await staff.PostAsJsonAsync("/api/jobs", Scenario.Posting(r))).ShouldBeAsync(HttpStatusCode.Forbidden);
        (await factory.CountAsync("SELECT count(*) FROM applications WHERE id = @application AND status = 'applied'", new { application })).ShouldBe(1);
    }

    [Fact]
    public async Task A_draft_is_the_restaurants_until_published()
    {
        var r = await factory.RestaurantAsync();
        var draft = new Dictionary<string, object?>(Scenario.Posting(r)) { ["draft"] = true };
        var id = (await factory.PostedAsync(r.Manager, draft)).GetProperty("id").GetGuid();

        await factory.GetAsync(Actor.Worker(), $"/api/jobs/{id}", HttpStatusCode.NotFound);
        (await factory.ApplyAsync(Actor.Worker(), id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await factory.GetAsync(r.Manager, $"/api/jobs/manage?restaurantId={r.Id}&status=draft")).GetProperty("items").GetArrayLength().ShouldBe(1);

        (await factory.PostAsync(r.Manager, $"/api/jobs/{id}/publish", HttpStatusCode.OK)).Status().ShouldBe("open");
        await factory.PostAsync(r.Manager, $"/api/jobs/{id}/publish", HttpStatusCode.Conflict);
        await factory.GetAsync(Actor.Worker(), $"/api/jobs/{id}");
    }

    [Fact]
    public async Task The_feed_filters_by_category_date_wage_and_distance_and_pages()
    {
        // Restaurants at City Hall and at Jamsil (about 13 km apart).
        var cityHall = await factory.RestaurantAsync(37.5665, 126.9780);
        var jamsil = await factory.RestaurantAsync(37.5110, 127.0980);
        var serving = await factory.JobAsync(cityHall, Scenario.Posting(cityHall, daysAhead: 5, wage: 15_000));
        var dishes = await factory.JobAsync(cityHall, Scenario.Posting(cityHall, daysAhead: 6, category: "dishwashing"));
        var far = await factory.JobAsync(jamsil, Scenario.Posting(jamsil, daysAhead: 5));
        var mine = $"restaurantId={cityHall.Id}";

        async Task<List<Guid>> Ids(string query) =>
            (await factory.GetAsync(Actor.Anonymous, "/api/jobs?" + query)).GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetGuid()).ToList();

        (await Ids($"{mine}&category=dishwashing")).ShouldBe([dishes]);
        (await Ids($"{mine}&category=serving,dishwashing")).ShouldBe([serving, dishes]);
        (await Ids($"{mine}&date={Scenario.Day(6):yyyy-MM-dd}")).ShouldBe([dishes]);
        (await Ids($"{mine}&minWage=14000")).ShouldBe([serving]);
        var near = await Ids("near=37.5665,126.9780&radiusKm=3");
        near.ShouldContain(serving);
        near.ShouldNotContain(far);
        (await Ids("near=37.5665,126.9780&radiusKm=20&sort=distance")).ShouldContain(far);
        var nearest = await factory.GetAsync(Actor.Anonymous, "near=37.5110,127.0980&radiusKm=1&sort=distance".Insert(0, "/api/jobs?"));
        nearest.GetProperty("items")[0].GetProperty("distanceKm").GetDouble().ShouldBeLessThan(0.1);

        var first = await factory.GetAsync(Actor.Anonymous, $"/api/jobs?{mine}&limit=1");
        var cursor = first.GetProperty("nextCursor").GetString();
        cursor.ShouldNotBeNull();
        var second = await factory.GetAsync(Actor.Anonymous, $"/api/jobs?{mine}&limit=1&cursor={Uri.EscapeDataString(cursor)}");
        second.GetProperty("items")[0].GetProperty("id").GetGuid().ShouldBe(dishes);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_series_posts_one_shift_per_date()
    {
        var r = await factory.RestaurantAsync();
        var body = Scenario.Posting(r);
        body.Remove("date");
        body["dates"] = new[] { Scenario.Day(9).ToString("yyyy-MM-dd", null), Scenario.Day(8).ToString("yyyy-MM-dd", null), Scenario.Day(10).ToString("yyyy-MM-dd", null) };

        var series = await factory.PostAsync(r.Manager, "/api/jobs/series", HttpStatusCode.Created, body);

        var jobs = series.GetProperty("jobs").EnumerateArray().ToList();
        jobs.Select(j => j.GetProperty("date").GetString()).ShouldBe([Scenario.Day(8).ToString("yyyy-MM-dd", null), Scenario.Day(9).ToString("yyyy-MM-dd", null), Scenario.Day(10).ToString("yyyy-MM-dd", null)]);
        jobs.ShouldAllBe(j => j.GetProperty("seriesId").GetGuid() == series.GetProperty("seriesId").GetGuid());
        body["dates"] = new[] { Scenario.Day(8).ToString("yyyy-MM-dd", null) };
        await factory.PostAsync(r.Manager, "/api/jobs/series", HttpStatusCode.BadRequest, body);
    }

    [Fact]
    public async Task With_workers_booked_the_terms_they_accepted_stay()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r);
        await factory.BookedAsync(r, Actor.Worker(), id);
        using var manager = factory.ClientFor(r.Manager);

        (await (await manager.PutAsJsonAsync($"/api/jobs/{id}", Scenario.Posting(r, start: "17:00"))).ShouldBeAsync(HttpStatusCode.Conflict)).Code().ShouldBe("has_bookings");
        (await (await manager.PutAsJsonAsync($"/api/jobs/{id}", Scenario.Posting(r, wage: 11_000))).ShouldBeAsync(HttpStatusCode.Conflict)).Code().ShouldBe("has_bookings");
        (await (await manager.DeleteAsync($"/api/jobs/{id}")).ShouldBeAsync(HttpStatusCode.Conflict)).Code().ShouldBe("has_bookings");
        var raised = await (await manager.PutAsJsonAsync($"/api/jobs/{id}", Scenario.Posting(r, wage: 14_000, headcount: 1))).ShouldBeAsync(HttpStatusCode.OK);
        raised.Status().ShouldBe("filled");
    }

    [Fact]
    public async Task A_restaurant_learned_from_its_event_can_post()
    {
        var id = Guid.CreateVersion7();
        await factory.PublishAsync(new Contracts.Restaurants.RestaurantCreated(new Contracts.Restaurants.RestaurantSnapshot(
            id, "이벤트 식당", null, "korean", 2, null, "서울 마포구", new Contracts.Restaurants.GeoPoint(37.55, 126.92), "Asia/Seoul", "KRW", "draft", 1), null, DateTimeOffset.UtcNow));
        var r = new TestRestaurant(id, Actor.Person("owner", ["owner"], (id, "owner")), Actor.Person("manager", ["manager"], (id, "manager")),
            Actor.Person("staff", ["staff"], (id, "staff")), 37.55, 126.92);

        await JobsFactory.EventuallyAsync(async () =>
            await factory.CountAsync("SELECT count(*) FROM restaurants WHERE id = @id", new { id }) == 1, "the restaurant's event to be consumed");

        var job = await factory.PostedAsync(r.Owner, Scenario.Posting(r));
        job.GetProperty("restaurantName").GetString().ShouldBe("이벤트 식당");
        job.GetProperty("address").GetString().ShouldBe("서울 마포구");
    }
}
