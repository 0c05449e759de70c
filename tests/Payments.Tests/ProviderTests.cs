using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Brigade.Sandbox.PaymentProvider;

namespace Brigade.Payments.Tests;

/// <summary>What the provider does behind the service's back: answers too late, notifies twice, or is impersonated.</summary>
public sealed class ProviderTests(PaymentsFactory factory) : PaymentsTest(factory), IClassFixture<PaymentsFactory>
{
    private const string SlowCard = "4000 0000 0000 0119";

    [Fact]
    public async Task A_provider_timeout_followed_by_its_late_success_settles_exactly_once()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 25_000);

        var pending = await (await Factory.PayAsync(shop.Diner, orderId, 25_000, SlowCard)).ShouldBeAsync(HttpStatusCode.Accepted);
        pending.GetProperty("status").GetString().ShouldBe("capturing");
        var id = pending.GetProperty("id").GetGuid();

        // The provider finishes late and notifies twice; the reconciler asks it too. Wait for all of it to arrive.
        await PaymentsFactory.EventuallyAsync(async () => await Factory.PaymentStatusAsync(id) == "captured", "the late capture to be found");
        await PaymentsFactory.EventuallyAsync(() => Task.FromResult(Factory.Sandbox.Webhooks.DeliveredAbout(id.ToString()) == 2), "both notifications to be delivered");

        await AssertCapturedOnceAsync(id, 25_000);
        var payment = await Factory.GetAsync(shop.Diner, $"/api/payments/{id}");
        payment.GetProperty("status").GetString().ShouldBe("captured");
    }

    [Fact]
    public async Task Without_any_notification_the_reconciler_finds_the_late_success_by_asking_the_provider()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 16_000);
        Factory.Sandbox.Options.SendNotifications = false;
        try
        {
            var pending = await (await Factory.PayAsync(shop.Diner, orderId, 16_000, SlowCard)).ShouldBeAsync(HttpStatusCode.Accepted);
            var id = pending.GetProperty("id").GetGuid();

            await PaymentsFactory.EventuallyAsync(async () => await Factory.PaymentStatusAsync(id) == "captured", "the reconciler to find the capture");

            Factory.Sandbox.Webhooks.DeliveredAbout(id.ToString()).ShouldBe(0);
            await AssertCapturedOnceAsync(id, 16_000);
        }
        finally
        {
            Factory.Sandbox.Options.SendNotifications = true;
        }
    }

    [Fact]
    public async Task Duplicate_notifications_of_a_capture_change_nothing_more()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 11_000);

        var paid = await Factory.PaidAsync(shop.Diner, orderId, 11_000, "4000 0000 0000 0259");
        var id = paid.GetProperty("id").GetGuid();
        await PaymentsFactory.EventuallyAsync(() => Task.FromResult(Factory.Sandbox.Webhooks.DeliveredAbout(id.ToString()) == 3), "three copies of the notification to be delivered");

        await AssertCapturedOnceAsync(id, 11_000);
        (await Factory.CountAsync("SELECT count(*) FROM provider_events")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_notification_with_a_wrong_or_stale_signature_is_refused_and_changes_nothing()
    {
        var shop = PaymentsFactory.NewShop();
        var orderId = await Factory.OrderAsync(shop, 4_000);
        var created = await Factory.SendAsync(shop.Diner, PaymentsFactory.Post("/api/payments/create", new { orderId, amount = 4_000 }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var forged = Done(id, 4_000);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var recorded = await Factory.CountAsync("SELECT count(*) FROM provider_events");

        (await PostNotificationAsync(forged, WebhookSender.Sign("not-the-secret", forged, Seconds(now)), Seconds(now))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await PostNotificationAsync(forged, null, Seconds(now))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var stale = Seconds(now - 3600);
        (await PostNotificationAsync(forged, WebhookSender.Sign(Factory.WebhookSecret, forged, stale), stale)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Signed for another body: the signature covers every byte.
        (await PostNotificationAsync(Done(id, 4_001), WebhookSender.Sign(Factory.WebhookSecret, forged, Seconds(now)), Seconds(now))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await Factory.PaymentStatusAsync(id)).ShouldBe("requires_confirmation");
        (await Factory.CountAsync("SELECT count(*) FROM journal_entries WHERE reference_id = @id", new { id })).ShouldBe(0);
        (await Factory.CountAsync("SELECT count(*) FROM provider_events")).ShouldBe(recorded);
    }

    [Fact]
    public async Task A_signed_notification_about_an_unknown_payment_is_acknowledged_with_no_effect_and_garbage_is_400()
    {
        var body = Done(Guid.NewGuid(), 1_000);
        var time = Seconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var response = await PostNotificationAsync(body, WebhookSender.Sign(Factory.WebhookSecret, body, time), time);
        (await response.ShouldBeAsync(HttpStatusCode.OK)).GetProperty("applied").GetBoolean().ShouldBeFalse();

        const string garbage = "[1,2,3]";
        (await PostNotificationAsync(garbage, WebhookSender.Sign(Factory.WebhookSecret, garbage, time), time)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_same_signed_notification_sent_again_is_a_duplicate()
    {
        var body = Done(Guid.NewGuid(), 1_000, eventId: "evt-" + Guid.NewGuid());
        var time = Seconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var signature = WebhookSender.Sign(Factory.WebhookSecret, body, time);

        (await (await PostNotificationAsync(body, signature, time)).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        (await (await PostNotificationAsync(body, signature, time)).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("duplicate").GetBoolean().ShouldBeTrue();
    }

    private async Task AssertCapturedOnceAsync(Guid id, long amount)
    {
        (await Factory.CountAsync("SELECT count(*) FROM journal_entries WHERE kind = 'capture' AND reference_id = @id", new { id })).ShouldBe(1);
        (await Factory.EventsAsync("payments.payment.completed", id)).Count.ShouldBe(1);
        (await Factory.CountAsync("""
            SELECT coalesce(sum(p.amount), 0) FROM postings p JOIN journal_entries e ON e.id = p.entry_id JOIN ledger_accounts a ON a.id = p.account_id
             WHERE e.reference_id = @id AND a.kind = 'payer_funds'
            """, new { id })).ShouldBe(amount);
        var atProvider = Factory.Sandbox.Book.Find(null, id.ToString()).Body.ShouldBeOfType<PaymentView>();
        atProvider.Status.ShouldBe("DONE");
        atProvider.TotalAmount.ShouldBe(amount);
    }

    private static string Seconds(long unix) => unix.ToString(CultureInfo.InvariantCulture);

    private static string Done(Guid paymentId, long amount, string? eventId = null) => JsonSerializer.Serialize(new
    {
        eventType = "PAYMENT_STATUS_CHANGED",
        eventId = eventId ?? Guid.NewGuid().ToString(),
        createdAt = DateTimeOffset.UtcNow,
        data = new { paymentKey = "tsbx_forged", orderId = paymentId.ToString(), status = "DONE", totalAmount = amount, balanceAmount = amount, approvedAt = DateTimeOffset.UtcNow },
    }, JsonSerializerOptions.Web);

    private async Task<HttpResponseMessage> PostNotificationAsync(string body, string? signature, string time)
    {
        using var client = Factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/toss") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("tosspayments-webhook-transmission-time", time);
        if (signature is not null)
        {
            request.Headers.Add("tosspayments-webhook-signature", signature);
        }

        return await client.SendAsync(request);
    }
}
