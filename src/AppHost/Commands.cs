using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Brigade.AppHost;

sealed record UpOptions(bool Detach, bool NoBuild, IReadOnlyCollection<string>? Only, IReadOnlyDictionary<string, int> Replicas, bool NoDashboard = false)
{
    public static UpOptions Parse(IReadOnlyList<string> args)
    {
        bool detach = false, noBuild = false, noDashboard = false;
        HashSet<string>? only = null;
        var replicas = new Dictionary<string, int>();
        for (var i = 0; i < args.Count; i++)
        {
            var (flag, value) = args[i].Split('=', 2) is [var f, var v] && f.StartsWith("--", StringComparison.Ordinal) ? (f, v) : (args[i], null);
            string Value() => value ?? (i + 1 < args.Count ? args[++i] : throw new LauncherException($"{flag} needs a value"));
            switch (flag)
            {
                case "--detach" or "-d":
                    detach = true;
                    break;
                case "--no-build":
                    noBuild = true;
                    break;
                case "--no-dashboard":
                    noDashboard = true;
                    break;
                case "--only":
                    only ??= [];
                    only.UnionWith(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()));
                    break;
                case "--replicas":
                    foreach (var pair in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (pair.Split('=') is not [var name, var count] || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 20)
                        {
                            throw new LauncherException($"--replicas expects service=N with N from 1 to 20, e.g. reservations=3 (got '{pair}')");
                        }
                        replicas[name.ToLowerInvariant()] = n;
                    }
                    break;
                default:
                    throw new LauncherException($"unknown option '{args[i]}' for up; see ./brigade help");
            }
        }
        return new UpOptions(detach, noBuild, only, replicas, noDashboard);
    }
}

sealed record RestartOptions(string Name, bool NoBuild)
{
    public static RestartOptions Parse(IReadOnlyList<string> args)
    {
        var noBuild = args.Contains("--no-build");
        var names = args.Where(a => !a.StartsWith('-')).ToList();
        var unknown = args.Where(a => a.StartsWith('-') && a != "--no-build").ToList();
        if (unknown.Count > 0)
        {
            throw new LauncherException($"unknown option '{unknown[0]}' for restart; see ./brigade help");
        }

        return names is [var name] ? new RestartOptions(name.ToLowerInvariant(), noBuild)
            : throw new LauncherException("usage: ./brigade restart <service> [--no-build]  (a service such as identity, or a replica such as reservations-2)");
    }
}

/// <summary>Serialises commands that change what runs (two <c>up</c>s at once would race for the same ports).</summary>
sealed class StateLock : IDisposable
{
    readonly FileStream stream;

    StateLock(FileStream stream) => this.stream = stream;

    public static async Task<StateLock> AcquireAsync(Settings s)
    {
        Directory.CreateDirectory(s.StateDir);
        var clock = Stopwatch.StartNew();
        var told = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an flock on Unix; the descriptor is close-on-exec, so children never hold it.
                return new StateLock(new FileStream(s.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                if (!told)
                {
                    Console.WriteLine("waiting for another brigade command to finish…");
                    told = true;
                }
                await Task.Delay(250);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}

/// <summary>Ctrl-C, SIGTERM and SIGHUP become a cancellation instead of killing the launcher.</summary>
sealed class ShutdownSignal : IDisposable
{
    readonly CancellationTokenSource source = new();
    readonly PosixSignalRegistration[] registrations;

    public ShutdownSignal() => registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
        .Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            if (!source.IsCancellationRequested)
            {
                Console.WriteLine($"\n{context.Signal} received; stopping…");
                source.Cancel();
            }
        }))];

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        foreach (var r in registrations)
        {
            r.Dispose();
        }
        source.Dispose();
    }
}

sealed class Commands(Settings s)
{
    readonly Infrastructure infra = new(s);
    readonly Dashboard dashboard = new(s);
    PidRecord? dashboardProcess;

    ServiceRunner Runner => new(s, infra);

