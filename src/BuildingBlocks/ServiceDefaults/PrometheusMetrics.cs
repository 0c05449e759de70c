using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Brigade.ServiceDefaults;

/// <summary>
/// Collects the built-in ASP.NET Core, Kestrel, HttpClient, runtime and Npgsql meters plus every
/// <c>Brigade.*</c> meter with a <see cref="MeterListener"/> and renders them in the Prometheus text
/// format (version 0.0.4). Instrument names become snake_case with a base-unit suffix; counters end
/// in <c>_total</c>; milliseconds are reported as seconds so <c>promtool check metrics</c> accepts them.
/// </summary>
public sealed class PrometheusMetrics : IHostedService, IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly string[] MeterPrefixes =
    [
        "Microsoft.AspNetCore.", "System.Net.Http", "System.Runtime", "Npgsql", "Brigade",
    ];

    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly double[] GenericBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000, 10000, 100000, 1000000];

    private readonly ConcurrentDictionary<string, Family> _families = new();
    private readonly MeterListener _listener = new();

    public PrometheusMetrics(IOptions<MetricsOptions> options)
    {
        var excluded = options.Value.ExcludedMeters.ToArray();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!MeterPrefixes.Any(p => instrument.Meter.Name.StartsWith(p, StringComparison.Ordinal))
                || excluded.Contains(instrument.Meter.Name, StringComparer.Ordinal))
            {
                return;
            }

            var family = Family.For(instrument);
            var existing = _families.GetOrAdd(family.Name, family);
            if (existing.Kind == family.Kind)
            {
                listener.EnableMeasurementEvents(instrument, existing);
            }
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, state) => ((Family)state!).Record(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, state) => ((Family)state!).Record(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, state) => ((Family)state!).Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, state) => ((Family)state!).Record(i, v, tags));
        _listener.SetMeasurementEventCallback<short>((i, v, tags, state) => ((Family)state!).Record(i, v, tags));
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, state) => ((Family)state!).Record(i, v, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, v, tags, state) => ((Family)state!).Record(i, (double)v, tags));
        _listener.Start();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    /// <summary>Renders every family collected so far in the Prometheus text exposition format.</summary>
    public string Scrape()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder(8192);
        foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            family.Render(text);
        }

        return text.ToString();
    }

    private enum Kind { Counter, Gauge, Histogram }

    private sealed class Family(string name, Kind kind, string help, double scale, double[] buckets)
    {
        private readonly ConcurrentDictionary<int, Series[]> _series = new();

        public string Name { get; } = name;
        public Kind Kind { get; } = kind;

        public static Family For(Instrument instrument)
        {
            var unit = instrument.Unit ?? "";
            var (suffix, scale) = unit switch
            {
                "s" => ("_seconds", 1.0),
                "ms" => ("_seconds", 0.001),
                "By" => ("_bytes", 1.0),
                _ => ("", 1.0),
            };
            var type = instrument.GetType().GetGenericTypeDefinition();
            var kind = type == typeof(Histogram<>) ? Kind.Histogram
                : type == typeof(Counter<>) || type == typeof(ObservableCounter<>) ? Kind.Counter
                : Kind.Gauge;

            var name = Sanitize(instrument.Name);
            if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name += suffix;
            }

            // Prometheus reserves these suffixes for histogram series.
            if (kind != Kind.Histogram && (name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal)))
            {
                name += "_value";
            }

            if (kind == Kind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
            {
                name += "_total";
            }

            var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
            var buckets = suffix == "_seconds" ? SecondsBuckets : GenericBuckets;
            return new Family(name, kind, help, scale, buckets);
        }

        public void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var series = Find(tags);
            value *= scale;
            switch (Kind)
            {
                case Kind.Histogram:
                    AddDouble(ref series.Sum, value);
                    Interlocked.Increment(ref series.Count);
                    var b = Array.BinarySearch(buckets, value);
                    b = b >= 0 ? b : ~b;
                    if (b < buckets.Length)
                    {
                        Interlocked.Increment(ref series.Buckets![b]);
                    }

                    break;
                case Kind.Counter when instrument.IsObservable:
                case Kind.Gauge when instrument.IsObservable || !IsUpDown(instrument):
                    Volatile.Write(ref series.Value, value); // observable instruments report the current total
                    break;
                default:
                    AddDouble(ref series.Value, value);
                    break;
            }
        }

        /// <summary>
        /// Finds the series for a tag set without allocating on the hot path: series are bucketed by a
        /// hash of the tags and matched by comparing the tags themselves; labels are rendered once.
        /// </summary>
        private Series Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var hash = new HashCode();
            foreach (var (key, value) in tags)
            {
                hash.Add(key);
                hash.Add(value);
            }

            var code = hash.ToHashCode();
            if (_series.TryGetValue(code, out var candidates))
            {
                foreach (var candidate in candidates)
                {
                    if (candidate.Matches(tags))
                    {
                        return candidate;
                    }
                }
            }

            lock (_series)
            {
                candidates = _series.GetValueOrDefault(code) ?? [];
                foreach (var candidate in candidates)
                {
                    if (candidate.Matches(tags))
                    {
                        return candidate;
                    }
                }

                var created = new Series(tags.ToArray(), Labels(tags), Kind == Kind.Histogram ? new long[buckets.Length] : null);
                _series[code] = [.. candidates, created];
                return created;
            }
        }

        private static void AddDouble(ref double target, double value)
        {
            double seen, updated;
            do
            {
                seen = Volatile.Read(ref target);
                updated = seen + value;
            }
            while (Interlocked.CompareExchange(ref target, updated, seen) != seen);
        }

        private static bool IsUpDown(Instrument instrument) => instrument.GetType().GetGenericTypeDefinition() == typeof(UpDownCounter<>);

        public void Render(StringBuilder text)
        {
            if (_series.IsEmpty)
            {
                return;
            }

            text.Append("# HELP ").Append(Name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(Kind switch { Kind.Counter => "counter", Kind.Gauge => "gauge", _ => "histogram" }).Append('\n');
            foreach (var series in _series.Values.SelectMany(v => v).OrderBy(v => v.Labels, StringComparer.Ordinal))
            {
                var labels = series.Labels;
                if (Kind != Kind.Histogram)
                {
                    Line(text, Name, labels, null, Volatile.Read(ref series.Value));
                    continue;
                }

                long cumulative = 0;
                for (var b = 0; b < buckets.Length; b++)
                {
                    cumulative += Interlocked.Read(ref series.Buckets![b]);
                    Line(text, Name + "_bucket", labels, Format(buckets[b]), cumulative);
                }

                // Read after the buckets so +Inf is never below the last finite bucket.
                var count = Math.Max(Interlocked.Read(ref series.Count), cumulative);
                Line(text, Name + "_bucket", labels, "+Inf", count);
                Line(text, Name + "_sum", labels, null, Volatile.Read(ref series.Sum));
                Line(text, Name + "_count", labels, null, count);
            }
        }

        private static void Line(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(Format(value)).Append('\n');
        }

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0)
            {
                return "";
            }

            var pairs = new List<string>(tags.Length);
            foreach (var (key, value) in tags)
            {
                var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                text = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
                pairs.Add($"{Sanitize(key)}=\"{text}\"");
            }

            pairs.Sort(StringComparer.Ordinal);
            return string.Join(',', pairs);
        }

        private static string Format(double value) =>
            double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : value.ToString("G17", CultureInfo.InvariantCulture);
    }

    private sealed class Series(KeyValuePair<string, object?>[] tags, string labels, long[]? buckets)
    {
        public double Value;
        public double Sum;
        public long Count;

        public string Labels { get; } = labels;

        public long[]? Buckets { get; } = buckets;

        public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> other)
        {
            if (other.Length != tags.Length)
            {
                return false;
            }

            for (var i = 0; i < tags.Length; i++)
            {
                if (!string.Equals(tags[i].Key, other[i].Key, StringComparison.Ordinal) || !Equals(tags[i].Value, other[i].Value))
                {
                    return false;
                }
            }

            return true;
        }
    }

    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? char.ToLowerInvariant(c) : '_');
        }

        if (text.Length == 0 || char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}

/// <summary>What <see cref="PrometheusMetrics"/> listens to (configuration section <c>Brigade:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    /// <summary>
    /// Meters not listened to. Always the memory pool's: it records on every buffer rent and return,
    /// several times per request, for a figure nobody alerts on. A service adds its own.
    /// </summary>
    public List<string> ExcludedMeters { get; } = ["Microsoft.AspNetCore.MemoryPool"];
}
