using System.Text.Json;
using Brigade.Notifications.Data;

namespace Brigade.Notifications.Delivery;

/// <summary>Development provider for SMS and push: appends each message as one JSON line to <c>&lt;directory&gt;/&lt;channel&gt;.jsonl</c>.</summary>
public sealed class LocalFileSender(string channel, string directory) : IChannelSender
{
    private static readonly SemaphoreSlim WriteLock = new(1, 1);

    // Readable files: Korean text and '+' in phone numbers as they are, not \uXXXX escapes.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Channel => channel;

    public string FilePath => Path.Combine(directory, channel + ".jsonl");

    public async Task SendAsync(DeliveryRow delivery, CancellationToken ct)
    {
        var line = JsonSerializer.Serialize(new
        {
            id = delivery.Id,
            to = delivery.Recipient,
            title = delivery.Subject,
            body = delivery.Body,
            type = delivery.Type,
            at = DateTimeOffset.UtcNow,
        }, Json) + "\n";
        await WriteLock.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(directory);
            await File.AppendAllTextAsync(FilePath, line, ct);
        }
        finally
        {
            WriteLock.Release();
        }
    }
}

/// <summary>A channel switched off by settings: messages fail for good, visibly.</summary>
public sealed class DisabledSender(string channel) : IChannelSender
{
    public string Channel => channel;

    public Task SendAsync(DeliveryRow delivery, CancellationToken ct) =>
        throw new DeliveryFailedException($"No {channel} provider is configured.", permanent: true);
}