    public async Task<int> UpAsync(UpOptions options)
    {
        using var signal = new ShutdownSignal();
        var clock = Stopwatch.StartNew();
        var started = new List<(Instance Instance, PidRecord Process)>();
        List<string> startedInfra = [];
        Dictionary<string, ServiceRunner.Readiness> readiness;
        List<Instance> plan;

        using (await StateLock.AcquireAsync(s))
        {
            var running = ProcessControl.CleanStalePidFiles(s).Where(r => !r.IsInfrastructure).ToList();
            var catalog = Catalog.Discover(s);
            var wanted = Catalog.Plan(catalog, options.Only, options.Replicas, s.ReplicaBasePort, Ports.IsListening);
            // What already runs stays as it is; only the rest is started (a crashed service, one --only left out).
            var runningNames = running.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
            var alreadyRunning = Catalog.Running(catalog, running);
            plan = wanted.Where(i => !runningNames.Contains(i.Name)).ToList();
            if (alreadyRunning.Count > 0)
            {
                if (plan.Count == 0)
                {
                    Console.WriteLine("everything asked for is already running (./brigade restart <service> to restart one):");
                    await StatusAsync();
                    return 0;
                }

                Console.WriteLine($"already running: {string.Join(", ", alreadyRunning.Select(i => i.Name))}; starting {string.Join(", ", plan.Select(i => i.Name))}");
            }

            if (!options.NoBuild)
            {
                await Build.SolutionAsync(s, signal.Token);
                await WebBuild.EnsureBuiltAsync(s, signal.Token);
            }
            Ports.EnsureFree(plan.Select(i => (i.Port, i.Name)));
            foreach (var missing in plan.Select(i => i.Service.Dll).Distinct().Where(d => !File.Exists(d)))
            {
                throw new LauncherException($"{s.Relative(missing)} is missing; build the solution (run without --no-build)");
            }

            try
            {
                startedInfra = await infra.UpAsync();
                if (startedInfra.Count == 0)
                {
                    Console.WriteLine($"PostgreSQL (:{s.PostgresPort}), RabbitMQ (:{s.AmqpPort}) and Redis (:{s.RedisPort}) are already running; using them");
                }
                Directory.CreateDirectory(s.MailDir);
                Secrets.AdminPassword(s);
                var databases = catalog.Where(c => c.Name != Catalog.PaymentSandbox).Select(c => ServiceRunner.DatabaseName(c.Name)).ToList();
                if (databases.Count > 0)
                {
                    await Output.Step($"creating databases ({databases.Count})", () => infra.CreateDatabasesAsync(databases));
                }
                Runner.WriteServicesFile(alreadyRunning.Concat(plan));

                if (plan.Count > 0 && !signal.Token.IsCancellationRequested)
                {
                    // Started before the services so their first spans have somewhere to go; one already running is used.
                    var dashboardRunning = running.Any(r => r.Name == Dashboard.Name);
                    dashboardProcess = options.NoDashboard || dashboardRunning ? null : await dashboard.StartAsync(signal.Token);
                    var telemetry = dashboardProcess is not null || (dashboardRunning && !options.NoDashboard) ? dashboard.ServiceEnvironment() : null;
                    await Output.Step($"starting {plan.Count} service process{(plan.Count == 1 ? "" : "es")}", () =>
                    {
                        foreach (var instance in plan)
                        {
                            started.Add((instance, Runner.Start(instance, telemetry)));
                        }
                        return Task.CompletedTask;
                    });
                    Console.WriteLine($"waiting for /health/ready (up to {ServiceRunner.ReadyTimeout.TotalSeconds:0} s each)…");
                }
                readiness = await Runner.WaitReadyAsync(started, signal.Token);
            }
            catch
            {
                await StopAsync(Ours(started), startedInfra);
                throw;
            }

            if (signal.Token.IsCancellationRequested)
            {
                await StopAsync(Ours(started), startedInfra);
                return 130;
            }
        }

        PrintStarted(started, readiness, clock.Elapsed);
        var failed = started.Count(p => readiness.GetValueOrDefault(p.Instance.Name)?.Ready != true);
        if (options.Detach)
        {
            Console.WriteLine("running in the background; ./brigade status, ./brigade down");
            return failed > 0 ? 1 : 0;
        }
        return await RunInForegroundAsync(started, startedInfra, signal.Token);
    }

