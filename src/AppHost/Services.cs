using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Brigade.AppHost;

/// <summary>A service project that exists in the repository.</summary>
sealed record ServiceProject(string Name, string AssemblyName, string Dll, int Port);

/// <summary>One process of a service: the primary (<c>reservations</c>) or a replica (<c>reservations-2</c>).</summary>
sealed record Instance(ServiceProject Service, string Name, int Port)
{
    public string Url => $"http://127.0.0.1:{Port}";
}

static class Catalog
{
    public const string Gateway = "gateway";

    /// <summary>Every service's port at offset 0 (docs/local-contract.md); the gateway's management port is its port + 90.</summary>
    public static readonly IReadOnlyDictionary<string, int> BasePorts = new Dictionary<string, int>
    {
        [Gateway] = 5000, ["identity"] = 5001, ["restaurants"] = 5002, ["reservations"] = 5003, ["ordering"] = 5004,
        ["payments"] = 5005, ["inventory"] = 5006, ["staff"] = 5007, ["jobs"] = 5008, ["chat"] = 5009,
        ["notifications"] = 5010, ["search"] = 5011, ["analytics"] = 5012, ["iot"] = 5013, ["forecasting"] = 5014,
        [PaymentSandbox] = 5015,
    };

    /// <summary>The local stand-in for a payment company (src/Sandbox/PaymentProvider), run like a service so payments reaches it by name.</summary>
    public const string PaymentSandbox = "payment-sandbox";

    /// <summary><c>src/Gateway/Brigade.Gateway.csproj</c> and every <c>src/Services/X/Brigade.X.csproj</c>, ordered by port.</summary>
    public static List<ServiceProject> Discover(Settings s)
    {
        var projects = new List<(string Name, string Assembly)>();
        if (File.Exists(Path.Combine(s.RepoRoot, "src", "Gateway", "Brigade.Gateway.csproj")))
        {
            projects.Add((Gateway, "Brigade.Gateway"));
        }
        var servicesDir = Path.Combine(s.RepoRoot, "src", "Services");
        if (Directory.Exists(servicesDir))
        {
            foreach (var dir in Directory.GetDirectories(servicesDir).Order(StringComparer.Ordinal))
            {
                var folder = Path.GetFileName(dir);
                if (File.Exists(Path.Combine(dir, $"Brigade.{folder}.csproj")))
                {
                    projects.Add((folder.ToLowerInvariant(), $"Brigade.{folder}"));
                }
            }
        }

        if (File.Exists(Path.Combine(s.RepoRoot, "src", "Sandbox", "PaymentProvider", "Brigade.Sandbox.PaymentProvider.csproj")))
        {
            projects.Add((PaymentSandbox, "Brigade.Sandbox.PaymentProvider"));
        }

        // Services missing from the contract's table get ports after the last known one.
        var nextUnknown = BasePorts.Values.Max() + 1;
        return projects
            .Select(p => new ServiceProject(p.Name, p.Assembly,
                Path.Combine(s.ArtifactsDir, "bin", p.Assembly, "release", p.Assembly + ".dll"),
                (BasePorts.TryGetValue(p.Name, out var port) ? port : nextUnknown++) + s.PortOffset))
            .OrderBy(p => p.Port)
            .ToList();
    }

    /// <summary>The service instances <paramref name="records"/> (live pid files) stand for: primaries by name, replicas as <c>name-n</c>.</summary>
    public static List<Instance> Running(IReadOnlyList<ServiceProject> catalog, IEnumerable<PidRecord> records) =>
        records.Where(r => r.Port is not null)
            .Select(r => ServiceOf(catalog, r.Name) is { } service ? new Instance(service, r.Name, r.Port!.Value) : null)
            .OfType<Instance>()
            .ToList();

