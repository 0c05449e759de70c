using System.Net;
using System.Net.Http.Json;
using Dapper;

namespace Brigade.Payments.Tests;

/// <summary>Paying orders and deposits: the seed's call, what is booked and published, declines, the Toss-style confirm flow.</summary>
public sealed class PaymentFlowTests(PaymentsFactory factory) : PaymentsTest(factory), IClassFixture<PaymentsFactory>
{
    [Fact]
    public async Task The_seed_call_pays_an_order_captures_it_books_it_and_announces_it()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 59_000);

        using var client = Factory.ClientFor(shop.Diner);
        var response = await client.SendAsync(PaymentsFactory.Post("/api/payments", new
        {
            orderId,
            amount = 59_000,
            paymentMethod = "credit_card",
            cardDetails = new { number = "4111111111111111", expiry = "12/30", cvv = "123" },
        }));
        var payment = await response.ShouldBeAsync(HttpStatusCode.Created);

        payment.GetProperty("status").GetString().ShouldBe("captured");
        payment.GetProperty("amount").GetInt64().ShouldBe(59_000);
        payment.GetProperty("card").GetProperty("last4").GetString().ShouldBe("1111");
        payment.GetProperty("card").GetProperty("brand").GetString().ShouldBe("visa");
        payment.GetProperty("purpose").GetProperty("kind").GetString().ShouldBe("order");
        payment.GetProperty("purpose").GetProperty("referenceId").GetGuid().ShouldBe(orderId);
        response.Headers.Location!.ToString().ShouldBe($"/api/payments/{payment.GetProperty("id").GetGuid()}");

        var id = payment.GetProperty("id").GetGuid();
        var completed = (await Factory.EventsAsync("payments.payment.completed", id)).ShouldHaveSingleItem();
        completed.GetProperty("amount").GetInt64().ShouldBe(59_000);
        completed.GetProperty("restaurantId").GetGuid().ShouldBe(shop.Id);
        completed.GetProperty("payerId").GetGuid().ShouldBe(shop.Diner.Id);
        completed.GetProperty("purpose").GetProperty("kind").GetString().ShouldBe("order");

        // The restaurant is owed the amount less the 3 % fee; the platform earned the fee.
        await using var connection = await Factory.Db.OpenConnectionAsync();
        var postings = (await connection.QueryAsync<(string Kind, string Category, long Amount)>("""
            SELECT a.kind, p.category, p.amount FROM postings p JOIN journal_entries e ON e.id = p.entry_id JOIN ledger_accounts a ON a.id = p.account_id
             WHERE e.kind = 'capture' AND e.reference_id = @id ORDER BY p.amount
            """, new { id })).ToList();
        postings.ShouldBe([("receivable", "gross", -59_000), ("platform_fees", "fee", -1_770), ("receivable", "fee", 1_770), ("payer_funds", "funds", 59_000)], ignoreOrder: true);

        var notice = (await Factory.EventsAboutAsync(shop.Diner.Id)).Where(e => e.Type == "notifications.notification.requested")
            .Select(e => e.Payload).Single(p => p.GetProperty("type").GetString() == "payments.payment.receipt");
        notice.GetProperty("body").GetString()!.ShouldContain("59,000원");
        notice.GetProperty("bodyEn").GetString()!.ShouldContain("****1111");
    }

    [Fact]
    public async Task A_declined_card_fails_the_payment_with_402_and_leaves_the_order_payable()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 12_000);

        var declined = await (await Factory.PayAsync(shop.Diner, orderId, 12_000, "4000 0000 0000 0002")).ShouldBeAsync(HttpStatusCode.PaymentRequired);
        declined.GetProperty("code").GetString().ShouldBe("REJECT_CARD_COMPANY");
        var failedId = declined.GetProperty("paymentId").GetGuid();
        (await Factory.PaymentStatusAsync(failedId)).ShouldBe("failed");
        (await Factory.EventsAsync("payments.payment.failed", failedId)).ShouldHaveSingleItem().GetProperty("reason").GetString().ShouldBe("REJECT_CARD_COMPANY");
        (await Factory.CountAsync("SELECT count(*) FROM journal_entries WHERE reference_id = @failedId", new { failedId })).ShouldBe(0);

        var stolen = await (await Factory.PayAsync(shop.Diner, orderId, 12_000, "4000 0000 0000 9987")).ShouldBeAsync(HttpStatusCode.PaymentRequired);
        stolen.GetProperty("code").GetString().ShouldBe("INVALID_CARD_LOST_OR_STOLEN");

        await Factory.PaidAsync(shop.Diner, orderId, 12_000);
        var due = await Factory.GetAsync(shop.Diner, $"/api/payments/due?orderId={orderId}");
        due.GetProperty("payable").GetBoolean().ShouldBeFalse();
        due.GetProperty("payment").GetProperty("status").GetString().ShouldBe("captured");
    }

    [Fact]
    public async Task An_order_is_paid_once_a_second_payment_is_refused()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 8_000);
        await Factory.PaidAsync(shop.Diner, orderId, 8_000);

        var again = await (await Factory.PayAsync(shop.Diner, orderId, 8_000)).ShouldBeAsync(HttpStatusCode.Conflict);
        again.GetProperty("code").GetString().ShouldBe("already_paid");
        (await Factory.CountAsync("SELECT count(*) FROM payments WHERE reference_id = @orderId AND status = 'captured'", new { orderId })).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_payments_of_one_order_with_different_keys_capture_once()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 21_000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Factory.PayAsync(shop.Diner, orderId, 21_000)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(4);
        (await Factory.CountAsync("SELECT count(*) FROM payments WHERE reference_id = @orderId AND status = 'captured'", new { orderId })).ShouldBe(1);
        (await Factory.CountAsync("SELECT count(*) FROM journal_entries e JOIN payments p ON p.id = e.reference_id WHERE p.reference_id = @orderId", new { orderId })).ShouldBe(1);
    }

    [Fact]
    public async Task The_amount_is_what_ordering_said_not_what_the_client_says()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 30_000);

        var cheaper = await (await Factory.PayAsync(shop.Diner, orderId, 3_000)).ShouldBeAsync(HttpStatusCode.Conflict);
        cheaper.GetProperty("code").GetString().ShouldBe("amount_mismatch");
        cheaper.GetProperty("amountDue").GetInt64().ShouldBe(30_000);
        (await Factory.CountAsync("SELECT count(*) FROM payments WHERE reference_id = @orderId", new { orderId })).ShouldBe(0);
    }

    [Fact]
    public async Task Only_the_diner_who_owes_or_the_restaurants_people_may_pay_and_others_see_nothing()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 5_000);
        var other = PaymentsFactory.NewShop();

        (await (await Factory.PayAsync(Actor.Diner(), orderId, 5_000)).ShouldBeAsync(HttpStatusCode.NotFound)).GetProperty("code").GetString().ShouldBe("nothing_owed");
        await (await Factory.PayAsync(other.Owner, orderId, 5_000)).ShouldBeAsync(HttpStatusCode.NotFound);
        await Factory.GetAsync(Actor.Diner(), $"/api/payments/due?orderId={orderId}", HttpStatusCode.NotFound);

        var paid = await Factory.PaidAsync(shop.Staff, orderId, 5_000); // the restaurant takes the card at the table
        var id = paid.GetProperty("id").GetGuid();
        await Factory.GetAsync(shop.Diner, $"/api/payments/{id}");
        await Factory.GetAsync(other.Owner, $"/api/payments/{id}", HttpStatusCode.NotFound);
        await Factory.GetAsync(Actor.Diner(), $"/api/payments/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_guests_order_without_a_diner_can_be_paid_by_whoever_holds_the_bill()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 9_900, guest: true);
        var guest = Actor.Diner();

        var paid = await Factory.PaidAsync(guest, orderId, 9_900);

        paid.GetProperty("payerId").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var mine = await Factory.GetAsync(guest, "/api/payments/mine");
        mine.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(paid.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_deposit_is_paid_with_the_reservation_id_and_not_after_the_hold_lapsed()
    {
        var shop = PaymentsFactory.NewShop();
        var reservationId = await Factory.DepositAsync(shop, 40_000);
        var paid = await Factory.CapturedAsync(shop.Diner, await Factory.PayAsync(shop.Diner, null, 40_000, reservationId: reservationId));
        paid.GetProperty("purpose").GetProperty("kind").GetString().ShouldBe("reservation_deposit");
        (await Factory.EventsAsync("payments.payment.completed", paid.GetProperty("id").GetGuid())).ShouldHaveSingleItem()
            .GetProperty("purpose").GetProperty("referenceId").GetGuid().ShouldBe(reservationId);

        var lapsed = await Factory.DepositAsync(shop, 40_000, holdFor: TimeSpan.FromSeconds(-1));
        (await (await Factory.PayAsync(shop.Diner, null, 40_000, reservationId: lapsed)).ShouldBeAsync(HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("hold_expired");
    }

    [Fact]
    public async Task Create_then_confirm_with_the_card_captures()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 14_000);
        var created = await Factory.SendAsync(shop.Diner, PaymentsFactory.Post("/api/payments/create", new { orderId, amount = 14_000 }), HttpStatusCode.Created);
        created.GetProperty("status").GetString().ShouldBe("requires_confirmation");
        var id = created.GetProperty("id").GetGuid();

        var confirmed = await Factory.SendAsync(shop.Diner, PaymentsFactory.Post("/api/payments/confirm", new { paymentId = id, cardDetails = PaymentsFactory.Card() }), HttpStatusCode.OK);

        confirmed.GetProperty("status").GetString().ShouldBe("captured");
        (await Factory.SendAsync(shop.Diner, PaymentsFactory.Post("/api/payments/confirm", new { paymentId = id, cardDetails = PaymentsFactory.Card() }), HttpStatusCode.Conflict))
            .GetProperty("code").GetString().ShouldBe("payment_state");
    }

    [Fact]
    public async Task Toss_style_confirm_takes_the_payment_windows_key_and_refuses_a_changed_amount()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 33_000);
        var created = await Factory.SendAsync(shop.Diner, PaymentsFactory.Post("/api/payments/create", new { orderId, amount = 33_000 }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var paymentKey = await AuthenticateInPaymentWindowAsync(id, 33_000);

        var tampered = await Factory.SendAsync(shop.Diner, PaymentsFactory.Post("/api/payments/confirm", new { paymentKey, orderId = id, amount = 330 }), HttpStatusCode.BadRequest);
        tampered.GetProperty("errors").TryGetProperty("amount", out _).ShouldBeTrue();
        (await Factory.PaymentStatusAsync(id)).ShouldBe("requires_confirmation");

        var confirmed = await Factory.SendAsync(shop.Diner, PaymentsFactory.Post("/api/payments/confirm", new { paymentKey, orderId = id, amount = 33_000 }), HttpStatusCode.OK);
        confirmed.GetProperty("status").GetString().ShouldBe("captured");
        confirmed.GetProperty("paymentKey").GetString().ShouldBe(paymentKey);
    }

    [Fact]
    public async Task Manual_capture_authorises_first_and_a_void_releases_it_without_booking_anything()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 18_000);
        using var client = Factory.ClientFor(shop.Diner);
        var authorised = await (await client.SendAsync(PaymentsFactory.Post("/api/payments",
            new { orderId, amount = 18_000, paymentMethod = "card", captureMethod = "manual", cardDetails = PaymentsFactory.Card() }))).ShouldBeAsync(HttpStatusCode.Created);
        authorised.GetProperty("status").GetString().ShouldBe("authorized");
        var id = authorised.GetProperty("id").GetGuid();
        (await Factory.CountAsync("SELECT count(*) FROM journal_entries WHERE reference_id = @id", new { id })).ShouldBe(0);

        var voided = await Factory.SendAsync(shop.Diner, PaymentsFactory.Post("/api/payments/cancel", new { paymentId = id, cancelReason = "changed my mind" }), HttpStatusCode.OK);
        voided.GetProperty("status").GetString().ShouldBe("cancelled");
        (await Factory.CountAsync("SELECT count(*) FROM journal_entries WHERE reference_id = @id", new { id })).ShouldBe(0);

        // The order can be paid again, and a manual capture goes through.
        var second = await (await client.SendAsync(PaymentsFactory.Post("/api/payments",
            new { orderId, amount = 18_000, paymentMethod = "card", captureMethod = "manual", cardDetails = PaymentsFactory.Card() }))).ShouldBeAsync(HttpStatusCode.Created);
        var captured = await Factory.SendAsync(shop.Staff, PaymentsFactory.Post($"/api/payments/{second.GetProperty("id").GetGuid()}/capture", null), HttpStatusCode.OK);
        captured.GetProperty("status").GetString().ShouldBe("captured");
    }

    [Fact]
    public async Task A_capture_the_provider_keeps_failing_is_given_up_and_its_authorisation_released()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 7_000);

        var pending = await (await Factory.PayAsync(shop.Diner, orderId, 7_000, "4000000000000127")).ShouldBeAsync(HttpStatusCode.Accepted);
        pending.GetProperty("status").GetString().ShouldBe("capturing");
        var id = pending.GetProperty("id").GetGuid();

        // Several reconciler rounds, each a provider call that fails: allow a busy machine time.
        try
        {
            await PaymentsFactory.EventuallyAsync(async () => await Factory.PaymentStatusAsync(id) == "failed", "the capture to be given up", 60);
        }
        catch (TimeoutException e)
        {
            // Say what the reconciler did, so a failure on a busy machine can be read from the run's output alone.
            var lines = Factory.Logs.Lines.Where(l => l.Contains("Reconcil", StringComparison.Ordinal) || l.Contains(id.ToString(), StringComparison.Ordinal)).TakeLast(40);
            throw new TimeoutException($"{e.Message} Status: {await Factory.PaymentStatusAsync(id)}.\n{string.Join("\n", lines)}", e);
        }

        var provider = Factory.Sandbox.Book.Find(null, id.ToString()).Body.ShouldBeOfType<Brigade.Sandbox.PaymentProvider.PaymentView>();
        provider.Status.ShouldBe("CANCELED");
        (await Factory.CountAsync("SELECT count(*) FROM journal_entries WHERE reference_id = @id", new { id })).ShouldBe(0);
        (await Factory.EventsAsync("payments.payment.failed", id)).ShouldHaveSingleItem();
    }

    /// <summary>What the provider's payment window does in the browser: authenticates the card and hands back a paymentKey.</summary>
    private async Task<string> AuthenticateInPaymentWindowAsync(Guid paymentId, long amount)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Factory.Sandbox.Url) };
        http.DefaultRequestHeaders.Add("Authorization", Brigade.Sandbox.PaymentProvider.RunningSandbox.BasicAuth(Factory.SecretKey));
        var response = await http.PostAsJsonAsync("v1/payments/key-in", new
        {
            amount, orderId = paymentId.ToString(), orderName = "test", cardNumber = "4242424242424242", cardExpirationYear = "30", cardExpirationMonth = "12",
        });
        var body = await response.ShouldBeAsync(HttpStatusCode.OK);
        body.GetProperty("status").GetString().ShouldBe("IN_PROGRESS");
        return body.GetProperty("paymentKey").GetString()!;
    }
}
