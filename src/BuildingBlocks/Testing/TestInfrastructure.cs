using System.Diagnostics;

namespace Brigade.Testing;

/// <summary>
/// Where the real PostgreSQL, RabbitMQ and Redis for tests are: the ones <c>./brigade test</c> started
/// (environment), or — when a test runs from an IDE — the private ones <c>./brigade infra up</c> starts.
/// </summary>
public static class TestInfrastructure
{
    public const string PostgresVariable = "BRIGADE_TEST_POSTGRES";
    public const string RabbitMqVariable = "BRIGADE_TEST_RABBITMQ";
    public const string RedisVariable = "BRIGADE_TEST_REDIS";
    public const string MqttVariable = "BRIGADE_TEST_MQTT";
    public const string RabbitMqManagementVariable = "BRIGADE_TEST_RABBITMQ_MANAGEMENT";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Settings = new(Resolve);

    /// <summary>A superuser connection string to the <c>postgres</c> database.</summary>
    public static string PostgresAdminConnectionString => Settings.Value[PostgresVariable];

    /// <summary>An AMQP URI of the test broker.</summary>
    public static string RabbitMqUri => Settings.Value[RabbitMqVariable];

    /// <summary>A StackExchange.Redis configuration string (endpoint and password) of the test Redis.</summary>
    public static string RedisConnectionString => Settings.Value[RedisVariable];

    /// <summary><c>host:port</c> of the test broker's MQTT listener (devices).</summary>
    public static string MqttEndpoint => Settings.Value[MqttVariable];

    /// <summary>Base URL of the test broker's management HTTP API.</summary>
    public static string RabbitMqManagementUrl => Settings.Value[RabbitMqManagementVariable];

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    private static IReadOnlyDictionary<string, string> Resolve()
    {
        var fromEnvironment = new Dictionary<string, string>();
        string[] names = [PostgresVariable, RabbitMqVariable, RedisVariable, MqttVariable, RabbitMqManagementVariable];
        foreach (var name in names)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                fromEnvironment[name] = value;
            }
        }

        if (fromEnvironment.Count == names.Length)
        {
            return fromEnvironment;
        }

        var stateDirectory = Environment.GetEnvironmentVariable("BRIGADE_STATE_DIR") ?? Path.Combine(RepositoryRoot, ".brigade");
        var envFile = Path.Combine(stateDirectory, "infra.env");
        var launcher = Process.Start(new ProcessStartInfo(Path.Combine(RepositoryRoot, "brigade"), "infra up")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not run ./brigade infra up.");
        var output = launcher.StandardOutput.ReadToEndAsync();
        var errors = launcher.StandardError.ReadToEnd();
        launcher.WaitForExit();
        if (launcher.ExitCode != 0 || !File.Exists(envFile))
        {
            throw new InvalidOperationException($"./brigade infra up failed ({launcher.ExitCode}): {output.Result}{errors}");
        }

        return File.ReadAllLines(envFile)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim().Trim('\'', '"'));
    }

    private static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Brigade.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"Brigade.slnx not found above {AppContext.BaseDirectory}; set {PostgresVariable}, {RabbitMqVariable} and {RedisVariable}.");
    }
}
