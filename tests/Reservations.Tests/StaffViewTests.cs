using System.Net;
using System.Text.Json;
using Brigade.Reservations.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Reservations.Tests;

public sealed class StaffViewTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    [Fact]
    public async Task Staff_see_covers_per_slot_against_the_pacing_limit()
    {
        var r = await factory.RestaurantAsync((1, 4), (1, 4), (1, 4));
        await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19), partySize: 2);
        await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19), partySize: 3);
        await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(12), partySize: 4);

        using var staff = factory.ClientFor(r.Staff);
        var covers = await (await staff.GetAsync($"/api/reservations/covers?restaurantId={r.Id}&date={TestRestaurant.Day:yyyy-MM-dd}")).ShouldBeAsync(HttpStatusCode.OK);
        covers.GetProperty("coversPerSlot").GetInt32().ShouldBe(40);
        covers.GetProperty("slots").EnumerateArray().Select(s => (s.GetProperty("start").GetDateTimeOffset(), s.GetProperty("covers").GetInt32()))
            .ShouldBe([(TestRestaurant.At(12), 4), (TestRestaurant.At(19), 5)]);

        var other = await factory.RestaurantAsync();
        using var stranger = factory.ClientFor(other.Owner);
        (await stranger.GetAsync($"/api/reservations/covers?restaurantId={r.Id}&date={TestRestaurant.Day:yyyy-MM-dd}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reminder_is_announced_once_a_day_before_a_confirmed_reservation()
    {
        var r = await factory.RestaurantAsync((1, 4), (1, 4));
        var diner = Actor.Diner();
        var id = (await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        var cancelled = (await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        await factory.PostAsync(r.Staff, $"/api/reservations/{cancelled}/cancel", HttpStatusCode.OK);
        var reminders = factory.Services.GetRequiredService<Reminders>();

        await reminders.SendAsync(TestRestaurant.At(19).AddHours(-25), default);
        (await factory.EventsAboutAsync(id)).ShouldNotContain(e => e.Type == "reservations.reservation.reminder_due");

        await reminders.SendAsync(TestRestaurant.At(19).AddHours(-23), default);
        await reminders.SendAsync(TestRestaurant.At(19).AddHours(-22), default);
        var due = (await factory.EventsAboutAsync(id)).Where(e => e.Type == "reservations.reservation.reminder_due").ShouldHaveSingleItem();
        due.Payload.GetProperty("dinerId").GetGuid().ShouldBe(diner.Id);
        (await factory.EventsAboutAsync(cancelled)).ShouldNotContain(e => e.Type == "reservations.reservation.reminder_due");
    }

    [Fact]
    public async Task Every_operation_has_a_name_a_summary_and_a_tag()
    {
        using var client = factory.CreateClient();
        var document = await (await client.GetAsync("/openapi/v1.json")).ShouldBeAsync(HttpStatusCode.OK);
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/reservations", StringComparison.Ordinal) || p.Name.StartsWith("/api/concierge", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _))
                .Select(o => (Path: $"{o.Name.ToUpperInvariant()} {p.Name}", Operation: o.Value)))
            .ToList();
        operations.Count.ShouldBe(25);
        foreach (var (path, operation) in operations)
        {
            operation.TryGetProperty("operationId", out _).ShouldBeTrue(path);
            operation.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace(path);
            operation.GetProperty("tags").GetArrayLength().ShouldBeGreaterThan(0, path);
        }
    }
}
