using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts.Restaurants;
using Brigade.Jobs.Data;
using Brigade.Jobs.Jobs;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Brigade.Jobs.Tests;

/// <summary>A person calling the API, with a token the service trusts.</summary>
public sealed record Actor(string Name, Guid Id, string? Token)
{
    public static Actor Anonymous { get; } = new("anonymous", Guid.Empty, null);

    public static Actor Person(string name, string[] roles, params (Guid RestaurantId, string Role)[] memberships)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, name: name));
    }

    public static Actor Worker(string name = "김알바") => Person(name, ["worker"]);

    public static Actor Diner() => Person("diner", ["diner"]);

    public override string ToString() => Name;
}

/// <summary>A restaurant the service knows (from its events), with its owner, a manager and a staff member.</summary>
public sealed record TestRestaurant(Guid Id, Actor Owner, Actor Manager, Actor Staff, double Lat, double Lng);

/// <summary>The jobs service on a database of its own and the real broker, trusting <see cref="TestTokens"/>; the clock runs only when a test says.</summary>
public class JobsFactory : ServiceFactory<Program>
{
    public static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        settings["Jobs:ClockInterval"] = "01:00:00";
        settings["Jobs:FavouritesFirstMinutes"] = "0";
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public ShiftClock Clock => Services.GetRequiredService<ShiftClock>();

    public HttpClient ClientFor(Actor actor)
    {
        var client = CreateClient();
        return actor.Token is null ? client : client.WithToken(actor.Token);
    }

    public async Task<TestRestaurant> RestaurantAsync(double lat = 37.5665, double lng = 126.9780)
    {
        var id = Guid.CreateVersion7();
        await using var c = await Db.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        await VenueStore.ApplyProfileAsync(c, tx, new RestaurantSnapshot(id, "테스트 식당", "Test", "korean", 2, null, "서울 중구 세종대로 110",
            new GeoPoint(lat, lng), "Asia/Seoul", "KRW", "published", 1), DateTimeOffset.UtcNow, default);
        await tx.CommitAsync();
        return new TestRestaurant(id, Actor.Person("owner", ["owner"], (id, "owner")), Actor.Person("manager", ["manager"], (id, "manager")),
            Actor.Person("staff", ["staff"], (id, "staff")), lat, lng);
    }

    /// <summary>Moves a posting, its applications and their attendance into the past by <paramref name="by"/>, as if that much time had passed.</summary>
    public async Task ShiftBackAsync(Guid jobId, TimeSpan by)
    {
        await using var c = await Db.OpenConnectionAsync();
        await c.ExecuteAsync("""
            UPDATE jobs SET starts_at = starts_at - @by, ends_at = ends_at - @by, public_at = public_at - @by, opened_at = opened_at - @by WHERE id = @jobId;
            UPDATE applications SET during = tstzrange(lower(during) - @by, upper(during) - @by, '[)'),
                checked_in_at = checked_in_at - @by, checked_out_at = checked_out_at - @by, timesheet_due_at = timesheet_due_at - @by
             WHERE job_id = @jobId;
            """, new { jobId, by });
    }

    /// <summary>Moves a posting (and everything of its applications) so that it starts <paramref name="fromNow"/> from now; negative: it has started.</summary>
    public async Task StartInAsync(Guid jobId, TimeSpan fromNow)
    {
        await using var c = await Db.OpenConnectionAsync();
        var by = await c.ExecuteScalarAsync<TimeSpan>("SELECT starts_at - (now() + @fromNow) FROM jobs WHERE id = @jobId", new { jobId, fromNow });
        await ShiftBackAsync(jobId, by);
    }

    public async Task<byte[]> SecretAsync(Guid jobId)
    {
        await using var c = await Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<byte[]>("SELECT attendance_secret FROM jobs WHERE id = @jobId", new { jobId }) ?? [];
    }

    public async Task<IReadOnlyList<string>> EventTypesAboutAsync(Guid id) => (await EventsAboutAsync(id)).Select(e => e.Type).ToList();
}