    void PrintStarted(List<(Instance Instance, PidRecord Process)> started, Dictionary<string, ServiceRunner.Readiness> readiness, TimeSpan elapsed)
    {
        Console.WriteLine();
        if (started.Count > 0)
        {
            Output.Table(["service", "url", "status", "pid"], started.Select(p => (IReadOnlyList<string>)
                [p.Instance.Name, p.Instance.Url, readiness.GetValueOrDefault(p.Instance.Name)?.Detail ?? "?", p.Process.Pid.ToString(CultureInfo.InvariantCulture)]));
            Console.WriteLine();
        }
        var gateway = started.FirstOrDefault(p => p.Instance.Name == Catalog.Gateway).Instance;
        if (gateway is not null)
        {
            Console.WriteLine($"gateway         {gateway.Url}");
            Console.WriteLine($"API docs        {gateway.Url}/api/docs");
        }
        if (dashboardProcess is not null)
        {
            Console.WriteLine($"dashboard       {dashboard.LoginUrl} (traces, logs, metrics; the token is {s.Relative(Path.Combine(s.SecretsDir, Dashboard.TokenSecret))})");
        }
        Console.WriteLine($"admin password  {s.Relative(s.AdminPasswordFile)} (user admin)");
        Console.WriteLine($"logs            {s.Relative(s.LogsDir)}/");
        Console.WriteLine($"PostgreSQL      127.0.0.1:{s.PostgresPort}, RabbitMQ 127.0.0.1:{s.AmqpPort}, Redis 127.0.0.1:{s.RedisPort} ({s.Relative(s.InfraEnvFile)})");
        var failed = started.Where(p => readiness.GetValueOrDefault(p.Instance.Name)?.Ready != true).Select(p => p.Instance.Name).ToList();
        Console.WriteLine(failed.Count == 0
            ? $"ready in {Output.Seconds(elapsed)}"
            : $"{failed.Count} of {started.Count} not ready: {string.Join(", ", failed)} (./brigade logs <name>)");
    }

    async Task<int> RunInForegroundAsync(List<(Instance Instance, PidRecord Process)> started, List<string> startedInfra, CancellationToken stop)
    {
        Console.WriteLine("press Ctrl-C to stop");
        var reported = new HashSet<string>();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(1000, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var ours = Ours(started).Concat(startedInfra.Select(n => ProcessControl.ReadPidFile(s, n)).OfType<PidRecord>()).ToList();
            if (ours.All(r => !File.Exists(ProcessControl.PidFile(s, r.Name))))
            {
                Console.WriteLine("stopped by another command (./brigade down)");
                return 0;
            }
            foreach (var (instance, _) in started)
            {
                // The process recorded now: ./brigade restart may have replaced the one this up started.
                var current = ProcessControl.ReadPidFile(s, instance.Name);
                if (current is null || ProcessControl.IsAlive(current))
                {
                    reported.Remove(instance.Name);
                }
                else if (reported.Add(instance.Name))
                {
                    Console.WriteLine($"{instance.Name} exited; see {s.Relative(Path.Combine(s.LogsDir, instance.Name + ".log"))} (./brigade restart {instance.Name})");
                }
            }
        }

        var clock = Stopwatch.StartNew();
        using (await StateLock.AcquireAsync(s))
        {
            // By name, as recorded now: a service restarted meanwhile is stopped as the process it is now.
            var stillRecorded = Ours(started).Select(r => ProcessControl.ReadPidFile(s, r.Name)).OfType<PidRecord>().ToList();
            await StopAsync(stillRecorded, startedInfra);
        }
        if (startedInfra.Count == 0)
        {
            Console.WriteLine("PostgreSQL, RabbitMQ and Redis were already running and stay up (./brigade infra down)");
        }
        Console.WriteLine($"stopped in {Output.Seconds(clock.Elapsed)}");
        return 0;
    }

    /// <summary>The service processes this <c>up</c> started, and its dashboard.</summary>
    List<PidRecord> Ours(List<(Instance Instance, PidRecord Process)> started) =>
        [.. started.Select(p => p.Process), .. dashboardProcess is { } d ? [d] : Array.Empty<PidRecord>()];

    async Task StopAsync(IReadOnlyCollection<PidRecord> services, IReadOnlyCollection<string> startedInfra)
    {
        await Runner.StopAsync(services);
        if (startedInfra.Count > 0)
        {
            await infra.StopAsync(startedInfra);
        }
    }

