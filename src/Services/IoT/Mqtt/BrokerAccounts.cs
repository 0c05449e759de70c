using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Brigade.IoT.Mqtt;

/// <summary>
/// Gives each device its own broker user through RabbitMQ's management API: it may publish only to its own
/// <c>{prefix}/{restaurantId}/{deviceId}/telemetry</c> and <c>/ack</c> topics and read only its <c>/commands</c> topic
/// (topic permissions on <c>amq.topic</c>, where the MQTT plugin routes with <c>/</c> turned into <c>.</c>), so a device
/// cannot write another restaurant's readings. The broker keeps only a hash of the password.
/// </summary>
public sealed class BrokerAccounts(HttpClient http, IOptions<IoTOptions> options)
{
    public static string UserName(Guid deviceId) => $"iot-{deviceId:N}";

    public static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    /// <summary>Creates or replaces the device's user (a new password each time) with its permissions.</summary>
    public async Task CreateAsync(Guid restaurantId, Guid deviceId, string password, CancellationToken ct)
    {
        var user = UserName(deviceId);
        var name = Uri.EscapeDataString(user);
        await SendAsync(HttpMethod.Put, $"api/users/{name}", new { password, tags = "" }, ct);
        // The MQTT plugin names a client's subscription queue mqtt-subscription-<client id>qos<n>; devices connect
        // with their user name as client id.
        var queue = $"mqtt-subscription-{user}qos[01]";
        await SendAsync(HttpMethod.Put, $"api/permissions/%2F/{name}", new
        {
            configure = $"^{queue}$",
            write = $"^(amq\\.topic|{queue})$",
            read = $"^(amq\\.topic|{queue})$",
        }, ct);
        var topic = $"{options.Value.TopicPrefix}\\.{restaurantId}\\.{deviceId}";
        await SendAsync(HttpMethod.Put, $"api/topic-permissions/%2F/{name}", new
        {
            exchange = "amq.topic",
            write = $"^{topic}\\.(telemetry|ack)$",
            read = $"^{topic}\\.commands$",
        }, ct);
    }

    public async Task DeleteAsync(Guid deviceId, CancellationToken ct)
    {
        using var response = await http.DeleteAsync($"api/users/{Uri.EscapeDataString(UserName(deviceId))}", ct);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    private async Task SendAsync(HttpMethod method, string path, object body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The management API's address and the broker's administrator (the user of <c>ConnectionStrings:RabbitMq</c>).</summary>
    public static void Configure(HttpClient http, IConfiguration configuration)
    {
        http.BaseAddress = new Uri(configuration.GetConnectionString("RabbitMqManagement") ?? "http://127.0.0.1:15672/");
        var amqp = new Uri(configuration.GetConnectionString("RabbitMq") ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not set."));
        var credentials = Uri.UnescapeDataString(amqp.UserInfo);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
    }
}
