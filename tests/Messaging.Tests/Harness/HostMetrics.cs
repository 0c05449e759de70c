using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Brigade.Messaging.Tests;

/// <summary>Sums the <c>Brigade.Messaging</c> counters of one host (its own meter factory), keyed <c>name|tag=value,...</c>.</summary>
public sealed class HostMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public HostMetrics(IMeterFactory factory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Brigade.Messaging" && ReferenceEquals(instrument.Meter.Scope, factory) && instrument is Counter<long>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var labels = new List<string>();
            foreach (var tag in tags)
            {
                labels.Add($"{tag.Key}={tag.Value}");
            }

            labels.Sort(StringComparer.Ordinal);
            _counts.AddOrUpdate($"{instrument.Name}|{string.Join(',', labels)}", value, (_, n) => n + value);
        });
        _listener.Start();
    }

    /// <summary>Sum over all series of <paramref name="name"/> whose labels contain every one of <paramref name="labels"/>.</summary>
    public long Count(string name, params string[] labels) =>
        _counts.Where(kv => kv.Key.StartsWith(name + "|", StringComparison.Ordinal) && labels.All(l => kv.Key.Split('|')[1].Split(',').Contains(l)))
            .Sum(kv => kv.Value);

    public void Dispose() => _listener.Dispose();
}