    /// <summary>
    /// Stops one service process (or replica) and starts it again with the environment <c>up</c> gives it, then waits
    /// until it is ready. A crashed one (its pid file stale) or one this platform never started is just started. The
    /// service's project is built first unless <c>--no-build</c>. Nothing it started is left running if it fails.
    /// </summary>
    public async Task<int> RestartAsync(RestartOptions options)
    {
        using var signal = new ShutdownSignal();
        var clock = Stopwatch.StartNew();
        Instance instance;
        PidRecord? process = null;
        ServiceRunner.Readiness? readiness;
        using (await StateLock.AcquireAsync(s))
        {
            var alive = ProcessControl.CleanStalePidFiles(s);
            var missingInfra = Infrastructure.Names.Where(n => !alive.Any(r => r.Name == n)).ToList();
            if (missingInfra.Count > 0)
            {
                throw new LauncherException($"{string.Join(", ", missingInfra)} {(missingInfra.Count == 1 ? "is" : "are")} not running; start the platform with ./brigade up");
            }

            var catalog = Catalog.Discover(s);
            var running = Catalog.Running(catalog, alive.Where(r => !r.IsInfrastructure));
            instance = Catalog.Resolve(catalog, options.Name, ServicesFileUrls())
                ?? throw new LauncherException($"no service or replica '{options.Name}': services are {string.Join(", ", catalog.Select(c => c.Name))};"
                    + " a replica (<service>-<n>, as ./brigade status lists it) exists only when up --replicas started it");
            if (!options.NoBuild)
            {
                await Build.ProjectAsync(s, instance.Service, signal.Token);
            }

            if (alive.FirstOrDefault(r => r.Name == instance.Name) is { } current)
            {
                await Runner.StopAsync([current]);
            }
            else
            {
                Console.WriteLine($"{instance.Name} is not running; starting it");
                Ports.EnsureFree([(instance.Port, instance.Name)]);
            }

            Runner.WriteServicesFile(running.Where(i => i.Name != instance.Name).Append(instance));
            var telemetry = alive.Any(r => r.Name == Dashboard.Name) ? dashboard.ServiceEnvironment() : null;
            try
            {
                process = Runner.Start(instance, telemetry);
                Console.WriteLine($"waiting for /health/ready (up to {ServiceRunner.ReadyTimeout.TotalSeconds:0} s)…");
                readiness = (await Runner.WaitReadyAsync([(instance, process)], signal.Token)).GetValueOrDefault(instance.Name);
            }
            catch
            {
                if (process is not null)
                {
                    await Runner.StopAsync([process]);
                }
                throw;
            }

            if (signal.Token.IsCancellationRequested)
            {
                await Runner.StopAsync([process]);
                return 130;
            }
        }

        Console.WriteLine(readiness?.Ready == true
            ? $"{instance.Name} restarted at {instance.Url} (pid {process.Pid}) in {Output.Seconds(clock.Elapsed)}"
            : $"{instance.Name} {readiness?.Detail ?? "not ready"}; see ./brigade logs {instance.Name}");
        return readiness?.Ready == true ? 0 : 1;
    }

