using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;

namespace Brigade.AppHost;

sealed record TestFailure(string Name, string FirstErrorLine);

sealed record TestCounts(int Passed, int Failed, int Skipped, IReadOnlyList<TestFailure> Failures)
{
    public override string ToString() => $"{Passed} passed, {Failed} failed, {Skipped} skipped";
}

static class Trx
{
    static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Counts from ResultSummary/Counters; failed includes errors, timeouts and aborts.</summary>
    public static TestCounts Parse(string path)
    {
        var doc = XDocument.Load(path);
        var counters = doc.Root?.Element(Ns + "ResultSummary")?.Element(Ns + "Counters")
            ?? throw new InvalidDataException($"{path} has no ResultSummary/Counters");
        int Count(string name) => int.TryParse((string?)counters.Attribute(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

        var total = Count("total");
        var executed = Count("executed");
        var failed = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
        var skipped = Math.Max(Count("notExecuted"), total - executed);

        var failures = doc.Descendants(Ns + "UnitTestResult")
            .Where(r => (string?)r.Attribute("outcome") is "Failed" or "Error" or "Timeout" or "Aborted")
            .Select(r => new TestFailure(
                (string?)r.Attribute("testName") ?? "?",
                ((string?)r.Element(Ns + "Output")?.Element(Ns + "ErrorInfo")?.Element(Ns + "Message") ?? "")
                    .Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? ""))
            .ToList();
        return new TestCounts(Count("passed"), failed, skipped, failures);
    }
}

/// <summary><c>brigade test</c>: build once, run every test project against real PostgreSQL, RabbitMQ and Redis.</summary>
sealed class TestRunner(Settings s)
{
    public async Task<int> RunAsync(string? filter, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var projects = Directory.Exists(Path.Combine(s.RepoRoot, "tests"))
            ? Directory.GetFiles(Path.Combine(s.RepoRoot, "tests"), "*.csproj", SearchOption.AllDirectories)
                .Where(p => !p.Contains("/bin/", StringComparison.Ordinal) && !p.Contains("/obj/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

        int passed = 0, failed = 0, skipped = 0;
        var infra = new Infrastructure(s);
        List<string> startedInfra = [];
        try
        {
            await Build.SolutionAsync(s, cancellation);

            using (await StateLock.AcquireAsync(s))
            {
                ProcessControl.CleanStalePidFiles(s);
                startedInfra = await infra.UpAsync();
            }
            if (startedInfra.Count == 0)
            {
                Console.WriteLine($"using the running PostgreSQL (:{s.PostgresPort}), RabbitMQ (:{s.AmqpPort}) and Redis (:{s.RedisPort})");
            }
            var dropped = await infra.DropTestDatabasesAsync();
            if (dropped > 0)
            {
                Console.WriteLine($"dropped {dropped} database{(dropped == 1 ? "" : "s")} left by earlier test runs");
            }

            Directory.CreateDirectory(s.TestResultsDir);
            var environment = new Dictionary<string, string>(Build.Environment)
            {
                ["BRIGADE_TEST_POSTGRES"] = infra.PostgresConnectionString("postgres"),
                ["BRIGADE_TEST_RABBITMQ"] = infra.RabbitUri,
                ["BRIGADE_TEST_REDIS"] = infra.RedisConnectionString,
                ["BRIGADE_TEST_MQTT"] = infra.MqttEndpoint,
                ["BRIGADE_TEST_RABBITMQ_MANAGEMENT"] = infra.RabbitManagementUrl,
            };
            foreach (var project in projects)
            {
                cancellation.ThrowIfCancellationRequested();
                var counts = await RunProjectAsync(project, filter, environment, cancellation);
                passed += counts.Passed;
                failed += counts.Failed;
                skipped += counts.Skipped;
            }
            if (WebTests.Selected(filter))
            {
                var web = await new WebTests(s).RunAsync(cancellation);
                (passed, failed, skipped) = (passed + web.Passed, failed + web.Failed, skipped + web.Skipped);
            }
            if (DeployTests.Selected(filter))
            {
                var deploy = await new DeployTests(s).RunAsync(cancellation);
                (passed, failed, skipped) = (passed + deploy.Passed, failed + deploy.Failed, skipped + deploy.Skipped);
            }
        }
        catch (LauncherException e)
        {
            Console.WriteLine($"error: {e.Message}");
            failed++;
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("interrupted");
            failed++;
        }
        finally
        {
            if (startedInfra.Count > 0)
            {
                using (await StateLock.AcquireAsync(s))
                {
                    await infra.StopAsync(startedInfra);
                }
            }
        }

        if (projects.Count == 0)
        {
            Console.WriteLine("no test projects under tests/");
        }
        Console.WriteLine($"total {Output.Seconds(clock.Elapsed)}");
        Console.WriteLine($"{passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : ""));
        return failed > 0 ? 1 : 0;
    }

    async Task<TestCounts> RunProjectAsync(string project, string? filter, IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellation)
    {
        var name = Path.GetFileNameWithoutExtension(project);
        var trx = Path.Combine(s.TestResultsDir, name + ".trx");
        var log = Path.Combine(s.TestResultsDir, name + ".log");
        File.Delete(trx);

        Console.Write($"{name}: ");
        var clock = Stopwatch.StartNew();
        List<string> args = ["test", project, "-c", "Release", "--no-build", "--nologo",
            "--logger", $"trx;LogFileName={name}.trx", "--results-directory", s.TestResultsDir, .. s.ArtifactsBuildArgs];
        if (!string.IsNullOrEmpty(filter))
        {
            args.AddRange(["--filter", filter]);
        }
        var (code, output) = await ProcessControl.RunAsync("dotnet", args, environment, workingDirectory: s.RepoRoot,
            cancellation: cancellation);
        await File.WriteAllTextAsync(log, output, CancellationToken.None);

        TestCounts? counts = null;
        try
        {
            counts = File.Exists(trx) ? Trx.Parse(trx) : null;
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidDataException)
        {
            counts = null;
        }

        if (counts is null || code != 0 && counts.Failed == 0)
        {
            // The test host crashed or never started: count the project as one failure.
            var partial = counts ?? new TestCounts(0, 0, 0, []);
            Console.WriteLine($"{partial.Passed} passed, {partial.Failed + 1} failed, {partial.Skipped} skipped ({Output.Seconds(clock.Elapsed)})");
            Console.WriteLine($"  could not run (dotnet test exit {code}); end of {s.Relative(log)}:");
            Output.Indented(string.Join('\n', output.TrimEnd().Split('\n').TakeLast(20)));
            return partial with { Failed = partial.Failed + 1 };
        }

        Console.WriteLine($"{counts} ({Output.Seconds(clock.Elapsed)})");
        foreach (var failure in counts.Failures)
        {
            Console.WriteLine($"  FAILED {failure.Name}");
            if (failure.FirstErrorLine.Length > 0)
            {
                Console.WriteLine($"         {failure.FirstErrorLine}");
            }
        }
        return counts;
    }
}
