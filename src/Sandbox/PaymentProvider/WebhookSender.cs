using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Brigade.Sandbox.PaymentProvider;

/// <summary>How notifications travel: a handler of the caller's choice (tests hand in the receiving host's own), else plain HTTP.</summary>
public sealed class WebhookTransport(Func<HttpMessageHandler>? handler = null)
{
    public HttpClient CreateClient() => handler is null ? new HttpClient() : new HttpClient(handler(), disposeHandler: false);
}

/// <summary>
/// Sends notifications the way Toss Payments' webhooks look: <c>POST</c> of
/// <c>{ eventType, eventId, createdAt, data }</c> with <c>tosspayments-webhook-transmission-time</c> (Unix seconds) and
/// <c>tosspayments-webhook-signature: v1:base64(HMAC-SHA256(secret, body + ":" + transmissionTime))</c>. (Toss signs
/// only some of its webhooks; the sandbox signs all, and the payments service refuses unsigned ones.) A notification
/// the receiver does not accept with a 2xx is sent again after a pause; copies of one notification share its
/// <c>eventId</c>, as a PG's retries and duplicates do.
/// </summary>
public sealed class WebhookSender(SandboxOptions options, IConfiguration configuration, WebhookTransport transport, TimeProvider clock, ILogger<WebhookSender> logger)
    : BackgroundService
{
    private readonly Channel<Delivery> _queue = Channel.CreateUnbounded<Delivery>();
    private readonly Lazy<HttpClient> _http = new(() =>
    {
        // Made at the first delivery: a test's receiving host may not be running before then.
        var client = transport.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        return client;
    });
    private readonly ConcurrentDictionary<string, int> _delivered = new(StringComparer.Ordinal);
    private int _pending;

    private sealed record Delivery(string EventId, string Reference, string Body, int Attempt);

    /// <summary>Notifications queued or being retried.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>How many deliveries about <paramref name="reference"/> (an orderId or refPayoutId) the receiver accepted.</summary>
    public int DeliveredAbout(string reference) => _delivered.GetValueOrDefault(reference);

    public override void Dispose()
    {
        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }

        base.Dispose();
    }

    public void Enqueue(string eventType, object data, int copies, string reference)
    {
        if (!options.SendNotifications)
        {
            return;
        }

        var eventId = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(new { eventType, eventId, createdAt = clock.GetUtcNow(), data }, JsonSerializerOptions.Web);
        for (var i = 0; i < copies; i++)
        {
            Interlocked.Increment(ref _pending);
            _queue.Writer.TryWrite(new Delivery(eventId, reference, body, 1));
        }
    }

    public static string Sign(string secret, string body, string transmissionTime) =>
        "v1:" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body + ":" + transmissionTime)));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var delivery in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                // Deliveries run side by side, so one slow receiver does not hold back the rest.
                _ = Task.Run(() => SendAsync(_http.Value, delivery, stoppingToken), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is dropped, as a PG's sandbox forgets on restart.
        }
    }

    private async Task SendAsync(HttpClient http, Delivery delivery, CancellationToken ct)
    {
        var url = Target();
        var accepted = false;
        if (url is not null)
        {
            try
            {
                var time = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
                request.Headers.Add("tosspayments-webhook-transmission-time", time);
                request.Headers.Add("tosspayments-webhook-signature", Sign(options.WebhookSecret, delivery.Body, time));
                using var response = await http.SendAsync(request, ct);
                accepted = response.IsSuccessStatusCode;
                if (!accepted)
                {
                    logger.LogWarning("Notification {EventId} refused with {Status} by {Url}", delivery.EventId, (int)response.StatusCode, url);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Notification {EventId} not delivered to {Url}: {Error}", delivery.EventId, url, e.Message);
            }
        }

        if (accepted)
        {
            _delivered.AddOrUpdate(delivery.Reference, 1, (_, n) => n + 1);
        }
        else if (delivery.Attempt < options.WebhookAttempts && !ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.WebhookRetryDelay, clock, ct);
                Interlocked.Increment(ref _pending);
                _queue.Writer.TryWrite(delivery with { Attempt = delivery.Attempt + 1 });
            }
            catch (OperationCanceledException)
            {
            }
        }

        Interlocked.Decrement(ref _pending);
    }

    private string? Target()
    {
        if (!string.IsNullOrWhiteSpace(options.WebhookUrl))
        {
            return options.WebhookUrl;
        }

        // The PG calls the platform's public address; without a gateway (./brigade up --only payments), the service.
        var gateway = configuration["Services:gateway:0"];
        var payments = configuration["Services:payments:0"];
        return (gateway ?? payments) is { } baseUrl ? baseUrl.TrimEnd('/') + "/api/payments/webhooks/toss" : null;
    }
}