    /// <summary>The instance URLs of <c>services.json</c> (replicas in order), or none.</summary>
    IReadOnlyDictionary<string, string[]> ServicesFileUrls()
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(s.ServicesFile));
            return json.RootElement.GetProperty("Services").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(u => u.GetString() ?? "").ToArray());
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new Dictionary<string, string[]>();
        }
    }

    public async Task<int> DownAsync()
    {
        var clock = Stopwatch.StartNew();
        using (await StateLock.AcquireAsync(s))
        {
            var alive = ProcessControl.CleanStalePidFiles(s);
            if (alive.Count == 0)
            {
                Console.WriteLine("nothing running");
                return 0;
            }
            await Runner.StopAsync(alive.Where(r => !r.IsInfrastructure).ToList());
            await infra.StopAsync();
        }
        Console.WriteLine($"stopped in {Output.Seconds(clock.Elapsed)}");
        return 0;
    }

    /// <summary>Every recorded process; exit 1 when one is dead or a service is not ready.</summary>
    public async Task<int> StatusAsync(bool infraOnly = false)
    {
        var records = ProcessControl.ReadPidFiles(s).Where(r => !infraOnly || r.IsInfrastructure)
            .OrderBy(r => r.IsInfrastructure ? 0 : 1).ThenBy(r => r.Port ?? int.MaxValue).ToList();
        if (records.Count == 0)
        {
            Console.WriteLine("nothing running");
            return 0;
        }
        var rows = await Task.WhenAll(records.Select(async r =>
        {
            var alive = ProcessControl.IsAlive(r);
            var (ok, detail) = !alive ? (false, "")
                : r.Name == Infrastructure.PostgresName ? Answer(await Infrastructure.AcceptsAsync(s.PostgresPort), "accepting connections")
                : r.Name == Infrastructure.RabbitName ? Answer(await Infrastructure.AmqpAnswersAsync(s.AmqpPort), "AMQP answering")
                : r.Name == Infrastructure.EpmdName ? Answer(await Infrastructure.AcceptsAsync(s.EpmdPort), "listening")
                : r.Name == Infrastructure.RedisName ? Answer(await Infrastructure.RedisAnswersAsync(s.RedisPort, password: null), "Redis answering")
                : r.Name == Dashboard.Name ? await dashboard.StatusAsync()
                : await ServiceReady(r);
            return (ok: alive && ok, row: (IReadOnlyList<string>)
                [r.Name, r.Pid.ToString(CultureInfo.InvariantCulture), alive ? "alive" : "dead", ServiceRunner.FormatPort(r.Port), detail]);
        }));
        Output.Table(["name", "pid", "process", "port", "ready"], rows.Select(r => r.row));
        return rows.All(r => r.ok) ? 0 : 1;

        static (bool, string) Answer(bool ok, string yes) => (ok, ok ? yes : "not answering");

        static async Task<(bool, string)> ServiceReady(PidRecord r)
        {
            if (r.Port is not { } port)
            {
                return (true, "");
            }
            var (status, latency) = await ServiceRunner.ProbeAsync($"http://127.0.0.1:{port}");
            return (status == 200, status is { } code ? $"HTTP {code} in {latency.TotalMilliseconds:0} ms" : "not answering");
        }
    }

    public async Task<int> InfraUpAsync()
    {
        using (await StateLock.AcquireAsync(s))
        {
            ProcessControl.CleanStalePidFiles(s);
            var started = await infra.UpAsync();
            if (started.Count == 0)
            {
                Console.WriteLine("PostgreSQL, RabbitMQ and Redis are already running");
            }
        }
        Console.WriteLine($"PostgreSQL 127.0.0.1:{s.PostgresPort}, RabbitMQ 127.0.0.1:{s.AmqpPort}, Redis 127.0.0.1:{s.RedisPort}; connection strings in {s.Relative(s.InfraEnvFile)}");
        return 0;
    }

    public async Task<int> InfraDownAsync()
    {
        using (await StateLock.AcquireAsync(s))
        {
            var alive = ProcessControl.CleanStalePidFiles(s);
            var services = alive.Where(r => !r.IsInfrastructure).Select(r => r.Name).ToList();
            if (services.Count > 0)
            {
                throw new LauncherException($"services are running on top of it ({string.Join(", ", services)}); use ./brigade down");
            }
            if (alive.Count == 0)
            {
                Console.WriteLine("nothing running");
                return 0;
            }
            await infra.StopAsync();
        }
        return 0;
    }

    public async Task<int> LogsAsync(IReadOnlyList<string> args)
    {
        var follow = args.Contains("-f") || args.Contains("--follow");
        var name = args.FirstOrDefault(a => !a.StartsWith('-'));
        var available = Directory.Exists(s.LogsDir)
            ? Directory.GetFiles(s.LogsDir, "*.log").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList()
            : [];
        if (name is null || !available.Contains(name))
        {
            Console.WriteLine(name is null ? "usage: ./brigade logs <name> [-f]" : $"no log named '{name}'");
            Console.WriteLine(available.Count > 0 ? $"logs: {string.Join(", ", available)}" : "no logs yet");
            return 1;
        }
        var file = Path.Combine(s.LogsDir, name + ".log");
        if (!follow)
        {
            await using var stream = File.OpenRead(file);
            await stream.CopyToAsync(Console.OpenStandardOutput());
            return 0;
        }
        using var tail = Process.Start(new ProcessStartInfo("tail", ["-n", "100", "-F", file]) { UseShellExecute = false })
            ?? throw new LauncherException("could not start tail");
        await tail.WaitForExitAsync();
        return tail.ExitCode;
    }
}
