using System.Net;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Reservations;
using Dapper;

namespace Brigade.Payments.Tests;

/// <summary>Money going back: refunds asked for by the restaurant, and those cancellations and no-shows cause.</summary>
public sealed class RefundTests(PaymentsFactory factory) : PaymentsTest(factory), IClassFixture<PaymentsFactory>
{
    [Fact]
    public async Task Partial_refunds_never_return_more_than_was_paid_and_give_the_fee_back_in_proportion()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 10_000);
        var id = (await Factory.PaidAsync(shop.Diner, orderId, 10_000)).GetProperty("id").GetGuid();

        var first = await Factory.SendAsync(shop.Manager, PaymentsFactory.Post($"/api/payments/{id}/refunds", new { amount = 3_000, reason = "cold soup" }), HttpStatusCode.Created);
        first.GetProperty("status").GetString().ShouldBe("succeeded");
        var tooMuch = await Factory.SendAsync(shop.Owner, PaymentsFactory.Post($"/api/payments/{id}/refunds", new { amount = 7_001 }), HttpStatusCode.Conflict);
        tooMuch.GetProperty("code").GetString().ShouldBe("refund_exceeds_payment");
        tooMuch.GetProperty("refundable").GetInt64().ShouldBe(7_000);
        await Factory.SendAsync(shop.Owner, PaymentsFactory.Post($"/api/payments/{id}/refunds", new { amount = 7_000 }), HttpStatusCode.Created);
        await Factory.SendAsync(shop.Owner, PaymentsFactory.Post($"/api/payments/{id}/refunds", new { amount = 1 }), HttpStatusCode.Conflict);

        var payment = await Factory.GetAsync(shop.Diner, $"/api/payments/{id}");
        payment.GetProperty("refunded").GetInt64().ShouldBe(10_000);
        payment.GetProperty("refunds").GetArrayLength().ShouldBe(2);
        var refunded = await Factory.EventsAsync("payments.payment.refunded", id);
        refunded.Select(e => e.GetProperty("refundedTotal").GetInt64()).Order().ShouldBe([3_000, 10_000]);
        Factory.Sandbox.Book.Find(null, id.ToString()).Body.ShouldBeOfType<Brigade.Sandbox.PaymentProvider.PaymentView>().BalanceAmount.ShouldBe(0);

        // Fully refunded: the restaurant is owed nothing for it and the platform kept no fee on it.
        (await ReceivableOfAsync(shop.Id)).ShouldBe(0);
        (await FeesOnAsync(id)).ShouldBe(0);
    }

    [Fact]
    public async Task Concurrent_refunds_cannot_together_return_more_than_was_paid()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 10_000);
        var id = (await Factory.PaidAsync(shop.Diner, orderId, 10_000)).GetProperty("id").GetGuid();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var client = Factory.ClientFor(shop.Owner);
            return await client.SendAsync(PaymentsFactory.Post($"/api/payments/{id}/refunds", new { amount = 4_000 }));
        }));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(2);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(4);
        (await Factory.CountAsync("SELECT refunded FROM payments WHERE id = @id", new { id })).ShouldBe(8_000);
    }

    [Fact]
    public async Task The_diner_and_other_restaurants_cannot_refund()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 6_000);
        var id = (await Factory.PaidAsync(shop.Diner, orderId, 6_000)).GetProperty("id").GetGuid();
        var other = PaymentsFactory.NewShop();

        (await Factory.SendAsync(shop.Diner, PaymentsFactory.Post($"/api/payments/{id}/refunds", new { amount = 6_000 }), HttpStatusCode.Forbidden))
            .GetProperty("code").GetString().ShouldBe("refund_not_allowed");
        await Factory.SendAsync(shop.Staff, PaymentsFactory.Post($"/api/payments/{id}/refunds", new { amount = 6_000 }), HttpStatusCode.Forbidden);
        await Factory.SendAsync(other.Owner, PaymentsFactory.Post($"/api/payments/{id}/refunds", new { amount = 6_000 }), HttpStatusCode.NotFound);
        await Factory.SendAsync(other.Owner, PaymentsFactory.Post("/api/payments/cancel", new { paymentId = id }), HttpStatusCode.NotFound);
        (await Factory.CountAsync("SELECT count(*) FROM refunds WHERE payment_id = @id", new { id })).ShouldBe(0);
    }

    [Fact]
    public async Task The_seeds_cancel_refunds_a_captured_payment_in_full_or_in_part()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 20_000);
        var id = (await Factory.PaidAsync(shop.Diner, orderId, 20_000)).GetProperty("id").GetGuid();

        var partly = await Factory.SendAsync(shop.Owner, PaymentsFactory.Post("/api/payments/cancel", new { paymentId = id, cancelReason = "one dish", cancelAmount = 5_000 }), HttpStatusCode.OK);
        partly.GetProperty("refunded").GetInt64().ShouldBe(5_000);
        var rest = await Factory.SendAsync(shop.Owner, PaymentsFactory.Post("/api/payments/cancel", new { paymentId = id, cancelReason = "closing early" }), HttpStatusCode.OK);
        rest.GetProperty("refunded").GetInt64().ShouldBe(20_000);
        rest.GetProperty("status").GetString().ShouldBe("captured");
    }

    [Fact]
    public async Task A_cancelled_order_refunds_what_ordering_says_is_due_and_can_no_longer_be_paid()
    {
        var shop = PaymentsFactory.NewShop();
        var paidOrder = await Factory.OrderAsync(shop, 30_000);
        var id = (await Factory.PaidAsync(shop.Diner, paidOrder, 30_000)).GetProperty("id").GetGuid();

        await Factory.PublishAsync(new OrderCancelled(paidOrder, shop.Id, shop.Diner.Id, [], true, "restaurant", "out of stock", 24_000, "KRW", DateTimeOffset.UtcNow));
        await PaymentsFactory.EventuallyAsync(async () => await Factory.CountAsync("SELECT refunded FROM payments WHERE id = @id", new { id }) == 24_000, "the order refund");
        var refund = (await Factory.EventsAsync("payments.payment.refunded", id)).ShouldHaveSingleItem();
        refund.GetProperty("reason").GetString().ShouldBe("order_cancelled");

        // The same event again (a redelivery with a new message id) refunds nothing more.
        await Factory.PublishAsync(new OrderCancelled(paidOrder, shop.Id, shop.Diner.Id, [], true, "restaurant", "out of stock", 24_000, "KRW", DateTimeOffset.UtcNow));
        var unpaid = await Factory.OrderAsync(shop, 9_000);
        await Factory.PublishAsync(new OrderCancelled(unpaid, shop.Id, shop.Diner.Id, [], false, "diner", "changed mind", 0, "KRW", DateTimeOffset.UtcNow));
        await PaymentsFactory.EventuallyAsync(async () => await Factory.CountAsync("SELECT count(*) FROM dues WHERE reference_id = @unpaid AND state = 'cancelled'", new { unpaid }) == 1, "the cancellation");
        (await (await Factory.PayAsync(shop.Diner, unpaid, 9_000)).ShouldBeAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("due_closed");
        (await Factory.CountAsync("SELECT count(*) FROM refunds WHERE payment_id = @id", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task A_cancellation_arriving_before_its_order_still_makes_the_order_unpayable()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = Guid.CreateVersion7();
        await Factory.PublishAsync(new OrderCancelled(orderId, shop.Id, shop.Diner.Id, [], false, "system", "timeout", 0, "KRW", DateTimeOffset.UtcNow));
        await PaymentsFactory.EventuallyAsync(async () => await Factory.CountAsync("SELECT count(*) FROM dues WHERE reference_id = @orderId", new { orderId }) == 1, "the early cancellation");
        await Factory.PublishAsync(new OrderPlaced(orderId, shop.Id, shop.Diner.Id, new OrderSource("takeout", null, null, null, null), [], 5_000, 5_000, "KRW", DateTimeOffset.UtcNow));
        await PaymentsFactory.EventuallyAsync(async () => await Factory.CountAsync("SELECT count(*) FROM dues WHERE reference_id = @orderId AND amount = 5000", new { orderId }) == 1, "the late order");

        (await (await Factory.PayAsync(shop.Diner, orderId, 5_000)).ShouldBeAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("due_closed");
    }

    [Fact]
    public async Task A_cancelled_reservation_refunds_the_policys_percent_of_its_deposit()
    {
        var shop = PaymentsFactory.NewShop();
        var reservationId = await Factory.DepositAsync(shop, 30_001);
        var id = (await (await Factory.PayAsync(shop.Diner, null, 30_001, reservationId: reservationId)).ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await Factory.PublishAsync(new ReservationCancelled(reservationId, shop.Id, shop.Diner.Id, DateTimeOffset.UtcNow.AddDays(1), "diner", 50, DateTimeOffset.UtcNow));

        await PaymentsFactory.EventuallyAsync(async () => await Factory.CountAsync("SELECT refunded FROM payments WHERE id = @id", new { id }) == 15_001, "half the deposit back (rounded up)");
        (await Factory.EventsAsync("payments.payment.refunded", id)).ShouldHaveSingleItem().GetProperty("reason").GetString().ShouldBe("reservation_cancelled");
    }

    [Fact]
    public async Task A_no_show_keeps_the_fee_out_of_the_deposit_and_returns_the_rest()
    {
        var shop = PaymentsFactory.NewShop();
        var reservationId = await Factory.DepositAsync(shop, 50_000);
        var id = (await (await Factory.PayAsync(shop.Diner, null, 50_000, reservationId: reservationId)).ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        await Factory.PublishAsync(new ReservationNoShow(reservationId, shop.Id, shop.Diner.Id, DateTimeOffset.UtcNow.AddHours(-1), 20_000, "KRW", DateTimeOffset.UtcNow));

        await PaymentsFactory.EventuallyAsync(async () => await Factory.CountAsync("SELECT refunded FROM payments WHERE id = @id", new { id }) == 30_000, "the deposit beyond the fee back");
        var receivable = await ReceivableOfAsync(shop.Id);
        receivable.ShouldBe(20_000 - 600); // kept 20,000; the fee is 3 % of what was kept
    }

    [Fact]
    public async Task A_payment_captured_after_its_booking_was_cancelled_goes_back_in_full()
    {
        var shop = PaymentsFactory.NewShop();
        var reservationId = await Factory.DepositAsync(shop, 12_000);
        using var client = Factory.ClientFor(shop.Diner);
        var authorised = await (await client.SendAsync(PaymentsFactory.Post("/api/payments",
            new { reservationId, amount = 12_000, captureMethod = "manual", cardDetails = PaymentsFactory.Card() }))).ShouldBeAsync(HttpStatusCode.Created);
        var id = authorised.GetProperty("id").GetGuid();

        // The hold lapses while the card is authorised; reservations cancels with a full refund due.
        await Factory.PublishAsync(new ReservationCancelled(reservationId, shop.Id, shop.Diner.Id, DateTimeOffset.UtcNow.AddDays(1), "system", 100, DateTimeOffset.UtcNow));
        await PaymentsFactory.EventuallyAsync(async () => await Factory.CountAsync("SELECT count(*) FROM dues WHERE reference_id = @reservationId AND state = 'cancelled'", new { reservationId }) == 1, "the cancellation");
        await Factory.SendAsync(shop.Diner, PaymentsFactory.Post($"/api/payments/{id}/capture", null), HttpStatusCode.OK);

        await PaymentsFactory.EventuallyAsync(async () => await Factory.CountAsync("SELECT refunded FROM payments WHERE id = @id", new { id }) == 12_000, "the late capture refunded");
        (await Factory.EventsAsync("payments.payment.refunded", id)).ShouldHaveSingleItem().GetProperty("reason").GetString().ShouldBe("late_capture");
        (await ReceivableOfAsync(shop.Id)).ShouldBe(0);
    }

    private async Task<long> ReceivableOfAsync(Guid restaurantId)
    {
        await using var c = await Factory.Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long?>("SELECT balance FROM ledger_accounts WHERE kind = 'receivable' AND owner_id = @restaurantId", new { restaurantId }) ?? 0;
    }

    private Task<long> FeesOnAsync(Guid paymentId) => Factory.CountAsync("""
        SELECT coalesce(-sum(p.amount), 0) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id
         WHERE a.kind = 'platform_fees' AND (e.reference_id = @paymentId OR e.reference_id IN (SELECT id FROM refunds WHERE payment_id = @paymentId))
        """, new { paymentId });
}
