using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Brigade.AppHost;

/// <summary>The private PostgreSQL cluster, RabbitMQ node (with its own epmd) and Redis server under the state directory.</summary>
sealed class Infrastructure(Settings s)
{
    public const string PostgresName = "postgres";
    public const string RabbitName = "rabbitmq";
    public const string EpmdName = "epmd";
    public const string RedisName = "redis";
    public const string DatabaseUser = "brigade";
    const string RabbitServer = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    const string Epmd = "/usr/bin/epmd";
    const string RedisServer = "/usr/bin/redis-server";

    static readonly TimeSpan PostgresStartTimeout = TimeSpan.FromSeconds(60);
    static readonly TimeSpan RabbitStartTimeout = TimeSpan.FromSeconds(120);
    static readonly TimeSpan RedisStartTimeout = TimeSpan.FromSeconds(60);

    string? RunAs(string user) => Settings.IsRoot ? user : null;

    public string PostgresConnectionString(string database) =>
        $"Host=127.0.0.1;Port={s.PostgresPort};Database={database};Username={DatabaseUser};Password={Secrets.Get(s, Secrets.PostgresPassword)}";

    public string RabbitUri => $"amqp://{DatabaseUser}:{Secrets.Get(s, Secrets.RabbitPassword)}@127.0.0.1:{s.AmqpPort}/";
    public string MqttEndpoint => $"127.0.0.1:{s.MqttPort}";
    public string RabbitManagementUrl => $"http://127.0.0.1:{s.RabbitManagementPort}/";

    /// <summary>StackExchange.Redis configuration: endpoint and password (hex, so nothing needs escaping).</summary>
    public string RedisConnectionString => $"127.0.0.1:{s.RedisPort},password={Secrets.Get(s, Secrets.RedisPassword)}";

    public static IReadOnlyList<string> Names => [PostgresName, EpmdName, RabbitName, RedisName];

    /// <summary>Names of the infrastructure processes that are running according to our pid files.</summary>
    public List<string> Running() =>
        Names.Where(n => ProcessControl.ReadPidFile(s, n) is { } r && ProcessControl.IsAlive(r)).ToList();

    /// <summary>Starts whatever is not running yet and returns what it started.</summary>
    public async Task<List<string>> UpAsync()
    {
        var running = Running();
        var missing = Names.Except(running).ToList();
        var ports = new[]
        {
            (Port: s.PostgresPort, What: "PostgreSQL", Owner: PostgresName),
            (Port: s.EpmdPort, What: "epmd", Owner: EpmdName),
            (Port: s.AmqpPort, What: "RabbitMQ AMQP", Owner: RabbitName),
            (Port: s.DistPort, What: "RabbitMQ distribution", Owner: RabbitName),
            (Port: s.RedisPort, What: "Redis", Owner: RedisName),
        };
        Ports.EnsureFree(ports.Where(p => missing.Contains(p.Owner)).Select(p => (p.Port, p.What)));

        PrepareStateDirectory();
        var started = new List<string>();
        try
        {
            if (missing.Contains(PostgresName))
            {
                if (!File.Exists(Path.Combine(s.PostgresData, "PG_VERSION")))
                {
                    await Output.Step("initialising PostgreSQL cluster", InitPostgresAsync);
                }
                started.Add(PostgresName);
                await Output.Step($"starting PostgreSQL on 127.0.0.1:{s.PostgresPort}", StartPostgresAsync);
            }
            if (missing.Contains(EpmdName))
            {
                started.Add(EpmdName);
                await Output.Step($"starting epmd on 127.0.0.1:{s.EpmdPort}", StartEpmdAsync);
            }
            if (missing.Contains(RabbitName))
            {
                started.Add(RabbitName);
                await Output.Step($"starting RabbitMQ on 127.0.0.1:{s.AmqpPort}", StartRabbitAsync);
            }
            if (missing.Contains(RedisName))
            {
                started.Add(RedisName);
                await Output.Step($"starting Redis on 127.0.0.1:{s.RedisPort}", StartRedisAsync);
            }
        }
        catch
        {
            await StopAsync(started);
            throw;
        }
        WriteInfraEnv();
        return started;
    }

