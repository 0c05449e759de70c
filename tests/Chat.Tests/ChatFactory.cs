using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts.Jobs;
using Brigade.Contracts.Restaurants;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Brigade.Chat.Tests;

/// <summary>A person with a token the service trusts.</summary>
public sealed record Actor(string Name, Guid Id, string Token)
{
    public static Actor Person(string name, string[] roles, params (Guid RestaurantId, string Role)[] memberships)
    {
        var id = Guid.CreateVersion7();
        return new Actor(name, id, TestTokens.Create(id.ToString(), roles, memberships, name: name));
    }

    public static Actor Worker(string name = "worker") => Person(name, ["worker"]);

    public static Actor Admin() => Person("admin", ["admin"]);

    public override string ToString() => Name;
}

/// <summary>The chat service on a database of its own, the real broker and the real Redis (hub backplane and presence).</summary>
public class ChatFactory : ServiceFactory<Program>
{
    public const int SendsPerMinute = 40;

    public string InstanceId { get; init; } = "chat";

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Brigade:InstanceId"] = InstanceId;
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        settings["Chat:SendsPerMinute"] = SendsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var client = CreateClient();
        await EventuallyAsync(async () =>
        {
            var health = await client.GetAsync("/health/ready");
            var json = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement;
            return json.GetProperty("checks").TryGetProperty("broker", out var broker) && broker.GetProperty("status").GetString() == "Healthy";
        }, "the broker consumer to be ready", 30);
    }

    public NpgsqlDataSource Db => Services.GetRequiredService<NpgsqlDataSource>();

    public HttpClient ClientFor(Actor? actor)
    {
        var client = CreateClient();
        return actor is null ? client : client.WithToken(actor.Token);
    }

    /// <summary>People of one new restaurant, announced by restaurants as members, once chat has learned them.</summary>
    public async Task<(Guid RestaurantId, Actor[] People)> StaffAsync(params string[] roles)
    {
        var restaurant = Guid.CreateVersion7();
        var people = roles.Select((role, i) => Actor.Person($"{role}{i}", ["staff"], (restaurant, role))).ToArray();
        for (var i = 0; i < people.Length; i++)
        {
            await PublishAsync(new MemberAdded(restaurant, people[i].Id, roles[i], DateTimeOffset.UtcNow));
        }

        await EventuallyAsync(async () =>
            await CountAsync("SELECT count(*) FROM restaurant_staff WHERE restaurant_id = @restaurant", new { restaurant }) == people.Length,
            "the restaurant's members to be learned");
        return (restaurant, people);
    }

    /// <summary>A staff room opened by <paramref name="creator"/> with <paramref name="others"/>.</summary>
    public async Task<Guid> RoomAsync(Guid restaurantId, Actor creator, params Actor[] others)
    {
        using var client = ClientFor(creator);
        var room = await (await client.PostAsJsonAsync("/api/chat/rooms", new { restaurantId, title = "Kitchen", memberIds = others.Select(o => o.Id) }))
            .ShouldBeAsync(HttpStatusCode.Created);
        return room.GetProperty("room").GetProperty("id").GetGuid();
    }

    /// <summary>The room jobs' events opened for an application (null until there is one).</summary>
    public async Task<Guid?> ShiftRoomAsync(Guid applicationId)
    {
        await using var connection = await Db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM rooms WHERE subject = @s", connection);
        command.Parameters.AddWithValue("s", "jobs.application:" + applicationId.ToString("N"));
        return await command.ExecuteScalarAsync() as Guid?;
    }

    public async Task<Guid> AcceptedShiftRoomAsync(Guid restaurantId, Actor worker, params Actor[] contacts)
    {
        var application = Guid.CreateVersion7();
        var start = DateTimeOffset.UtcNow.AddDays(2);
        await PublishAsync(new ApplicationAccepted(application, Guid.CreateVersion7(), restaurantId, worker.Id, contacts.Select(c => c.Id).ToList(),
            "Dishwashing", start, start.AddHours(6), DateTimeOffset.UtcNow));
        Guid? room = null;
        await EventuallyAsync(async () => (room = await ShiftRoomAsync(application)) is not null, "the shift room");
        return room!.Value;
    }

    public static async Task<JsonElement> SendAsync(HttpClient client, Guid roomId, string text, string? clientMessageId = null, HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await client.PostAsJsonAsync($"/api/chat/rooms/{roomId}/messages", new { clientMessageId, text })).ShouldBeAsync(expected);
}

public static class Json
{
    public static IReadOnlyList<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    public static string? Text(this JsonElement message) => message.GetProperty("text").GetString();

    public static long Seq(this JsonElement message) => message.GetProperty("seq").GetInt64();
}
