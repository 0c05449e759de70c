using Polly;
using Polly.CircuitBreaker;

namespace Brigade.Gateway;

public enum DestinationHealth
{
    Unknown,
    Healthy,
    Unhealthy,
}

/// <summary>
/// One replica of a service: where it is, how many requests it is serving now, what the active probe
/// last said, whether passive ejection took it out of rotation, and its circuit. The object outlives
/// configuration reloads that keep its URL, so none of that state is lost.
/// </summary>
public sealed class Destination
{
    private int _outstanding;
    private int _consecutiveFailures;
    private int _failedProbes;
    private long _ejectedUntil;
    private long _circuitOpenUntil;
    private volatile DestinationHealth _health = DestinationHealth.Unknown;

    public Destination(string url, CircuitOptions circuit)
    {
        Url = url.TrimEnd('/');
        Address = new Uri(Url, UriKind.Absolute);
        Circuit = BuildCircuit(circuit);
        CircuitOptions = circuit;
    }

    /// <summary>Base URL without a trailing slash, e.g. <c>http://127.0.0.1:5001</c>.</summary>
    public string Url { get; }

    public Uri Address { get; }

    public CircuitOptions CircuitOptions { get; private set; }

    /// <summary>Polly circuit breaker around every forwarded request to this replica.</summary>
    public ResiliencePipeline<HttpResponseMessage> Circuit { get; private set; }

    public int Outstanding => Volatile.Read(ref _outstanding);

    public DestinationHealth Health => _health;

    public bool IsEjected => Environment.TickCount64 < Volatile.Read(ref _ejectedUntil);

    public bool IsCircuitOpen => Environment.TickCount64 < Volatile.Read(ref _circuitOpenUntil);

    /// <summary>May take traffic: not failing its health probe, not ejected, circuit not open.</summary>
    public bool IsAvailable(long now) =>
        _health != DestinationHealth.Unhealthy
        && now >= Volatile.Read(ref _ejectedUntil)
        && now >= Volatile.Read(ref _circuitOpenUntil);

    public void Enter() => Interlocked.Increment(ref _outstanding);

    public void Leave() => Interlocked.Decrement(ref _outstanding);

    /// <summary>Records a probe: one pass makes the replica healthy, <paramref name="unhealthyThreshold"/> failures in a row unhealthy.</summary>
    public void RecordProbe(bool passed, int unhealthyThreshold)
    {
        if (passed)
        {
            Volatile.Write(ref _failedProbes, 0);
            _health = DestinationHealth.Healthy;
        }
        else if (Interlocked.Increment(ref _failedProbes) >= Math.Max(1, unhealthyThreshold))
        {
            _health = DestinationHealth.Unhealthy;
        }
    }

    public void ReportSuccess()
    {
        if (Volatile.Read(ref _consecutiveFailures) != 0)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
        }
    }

    /// <summary>Counts a failure; the N-th in a row ejects the replica for the cool-down.</summary>
    public void ReportFailure(EjectionOptions ejection)
    {
        if (Interlocked.Increment(ref _consecutiveFailures) >= ejection.ConsecutiveFailures && ejection.ConsecutiveFailures > 0)
        {
            Volatile.Write(ref _consecutiveFailures, 0);
            Volatile.Write(ref _ejectedUntil, Environment.TickCount64 + (long)ejection.Duration.TotalMilliseconds);
        }
    }

    internal void Reconfigure(CircuitOptions circuit)
    {
        if (circuit != CircuitOptions)
        {
            Circuit = BuildCircuit(circuit);
            CircuitOptions = circuit;
            Volatile.Write(ref _circuitOpenUntil, 0);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> BuildCircuit(CircuitOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = static args => new ValueTask<bool>(IsFailure(args.Outcome)),
                // The balancer skips a replica while its circuit is open and offers it again when the
                // break ends, so the half-open trial request actually happens.
                OnOpened = args =>
                {
                    Volatile.Write(ref _circuitOpenUntil, Environment.TickCount64 + (long)args.BreakDuration.TotalMilliseconds);
                    return default;
                },
                OnClosed = _ =>
                {
                    Volatile.Write(ref _circuitOpenUntil, 0);
                    return default;
                },
            })
            .Build();

    /// <summary>What counts against a replica: transport errors, timeouts, and the upstream saying it cannot serve.</summary>
    internal static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { StatusCode: System.Net.HttpStatusCode.BadGateway or System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.GatewayTimeout },
        HttpRequestException or TimeoutException => true,
        _ => false,
    };
}