    /// <summary>Stops the given infrastructure processes (all by default) in the safe order.</summary>
    public async Task StopAsync(IReadOnlyCollection<string>? only = null)
    {
        foreach (var (name, label, signal, grace) in new[]
        {
            // rabbitmq-server traps SIGTERM and stops the broker cleanly; PostgreSQL takes SIGINT as "fast shutdown".
            (RabbitName, "RabbitMQ", Native.SIGTERM, TimeSpan.FromSeconds(60)),
            (EpmdName, "epmd", Native.SIGTERM, TimeSpan.FromSeconds(5)),
            // Redis takes SIGTERM as SHUTDOWN: it flushes the append-only file and exits.
            (RedisName, "Redis", Native.SIGTERM, TimeSpan.FromSeconds(30)),
            (PostgresName, "PostgreSQL", Native.SIGINT, TimeSpan.FromSeconds(60)),
        })
        {
            if (only is not null && !only.Contains(name) || ProcessControl.ReadPidFile(s, name) is not { } record)
            {
                continue;
            }
            if (!ProcessControl.IsAlive(record))
            {
                ProcessControl.RemovePidFile(s, name);
                continue;
            }
            await Output.Step($"stopping {label} (pid {record.Pid})", () => ProcessControl.StopAsync(s, record, signal, grace));
        }
    }

    /// <summary>Single-quoted so shell scripts can <c>source</c> it: connection strings contain <c>;</c>.</summary>
    public void WriteInfraEnv() => Secrets.WritePrivate(s.InfraEnvFile,
        $"BRIGADE_TEST_POSTGRES='{PostgresConnectionString("postgres")}'\nBRIGADE_TEST_RABBITMQ='{RabbitUri}'\nBRIGADE_TEST_REDIS='{RedisConnectionString}'\nBRIGADE_TEST_MQTT='{MqttEndpoint}'\nBRIGADE_TEST_RABBITMQ_MANAGEMENT='{RabbitManagementUrl}'\n");

