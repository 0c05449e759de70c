using System.Net;
using Brigade.Contracts.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Reservations.Tests;

/// <summary>Deposits are requested from payments in the booking's transaction and confirmed by its events, once.</summary>
public sealed class DepositTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    private async Task<(TestRestaurant Restaurant, Actor Diner, Guid Reservation)> PendingAsync()
    {
        var r = await factory.RestaurantAsync((1, 8));
        await factory.PutSettingsAsync(r, new { deposit = new { minPartySize = 4, amount = new { amount = 20_000, currency = "KRW" }, perCover = true, holdMinutes = 10 } });
        var diner = Actor.Diner();
        var booked = await factory.BookedAsync(diner, r.Id, TestRestaurant.At(19), partySize: 4);
        booked.GetProperty("status").GetString().ShouldBe("pending_payment");
        return (r, diner, booked.GetProperty("id").GetGuid());
    }

    private static PaymentCompleted Paid(Guid reservation, TestRestaurant r, Actor diner, long amount = 80_000, string kind = "reservation_deposit") =>
        new(Guid.CreateVersion7(), new PaymentPurpose(kind, reservation), r.Id, diner.Id, amount, "KRW", "card", DateTimeOffset.UtcNow);

    private async Task<string> StatusAsync(Actor who, Guid id)
    {
        using var client = factory.ClientFor(who);
        return (await (await client.GetAsync($"/api/reservations/{id}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("status").GetString()!;
    }

    [Fact]
    public async Task A_booking_that_needs_a_deposit_requests_it_and_asks_the_diner_to_pay()
    {
        var (r, diner, id) = await PendingAsync();
        var events = await factory.EventsAboutAsync(id);
        var requested = events.Single(e => e.Type == "reservations.deposit.requested").Payload;
        requested.GetProperty("amount").GetInt64().ShouldBe(80_000);
        requested.GetProperty("currency").GetString().ShouldBe("KRW");
        requested.GetProperty("dinerId").GetGuid().ShouldBe(diner.Id);
        requested.GetProperty("start").GetDateTimeOffset().ShouldBe(TestRestaurant.At(19));
        requested.GetProperty("start").GetString()!.ShouldEndWith("+09:00");
        requested.GetProperty("holdExpiresAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow);

        var due = (await factory.NoticesAboutAsync(id)).ShouldHaveSingleItem();
        due.GetProperty("type").GetString().ShouldBe("reservations.deposit.due");
        due.GetProperty("audience").GetProperty("userIds").EnumerateArray().Select(u => u.GetGuid()).ShouldBe([diner.Id]);
        due.GetProperty("link").GetString().ShouldBe($"/reservations?reservation={id}");
        due.GetProperty("body").GetString()!.ShouldContain("80,000원");
        due.GetProperty("body").GetString()!.ShouldContain("19:00 KST");
        due.GetProperty("bodyEn").GetString()!.ShouldContain("₩80,000");
    }

    [Fact]
    public async Task The_payments_event_confirms_the_booking_once()
    {
        var (r, diner, id) = await PendingAsync();
        var payment = Paid(id, r, diner);
        await factory.PublishAsync(payment);
        await ReservationsFactory.EventuallyAsync(async () => await StatusAsync(diner, id) == "confirmed", "the paid deposit to confirm the booking");

        using (var client = factory.ClientFor(diner))
        {
            var confirmed = await (await client.GetAsync($"/api/reservations/{id}")).ShouldBeAsync(HttpStatusCode.OK);
            confirmed.GetProperty("deposit").GetProperty("paymentStatus").GetString().ShouldBe("collected");
            confirmed.GetProperty("holdExpiresAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        }

        // The same payment announced again (a new message: the inbox cannot tell) changes nothing.
        await factory.PublishHandledAsync(payment with { CompletedAt = DateTimeOffset.UtcNow }, payment.PaymentId);
        (await factory.EventsAboutAsync(id)).Count(e => e.Type == "reservations.reservation.confirmed").ShouldBe(1);
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE id = @id AND deposit_payment_id = @PaymentId AND version = 2", new { id, payment.PaymentId }))
            .ShouldBe(1);

        await factory.Services.GetRequiredService<Jobs.HoldExpiry>().ExpireAsync(DateTimeOffset.UtcNow.AddHours(1), default);
        (await StatusAsync(diner, id)).ShouldBe("confirmed");
    }

    [Fact]
    public async Task A_failed_short_or_foreign_payment_confirms_nothing_and_the_hold_still_lapses()
    {
        var (r, diner, id) = await PendingAsync();
        var failed = new PaymentFailed(Guid.CreateVersion7(), new PaymentPurpose("reservation_deposit", id), r.Id, diner.Id, 80_000, "KRW", "card_declined", DateTimeOffset.UtcNow);
        await factory.PublishHandledAsync(failed, failed.PaymentId);
        using (var client = factory.ClientFor(diner))
        {
            var still = await (await client.GetAsync($"/api/reservations/{id}")).ShouldBeAsync(HttpStatusCode.OK);
            still.GetProperty("status").GetString().ShouldBe("pending_payment");
            still.GetProperty("deposit").GetProperty("paymentStatus").GetString().ShouldBe("failed");
        }

        var order = Paid(id, r, diner, kind: "order");
        await factory.PublishHandledAsync(order, order.PaymentId);
        var shortPayment = Paid(id, r, diner, amount: 10_000);
        await factory.PublishHandledAsync(shortPayment, shortPayment.PaymentId);
        (await StatusAsync(diner, id)).ShouldBe("pending_payment");
        (await factory.EventsAboutAsync(id)).ShouldNotContain(e => e.Type == "reservations.reservation.confirmed");

        await factory.Services.GetRequiredService<Jobs.HoldExpiry>().ExpireAsync(DateTimeOffset.UtcNow.AddMinutes(11), default);
        (await StatusAsync(diner, id)).ShouldBe("cancelled");

        // Paid after the hold lapsed: not confirmed (the table may be someone else's), recorded as owed back.
        var late = Paid(id, r, diner);
        await factory.PublishHandledAsync(late, late.PaymentId);
        (await StatusAsync(diner, id)).ShouldBe("cancelled");
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE id = @id AND payment_status = 'paid_after_release'", new { id })).ShouldBe(1);
    }
}
