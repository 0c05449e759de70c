using System.Net.Http.Headers;
using System.Net.Http.Json;
using Brigade.Notifications.Data;
using Brigade.Notifications.Domain;
using Microsoft.Extensions.Options;

namespace Brigade.Notifications.Delivery;

/// <summary>Firebase Cloud Messaging HTTP v1: <c>POST /v1/projects/{project}/messages:send</c> to one device token.</summary>
public sealed class FcmPushSender(IHttpClientFactory clients, IOptions<NotificationsOptions> options) : IChannelSender
{
    public const string ClientName = "notifications-fcm";

    public string Channel => Channels.Push;

    public async Task SendAsync(DeliveryRow delivery, CancellationToken ct)
    {
        var settings = options.Value.Push;
        var url = $"{settings.FcmEndpoint.TrimEnd('/')}/v1/projects/{Uri.EscapeDataString(settings.FcmProjectId ?? "")}/messages:send";
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new
            {
                message = new
                {
                    token = delivery.Recipient,
                    notification = new { title = delivery.Subject, body = delivery.Body },
                    data = new Dictionary<string, string> { ["type"] = delivery.Type, ["notificationId"] = delivery.NotificationId?.ToString() ?? "" },
                },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.FcmAccessToken);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        await HttpOutcome.EnsureAcceptedAsync(response, "FCM", ct);
    }
}