public static class Scenario
{
    /// <summary>A local date a week ahead (Seoul), well inside the posting window.</summary>
    public static LocalDate Day(int daysAhead = 7) => SystemClock.Instance.GetCurrentInstant().InZone(JobsFactory.Seoul).Date.PlusDays(daysAhead);

    public static Dictionary<string, object?> Posting(TestRestaurant r, int daysAhead = 7, string start = "18:00", string end = "22:00", long wage = 12_000,
        int headcount = 2, string mode = "manual", string category = "serving", string[]? requirements = null, int breakMinutes = 30) => new()
    {
        ["restaurantId"] = r.Id,
        ["title"] = "저녁 홀 서빙",
        ["category"] = category,
        ["description"] = "주말 저녁 피크 타임",
        ["date"] = Day(daysAhead).ToString("yyyy-MM-dd", null),
        ["startTime"] = start,
        ["endTime"] = end,
        ["hourlyWage"] = new { amount = wage, currency = "KRW" },
        ["headcount"] = headcount,
        ["contact"] = new { name = "박매니저", phone = "010-2222-3333" },
        ["dressCode"] = "검은 바지",
        ["requirements"] = requirements ?? [],
        ["breakMinutes"] = breakMinutes,
        ["bookingMode"] = mode,
    };

    /// <summary>A posting body for a shift starting about <paramref name="minutesFromNow"/> minutes from now (Seoul clock), lasting <paramref name="hours"/>.</summary>
    public static Dictionary<string, object?> SoonPosting(TestRestaurant r, int minutesFromNow = 30, int hours = 3, string mode = "manual", int headcount = 2)
    {
        var start = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromMinutes(minutesFromNow + 1)).InZone(JobsFactory.Seoul).LocalDateTime;
        var end = start.PlusHours(hours);
        var body = Posting(r, 0, start.ToString("HH:mm", null), end.ToString("HH:mm", null), mode: mode, headcount: headcount, breakMinutes: 0);
        body["date"] = start.Date.ToString("yyyy-MM-dd", null);
        return body;
    }

    public static async Task<JsonElement> PostedAsync(this JobsFactory f, Actor who, object body)
    {
        using var client = f.ClientFor(who);
        return await (await client.PostAsJsonAsync("/api/jobs", body)).ShouldBeAsync(HttpStatusCode.Created);
    }

    public static async Task<Guid> JobAsync(this JobsFactory f, TestRestaurant r, object? body = null) =>
        (await f.PostedAsync(r.Manager, body ?? Posting(r))).GetProperty("id").GetGuid();

    public static async Task<HttpResponseMessage> ApplyAsync(this JobsFactory f, Actor worker, Guid jobId, string? key = null)
    {
        using var client = f.ClientFor(worker);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/jobs/{jobId}/apply") { Content = JsonContent.Create(new { message = "열심히 하겠습니다" }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    public static async Task<Guid> AppliedAsync(this JobsFactory f, Actor worker, Guid jobId) =>
        (await (await f.ApplyAsync(worker, jobId)).ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

    public static async Task<JsonElement> PostAsync(this JobsFactory f, Actor who, string path, HttpStatusCode expected, object? body = null)
    {
        using var client = f.ClientFor(who);
        var response = body is null ? await client.PostAsync(path, null) : await client.PostAsJsonAsync(path, body);
        return await response.ShouldBeAsync(expected);
    }

    public static async Task<JsonElement> GetAsync(this JobsFactory f, Actor who, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = f.ClientFor(who);
        return await (await client.GetAsync(path)).ShouldBeAsync(expected);
    }

    /// <summary>A booked worker: applied and accepted by the manager.</summary>
    public static async Task<Guid> BookedAsync(this JobsFactory f, TestRestaurant r, Actor worker, Guid jobId)
    {
        var application = await f.AppliedAsync(worker, jobId);
        await f.PostAsync(r.Manager, $"/api/jobs/applications/{application}/accept", HttpStatusCode.OK);
        return application;
    }

    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;

    public static string Status(this JsonElement body) => body.GetProperty("status").GetString()!;
}
