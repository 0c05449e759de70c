using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Brigade.Messaging;

/// <summary>
/// Meter <c>Brigade.Messaging</c> (exported on <c>/metrics</c> by ServiceDefaults): publish and consume rates,
/// retries, dead letters and handler duration per event type. Outbox gauges live in <see cref="OutboxMonitor"/>.
/// </summary>
internal sealed class MessagingMetrics
{
    public const string MeterName = "Brigade.Messaging";

    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly Counter<long> _published;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _consumed;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _deadLettered;
    private readonly Histogram<double> _handlerDuration;
    private readonly Histogram<double> _lag;

    public MessagingMetrics(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(MeterName);
        _published = Meter.CreateCounter<long>("brigade.messaging.published", "{message}", "Events published from the outbox and confirmed by the broker.");
        _publishFailures = Meter.CreateCounter<long>("brigade.messaging.publish_failures", "{message}", "Outbox rows whose publish failed and will be retried.");
        _consumed = Meter.CreateCounter<long>("brigade.messaging.consumed", "{message}", "Messages consumed and acknowledged, by outcome (handled, duplicate).");
        _retried = Meter.CreateCounter<long>("brigade.messaging.retried", "{message}", "Messages whose handling failed and were scheduled for another attempt.");
        _deadLettered = Meter.CreateCounter<long>("brigade.messaging.dead_lettered", "{message}", "Messages moved to the dead-letter queue, by reason.");
        _handlerDuration = Meter.CreateHistogram<double>("brigade.messaging.handler.duration", "s", "Time to handle a message, transaction included.");
        _lag = Meter.CreateHistogram<double>("brigade.messaging.consume.lag", "s", "Time from an event's occurrence to its handling being committed.");
    }

    public Meter Meter { get; }

    public void Published(string type) => _published.Add(1, new KeyValuePair<string, object?>("type", type));

    public void PublishFailed(string type) => _publishFailures.Add(1, new KeyValuePair<string, object?>("type", type));

    public void Consumed(string type, string outcome) =>
        _consumed.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", outcome));

    public void Retried(string type) => _retried.Add(1, new KeyValuePair<string, object?>("type", type));

    public void DeadLettered(string type, string reason) =>
        _deadLettered.Add(1, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("reason", reason));

    public void Handled(string type, bool succeeded, TimeSpan duration) =>
        _handlerDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    public void Lag(string type, TimeSpan lag) => _lag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("type", type));
}
