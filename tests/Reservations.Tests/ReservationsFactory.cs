using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts;
using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Reservations.Data;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Brigade.Reservations.Tests;

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

    public static Actor Manager(Guid restaurantId) => Person("manager", ["manager"], (restaurantId, "manager"));

    public static Actor Staff(Guid restaurantId) => Person("staff", ["staff"], (restaurantId, "staff"));

    public override string ToString() => Name;
}

/// <summary>The reservations service on a database of its own and the real broker, trusting <see cref="TestTokens"/>.</summary>
public class ReservationsFactory : ServiceFactory<Program>
{
    public static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        settings["Reservations:HoldExpiryInterval"] = "01:00:00";
    }

    public NpgsqlDataSource Db => Database.DataSource;

    public HttpClient ClientFor(Actor actor)
    {
        var client = CreateClient();
        return actor.Token is null ? client : client.WithToken(actor.Token);
    }

    /// <summary>Applies restaurant facts directly (as the event handlers would), so a test needs no broker round trip.</summary>
    public async Task ApplyAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> apply)
    {
        var dataSource = Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await apply(connection, transaction);
        await transaction.CommitAsync();
    }

}

/// <summary>A published restaurant known to the service, open 11:00–23:00 every day, with its tables.</summary>
public sealed record TestRestaurant(Guid Id, IReadOnlyList<Guid> Tables, Actor Owner, Actor Staff)
{
    /// <summary>A local date a week ahead, well inside the default advance window.</summary>
    public static LocalDate Day { get; } = SystemClock.Instance.GetCurrentInstant().InZone(ReservationsFactory.Seoul).Date.PlusDays(7);

    public static DateTimeOffset At(int hour, int minute = 0, int days = 0) =>
        Day.PlusDays(days).At(new LocalTime(hour, minute)).InZoneStrictly(ReservationsFactory.Seoul).ToDateTimeOffset();
}

public static class Scenario
{
    public static readonly string[] AllDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>A bookable restaurant with tables of (min, max) seats; default one table for 2–4.</summary>
    public static async Task<TestRestaurant> RestaurantAsync(this ReservationsFactory factory, params (int Min, int Max)[] tables)
    {
        if (tables.Length == 0)
        {
            tables = [(1, 4)];
        }

        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        var tableIds = tables.Select(_ => Guid.CreateVersion7()).ToList();
        await factory.ApplyAsync(async (c, tx) =>
        {
            await RestaurantFacts.ApplyProfileAsync(c, tx, Snapshot(id, "published"), now, default);
            await RestaurantFacts.ApplyHoursAsync(c, tx, new HoursChanged(id, "Asia/Seoul",
                AllDays.Select(d => new WeeklyHours(d, "11:00", "23:00", null)).ToList(), [], now), default);
            for (var i = 0; i < tables.Length; i++)
            {
                await RestaurantFacts.ApplyTableAsync(c, tx, new TableChanged(id, tableIds[i], $"T{i + 1}", tables[i].Min, tables[i].Max, "Hall", true, 0, true, 1, now), default);
            }
        });
        return new TestRestaurant(id, tableIds, Actor.Owner(id), Actor.Staff(id));
    }

    public static RestaurantSnapshot Snapshot(Guid id, string status) =>
        new(id, "테스트 식당", "Test", "korean", 2, null, "서울 중구", new GeoPoint(37.5, 127.0), "Asia/Seoul", "KRW", status, 1);

    public static async Task PutSettingsAsync(this ReservationsFactory factory, TestRestaurant r, object settings)
    {
        using var client = factory.ClientFor(r.Owner);
        await (await client.PutAsJsonAsync($"/api/reservations/settings/{r.Id}", settings)).ShouldBeAsync(HttpStatusCode.OK);
    }

    public static HttpRequestMessage Booking(object body, string? key = null) => new(HttpMethod.Post, "/api/reservations")
    {
        Content = JsonContent.Create(body),
        Headers = { { "Idempotency-Key", key ?? Guid.NewGuid().ToString() } },
    };

