using System.Net;
using Brigade.Contracts.Restaurants;
using Dapper;

namespace Brigade.Reservations.Tests;

/// <summary>Two replicas sharing the queue of restaurant events, as in production: either may handle an event.</summary>
public sealed class CachingTests(ReplicaPair<ReservationsFactory, Program> replicas) : IClassFixture<ReplicaPair<ReservationsFactory, Program>>
{
    private static async Task<int> SlotsAsync(ReservationsFactory replica, Guid restaurantId)
    {
        using var anyone = replica.CreateClient();
        var availability = await (await anyone.GetAsync($"/api/reservations/availability?restaurantId={restaurantId}&date={TestRestaurant.Day:yyyy-MM-dd}&partySize=2"))
            .ShouldBeAsync(HttpStatusCode.OK);
        return availability.GetProperty("slots").GetArrayLength();
    }

    [Fact]
    public async Task Cached_availability_changes_on_both_replicas_after_a_restaurant_event_whichever_replica_handles_it()
    {
        var r = await replicas.First.RestaurantAsync((1, 4));
        var open = await SlotsAsync(replicas.First, r.Id);
        open.ShouldBeGreaterThan(0);
        (await SlotsAsync(replicas.Second, r.Id)).ShouldBe(open);

        // Behind the service's back: both replicas keep showing their cached facts.
        await using (var connection = await replicas.First.Db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE dining_tables SET active = false WHERE restaurant_id = @Id", new { r.Id });
        }

        (await SlotsAsync(replicas.First, r.Id)).ShouldBe(open);
        (await SlotsAsync(replicas.Second, r.Id)).ShouldBe(open);

        // The event of the change (the table taken out of service) is handled by one of them; both drop their copy.
        await replicas.First.PublishAsync(new TableChanged(r.Id, r.Tables[0], "T1", 1, 4, "Hall", true, 0, false, 2, DateTimeOffset.UtcNow));
        await ReservationsFactory.EventuallyAsync(async () => await SlotsAsync(replicas.First, r.Id) == 0, "the first replica to show no table");
        await ReservationsFactory.EventuallyAsync(async () => await SlotsAsync(replicas.Second, r.Id) == 0, "the second replica to show no table");

        // Shorter hours through the second replica's queue share reach both as well.
        await replicas.Second.PublishAsync(new TableChanged(r.Id, r.Tables[0], "T1", 1, 4, "Hall", true, 0, true, 3, DateTimeOffset.UtcNow));
        await ReservationsFactory.EventuallyAsync(async () => await SlotsAsync(replicas.Second, r.Id) == open, "the table back on the second replica");
        await replicas.Second.PublishAsync(new HoursChanged(r.Id, "Asia/Seoul",
            Scenario.AllDays.Select(d => new WeeklyHours(d, "17:00", "20:00", null)).ToList(), [], DateTimeOffset.UtcNow.AddSeconds(1)));
        await ReservationsFactory.EventuallyAsync(async () => await SlotsAsync(replicas.First, r.Id) is > 0 and var n && n < open, "the shorter hours on the first replica");
        await ReservationsFactory.EventuallyAsync(async () => await SlotsAsync(replicas.Second, r.Id) == await SlotsAsync(replicas.First, r.Id), "the shorter hours on the second replica");
    }

    [Fact]
    public async Task A_booking_takes_its_slot_out_of_cached_availability_at_once_on_every_replica()
    {
        var r = await replicas.First.RestaurantAsync((1, 4));
        var open = await SlotsAsync(replicas.Second, r.Id);
        await SlotsAsync(replicas.First, r.Id);

        // Bookings are read from the database on every call: no invalidation to wait for.
        await replicas.First.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19));

        (await SlotsAsync(replicas.Second, r.Id)).ShouldBeLessThan(open);
        (await SlotsAsync(replicas.First, r.Id)).ShouldBe(await SlotsAsync(replicas.Second, r.Id));
    }

    [Fact]
    public async Task New_booking_settings_reach_the_cached_availability_of_the_other_replica()
    {
        var r = await replicas.First.RestaurantAsync((1, 4));
        (await SlotsAsync(replicas.Second, r.Id)).ShouldBeGreaterThan(0);

        await replicas.First.PutSettingsAsync(r, new { blockedDates = new[] { TestRestaurant.Day.ToString("yyyy-MM-dd", null) } });

        (await SlotsAsync(replicas.First, r.Id)).ShouldBe(0);
        await ReservationsFactory.EventuallyAsync(async () => await SlotsAsync(replicas.Second, r.Id) == 0, "the blocked date on the second replica");
    }
}
