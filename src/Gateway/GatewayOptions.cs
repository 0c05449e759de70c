namespace Brigade.Gateway;

/// <summary>
/// The gateway's settings (section <c>Gateway</c>), reloaded with the configuration. Destinations are
/// not here: a cluster named <c>x</c> sends to the URLs listed under <c>Services:x</c>, which the
/// launcher writes to <c>.brigade/services.json</c>.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>Route name → route. The longest matching prefix wins.</summary>
    public Dictionary<string, RouteOptions> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cluster name (a service name) → cluster settings. Clusters a route names but not listed here use the defaults.</summary>
    public Dictionary<string, ClusterOptions> Clusters { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Default request body limit; a route may raise or lower it (zero or less: no limit). Unset, it is the
    /// services' own limit (<c>Brigade:Limits:MaxRequestBodyBytes</c>, 1 MiB by default), so a body the
    /// services would refuse is refused here, before it travels.
    /// </summary>
    public long? MaxRequestBodyBytes { get; set; }

    /// <summary>
    /// Longest path and query the gateway takes; longer ones get a 414 problem. Kestrel's own request-line
    /// limit is raised above it (<see cref="GatewayModule"/>) so the refusal is ours and has a body.
    /// </summary>
    public int MaxUriLength { get; set; } = 8 * 1024;

    /// <summary>Client headers removed before forwarding: only the gateway and services may assert them.</summary>
    public List<string> InternalHeaderPrefixes { get; set; } = ["X-Internal-", "X-User-", "X-Service-", "X-Brigade-"];

    /// <summary>
    /// Addresses or CIDR ranges of proxies in front of the gateway (a load balancer). Only from these are
    /// <c>X-Forwarded-*</c> headers believed and extended; see <see cref="ForwardedHeaders"/>.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public ForwarderOptions Forwarder { get; set; } = new();

    public ManagementOptions Management { get; set; } = new();

    public ActiveHealthCheckOptions HealthChecks { get; set; } = new();

    public EjectionOptions Ejection { get; set; } = new();

    public CircuitOptions Circuit { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    public CorsOptions Cors { get; set; } = new();

    public StatusOptions Status { get; set; } = new();

    /// <summary>
    /// Runs request code on the socket threads instead of handing every completed read to the thread
    /// pool (Kestrel's <c>UnsafePreferInlineScheduling</c> plus inline socket completions): proxying is
    /// I/O and little else, and the hand-offs cost more than the work. Read at start-up; see ADR 0006.
    /// </summary>
    public bool InlineIo { get; set; } = true;

    /// <summary>
    /// Socket event threads when <see cref="InlineIo"/> is on (the runtime's default: one per processor).
    /// A request touches two sockets, the client's and the upstream's, each bound round-robin to one event
    /// thread; with two threads half the requests hop between them, and the gateway, its clients and the
    /// services each wake more often for fewer events. On a 2-core host shared with the load and the
    /// services, one thread forwarded 3–29 % more requests per second than two, at 13–31 % less CPU per
    /// request for the whole machine (ADR 0006). Raise it where the gateway has cores to itself. Read at
    /// start-up.
    /// </summary>
    public int IoThreads { get; set; } = 1;

    /// <summary>Directory of the web app served at <c>/</c>; relative paths are under the content root.</summary>
    public string WebRoot { get; set; } = "wwwroot";
}

public enum RouteAccess
{
    /// <summary>A valid access token is required; a missing, invalid or revoked one is refused with 401.</summary>
    Authenticated,

    /// <summary>Anyone may call; a presented token is forwarded untouched and checked by the service.</summary>
    Public,
}

public sealed class RouteOptions
{
    public string Prefix { get; set; } = "";

    public string Cluster { get; set; } = "";

    /// <summary>When set, the route applies only to these methods (a route without methods matches the rest).</summary>
    public List<string>? Methods { get; set; }

    public RouteAccess Access { get; set; } = RouteAccess.Authenticated;

    /// <summary>A named policy under <c>RateLimits:Policies</c>, counted per client address, on top of the defaults.</summary>
    public string? RateLimitPolicy { get; set; }

    public long? MaxRequestBodyBytes { get; set; }

    /// <summary><c>ClientAddress</c> keeps a client on one replica (SignalR negotiate + connect without a backplane).</summary>
    public string? Affinity { get; set; }
}

public sealed class ClusterOptions
{
    /// <summary>
    /// Longest the upstream may stay silent: before its response headers, and then between reads of a
    /// streamed body or WebSocket (YARP's activity timeout). A body that keeps moving may take as long as it
    /// needs; SignalR's 15 s keep-alives keep a quiet hub connection open.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The operators' listener: <c>/metrics</c> and <c>/health/*</c>, and nothing else. <c>/metrics</c> is
/// never served on the public listener (it names internal addresses).
/// </summary>
public sealed class ManagementOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Where it listens. Unset: loopback, at the public port + 90 (5090 locally). Its port must be a fixed
    /// one, since requests are told apart by the port they arrive on.
    /// </summary>
    public string? Url { get; set; }
}

public sealed class ForwarderOptions
{
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections are recycled after this long so DNS changes and replica moves are picked up.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    public int MaxConnectionsPerServer { get; set; } = int.MaxValue;

    /// <summary>
    /// Bodies larger than this (or of unknown length) are sent with <c>Expect: 100-continue</c>: a service that
    /// refuses one (413, 401, …) answers before any of it is sent, instead of cutting the upload off mid-way.
    /// </summary>
    public long ExpectContinueAbove { get; set; } = 64 * 1024;
}

public sealed class ActiveHealthCheckOptions
{
    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/health/ready";

    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Failed probes in a row before a replica is taken out; one passing probe brings it back.</summary>
    public int UnhealthyThreshold { get; set; } = 2;
}

/// <summary>Passive health, trigger one: failures in a row take a replica out of rotation for <see cref="Duration"/>.</summary>
public sealed class EjectionOptions
{
    /// <summary>Consecutive transport failures, timeouts or 502/503/504 answers that take a destination out of rotation (0: off).</summary>
    public int ConsecutiveFailures { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Passive health, trigger two, what a circuit breaker per replica would do: when at least
/// <see cref="FailureRatio"/> of the last <see cref="SamplingDuration"/>'s requests (and no fewer than
/// <see cref="MinimumThroughput"/>) failed, the replica is left alone for <see cref="BreakDuration"/>, then
/// tried again.
/// </summary>
public sealed record CircuitOptions
{
    public double FailureRatio { get; init; } = 0.5;

    public int MinimumThroughput { get; init; } = 20;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(15);
}

public sealed class RateLimitOptions
{
    /// <summary>Turns every limit off (benchmarks, load tests).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Anonymous requests, per client address.</summary>
    public TokenBucketOptions PerAddress { get; set; } = new() { TokenLimit = 200, TokensPerPeriod = 100, Period = TimeSpan.FromSeconds(1) };

    /// <summary>Authenticated requests, per user (<c>sub</c> of the validated token).</summary>
    public TokenBucketOptions PerUser { get; set; } = new() { TokenLimit = 200, TokensPerPeriod = 100, Period = TimeSpan.FromSeconds(1) };

    /// <summary>Tighter buckets a route opts into (login, registration), per client address.</summary>
    public Dictionary<string, TokenBucketOptions> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed record TokenBucketOptions
{
    public int TokenLimit { get; init; } = 100;

    public int TokensPerPeriod { get; init; } = 100;

    public TimeSpan Period { get; init; } = TimeSpan.FromSeconds(1);
}

public sealed class CorsOptions
{
    /// <summary>Origins of the web app allowed to call the API from a browser.</summary>
    public List<string> Origins { get; set; } = [];

    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed class StatusOptions
{
    /// <summary>Per-probe timeout of <c>/api/services/status</c>; the whole answer stays under two seconds.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Status answers are shared by callers within this window so a burst of polls probes once.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(1);
}
