using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Brigade.Gateway.Proxy;

/// <summary>
/// Passive health: what counts against a replica is a transport failure, a timeout, or the replica itself
/// answering 502/503/504 (a client's broken or cancelled body does not count). Two triggers take it out of
/// rotation: <c>Gateway:Ejection</c>, N failures in a row, for its duration; and <c>Gateway:Circuit</c>, a
/// failure ratio over a sampling window with a minimum of requests, for its break duration, which is what a
/// circuit breaker per replica would do, so there is none besides this. When the time is up YARP offers the
/// replica again, with a clean record. Active health checks (probes of <c>/health/ready</c>) are YARP's own.
/// </summary>
public sealed class ReplicaHealthPolicy(IDestinationHealthUpdater health, Topology topology, TimeProvider time) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "BrigadeReplicas";

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DestinationState, Record> _records = new();

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var failed = IsFailure(context);
        var options = topology.Options;
        var record = _records.GetValue(destination, static _ => new Record());
        TimeSpan? ejectFor;
        lock (record)
        {
            ejectFor = record.Add(failed, time.GetTimestamp(), time, options.Ejection, options.Circuit);
        }

        if (ejectFor is { } period)
        {
            health.SetPassive(cluster, destination, DestinationHealth.Unhealthy, period);
        }
    }

    /// <summary>True when the replica is out of rotation right now (checked again at pick time, see <see cref="Attempts"/>).</summary>
    public static bool IsOut(DestinationState destination) =>
        destination.Health.Passive == DestinationHealth.Unhealthy || destination.Health.Active == DestinationHealth.Unhealthy;

    private static bool IsFailure(HttpContext context)
    {
        var error = context.Features.Get<IForwarderErrorFeature>()?.Error ?? ForwarderError.None;
        return error switch
        {
            ForwarderError.None => context.Response.StatusCode is StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout,
            ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
                or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient or ForwarderError.UpgradeRequestCanceled
                or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseCanceled or ForwarderError.UpgradeResponseClient => false,
            _ => true,
        };
    }

    /// <summary>
    /// One replica's recent outcomes: failures in a row, and requests and failures over the sampling window
    /// in ten buckets (constant work and memory per request, whatever the rate).
    /// </summary>
    private sealed class Record
    {
        private const int Buckets = 10;

        private readonly long[] _bucket = new long[Buckets];
        private readonly int[] _total = new int[Buckets];
        private readonly int[] _failed = new int[Buckets];
        private int _consecutive;

        /// <summary>Records an outcome; returns how long to take the replica out, if a trigger fired.</summary>
        public TimeSpan? Add(bool failed, long now, TimeProvider time, EjectionOptions ejection, CircuitOptions circuit)
        {
            _consecutive = failed ? _consecutive + 1 : 0;
            var width = Math.Max(1, (long)(circuit.SamplingDuration.TotalSeconds * time.TimestampFrequency / Buckets));
            var bucket = now / width;
            var slot = (int)(bucket % Buckets);
            if (_bucket[slot] != bucket)
            {
                _bucket[slot] = bucket;
                _total[slot] = 0;
                _failed[slot] = 0;
            }

            _total[slot]++;
            if (!failed)
            {
                return null;
            }

            _failed[slot]++;
            if (ejection.ConsecutiveFailures > 0 && _consecutive >= ejection.ConsecutiveFailures)
            {
                Reset();
                return ejection.Duration;
            }

            int total = 0, failures = 0;
            for (var i = 0; i < Buckets; i++)
            {
                if (bucket - _bucket[i] < Buckets)
                {
                    total += _total[i];
                    failures += _failed[i];
                }
            }

            if (total >= Math.Max(1, circuit.MinimumThroughput) && failures >= circuit.FailureRatio * total)
            {
                Reset();
                return circuit.BreakDuration;
            }

            return null;
        }

        private void Reset()
        {
            _consecutive = 0;
            Array.Clear(_total);
            Array.Clear(_failed);
        }
    }
}
