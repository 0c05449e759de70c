using System.Security.Cryptography;
using System.Text;

namespace Brigade.AppHost;

/// <summary>Where things live and which ports they use; see docs/local-contract.md.</summary>
sealed class Settings
{
    public const string SolutionFile = "Brigade.slnx";

    public required string RepoRoot { get; init; }
    public required string StateDir { get; init; }
    public required string ArtifactsDir { get; init; }
    public required int PortOffset { get; init; }

    /// <summary>
    /// Parent of the PostgreSQL, RabbitMQ and Redis data: the state directory, unless the server users cannot
    /// reach it (e.g. a clone under /root), then a private folder under /var/tmp (linked from the state directory).
    /// </summary>
    public required string ServerDataRoot { get; init; }

    public string LogsDir => Path.Combine(StateDir, "logs");
    public string PidsDir => Path.Combine(StateDir, "pids");
    public string SecretsDir => Path.Combine(StateDir, "secrets");
    public string MailDir => Path.Combine(StateDir, "mail");
    public string PostgresDir => Path.Combine(ServerDataRoot, "postgres");
    public string PostgresData => Path.Combine(PostgresDir, "data");
    public string RabbitDir => Path.Combine(ServerDataRoot, "rabbitmq");
    public string RedisDir => Path.Combine(ServerDataRoot, "redis");
    public string ServicesFile => Path.Combine(StateDir, "services.json");
    public string InfraEnvFile => Path.Combine(StateDir, "infra.env");
    public string AdminPasswordFile => Path.Combine(StateDir, "admin-password");
    public string TestResultsDir => Path.Combine(StateDir, "test-results");
    public string LockFile => Path.Combine(StateDir, "launcher.lock");

    // Base ports stay below Linux's ephemeral range (32768–60999) even with the largest offset in use (+9500), where an
    // outgoing connection could hold one by chance; each ends in a different residue mod 50, so no two of them (nor the
    // services' 5000–5015, the gateway's 5090 or the dashboard's 18888–18890) meet at offsets that are multiples of 50.
    // tests/AppHost.Tests/PortPlanTests.cs checks both.
    public const int PostgresBasePort = 15432;
    public const int AmqpBasePort = 17672;
    public const int DistBasePort = 17673;
    public const int EpmdBasePort = 17369;
    public const int RedisBasePort = 16379;
    public const int MqttBasePort = 11883;
    public const int RabbitManagementBasePort = 17680;

    public int PostgresPort => PostgresBasePort + PortOffset;
    public int AmqpPort => AmqpBasePort + PortOffset;
    public int DistPort => DistBasePort + PortOffset;
    public int EpmdPort => EpmdBasePort + PortOffset;
    public int RedisPort => RedisBasePort + PortOffset;
    /// <summary>RabbitMQ's MQTT listener (devices) and its management HTTP API (the iot service creates per-device users there).</summary>
    public int MqttPort => MqttBasePort + PortOffset;
    public int RabbitManagementPort => RabbitManagementBasePort + PortOffset;
    public int ReplicaBasePort => 5100 + PortOffset;

    /// <summary>True when the launcher runs as root and must drop privileges for PostgreSQL, RabbitMQ and Redis.</summary>
    public static bool IsRoot => Native.geteuid() == 0;

    /// <summary>Extra <c>-p:ArtifactsPath=…</c> for builds when the launcher itself was built elsewhere.</summary>
    public IEnumerable<string> ArtifactsBuildArgs =>
        PathsEqual(ArtifactsDir, Path.Combine(RepoRoot, "artifacts")) ? [] : [$"-p:ArtifactsPath={ArtifactsDir}"];

    public string Relative(string path)
    {
        var rel = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return rel.StartsWith("..", StringComparison.Ordinal) ? path : rel;
    }

    public static Settings Load()
    {
        var repo = FindRepoRoot(AppContext.BaseDirectory) ?? FindRepoRoot(Environment.CurrentDirectory)
            ?? throw new LauncherException($"cannot find {SolutionFile} above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");

        var state = Environment.GetEnvironmentVariable("BRIGADE_STATE_DIR");
        state = string.IsNullOrWhiteSpace(state) ? Path.Combine(repo, ".brigade") : Path.GetFullPath(state);

        var offsetText = Environment.GetEnvironmentVariable("BRIGADE_PORT_OFFSET");
        var offset = 0;
        if (!string.IsNullOrWhiteSpace(offsetText) && (!int.TryParse(offsetText, out offset) || offset < -5000 || offset > 9000))
        {
            throw new LauncherException($"BRIGADE_PORT_OFFSET must be a whole number between -5000 and 9000, not '{offsetText}'");
        }

        return new Settings
        {
            RepoRoot = repo,
            StateDir = state,
            ServerDataRoot = IsRoot && !OthersCanTraverse(Path.GetDirectoryName(state)!)
                ? Path.Combine("/var/tmp", "brigade-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)))[..12])
                : state,
            ArtifactsDir = FindArtifactsDir(repo),
            PortOffset = offset,
        };
    }

    static bool OthersCanTraverse(string dir)
    {
        for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
        {
            if (d.Exists && !d.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }
        return true;
    }

    static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>
    /// Services are looked up next to the launcher: <c>&lt;artifacts&gt;/bin/Brigade.AppHost/&lt;config&gt;/</c>.
    /// A launcher built with a custom ArtifactsPath therefore builds and runs services there too.
    /// </summary>
    static string FindArtifactsDir(string repo)
    {
        var configDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var projectDir = configDir.Parent;
        var binDir = projectDir?.Parent;
        if (projectDir?.Name == "Brigade.AppHost" && binDir?.Name == "bin" && binDir.Parent is { } artifacts)
        {
            return artifacts.FullName;
        }
        return Path.Combine(repo, "artifacts");
    }

    static bool PathsEqual(string a, string b) =>
        string.Equals(Path.GetFullPath(a).TrimEnd('/'), Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);
}

/// <summary>An expected failure: printed as one clear line, exit code 1.</summary>
sealed class LauncherException(string message) : Exception(message);