    /// <summary>
    /// The instance <paramref name="name"/> names: a service's primary on its port, or a replica (<c>reservations-2</c>) on
    /// the port <c>services.json</c> gives it. Null when there is no such service or replica.
    /// </summary>
    public static Instance? Resolve(IReadOnlyList<ServiceProject> catalog, string name, IReadOnlyDictionary<string, string[]> servicesFile)
    {
        if (catalog.FirstOrDefault(c => c.Name == name) is { } primary)
        {
            return new Instance(primary, name, primary.Port);
        }

        if (ServiceOf(catalog, name) is not { } service || !int.TryParse(name[(service.Name.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || !servicesFile.TryGetValue(service.Name, out var urls) || n > urls.Length || !Uri.TryCreate(urls[n - 1], UriKind.Absolute, out var url))
        {
            return null;
        }

        return new Instance(service, name, url.Port);
    }

    /// <summary>The service a process name belongs to: <c>reservations</c> for <c>reservations</c> and <c>reservations-2</c>.</summary>
    static ServiceProject? ServiceOf(IReadOnlyList<ServiceProject> catalog, string name) =>
        catalog.FirstOrDefault(c => c.Name == name)
        ?? catalog.FirstOrDefault(c => name.StartsWith(c.Name + "-", StringComparison.Ordinal)
            && int.TryParse(name[(c.Name.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 2);

    /// <summary>
    /// Which instances to run. <paramref name="only"/> null means everything; the word <c>none</c> means no
    /// services (infrastructure only). Replicas take the next free ports from the replica base upward.
    /// </summary>
    public static List<Instance> Plan(IReadOnlyList<ServiceProject> catalog, IReadOnlyCollection<string>? only,
        IReadOnlyDictionary<string, int> replicas, int replicaBasePort, Func<int, bool> portTaken)
    {
        var known = catalog.Select(c => c.Name).ToHashSet();
        var unknown = (only ?? []).Where(n => n != "none").Concat(replicas.Keys).Where(n => !known.Contains(n)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new LauncherException($"unknown service{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown)}; "
                + (known.Count > 0 ? $"known: {string.Join(", ", catalog.Select(c => c.Name))}" : "no service projects exist yet"));
        }
        var selected = only is null ? catalog : catalog.Where(c => only.Contains(c.Name)).ToList();
        foreach (var name in replicas.Keys.Where(n => !selected.Any(c => c.Name == n)))
        {
            throw new LauncherException($"--replicas names {name}, which --only leaves out");
        }

        var instances = new List<Instance>();
        var nextPort = replicaBasePort;
        foreach (var service in selected)
        {
            instances.Add(new Instance(service, service.Name, service.Port));
            for (var n = 2; n <= replicas.GetValueOrDefault(service.Name, 1); n++)
            {
                while (portTaken(nextPort))
                {
                    nextPort++;
                }
                instances.Add(new Instance(service, $"{service.Name}-{n}", nextPort++));
            }
        }
        return instances;
    }
}

/// <summary>Starts service processes, waits for them, stops them.</summary>
sealed class ServiceRunner(Settings s, Infrastructure infra)
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public static string DatabaseName(string service) => "brigade_" + service.Replace('-', '_');

    public Dictionary<string, string> EnvironmentFor(Instance i)
    {
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = i.Url,
            ["ASPNETCORE_ENVIRONMENT"] = "Local",
            ["DOTNET_ENVIRONMENT"] = "Local",
            ["ConnectionStrings__Database"] = infra.PostgresConnectionString(DatabaseName(i.Service.Name)),
            ["ConnectionStrings__RabbitMq"] = infra.RabbitUri,
            ["ConnectionStrings__Redis"] = infra.RedisConnectionString,
            ["ConnectionStrings__Mqtt"] = infra.MqttEndpoint,
            ["ConnectionStrings__RabbitMqManagement"] = infra.RabbitManagementUrl,
            ["Brigade__StateDirectory"] = s.StateDir,
            ["Brigade__ServicesFile"] = s.ServicesFile,
            ["Brigade__InstanceId"] = i.Name,
            ["ServiceAuth__ClientSecret"] = Secrets.Get(s, Secrets.ServiceClientSecret),
            ["Notifications__Email__PickupDirectory"] = s.MailDir,
        };
        if (i.Service.Name == "identity")
        {
            env["Identity__KeyEncryptionKey"] = Secrets.Get(s, Secrets.KeyEncryptionKey, Secrets.Key);
            env["Identity__AdminPassword"] = Secrets.AdminPassword(s);
        }
        WebBuild.AddEnvironment(s, i.Service.Name, env);
        return env;
    }

    /// <summary>Writes <c>services.json</c> atomically, since services reload it on change.</summary>
    public void WriteServicesFile(IEnumerable<Instance> instances)
    {
        // The primary first, then replicas by number: a replica's place in the list is its number (restart finds its port there).
        var services = instances.GroupBy(i => i.Service.Name).ToDictionary(g => g.Key,
            g => g.OrderBy(i => i.Name == i.Service.Name ? 1 : int.Parse(i.Name[(i.Service.Name.Length + 1)..], CultureInfo.InvariantCulture)).Select(i => i.Url).ToArray());
        var json = JsonSerializer.Serialize(new { Services = services }, new JsonSerializerOptions { WriteIndented = true });
        var temp = s.ServicesFile + ".tmp";
        File.WriteAllText(temp, json + "\n");
        File.Move(temp, s.ServicesFile, overwrite: true);
    }

    /// <param name="telemetry">OTEL_* variables pointing the service at the dashboard, when it runs.</param>
    public PidRecord Start(Instance i, IReadOnlyDictionary<string, string>? telemetry = null)
    {
        if (!File.Exists(i.Service.Dll))
        {
            throw new LauncherException($"{s.Relative(i.Service.Dll)} is missing; build the solution first (drop --no-build)");
        }
        return ProcessControl.Start(s, i.Name, "dotnet", [i.Service.Dll], Path.GetDirectoryName(i.Service.Dll)!,
            match: i.Service.Dll, port: i.Port, environment: EnvironmentFor(i).Concat(telemetry ?? new Dictionary<string, string>()).ToDictionary());
    }

    public sealed record Readiness(bool Ready, string Detail);

    /// <summary>Waits for every instance's <c>/health/ready</c> to answer 200, reporting who is still pending.</summary>
    public async Task<Dictionary<string, Readiness>> WaitReadyAsync(IReadOnlyList<(Instance Instance, PidRecord Process)> started,
        CancellationToken cancellation)
    {
        var results = new Dictionary<string, Readiness>();
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        var lastStatus = new Dictionary<string, string>();
        while (results.Count < started.Count && !cancellation.IsCancellationRequested)
        {
            var pending = started.Where(p => !results.ContainsKey(p.Instance.Name)).ToList();
            var probes = await Task.WhenAll(pending.Select(async p => (p, await ProbeAsync(p.Instance.Url))));
            foreach (var ((instance, process), (status, _)) in probes)
            {
                lastStatus[instance.Name] = status is { } answered ? $"HTTP {answered}" : "no answer";
                if (status == 200)
                {
                    results[instance.Name] = new Readiness(true, $"ready ({Output.Seconds(clock.Elapsed)})");
                    Console.WriteLine($"  {instance.Name} ready after {Output.Seconds(clock.Elapsed)}");
                }
                else if (!ProcessControl.IsAlive(process))
                {
                    results[instance.Name] = new Readiness(false, "exited");
                    var log = Path.Combine(s.LogsDir, instance.Name + ".log");
                    Console.WriteLine($"  {instance.Name} exited during start-up; end of {s.Relative(log)}:");
                    Output.Indented(ProcessControl.Tail(log, 15));
                    ProcessControl.RemovePidFile(s, instance.Name);
                }
                else if (clock.Elapsed > ReadyTimeout)
                {
                    results[instance.Name] = new Readiness(false, status is { } code ? $"not ready (HTTP {code})" : "not answering");
                    Console.WriteLine($"  {instance.Name} not ready after {ReadyTimeout.TotalSeconds:0} s; see {s.Relative(Path.Combine(s.LogsDir, instance.Name + ".log"))}");
                }
            }
            if (results.Count < started.Count && clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5))
            {
                lastReport = clock.Elapsed;
                var waiting = started.Where(p => !results.ContainsKey(p.Instance.Name)).Select(p => $"{p.Instance.Name} ({lastStatus[p.Instance.Name]})");
                Console.WriteLine($"  waiting for {string.Join(", ", waiting)} ({clock.Elapsed.TotalSeconds:0} s)");
            }
            if (results.Count < started.Count)
            {
                try
                {
                    await Task.Delay(500, cancellation);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        return results;
    }

    /// <summary>GET /health/ready: the status code (null when nothing answers) and the latency.</summary>
    public static async Task<(int? Status, TimeSpan Latency)> ProbeAsync(string baseUrl)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await Http.GetAsync(baseUrl + "/health/ready");
            return ((int)response.StatusCode, clock.Elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (null, clock.Elapsed);
        }
    }

    /// <summary>SIGTERM to all at once, up to 15 s to finish, then SIGKILL.</summary>
    public async Task StopAsync(IReadOnlyCollection<PidRecord> services)
    {
        if (services.Count == 0)
        {
            return;
        }
        await Output.Step($"stopping {services.Count} service process{(services.Count == 1 ? "" : "es")}",
            () => Task.WhenAll(services.Select(r => ProcessControl.StopAsync(s, r, Native.SIGTERM, StopGrace))));
    }

    public static string FormatPort(int? port) => port?.ToString(CultureInfo.InvariantCulture) ?? "";
}
