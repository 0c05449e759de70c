using System.Net;
using System.Net.Http.Json;
using Brigade.Reservations.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Reservations.Tests;

public sealed class LifecycleTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    [Fact]
    public async Task Staff_walk_a_reservation_from_confirmed_to_completed_and_each_step_is_told()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var id = (await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        await factory.StartsInAsync(id, 30);

        await factory.PostAsync(r.Staff, $"/api/reservations/{id}/complete", HttpStatusCode.Conflict); // not seated yet
        (await factory.PostAsync(r.Staff, $"/api/reservations/{id}/arrive", HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("arrived");
        await factory.PostAsync(r.Staff, $"/api/reservations/{id}/arrive", HttpStatusCode.Conflict);
        (await factory.PostAsync(r.Staff, $"/api/reservations/{id}/seat", HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("seated");
        (await factory.PostAsync(r.Staff, $"/api/reservations/{id}/complete", HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("completed");
        await factory.PostAsync(r.Staff, $"/api/reservations/{id}/cancel", HttpStatusCode.Conflict);

        var events = await factory.EventsAboutAsync(id);
        events.Select(e => e.Type).ShouldBe(["reservations.reservation.confirmed", "reservations.reservation.completed"]);
        events[1].Payload.GetProperty("dinerId").GetGuid().ShouldBe(diner.Id);
        (await factory.CountAsync("SELECT count(*) FROM table_holds WHERE reservation_id = @id AND active", new { id })).ShouldBe(0);
    }

    [Fact]
    public async Task A_diner_cancels_their_own_booking_and_the_table_and_covers_return_to_sale()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var id = (await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        await factory.PostAsync(diner, $"/api/reservations/{id}/arrive", HttpStatusCode.Forbidden);
        await factory.PostAsync(Actor.Diner("stranger"), $"/api/reservations/{id}/cancel", HttpStatusCode.NotFound);

        var cancelled = await factory.PostAsync(diner, $"/api/reservations/{id}/cancel", HttpStatusCode.OK);
        cancelled.GetProperty("status").GetString().ShouldBe("cancelled");
        cancelled.GetProperty("cancelledBy").GetString().ShouldBe("diner");
        (await factory.CountAsync("SELECT used FROM slot_covers WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
        (await factory.EventsAboutAsync(id)).Select(e => e.Type).ShouldBe(["reservations.reservation.confirmed", "reservations.reservation.cancelled"]);

        await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19));
    }

    [Fact]
    public async Task A_no_show_is_recorded_only_after_the_start()
    {
        var r = await factory.RestaurantAsync();
        var id = (await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        await factory.PostAsync(r.Staff, $"/api/reservations/{id}/no-show", HttpStatusCode.Conflict);
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE id = @id AND status = 'confirmed'", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task A_no_show_fee_is_capped_by_the_fair_trade_guideline()
    {
        var r = await factory.RestaurantAsync();
        await factory.PutSettingsAsync(r, new { noShow = new { feePercent = 50, expectedSpendPerCover = new { amount = 100_000, currency = "KRW" }, reservationOnly = false } });
        var id = (await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        // The reservation started long ago (as seen by the test): move its start into the past directly.
        await using (var c = await factory.Db.OpenConnectionAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE reservations SET starts_at = now() - interval '1 hour', ends_at = now() + interval '30 minutes' WHERE id = @id", new { id });
        }

        var noShow = await factory.PostAsync(r.Staff, $"/api/reservations/{id}/no-show", HttpStatusCode.OK);
        noShow.GetProperty("status").GetString().ShouldBe("no_show");
        noShow.GetProperty("noShowFee").GetProperty("amount").GetInt64().ShouldBe(40_000); // 20% of 2 × 100,000, not the 50% asked
        var e = (await factory.EventsAboutAsync(id)).Single(x => x.Type == "reservations.reservation.no_show");
        e.Payload.GetProperty("fee").GetInt64().ShouldBe(40_000);
    }

    [Fact]
    public async Task A_deposit_holds_the_table_pending_payment_until_the_hold_expires()
    {
        var r = await factory.RestaurantAsync((1, 8));
        await factory.PutSettingsAsync(r, new { deposit = new { minPartySize = 4, amount = new { amount = 20_000, currency = "KRW" }, perCover = true, holdMinutes = 10 } });
        var small = await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(12), partySize: 2);
        small.GetProperty("status").GetString().ShouldBe("confirmed");

        var diner = Actor.Diner();
        var pending = await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19), partySize: 4);
        pending.GetProperty("status").GetString().ShouldBe("pending_payment");
        pending.GetProperty("deposit").GetProperty("amount").GetInt64().ShouldBe(80_000);
        pending.GetProperty("deposit").GetProperty("paymentStatus").GetString().ShouldBe("pending");
        var id = pending.GetProperty("id").GetGuid();
        // Not confirmed yet: the deposit is requested from payments and the diner is asked to pay, in the booking's transaction.
        (await factory.EventsAboutAsync(id)).Select(e => e.Type).ShouldBe(["reservations.deposit.requested", "notifications.notification.requested"]);
        await (await factory.BookAsync(Actor.Diner(), r.Id, TestRestaurant.At(19))).ShouldBeAsync(HttpStatusCode.Conflict); // held meanwhile

        var expiry = factory.Services.GetRequiredService<HoldExpiry>();
        (await expiry.ExpireAsync(DateTimeOffset.UtcNow, default)).ShouldBe(0);
        (await expiry.ExpireAsync(DateTimeOffset.UtcNow.AddMinutes(11), default)).ShouldBeGreaterThanOrEqualTo(1);

        using var client = factory.ClientFor(diner);
        var expired = await (await client.GetAsync($"/api/reservations/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        expired.GetProperty("status").GetString().ShouldBe("cancelled");
        expired.GetProperty("cancelledBy").GetString().ShouldBe("system");
        await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19));
    }

    [Fact]
    public async Task Staff_record_a_collected_deposit_and_the_booking_is_confirmed()
    {
        var r = await factory.RestaurantAsync((1, 8));
        await factory.PutSettingsAsync(r, new { deposit = new { dates = new[] { TestRestaurant.Day.ToString("yyyy-MM-dd", null) }, amount = new { amount = 50_000 }, perCover = false } });
        var id = (await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        var confirmed = await factory.PostAsync(r.Staff, $"/api/reservations/{id}/confirm", HttpStatusCode.OK);
        confirmed.GetProperty("status").GetString().ShouldBe("confirmed");
        confirmed.GetProperty("deposit").GetProperty("paymentStatus").GetString().ShouldBe("collected");
        (await factory.EventsAboutAsync(id)).Select(e => e.Type).ShouldBe(["reservations.deposit.requested", "notifications.notification.requested", "reservations.reservation.confirmed"]);
        await factory.Services.GetRequiredService<HoldExpiry>().ExpireAsync(DateTimeOffset.UtcNow.AddHours(1), default);
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE id = @id AND status = 'confirmed'", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task A_diner_cancelling_late_gets_the_refund_of_the_window_reached()
    {
        var r = await factory.RestaurantAsync((1, 8));
        await factory.PutSettingsAsync(r, new
        {
            deposit = new { minPartySize = 1, amount = new { amount = 10_000 }, perCover = true },
            cancellation = new { windows = new[] { new { minutesBefore = 30 * 24 * 60, refundPercent = 100 }, new { minutesBefore = 60, refundPercent = 50 } } },
        });
        var diner = Actor.Diner();
        var id = (await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        await factory.PostAsync(r.Staff, $"/api/reservations/{id}/confirm", HttpStatusCode.OK);
        var cancelled = await factory.PostAsync(diner, $"/api/reservations/{id}/cancel", HttpStatusCode.OK);
        cancelled.GetProperty("refundPercent").GetInt32().ShouldBe(50); // a week ahead: inside 30 days, outside 1 hour
        (await factory.EventsAboutAsync(id)).Single(e => e.Type == "reservations.reservation.cancelled").Payload.GetProperty("refundPercent").GetInt32().ShouldBe(50);
    }

    [Fact]
    public async Task Modifying_moves_the_booking_atomically_or_not_at_all()
    {
        var r = await factory.RestaurantAsync();
        var diner = Actor.Diner();
        var id = (await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19))).GetProperty("id").GetGuid();
        await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(12));
        using var client = factory.ClientFor(diner);

        var moved = await (await client.PatchAsJsonAsync($"/api/reservations/{id}", new { start = TestRestaurant.At(19, 30), partySize = 3 })).ShouldBeAsync(HttpStatusCode.OK);
        moved.GetProperty("start").GetDateTimeOffset().ShouldBe(TestRestaurant.At(19, 30));
        moved.GetProperty("partySize").GetInt32().ShouldBe(3);

        var refused = await (await client.PatchAsJsonAsync($"/api/reservations/{id}", new { start = TestRestaurant.At(12, 30) })).ShouldBeAsync(HttpStatusCode.Conflict);
        refused.GetProperty("alternatives").GetArrayLength().ShouldBeGreaterThan(0);
        var kept = await (await client.GetAsync($"/api/reservations/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        kept.GetProperty("start").GetDateTimeOffset().ShouldBe(TestRestaurant.At(19, 30));
        (await factory.CountAsync("SELECT count(*) FROM table_holds WHERE reservation_id = @id AND active", new { id })).ShouldBe(1);
        (await factory.CountAsync("SELECT coalesce(sum(used), 0) FROM slot_covers WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(5);
        (await factory.EventsAboutAsync(id)).Select(e => e.Type).ShouldBe(["reservations.reservation.confirmed", "reservations.reservation.modified"]);

        await (await client.PatchAsJsonAsync($"/api/reservations/{id}", new { })).ShouldBeInvalidAsync("start");
        await factory.PostAsync(r.Staff, $"/api/reservations/{id}/cancel", HttpStatusCode.OK);
        await (await client.PatchAsJsonAsync($"/api/reservations/{id}", new { partySize = 2 })).ShouldBeAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Diners_change_online_only_before_the_cut_off_and_cancel_only_before_the_start()
    {
        var r = await factory.RestaurantAsync((1, 4), (1, 4));
        await factory.PutSettingsAsync(r, new { dinerChangeCutoffMinutes = 2880 });
        var diner = Actor.Diner();
        var id = (await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19, days: -6))).GetProperty("id").GetGuid(); // tomorrow: inside 48 hours
        using (var client = factory.ClientFor(diner))
        {
            await (await client.PatchAsJsonAsync($"/api/reservations/{id}", new { partySize = 3 })).ShouldBeAsync(HttpStatusCode.Conflict);
        }

        using (var staff = factory.ClientFor(r.Staff))
        {
            (await (await staff.PatchAsJsonAsync($"/api/reservations/{id}", new { partySize = 3 })).ShouldBeAsync(HttpStatusCode.OK))
                .GetProperty("partySize").GetInt32().ShouldBe(3);
        }

        await using (var c = await factory.Db.OpenConnectionAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE reservations SET starts_at = now() - interval '10 minutes', ends_at = now() + interval '80 minutes' WHERE id = @id", new { id });
        }

        await factory.PostAsync(diner, $"/api/reservations/{id}/cancel", HttpStatusCode.Conflict);
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE id = @id AND status = 'confirmed'", new { id })).ShouldBe(1);
        await factory.PostAsync(r.Staff, $"/api/reservations/{id}/cancel", HttpStatusCode.OK);
    }
}