    public static async Task<HttpResponseMessage> BookAsync(this ReservationsFactory factory, Actor who, Guid restaurantId, DateTimeOffset start, int partySize = 2, string? key = null)
    {
        using var client = factory.ClientFor(who);
        return await client.SendAsync(Booking(new { restaurantId, partySize, start, guest = new { name = "김민준", phone = "010-1234-5678" } }, key));
    }

    public static async Task<JsonElement> BookedAsync(this ReservationsFactory factory, Actor who, Guid restaurantId, DateTimeOffset start, int partySize = 2) =>
        await (await factory.BookAsync(who, restaurantId, start, partySize)).ShouldBeAsync(HttpStatusCode.Created);

    /// <summary>Moves a booking's start to <paramref name="minutes"/> from now (arrival opens an hour before the start).</summary>
    public static async Task StartsInAsync(this ReservationsFactory factory, Guid id, int minutes)
    {
        await using var c = await factory.Db.OpenConnectionAsync();
        await Dapper.SqlMapper.ExecuteAsync(c,
            "UPDATE reservations SET starts_at = now() + make_interval(mins => @minutes), ends_at = now() + make_interval(mins => @minutes + 90) WHERE id = @id",
            new { id, minutes });
    }

    /// <summary>A published restaurant open every day 18:00–02:00 (a late service running past midnight), with one table for 1–4.</summary>
    public static async Task<TestRestaurant> LateRestaurantAsync(this ReservationsFactory factory) => await factory.RestaurantWithHoursAsync("18:00", "02:00");

    /// <summary>A published restaurant open round the clock (its queue is always open), with one table for 1–4.</summary>
    public static async Task<TestRestaurant> AlwaysOpenRestaurantAsync(this ReservationsFactory factory) => await factory.RestaurantWithHoursAsync("00:00", "00:00");

    private static async Task<TestRestaurant> RestaurantWithHoursAsync(this ReservationsFactory factory, string open, string close)
    {
        var r = await factory.RestaurantAsync();
        await factory.ApplyAsync((c, tx) => RestaurantFacts.ApplyHoursAsync(c, tx, new HoursChanged(r.Id, "Asia/Seoul",
            AllDays.Select(d => new WeeklyHours(d, open, close, null)).ToList(), [], DateTimeOffset.UtcNow.AddSeconds(1)), default));
        return r;
    }

    /// <summary>
    /// Publishes <paramref name="event"/> as another service would and waits until this service has handled it (its message is
    /// in the inbox), so a test can then assert what did, or did not, change.
    /// </summary>
    public static async Task PublishHandledAsync<TEvent>(this ReservationsFactory factory, TEvent @event, Guid marker) where TEvent : Brigade.Contracts.IIntegrationEvent
    {
        await factory.PublishAsync(@event);
        await using var c = await factory.Db.OpenConnectionAsync();
        var messageId = await Dapper.SqlMapper.ExecuteScalarAsync<Guid>(c,
            "SELECT message_id FROM messaging_outbox WHERE strpos(payload::text, @marker) > 0 ORDER BY position DESC LIMIT 1", new { marker = marker.ToString() });
        await ReservationsFactory.EventuallyAsync(
            async () => await factory.CountAsync("SELECT count(*) FROM messaging_inbox WHERE message_id = @messageId", new { messageId }) == 1,
            $"{typeof(TEvent).Name} to be handled");
    }

    /// <summary>The notifications requested about <paramref name="id"/> (an id in the audience, the link or the text), oldest first.</summary>
    public static async Task<IReadOnlyList<JsonElement>> NoticesAboutAsync(this ReservationsFactory factory, Guid id) =>
        (await factory.EventsAboutAsync(id)).Where(e => e.Type == "notifications.notification.requested").Select(e => e.Payload).ToList();

    public static async Task<JsonElement> PostWithIfMatchAsync(this ReservationsFactory factory, Actor who, string path, string ifMatch, HttpStatusCode expected)
    {
        using var client = factory.ClientFor(who);
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await (await client.SendAsync(request)).ShouldBeAsync(expected);
    }

    public static async Task<JsonElement> PostAsync(this ReservationsFactory factory, Actor who, string path, HttpStatusCode expected)
    {
        using var client = factory.ClientFor(who);
        return await (await client.PostAsync(path, null)).ShouldBeAsync(expected);
    }
}
