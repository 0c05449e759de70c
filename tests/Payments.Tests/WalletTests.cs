using System.Net;
using Brigade.Contracts.Jobs;
using Dapper;

namespace Brigade.Payments.Tests;

/// <summary>Shift pay into workers' wallets, settlements, withdrawals to the bank.</summary>
public sealed class WalletTests(PaymentsFactory factory) : PaymentsTest(factory), IClassFixture<PaymentsFactory>
{
    private static object Bank(long amount, string account = "110-123-456789") => new { amount, bankCode = "088", accountNumber = account, accountHolder = "김민준" };

    [Fact]
    public async Task An_approved_shift_pays_the_worker_gross_less_fee_and_withholding_and_debits_the_restaurant()
    {
        var shop = PaymentsFactory.NewShop();
        var worker = Actor.Worker();

        await Factory.ShiftAsync(shop, worker, 200_000);

        var wallet = await Factory.GetAsync(worker, "/api/wallets/mine");
        wallet.GetProperty("pending").GetInt64().ShouldBe(200_000 - 10_000 - 1_350); // 5 % fee, 2.7 % of 50,000 withheld
        wallet.GetProperty("available").GetInt64().ShouldBe(0);
        var restaurant = await Factory.GetAsync(shop.Owner, $"/api/wallets/restaurants/{shop.Id}");
        restaurant.GetProperty("available").GetInt64().ShouldBe(-200_000);

        var history = await Factory.GetAsync(worker, "/api/wallets/mine/history");
        history.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("category").GetString(), i.GetProperty("amount").GetInt64()))
            .ShouldBe([("gross", 200_000L), ("fee", -10_000L), ("withholding", -1_350L)], ignoreOrder: true);
    }

    [Fact]
    public async Task Shifts_on_one_day_are_taxed_together_and_a_redelivered_shift_pays_once()
    {
        var shop = PaymentsFactory.NewShop();
        var worker = Actor.Worker();
        var morning = new DateTimeOffset(2026, 12, 10, 1, 0, 0, TimeSpan.Zero); // 10:00 in Seoul
        await Factory.ShiftAsync(shop, worker, 160_000, morning);
        await Factory.ShiftAsync(shop, worker, 160_000, morning.AddHours(9));

        (await Factory.CountAsync("SELECT sum(withholding) FROM shift_earnings WHERE worker_id = @Id", new { worker.Id })).ShouldBe(4_590);
        (await Factory.CountAsync("SELECT count(DISTINCT work_date) FROM shift_earnings WHERE worker_id = @Id", new { worker.Id })).ShouldBe(1);
    }

    [Fact]
    public async Task A_late_cancellation_by_the_restaurant_pays_the_worker_the_compensation_once_and_nothing_else_pays()
    {
        var shop = PaymentsFactory.NewShop();
        var worker = Actor.Worker();
        var start = DateTimeOffset.UtcNow.AddHours(3);
        ShiftCancelled Cancelled(Guid applicationId, string by, bool late, long compensation) =>
            new(applicationId, Guid.CreateVersion7(), shop.Id, worker.Id, by, late, compensation, "KRW", start, DateTimeOffset.UtcNow);

        // Jobs computed compensation for each, but only the restaurant's late cancellation owes it.
        var late = Cancelled(Guid.CreateVersion7(), "restaurant", true, 40_000);
        var byWorker = Cancelled(Guid.CreateVersion7(), "worker", true, 40_000);
        var early = Cancelled(Guid.CreateVersion7(), "restaurant", false, 40_000);
        foreach (var e in new[] { late, late with { CancelledAt = DateTimeOffset.UtcNow }, byWorker, early })
        {
            await Factory.PublishAsync(e);
        }

        // All four messages handled (the redelivery too), then one payment of the compensation.
        await PaymentsFactory.EventuallyAsync(async () => await Factory.CountAsync("""
            SELECT count(*) FROM messaging_inbox i JOIN messaging_outbox o ON o.message_id = i.message_id
             WHERE o.type = 'jobs.shift.cancelled' AND o.payload ->> 'workerId' = @id
            """, new { id = worker.Id.ToString() }) == 4, "the cancellations to be handled");
        (await Factory.CountAsync("SELECT count(*) FROM shift_earnings WHERE worker_id = @Id", new { worker.Id })).ShouldBe(1);
        (await Factory.CountAsync("SELECT count(*) FROM journal_entries WHERE kind = 'shift_compensation' AND reference_id = @ApplicationId", new { late.ApplicationId })).ShouldBe(1);

        var wallet = await Factory.GetAsync(worker, "/api/wallets/mine");
        wallet.GetProperty("pending").GetInt64().ShouldBe(40_000); // no platform fee on compensation; below the day's tax threshold
        (await Factory.GetAsync(shop.Owner, $"/api/wallets/restaurants/{shop.Id}")).GetProperty("available").GetInt64().ShouldBe(-40_000);

        var run = await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { workerId = worker.Id }), HttpStatusCode.OK);
        run.GetProperty("settlements").EnumerateArray().Single().GetProperty("net").GetInt64().ShouldBe(40_000);
        (await Factory.GetAsync(worker, "/api/wallets/mine")).GetProperty("available").GetInt64().ShouldBe(40_000);
    }

    [Fact]
    public async Task Settling_moves_the_workers_pay_to_available_and_a_withdrawal_reaches_the_bank()
    {
        var shop = PaymentsFactory.NewShop();
        var worker = Actor.Worker();
        await Factory.ShiftAsync(shop, worker, 100_000);
        var run = await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { workerId = worker.Id }), HttpStatusCode.OK);
        var statement = run.GetProperty("settlements").EnumerateArray().Single();
        statement.GetProperty("gross").GetInt64().ShouldBe(100_000);
        statement.GetProperty("fees").GetInt64().ShouldBe(5_000);
        statement.GetProperty("withholding").GetInt64().ShouldBe(0);
        statement.GetProperty("net").GetInt64().ShouldBe(95_000);

        var wallet = await Factory.GetAsync(worker, "/api/payments/wallet");
        wallet.GetProperty("available").GetInt64().ShouldBe(95_000);
        wallet.GetProperty("pending").GetInt64().ShouldBe(0);

        var payout = await Factory.SendAsync(worker, PaymentsFactory.Post("/api/payments/withdraw", Bank(60_000)), HttpStatusCode.Created);
        payout.GetProperty("status").GetString().ShouldBe("completed");
        payout.GetProperty("accountNumber").GetString().ShouldBe("********6789");
        payout.GetProperty("fee").GetInt64().ShouldBe(PaymentsFactory.PayoutFee);
        var payoutId = payout.GetProperty("id").GetGuid();
        (await Factory.EventsAsync("payments.payout.completed", payoutId)).ShouldHaveSingleItem().GetProperty("amount").GetInt64().ShouldBe(60_000);

        var after = await Factory.GetAsync(worker, "/api/wallets/mine");
        after.GetProperty("available").GetInt64().ShouldBe(95_000 - 60_000 - PaymentsFactory.PayoutFee);
        after.GetProperty("held").GetInt64().ShouldBe(0);
        (await Factory.GetAsync(worker, "/api/settlements/mine")).GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_withdrawal_is_refused_beyond_the_available_balance_and_below_the_minimum()
    {
        var shop = PaymentsFactory.NewShop();
        var worker = Actor.Worker();
        await Factory.ShiftAsync(shop, worker, 10_000);

        // Pending (unsettled) money cannot be withdrawn.
        var early = await Factory.SendAsync(worker, PaymentsFactory.Post("/api/wallets/mine/withdrawals", Bank(5_000)), HttpStatusCode.Conflict);
        early.GetProperty("code").GetString().ShouldBe("insufficient_funds");
        await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { workerId = worker.Id }), HttpStatusCode.OK);

        await Factory.SendAsync(worker, PaymentsFactory.Post("/api/wallets/mine/withdrawals", Bank(9_500 - PaymentsFactory.PayoutFee + 1)), HttpStatusCode.Conflict);
        await Factory.SendAsync(worker, PaymentsFactory.Post("/api/wallets/mine/withdrawals", Bank(999)), HttpStatusCode.BadRequest);
        await Factory.SendAsync(worker, PaymentsFactory.Post("/api/wallets/mine/withdrawals", Bank(9_500 - PaymentsFactory.PayoutFee)), HttpStatusCode.Created);
        (await Factory.GetAsync(worker, "/api/wallets/mine")).GetProperty("available").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Concurrent_withdrawals_never_overdraw_a_wallet()
    {
        var shop = PaymentsFactory.NewShop();
        var worker = Actor.Worker();
        await Factory.ShiftAsync(shop, worker, 40_000); // 38,000 after the fee
        await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { workerId = worker.Id }), HttpStatusCode.OK);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var client = Factory.ClientFor(worker);
            return await client.SendAsync(PaymentsFactory.Post("/api/wallets/mine/withdrawals", Bank(10_000)));
        }));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(3); // 3 × 10,500 ≤ 38,000 < 4 × 10,500
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(5);
        (await Factory.GetAsync(worker, "/api/wallets/mine")).GetProperty("available").GetInt64().ShouldBe(38_000 - 3 * 10_500);
    }

    [Fact]
    public async Task A_withdrawal_the_bank_refuses_goes_back_to_the_wallet()
    {
        var shop = PaymentsFactory.NewShop();
        var worker = Actor.Worker();
        await Factory.ShiftAsync(shop, worker, 20_000);
        await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { workerId = worker.Id }), HttpStatusCode.OK);

        var refused = await Factory.SendAsync(worker, PaymentsFactory.Post("/api/wallets/mine/withdrawals", Bank(5_000, "1234-5678-0000")), HttpStatusCode.Created);

        refused.GetProperty("status").GetString().ShouldBe("failed");
        refused.GetProperty("failureCode").GetString().ShouldBe("INVALID_ACCOUNT_NUMBER");
        var wallet = await Factory.GetAsync(worker, "/api/wallets/mine");
        wallet.GetProperty("available").GetInt64().ShouldBe(19_000);
        wallet.GetProperty("held").GetInt64().ShouldBe(0);
        (await Factory.EventsAsync("payments.payout.completed", refused.GetProperty("id").GetGuid())).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_slow_bank_leaves_the_money_held_until_the_reconciler_hears_it_arrived()
    {
        var shop = PaymentsFactory.NewShop();
        var worker = Actor.Worker();
        await Factory.ShiftAsync(shop, worker, 20_000);
        await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { workerId = worker.Id }), HttpStatusCode.OK);

        var pending = await Factory.SendAsync(worker, PaymentsFactory.Post("/api/wallets/mine/withdrawals", Bank(10_000, "3333-4444-1119")), HttpStatusCode.Accepted);
        pending.GetProperty("status").GetString().ShouldBe("pending");
        (await Factory.GetAsync(worker, "/api/wallets/mine")).GetProperty("held").GetInt64().ShouldBe(10_500);
        var id = pending.GetProperty("id").GetGuid();

        await PaymentsFactory.EventuallyAsync(async () => (await Factory.GetAsync(worker, $"/api/wallets/withdrawals/{id}")).GetProperty("status").GetString() == "completed",
            "the slow payout to complete");
        (await Factory.GetAsync(worker, "/api/wallets/mine")).GetProperty("held").GetInt64().ShouldBe(0);
        (await Factory.EventsAsync("payments.payout.completed", id)).Count.ShouldBe(1);
        Factory.Sandbox.Book.FindPayout(id.ToString()).Body.ShouldBeOfType<Brigade.Sandbox.PaymentProvider.PayoutView>().Status.ShouldBe("COMPLETED");
    }

    [Fact]
    public async Task A_restaurant_is_settled_its_captures_less_fees_and_refunds_and_can_withdraw_them()
    {
        var shop = PaymentsFactory.NewShop();
        var first = (await Factory.PaidAsync(shop.Diner, await Factory.OrderAsync(shop, 50_000), 50_000)).GetProperty("id").GetGuid();
        await Factory.PaidAsync(shop.Diner, await Factory.OrderAsync(shop, 20_000), 20_000);
        await Factory.SendAsync(shop.Owner, PaymentsFactory.Post($"/api/payments/{first}/refunds", new { amount = 10_000 }), HttpStatusCode.Created);

        var run = await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { restaurantId = shop.Id }), HttpStatusCode.OK);
        var statement = run.GetProperty("settlements").EnumerateArray().Single();
        statement.GetProperty("gross").GetInt64().ShouldBe(70_000);
        statement.GetProperty("refunds").GetInt64().ShouldBe(10_000);
        statement.GetProperty("fees").GetInt64().ShouldBe(1_800); // 3 % of the 60,000 kept
        statement.GetProperty("net").GetInt64().ShouldBe(58_200);
        var id = statement.GetProperty("id").GetGuid();
        (await Factory.EventsAsync("payments.settlement.created", id)).ShouldHaveSingleItem().GetProperty("net").GetInt64().ShouldBe(58_200);

        var list = await Factory.GetAsync(shop.Manager, $"/api/settlements?restaurantId={shop.Id}");
        list.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(id);
        var lines = (await Factory.GetAsync(shop.Owner, $"/api/settlements/{id}")).GetProperty("lines");
        lines.EnumerateArray().Sum(l => l.GetProperty("amount").GetInt64()).ShouldBe(58_200);

        // Settled once: another run finds nothing new.
        (await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { restaurantId = shop.Id }), HttpStatusCode.OK))
            .GetProperty("settlements").GetArrayLength().ShouldBe(0);

        var wallet = await Factory.GetAsync(shop.Owner, $"/api/payments/wallet?restaurantId={shop.Id}");
        wallet.GetProperty("available").GetInt64().ShouldBe(58_200);
        var payout = await Factory.SendAsync(shop.Owner, PaymentsFactory.Post("/api/payments/withdraw", new { amount = 50_000, bankCode = "004", accountNumber = "123456789012", accountHolder = "테스트 식당", restaurantId = shop.Id }),
            HttpStatusCode.Created);
        payout.GetProperty("status").GetString().ShouldBe("completed");
    }

    [Fact]
    public async Task Concurrent_settlement_runs_settle_each_earning_once()
    {
        var shop = PaymentsFactory.NewShop();
        await Factory.PaidAsync(shop.Diner, await Factory.OrderAsync(shop, 10_000), 10_000);

        var runs = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var client = Factory.ClientFor(Actor.Admin());
            return await client.SendAsync(PaymentsFactory.Post("/api/settlements/run", new { restaurantId = shop.Id }));
        }));

        runs.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await Factory.CountAsync("SELECT count(*) FROM settlements WHERE payee_id = @Id", new { shop.Id })).ShouldBe(1);
        (await Factory.GetAsync(shop.Owner, $"/api/wallets/restaurants/{shop.Id}")).GetProperty("available").GetInt64().ShouldBe(9_700);
    }

    [Fact]
    public async Task Another_restaurants_people_see_no_wallet_settlement_or_statement()
    {
        var shop = PaymentsFactory.NewShop();
        var other = PaymentsFactory.NewShop();
        await Factory.PaidAsync(shop.Diner, await Factory.OrderAsync(shop, 10_000), 10_000);
        var run = await Factory.SendAsync(Actor.Admin(), PaymentsFactory.Post("/api/settlements/run", new { restaurantId = shop.Id }), HttpStatusCode.OK);
        var id = run.GetProperty("settlements")[0].GetProperty("id").GetGuid();

        await Factory.GetAsync(other.Owner, $"/api/settlements?restaurantId={shop.Id}", HttpStatusCode.NotFound);
        await Factory.GetAsync(other.Owner, $"/api/settlements/{id}", HttpStatusCode.NotFound);
        await Factory.GetAsync(other.Owner, $"/api/wallets/restaurants/{shop.Id}", HttpStatusCode.NotFound);
        await Factory.GetAsync(other.Owner, $"/api/payments/wallet?restaurantId={shop.Id}", HttpStatusCode.NotFound);
        await Factory.GetAsync(shop.Staff, $"/api/settlements?restaurantId={shop.Id}", HttpStatusCode.NotFound); // staff do not see the money
        await Factory.GetAsync(shop.Diner, $"/api/settlements/{id}", HttpStatusCode.NotFound);
        await Factory.SendAsync(other.Owner, PaymentsFactory.Post($"/api/wallets/restaurants/{shop.Id}/withdrawals", Bank(1_000)), HttpStatusCode.NotFound);
        await Factory.SendAsync(other.Owner, PaymentsFactory.Post("/api/payments/withdraw", new { amount = 1_000, bankCode = "004", accountNumber = "123456789012", accountHolder = "x", restaurantId = shop.Id }),
            HttpStatusCode.NotFound);
        (await Factory.CountAsync("SELECT count(*) FROM payouts WHERE owner_id = @Id", new { shop.Id })).ShouldBe(0);
        await Factory.SendAsync(shop.Owner, PaymentsFactory.Post("/api/settlements/run", new { restaurantId = shop.Id }), HttpStatusCode.Forbidden);
    }
}
