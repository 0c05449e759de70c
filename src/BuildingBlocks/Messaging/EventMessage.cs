using System.Globalization;
using System.Text;
using Brigade.Contracts;
using RabbitMQ.Client;

namespace Brigade.Messaging;

/// <summary>AMQP header names Brigade sets besides the standard properties (message id, type, correlation id, app id).</summary>
internal static class MessageHeaders
{
    public const string Version = "brigade-version";
    public const string OccurredAt = "brigade-occurred-at";
    public const string CausationId = "brigade-causation-id";
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>Which handling attempt this delivery is (absent on the first).</summary>
    public const string Attempt = "brigade-attempt";
    public const string LastError = "brigade-last-error";

    public const string DeadReason = "brigade-dead-reason";
    public const string DeadErrorType = "brigade-error-type";
    public const string DeadError = "brigade-error";
    public const string DeadAttempts = "brigade-attempts";
    public const string DeadAt = "brigade-dead-at";
    public const string DeadQueue = "brigade-queue";

    /// <summary>Headers the broker or client library adds that a republished copy must not carry along.</summary>
    public static readonly string[] Transient = ["x-death", "x-first-death-exchange", "x-first-death-queue", "x-first-death-reason",
        "x-last-death-exchange", "x-last-death-queue", "x-last-death-reason", Constants.PublishSequenceNumberHeader];

    public static string? GetString(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            null => null,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        } : null;

    public static int? GetInt(IDictionary<string, object?>? headers, string key) =>
        headers is not null && headers.TryGetValue(key, out var value) ? value switch
        {
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            short s => s,
            byte b => b,
            byte[] bytes when int.TryParse(Encoding.UTF8.GetString(bytes), CultureInfo.InvariantCulture, out var parsed) => parsed,
            string text when int.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;
}

/// <summary>Maps an <see cref="Envelope"/> to AMQP properties and back.</summary>
internal static class EventMessage
{
    public const string ContentType = "application/json";

    public static BasicProperties Properties(Envelope envelope)
    {
        var headers = new Dictionary<string, object?>
        {
            [MessageHeaders.Version] = envelope.Version,
            [MessageHeaders.OccurredAt] = envelope.OccurredAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        };
        if (envelope.CausationId is not null)
        {
            headers[MessageHeaders.CausationId] = envelope.CausationId;
        }

        if (envelope.TraceParent is not null)
        {
            headers[MessageHeaders.TraceParent] = envelope.TraceParent;
            if (!string.IsNullOrEmpty(envelope.TraceState))
            {
                headers[MessageHeaders.TraceState] = envelope.TraceState;
            }
        }

        return new BasicProperties
        {
            MessageId = envelope.MessageId.ToString(),
            Type = envelope.Type,
            ContentType = ContentType,
            DeliveryMode = DeliveryModes.Persistent,
            Timestamp = new AmqpTimestamp(envelope.OccurredAt.ToUnixTimeSeconds()),
            CorrelationId = envelope.CorrelationId,
            AppId = envelope.Producer,
            Headers = headers,
        };
    }

    /// <summary>Reads the envelope of a delivered message; null with a <paramref name="problem"/> when it cannot be trusted.</summary>
    public static Envelope? TryRead(IReadOnlyBasicProperties properties, out string? problem)
    {
        if (!Guid.TryParse(properties.MessageId, out var messageId))
        {
            problem = "the message has no valid message id";
            return null;
        }

        if (string.IsNullOrWhiteSpace(properties.Type))
        {
            problem = "the message has no type";
            return null;
        }

        var headers = properties.Headers;
        var version = MessageHeaders.GetInt(headers, MessageHeaders.Version) ?? 1;
        var occurredAt = DateTimeOffset.TryParse(MessageHeaders.GetString(headers, MessageHeaders.OccurredAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at
            : properties.IsTimestampPresent() ? DateTimeOffset.FromUnixTimeSeconds(properties.Timestamp.UnixTime) : DateTimeOffset.UtcNow;

        problem = null;
        return new Envelope(
            messageId,
            properties.Type,
            version,
            occurredAt,
            properties.CorrelationId,
            MessageHeaders.GetString(headers, MessageHeaders.CausationId),
            MessageHeaders.GetString(headers, MessageHeaders.TraceParent),
            MessageHeaders.GetString(headers, MessageHeaders.TraceState),
            properties.AppId ?? "unknown");
    }

    /// <summary>A copy of a delivered message's properties for republishing, without broker bookkeeping headers.</summary>
    public static BasicProperties Copy(IReadOnlyBasicProperties properties, params string[] without)
    {
        var copy = new BasicProperties(properties);
        var headers = properties.Headers is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(properties.Headers);
        foreach (var key in MessageHeaders.Transient.Concat(without))
        {
            headers.Remove(key);
        }

        copy.Headers = headers;
        copy.DeliveryMode = DeliveryModes.Persistent;
        return copy;
    }
}
