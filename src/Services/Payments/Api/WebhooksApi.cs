using System.Text.Json;
using Brigade.Api;
using Brigade.Payments.Data;
using Brigade.Payments.Domain;
using Brigade.Payments.Processing;
using Brigade.Payments.Provider;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Brigade.Payments.Api;

public sealed record WebhookServices(
    PaymentStore Payments,
    RefundStore Refunds,
    PayoutStore Payouts,
    PaymentProcessor Processor,
    ProviderEventStore Events,
    WebhookVerifier Verifier,
    ILogger<WebhookServices> Logger,
    TimeProvider Clock,
    HttpContext Http) : IApiRequest;

public sealed record WebhookReceipt(bool Applied, bool Duplicate);

/// <summary>
/// The provider's notifications (Toss-style webhooks), public at the gateway. Each must carry a valid signature of its
/// body and a recent transmission time (else 401 and nothing happens). A notification changes nothing the request,
/// the reconciler or an earlier copy already changed: a duplicate (same event id) is acknowledged with no effect, and
/// every transition it triggers is conditional anyway.
/// </summary>
public static class WebhooksApi
{
    private const int MaxBodyBytes = 64 * 1024;

    private sealed record Envelope(string? EventType, string? EventId, JsonElement Data);

    private sealed record WirePayment(string PaymentKey, string OrderId, string Status, long TotalAmount, long BalanceAmount, DateTimeOffset? ApprovedAt);

    private sealed record WirePayout(string PayoutKey, string RefPayoutId, string Status, WireFailure? Failure);

    private sealed record WireFailure(string? Code, string? Message);

    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        api.MapPost("/webhooks/toss", ReceiveAsync).AllowAnonymous()
            .WithMetadata(new SignedRequest("ProviderSignature", WebhookSignature.SignatureHeader,
                $"The provider's signature of the body and of header {WebhookSignature.TimeHeader} (which must be recent)."))
            .WithName("ProviderWebhook").WithSummary("The payment provider's signed notifications (payment and payout status changes)").WithTags(PaymentsApi.Tag);
        return api;
    }

    public static async Task<Results<Ok<WebhookReceipt>, ProblemHttpResult>> ReceiveAsync([AsParameters] WebhookServices s)
    {
        var request = s.Http.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Content Too Large", "A notification is at most 64 KiB.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, s.Ct);
        var body = buffer.ToArray();
        if (!s.Verifier.Verify(body, request.Headers[WebhookSignature.TimeHeader], request.Headers[WebhookSignature.SignatureHeader], s.Clock.GetUtcNow()))
        {
            s.Logger.LogWarning("Refused a provider notification with a missing, wrong or stale signature");
            return Problems.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", Localized.Text(
                "The notification's signature is missing, wrong or too old.", "알림 서명이 없거나 틀렸거나 너무 오래되었습니다."), "invalid_signature");
        }

        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        if (envelope is not { EventType: { } type, Data.ValueKind: JsonValueKind.Object })
        {
            return Problems.Problem(StatusCodes.Status400BadRequest, "Bad Request", "A notification is { eventType, eventId, data }.", "malformed_notification");
        }

        if (envelope.EventId is { } seen && await s.Events.SeenAsync(seen, s.Ct))
        {
            return TypedResults.Ok(new WebhookReceipt(false, true));
        }

        var applied = type switch
        {
            "PAYMENT_STATUS_CHANGED" => await PaymentChangedAsync(s, envelope.Data.Deserialize<WirePayment>(JsonSerializerOptions.Web)),
            "PAYOUT_STATUS_CHANGED" => await PayoutChangedAsync(s, envelope.Data.Deserialize<WirePayout>(JsonSerializerOptions.Web)),
            _ => false,
        };
        if (envelope.EventId is { } id)
        {
            await s.Events.RecordAsync(id, type, s.Clock.GetUtcNow(), s.Ct);
        }

        return TypedResults.Ok(new WebhookReceipt(applied, false));
    }

    private static async Task<bool> PaymentChangedAsync(WebhookServices s, WirePayment? wire)
    {
        if (wire is null || !Guid.TryParse(wire.OrderId, out var paymentId) || await s.Payments.FindAsync(paymentId, s.Ct) is not { } payment)
        {
            return false; // not ours (another environment's, or garbage): acknowledged so the provider stops sending it
        }

        var state = new ProviderPayment(wire.PaymentKey, wire.OrderId, wire.Status, wire.TotalAmount, wire.BalanceAmount, wire.ApprovedAt);
        if (payment.Status == PaymentStatus.Captured)
        {
            // A refund of ours went through: refunds still waiting for the provider's answer are asked again now.
            await s.Refunds.HurryAsync(payment.Id, s.Clock.GetUtcNow(), s.Ct);
            return false;
        }

        var after = await s.Processor.ApplyAsync(payment.Id, state, CancellationToken.None);
        return after.Status != payment.Status;
    }

    private static async Task<bool> PayoutChangedAsync(WebhookServices s, WirePayout? wire)
    {
        if (wire is null || !Guid.TryParse(wire.RefPayoutId, out var payoutId))
        {
            return false;
        }

        var now = s.Clock.GetUtcNow();
        return wire.Status switch
        {
            "COMPLETED" => await s.Payouts.CompleteAsync(payoutId, wire.PayoutKey, now, CancellationToken.None) is not null,
            "FAILED" => await s.Payouts.FailAsync(payoutId, wire.Failure?.Code ?? "payout_failed", wire.Failure?.Message ?? "The bank refused the payout.", now, CancellationToken.None) is not null,
            _ => false,
        };
    }
}
