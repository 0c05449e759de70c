using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;

namespace Brigade.AppHost;

/// <summary>
/// The Aspire dashboard (traces, structured logs and metrics for a person) as a plain process from its
/// NuGet package: <c>up</c> restores the package into <c>&lt;artifacts&gt;/dashboard/packages</c> with a
/// generated stub project (the version is the one pinned in <c>Directory.Packages.props</c>), starts its
/// <c>tools/Aspire.Dashboard</c> executable and points every service's OTLP export at it. One generated
/// secret is the browser login token, the key for OTLP in and the key for its telemetry API.
/// </summary>
sealed class Dashboard(Settings s)
{
    public const string Name = "dashboard";
    public const string PackageId = "Aspire.Dashboard.Sdk.linux-x64";
    public const string TokenSecret = "dashboard-token";

    /// <summary>How often services send metrics, and the longest a finished span or log waits in a service (ms).</summary>
    const string MetricIntervalMs = "5000";
    const string BatchDelayMs = "1000";

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public const int BasePort = 18888;
    public const int OtlpGrpcBasePort = 18889;
    public const int OtlpHttpBasePort = 18890;

    public int Port => BasePort + s.PortOffset;
    public int OtlpGrpcPort => OtlpGrpcBasePort + s.PortOffset;
    public int OtlpHttpPort => OtlpHttpBasePort + s.PortOffset;
    public string Url => $"http://127.0.0.1:{Port}";
    public string OtlpEndpoint => $"http://127.0.0.1:{OtlpGrpcPort}";
    public string Token => Secrets.Get(s, TokenSecret);
    public string LoginUrl => $"{Url}/login?t={Token}";

    string RestoreDir => Path.Combine(s.ArtifactsDir, "dashboard");
    string PackagesDir => Path.Combine(RestoreDir, "packages");

    /// <summary>What a service needs to send its traces, logs and metrics here (the standard OTEL_* variables).</summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment() => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = OtlpEndpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
        ["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-otlp-api-key={Token}",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = MetricIntervalMs,
        ["OTEL_BSP_SCHEDULE_DELAY"] = BatchDelayMs,
        ["OTEL_BLRP_SCHEDULE_DELAY"] = BatchDelayMs,
    };

    /// <summary>The package version pinned in <c>Directory.Packages.props</c>.</summary>
    public string Version()
    {
        var props = Path.Combine(s.RepoRoot, "Directory.Packages.props");
        var version = XDocument.Load(props).Descendants("PackageVersion")
            .FirstOrDefault(p => (string?)p.Attribute("Include") == PackageId)?.Attribute("Version")?.Value;
        return version ?? throw new LauncherException($"{s.Relative(props)} pins no version of {PackageId}");
    }

    /// <summary>The dashboard executable, restored from the package feed the first time.</summary>
    public async Task<string> EnsureInstalledAsync(CancellationToken cancellation)
    {
        var version = Version();
        var executable = Path.Combine(PackagesDir, PackageId.ToLowerInvariant(), version, "tools", "Aspire.Dashboard");
        if (!File.Exists(executable))
        {
            await Output.Step($"restoring {PackageId} {version}", () => RestoreAsync(version, cancellation), live: true);
        }
        if (!File.Exists(executable))
        {
            throw new LauncherException($"the restored {PackageId} {version} has no {s.Relative(executable)}");
        }
        // NuGet does not always keep the file's executable bit.
        File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute);
        return executable;
    }

    async Task RestoreAsync(string version, CancellationToken cancellation)
    {
        Directory.CreateDirectory(RestoreDir);
        var project = Path.Combine(RestoreDir, "Brigade.Dashboard.csproj");
        // Outside central management: this project only brings the package's files down (it has no assemblies).
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageId}" Version="[{version}]" />
              </ItemGroup>
            </Project>

            """);
        var (code, output) = await ProcessControl.RunAsync("dotnet",
            ["restore", project, "--packages", PackagesDir, "-nologo", "-v:q", .. s.ArtifactsBuildArgs],
            Build.Environment, workingDirectory: RestoreDir, cancellation: cancellation);
        if (code != 0)
        {
            throw new LauncherException($"restoring {PackageId} failed (exit {code}):\n{Build.Errors(output)}");
        }
    }

    /// <summary>Starts the dashboard: UI and telemetry API on <see cref="Port"/>, OTLP in on the next two ports.</summary>
    public PidRecord Start(string executable)
    {
        Ports.EnsureFree([(Port, "Aspire dashboard"), (OtlpGrpcPort, "dashboard OTLP/gRPC"), (OtlpHttpPort, "dashboard OTLP/HTTP")]);
        var token = Token;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = Url,
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = OtlpEndpoint,
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{OtlpHttpPort}",
            ["Dashboard__Frontend__AuthMode"] = "BrowserToken",
            ["Dashboard__Frontend__BrowserToken"] = token,
            ["Dashboard__Otlp__AuthMode"] = "ApiKey",
            ["Dashboard__Otlp__PrimaryApiKey"] = token,
            ["Dashboard__Api__Enabled"] = "true",
            ["Dashboard__Api__AuthMode"] = "ApiKey",
            ["Dashboard__Api__PrimaryApiKey"] = token,
        };
        return ProcessControl.Start(s, Name, executable, [], Path.GetDirectoryName(executable)!, match: executable, port: Port, environment: environment);
    }

    /// <summary>True once the telemetry API answers (the UI and OTLP listeners start before it).</summary>
    public async Task<bool> ReadyAsync()
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Url}/api/telemetry/traces?limit=1");
            request.Headers.Add("X-API-Key", Token);
            using var response = await Http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Restores, starts and waits for the dashboard. A dashboard that cannot start does not stop <c>up</c>:
    /// the services then run without OTLP export (null).
    /// </summary>
    public async Task<PidRecord?> StartAsync(CancellationToken cancellation)
    {
        try
        {
            var executable = await EnsureInstalledAsync(cancellation);
            return await Output.Step($"starting the Aspire dashboard on {Url}", async () =>
            {
                var process = Start(executable);
                var clock = Stopwatch.StartNew();
                while (!await ReadyAsync())
                {
                    if (!ProcessControl.IsAlive(process) || clock.Elapsed > TimeSpan.FromSeconds(60))
                    {
                        await ProcessControl.StopAsync(s, process, Native.SIGTERM, TimeSpan.FromSeconds(5));
                        throw new LauncherException($"the dashboard did not start; end of {s.Relative(Path.Combine(s.LogsDir, Name + ".log"))}:\n"
                            + ProcessControl.Tail(Path.Combine(s.LogsDir, Name + ".log"), 10));
                    }
                    await Task.Delay(250, cancellation);
                }
                return process;
            });
        }
        catch (LauncherException e)
        {
            Console.WriteLine($"warning: {e.Message}\nservices start without telemetry export");
            return null;
        }
    }

    /// <summary>For <c>status</c>: whether the telemetry API answers, and how fast.</summary>
    public async Task<(bool Ready, string Detail)> StatusAsync()
    {
        var clock = Stopwatch.StartNew();
        var ready = await ReadyAsync();
        return (ready, ready ? $"answering in {clock.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms" : "not answering");
    }
}