    void PrepareStateDirectory()
    {
        Directory.CreateDirectory(s.StateDir);
        if (!Settings.IsRoot)
        {
            return;
        }
        // PostgreSQL, RabbitMQ and Redis run as their own users and must be able to reach their folders.
        File.SetUnixFileMode(s.StateDir, (UnixFileMode)0b111_101_101);
        if (s.ServerDataRoot != s.StateDir)
        {
            Directory.CreateDirectory(s.ServerDataRoot, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(s.ServerDataRoot, (UnixFileMode)0b111_101_101);
            foreach (var dir in new[] { s.PostgresDir, s.RabbitDir, s.RedisDir })
            {
                var link = Path.Combine(s.StateDir, Path.GetFileName(dir));
                if (!Path.Exists(link))
                {
                    File.CreateSymbolicLink(link, dir);
                }
            }
        }
    }

    // ---------------------------------------------------------------- PostgreSQL

    static string PostgresBin()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "postgres")) && int.TryParse(Path.GetFileName(d), out _))
                .OrderByDescending(d => int.Parse(Path.GetFileName(d), CultureInfo.InvariantCulture))
                .ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new LauncherException("PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/postgres); run: apt-get install postgresql");
    }

    async Task InitPostgresAsync()
    {
        Directory.CreateDirectory(s.PostgresDir);
        var passwordFile = Path.Combine(s.PostgresDir, "initdb-password");
        Secrets.WritePrivate(passwordFile, Secrets.Get(s, Secrets.PostgresPassword) + "\n");
        if (Settings.IsRoot)
        {
            await ChownAsync(s.PostgresDir, "postgres");
        }
        try
        {
            var (code, output) = await RunAsAsync(RunAs("postgres"), Path.Combine(PostgresBin(), "initdb"),
                ["-D", s.PostgresData, "-U", DatabaseUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256",
                 "-E", "UTF8", "--locale=C.UTF-8"], s.PostgresDir);
            if (code != 0)
            {
                throw new LauncherException($"initdb failed (exit {code}):\n{output.TrimEnd()}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    async Task StartPostgresAsync()
    {
        if (!Secrets.Exists(s, Secrets.PostgresPassword))
        {
            throw new LauncherException($"{s.PostgresData} exists but secrets/{Secrets.PostgresPassword} is gone; delete {s.PostgresDir} to start over");
        }
        RemoveStalePostmasterPid();
        var record = ProcessControl.Start(s, PostgresName, Path.Combine(PostgresBin(), "postgres"),
            ["-D", s.PostgresData, "-h", "127.0.0.1", "-p", $"{s.PostgresPort}",
             "-k", "", "-c", "max_connections=300"],
            s.PostgresDir, match: $"-D {s.PostgresData}", port: s.PostgresPort, runAs: RunAs("postgres"));

        var isReady = Path.Combine(PostgresBin(), "pg_isready");
        await WaitAsync(record, PostgresStartTimeout, "PostgreSQL", async () =>
            (await ProcessControl.RunAsync(isReady, ["-q", "-h", "127.0.0.1", "-p", $"{s.PostgresPort}", "-t", "2"])).ExitCode == 0);
    }

    /// <summary>After a crash postmaster.pid may name a pid now used by something else; PostgreSQL would refuse to start.</summary>
    void RemoveStalePostmasterPid()
    {
        var file = Path.Combine(s.PostgresData, "postmaster.pid");
        if (File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid)
            && !ProcessControl.CommandLine(pid).Contains($"-D {s.PostgresData}", StringComparison.Ordinal))
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs SQL through psql as the superuser; returns psql's output.</summary>
    public async Task<string> PsqlAsync(string sql)
    {
        var (code, output) = await ProcessControl.RunAsync(Path.Combine(PostgresBin(), "psql"),
            ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", $"{s.PostgresPort}",
             "-U", DatabaseUser, "-d", "postgres", "-f", "-"],
            new Dictionary<string, string> { ["PGPASSWORD"] = Secrets.Get(s, Secrets.PostgresPassword), ["PGCONNECT_TIMEOUT"] = "10" },
            stdin: sql);
        return code == 0 ? output : throw new LauncherException($"psql failed (exit {code}):\n{output.TrimEnd()}");
    }

    public Task CreateDatabasesAsync(IEnumerable<string> databases)
    {
        var names = databases.ToList();
        if (names.Count == 0)
        {
            return Task.CompletedTask;
        }
        foreach (var n in names.Where(n => !System.Text.RegularExpressions.Regex.IsMatch(n, "^[a-z0-9_]+$")))
        {
            throw new LauncherException($"'{n}' is not a valid database name");
        }
        var list = string.Join(",", names.Select(n => $"'{n}'"));
        return PsqlAsync($"""
            SELECT format('CREATE DATABASE %I', n) FROM unnest(ARRAY[{list}]) AS n
            WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = n)
            \gexec
            """);
    }

    /// <summary>Drops databases left by earlier test runs (templates must stop being templates first).</summary>
    public async Task<int> DropTestDatabasesAsync()
    {
        const string leftovers = "FROM pg_database WHERE datname LIKE 'brigade\\_test\\_%' OR datname LIKE 'brigade\\_tmpl\\_%'";
        var output = await PsqlAsync($"""
            SELECT count(*) {leftovers};
            SELECT format('ALTER DATABASE %I IS_TEMPLATE false', datname), format('DROP DATABASE %I WITH (FORCE)', datname) {leftovers}
            \gexec
            """);
        return int.TryParse(output.Split('\n')[0], out var count) ? count : 0;
    }

    // ---------------------------------------------------------------- RabbitMQ

    async Task StartEpmdAsync()
    {
        var port = $"{s.EpmdPort}";
        var record = ProcessControl.Start(s, EpmdName, Epmd, ["-port", port, "-address", "127.0.0.1"],
            "/", match: $"-port {port}", port: s.EpmdPort, runAs: RunAs("rabbitmq"));
        await WaitAsync(record, TimeSpan.FromSeconds(10), "epmd", () => AcceptsAsync(s.EpmdPort));
    }

    async Task StartRabbitAsync()
    {
        if (!File.Exists(RabbitServer))
        {
            throw new LauncherException($"RabbitMQ is not installed ({RabbitServer} is missing); run: apt-get install rabbitmq-server");
        }
        var home = Path.Combine(s.RabbitDir, "home");
        var mnesia = Path.Combine(s.RabbitDir, "mnesia");
        var logs = Path.Combine(s.RabbitDir, "log");
        foreach (var dir in new[] { s.RabbitDir, home, mnesia, logs })
        {
            Directory.CreateDirectory(dir);
        }
        var cookie = Path.Combine(home, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            Secrets.WritePrivate(cookie, Secrets.Hex(20).ToUpperInvariant());
        }
        var config = Path.Combine(s.RabbitDir, "rabbitmq.conf");
        Secrets.WritePrivate(config, $"""
            listeners.tcp.1 = 127.0.0.1:{s.AmqpPort}
            default_user = {DatabaseUser}
            default_pass = {Secrets.Get(s, Secrets.RabbitPassword)}
            loopback_users = none
            mqtt.listeners.tcp.default = 127.0.0.1:{s.MqttPort}
            mqtt.allow_anonymous = false
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {s.RabbitManagementPort}
            """ + "\n");
        // MQTT for kitchen devices (iot); management's HTTP API is how iot gives each device its own user and topic permissions.
        var plugins = Path.Combine(s.RabbitDir, "enabled_plugins");
        File.WriteAllText(plugins, "[rabbitmq_mqtt,rabbitmq_management].\n");
        var envFile = Path.Combine(s.RabbitDir, "rabbitmq-env.conf");
        File.WriteAllText(envFile, "# intentionally empty: the launcher passes everything as environment variables\n");
        if (Settings.IsRoot)
        {
            await ChownAsync(s.RabbitDir, "rabbitmq");
        }
        File.SetUnixFileMode(cookie, UnixFileMode.UserRead);

        var environment = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["ERL_EPMD_PORT"] = $"{s.EpmdPort}",
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODENAME"] = "brigade@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = $"{s.AmqpPort}",
            ["RABBITMQ_DIST_PORT"] = $"{s.DistPort}",
            ["RABBITMQ_MNESIA_BASE"] = mnesia,
            ["RABBITMQ_LOG_BASE"] = logs,
            ["RABBITMQ_CONFIG_FILE"] = config,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
            ["RABBITMQ_CONF_ENV_FILE"] = envFile,
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(s.RabbitDir, "advanced.config"),
            // Erlang distribution on loopback only (the AMQP listener is set in rabbitmq.conf).
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
        var record = ProcessControl.Start(s, RabbitName, RabbitServer, [], s.RabbitDir,
            match: "rabbitmq-server", port: s.AmqpPort, runAs: RunAs("rabbitmq"), environment: environment);
        await WaitAsync(record, RabbitStartTimeout, "RabbitMQ", () => AmqpAnswersAsync(s.AmqpPort));
        await WaitAsync(record, RabbitStartTimeout, "RabbitMQ's MQTT listener", () => AcceptsAsync(s.MqttPort));
    }

    /// <summary>True when the port speaks AMQP: send the protocol header and expect a Connection.Start method frame.</summary>
    public static async Task<bool> AmqpAnswersAsync(int port)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("AMQP\0\0\x09\x01"u8.ToArray(), timeout.Token);
            var frame = new byte[1];
            return await stream.ReadAsync(frame, timeout.Token) == 1 && frame[0] == 1;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    // ---------------------------------------------------------------- Redis

    async Task StartRedisAsync()
    {
        if (!File.Exists(RedisServer))
        {
            throw new LauncherException($"Redis is not installed ({RedisServer} is missing); run: apt-get install redis-server");
        }
        Directory.CreateDirectory(s.RedisDir);
        var password = Secrets.Get(s, Secrets.RedisPassword);
        // The password stays out of the command line (visible to every user); the file is mode 600.
        // set-proc-title no keeps the command line as started, so the pid file's match (the config path) holds.
        var config = Path.Combine(s.RedisDir, "redis.conf");
        Secrets.WritePrivate(config, $"""
            # written by ./brigade at every start (src/AppHost/Infrastructure.cs)
            bind 127.0.0.1
            port {s.RedisPort}
            protected-mode yes
            requirepass {password}
            dir "{s.RedisDir}"
            appendonly yes
            appendfsync everysec
            save ""
            daemonize no
            logfile ""
            set-proc-title no
            """ + "\n");
        if (Settings.IsRoot)
        {
            await ChownAsync(s.RedisDir, "redis");
        }
        var record = ProcessControl.Start(s, RedisName, RedisServer, [config], s.RedisDir,
            match: config, port: s.RedisPort, runAs: RunAs("redis"));
        await WaitAsync(record, RedisStartTimeout, "Redis", () => RedisAnswersAsync(s.RedisPort, password));
    }

    /// <summary>
    /// True when the port speaks Redis: with the password, PING must answer PONG (not LOADING while the
    /// append-only file is read); without it, the refusal to an unauthenticated PING is answer enough.
    /// </summary>
    public static async Task<bool> RedisAnswersAsync(int port, string? password)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            var stream = client.GetStream();
            var request = password is null ? "PING\r\n" : $"AUTH {password}\r\nPING\r\n";
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request), timeout.Token);
            var replies = "";
            var buffer = new byte[512];
            while (replies.Split("\r\n").Length <= (password is null ? 1 : 2))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return false;
                }
                replies += System.Text.Encoding.ASCII.GetString(buffer, 0, read);
            }
            return replies.Contains("+PONG", StringComparison.Ordinal) || password is null && replies.StartsWith("-NOAUTH", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    public static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Polls until ready; fails early (with the end of its log) if the process exits.</summary>
    async Task WaitAsync(PidRecord record, TimeSpan timeout, string label, Func<Task<bool>> ready)
    {
        var clock = Stopwatch.StartNew();
        while (!await ready())
        {
            var log = Path.Combine(s.LogsDir, record.Name + ".log");
            if (!ProcessControl.IsAlive(record))
            {
                // Whatever it left behind in its session (RabbitMQ's beam.smp and epmd) goes with it.
                await ProcessControl.StopAsync(s, record, Native.SIGKILL, TimeSpan.FromSeconds(5));
                throw new LauncherException($"{label} exited during start-up; end of {s.Relative(log)}:\n{ProcessControl.Tail(log, 25)}");
            }
            if (clock.Elapsed > timeout)
            {
                await ProcessControl.StopAsync(s, record, Native.SIGKILL, TimeSpan.FromSeconds(5));
                throw new LauncherException($"{label} was not ready after {timeout.TotalSeconds:0} s; end of {s.Relative(log)}:\n{ProcessControl.Tail(log, 25)}");
            }
            await Task.Delay(200);
        }
    }

    static Task<(int ExitCode, string Output)> RunAsAsync(string? user, string program, IEnumerable<string> args, string workingDirectory) =>
        user is null
            ? ProcessControl.RunAsync(program, args, workingDirectory: workingDirectory)
            : ProcessControl.RunAsync("setpriv", ["--reuid", user, "--regid", user, "--init-groups", program, .. args], workingDirectory: workingDirectory);

    static async Task ChownAsync(string path, string user)
    {
        var (code, output) = await ProcessControl.RunAsync("chown", ["-R", $"{user}:{user}", path]);
        if (code != 0)
        {
            throw new LauncherException($"chown {user} {path} failed: {output.Trim()}");
        }
    }
}
