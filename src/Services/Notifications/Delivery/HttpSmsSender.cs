using System.Net.Http.Headers;
using System.Net.Http.Json;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Brigade.Notifications.Delivery;

/// <summary>An HTTP SMS gateway: <c>POST {Url}</c> with <c>{ from, to, text }</c> and the API key as a bearer token.</summary>
public sealed class HttpSmsSender(IHttpClientFactory clients, IOptions<NotificationsOptions> options) : IChannelSender
{
    public const string ClientName = "notifications-sms";

    public string Channel => Channels.Sms;

    public async Task SendAsync(DeliveryRow delivery, CancellationToken ct)
    {
        var settings = options.Value.Sms;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
        {
            Content = JsonContent.Create(new { from = settings.Sender, to = delivery.Recipient, text = $"{delivery.Subject}\n{delivery.Body}" }),
        };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }

        request.Headers.Add("Idempotency-Key", delivery.Id.ToString());
        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        await HttpOutcome.EnsureAcceptedAsync(response, "SMS gateway", ct);
    }
}
