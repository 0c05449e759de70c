using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Staff.Tests;

/// <summary>A person calling the API, with a token the service trusts.</summary>
public sealed record Actor(string Name, Guid Id, string? Token)
{
    public static Actor Anonymous { get; } = new("anonymous", Guid.Empty, null);

    public static Actor Person(string name, string[] roles, params (Guid RestaurantId, string Role)[] memberships)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, name: name));
    }

    public override string ToString() => Name;
}

/// <summary>A restaurant of the test's own with its owner, a manager and a staff member (and an outsider's manager elsewhere).</summary>
public sealed record TestRestaurant(Guid Id, Actor Owner, Actor Manager, Actor Staff);

/// <summary>The staff service on a database of its own and the real broker, trusting <see cref="TestTokens"/>.</summary>
public class StaffFactory : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        // The golden payroll months are fixed dates; keep them runnable for years.
        settings["Staff:PayrollMonthsBack"] = "120";
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public HttpClient ClientFor(Actor actor)
    {
        var client = CreateClient();
        return actor.Token is null ? client : client.WithToken(actor.Token);
    }

    public static TestRestaurant Restaurant()
    {
        var id = Guid.CreateVersion7();
        return new TestRestaurant(id, Actor.Person("owner", ["owner"], (id, "owner")), Actor.Person("manager", ["manager"], (id, "manager")),
            Actor.Person("staff", ["staff"], (id, "staff")));
    }

    public async Task<JsonElement> SendAsync(Actor who, HttpMethod method, string path, HttpStatusCode expected, object? body = null, string? ifMatch = null)
    {
        using var client = ClientFor(who);
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await (await client.SendAsync(request)).ShouldBeAsync(expected);
    }

    public Task<JsonElement> PostAsync(Actor who, string path, HttpStatusCode expected, object? body = null) => SendAsync(who, HttpMethod.Post, path, expected, body ?? new { });

    public Task<JsonElement> PutAsync(Actor who, string path, HttpStatusCode expected, object body, string? ifMatch = null) => SendAsync(who, HttpMethod.Put, path, expected, body, ifMatch);

    public Task<JsonElement> GetAsync(Actor who, string path, HttpStatusCode expected = HttpStatusCode.OK) => SendAsync(who, HttpMethod.Get, path, expected);

    public static Dictionary<string, object?> Employee(TestRestaurant r, Actor? person = null, long wage = 12_000, string kind = "hourly", int weeklyHours = 40, string name = "김직원") => new()
    {
        ["restaurantId"] = r.Id,
        ["userId"] = person?.Id,
        ["name"] = name,
        ["position"] = "hall",
        ["employmentType"] = "part_time",
        ["payKind"] = kind,
        ["pay"] = new { amount = wage, currency = "KRW" },
        ["weeklyHours"] = weeklyHours,
        ["contractStart"] = "2025-01-01",
        ["healthCertificateExpiresOn"] = "2027-06-30",
    };

    /// <summary>A new hourly employee of <paramref name="r"/>, linked to <paramref name="person"/>'s account when given.</summary>
    public async Task<Guid> EmployeeAsync(TestRestaurant r, Actor? person = null, long wage = 12_000, int weeklyHours = 40) =>
        (await PostAsync(r.Manager, "/api/staff/employees", HttpStatusCode.Created, Employee(r, person, wage, weeklyHours: weeklyHours))).GetProperty("id").GetGuid();

    /// <summary>A finished timecard recorded by the manager (Seoul times "yyyy-MM-ddTHH:mm"), approved by the owner unless told not to.</summary>
    public async Task<Guid> WorkedAsync(TestRestaurant r, Guid employeeId, string clockIn, string clockOut, (string Start, string End)[]? breaks = null, bool approve = true)
    {
        var card = await PostAsync(r.Manager, "/api/staff/timecards", HttpStatusCode.Created, new
        {
            employeeId,
            clockIn = clockIn + ":00+09:00",
            clockOut = clockOut + ":00+09:00",
            breaks = (breaks ?? []).Select(b => new { start = b.Start + ":00+09:00", end = b.End + ":00+09:00" }).ToArray(),
            reason = "종이 출근부 입력",
        });
        var id = card.GetProperty("id").GetGuid();
        if (approve)
        {
            await PostAsync(r.Owner, $"/api/staff/timecards/{id}/approve", HttpStatusCode.OK);
        }

        return id;
    }

    /// <summary>Notifications staff asked for about <paramref name="restaurantId"/>'s business, of one type, oldest first.</summary>
    public async Task<List<JsonElement>> NoticesAsync(string type, Guid restaurantId)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        var payloads = await connection.QueryAsync<string>("""
            SELECT payload::text FROM messaging_outbox
             WHERE type = 'notifications.notification.requested' AND payload ->> 'type' = @type AND payload -> 'audience' ->> 'restaurantId' = @id
             ORDER BY position
            """, new { type, id = restaurantId.ToString() });
        return payloads.Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();
    }

    public async Task<List<JsonElement>> OutboxAsync(string type, Guid restaurantId)
    {
        await using var connection = await Database.DataSource.OpenConnectionAsync();
        var payloads = await connection.QueryAsync<string>(
            "SELECT payload::text FROM messaging_outbox WHERE type = @type AND payload ->> 'restaurantId' = @id ORDER BY position",
            new { type, id = restaurantId.ToString() });
        return payloads.Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToList();
    }
}

public static class Json
{
    public static string Code(this JsonElement problem) => problem.GetProperty("code").GetString()!;

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static long Amount(this JsonElement e, string name) => e.GetProperty(name).GetProperty("amount").GetInt64();
}
