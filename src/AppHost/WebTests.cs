using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;

namespace Brigade.AppHost;

/// <summary>
/// The web app's tests inside <c>brigade test</c>: component tests (Vitest, jsdom), then end-to-end tests in Debian's
/// Chromium against a platform of their own, started with this launcher under <c>.brigade/web-e2e</c> on ports
/// offset by 500 (or <c>BRIGADE_WEB_E2E_PORT_OFFSET</c>) and stopped afterwards whatever happened, so a developer's
/// running <c>up</c> is neither used nor disturbed. Counts come from Vitest's JUnit reports.
/// </summary>
sealed class WebTests(Settings s)
{
    string StateDir => Path.Combine(s.StateDir, "web-e2e");

    int PortOffset => int.TryParse(Environment.GetEnvironmentVariable("BRIGADE_WEB_E2E_PORT_OFFSET"), NumberStyles.Integer,
        CultureInfo.InvariantCulture, out var offset) ? offset : s.PortOffset + 500;

    /// <summary>Runs for the whole suite, or when the filter names the web tests.</summary>
    public static bool Selected(string? filter) => string.IsNullOrEmpty(filter) || filter.Contains("web", StringComparison.OrdinalIgnoreCase);

    public async Task<TestCounts> RunAsync(CancellationToken cancellation)
    {
        if (!WebBuild.Exists(s))
        {
            return new TestCounts(0, 0, 0, []);
        }
        try
        {
            await WebBuild.EnsureBuiltAsync(s, cancellation);
        }
        catch (LauncherException e)
        {
            Console.WriteLine($"Web: could not build: {e.Message}");
            return new TestCounts(0, 1, 0, [new TestFailure("web build", e.Message.Split('\n')[0])]);
        }

        var unit = await VitestAsync("unit", "Web.Components", new Dictionary<string, string>(), cancellation);
        var e2e = await EndToEndAsync(cancellation);
        return new TestCounts(unit.Passed + e2e.Passed, unit.Failed + e2e.Failed, unit.Skipped + e2e.Skipped, [.. unit.Failures, .. e2e.Failures]);
    }

    async Task<TestCounts> EndToEndAsync(CancellationToken cancellation)
    {
        var chromium = Environment.GetEnvironmentVariable("BRIGADE_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Console.WriteLine($"Web.EndToEnd: {chromium} is missing (./brigade test installs Debian's chromium when run as root)");
            return new TestCounts(0, 1, 0, [new TestFailure("web end-to-end", "chromium is not installed")]);
        }

        var environment = new Dictionary<string, string>
        {
            ["BRIGADE_STATE_DIR"] = StateDir,
            ["BRIGADE_PORT_OFFSET"] = PortOffset.ToString(CultureInfo.InvariantCulture),
            // The flows book two days ahead (always inside opening hours, whatever the hour of the run) and then walk the
            // party through arrive/seat/complete: the arrival window (an hour by default, tested in Reservations.Tests)
            // is widened to three days on this platform only.
            ["Reservations__EarlyArrivalMinutes"] = "4320",
        };
        var platformLog = Path.Combine(s.TestResultsDir, "Web.EndToEnd.platform.log");
        File.Delete(platformLog);
        try
        {
            // Whatever an interrupted run left is stopped (only its recorded pids), then the state starts afresh.
            await LauncherAsync(["down"], environment, platformLog, cancellation);
            if (Directory.Exists(StateDir))
            {
                Directory.Delete(StateDir, recursive: true);
            }
            var clock = Stopwatch.StartNew();
            Console.Write("Web.EndToEnd: starting a platform of its own… ");
            var (code, output) = await LauncherAsync(["up", "--detach", "--no-build", "--no-dashboard"], environment, platformLog, cancellation);
            if (code != 0)
            {
                Console.WriteLine($"failed (exit {code}); end of {s.Relative(platformLog)}:");
                Output.Indented(string.Join('\n', output.TrimEnd().Split('\n').TakeLast(20)));
                return new TestCounts(0, 1, 0, [new TestFailure("web end-to-end platform", "the platform did not start")]);
            }
            Console.WriteLine($"ready ({Output.Seconds(clock.Elapsed)})");

            return await VitestAsync("e2e", "Web.EndToEnd", new Dictionary<string, string>
            {
                ["BRIGADE_WEB_URL"] = $"http://127.0.0.1:{5000 + PortOffset}",
                ["BRIGADE_E2E_STATE_DIR"] = StateDir,
                ["BRIGADE_E2E_ARTIFACTS"] = Path.Combine(s.TestResultsDir, "web"),
                ["BRIGADE_CHROMIUM"] = chromium,
            }, cancellation);
        }
        finally
        {
            await LauncherAsync(["down"], environment, platformLog, CancellationToken.None);
        }
    }

    /// <summary>This launcher again, as a child, for the end-to-end platform's own state and ports.</summary>
    async Task<(int Code, string Output)> LauncherAsync(string[] args, Dictionary<string, string> environment, string log,
        CancellationToken cancellation)
    {
        var launcher = typeof(WebTests).Assembly.Location;
        var (code, output) = await ProcessControl.RunAsync("dotnet", [launcher, .. args], environment, workingDirectory: s.RepoRoot,
            cancellation: cancellation);
        await File.AppendAllTextAsync(log, $"$ brigade {string.Join(' ', args)} (exit {code})\n{output}\n", CancellationToken.None);
        return (code, output);
    }

    async Task<TestCounts> VitestAsync(string project, string name, Dictionary<string, string> environment, CancellationToken cancellation)
    {
        var report = Path.Combine(s.TestResultsDir, name + ".xml");
        var log = Path.Combine(s.TestResultsDir, name + ".log");
        File.Delete(report);
        Console.Write($"{name}: ");
        var clock = Stopwatch.StartNew();
        var (code, output) = await ProcessControl.RunAsync("npx",
            ["vitest", "run", "--project", project, "--reporter=default", "--reporter=junit", $"--outputFile.junit={report}"],
            environment, workingDirectory: WebBuild.Dir(s), cancellation: cancellation);
        await File.WriteAllTextAsync(log, output, CancellationToken.None);

        TestCounts? counts = null;
        try
        {
            counts = File.Exists(report) ? JUnit.Parse(report) : null;
        }
        catch (System.Xml.XmlException)
        {
            counts = null;
        }
        if (counts is null || code != 0 && counts.Failed == 0)
        {
            var partial = counts ?? new TestCounts(0, 0, 0, []);
            Console.WriteLine($"{partial.Passed} passed, {partial.Failed + 1} failed, {partial.Skipped} skipped ({Output.Seconds(clock.Elapsed)})");
            Console.WriteLine($"  could not run (vitest exit {code}); end of {s.Relative(log)}:");
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

static class JUnit
{
    /// <summary>Counts and failures from a JUnit XML report (Vitest's): one testcase element per test.</summary>
    public static TestCounts Parse(string path)
    {
        var cases = XDocument.Load(path).Descendants("testcase").ToList();
        var failures = cases
            .Where(c => c.Element("failure") is not null || c.Element("error") is not null)
            .Select(c =>
            {
                var problem = c.Element("failure") ?? c.Element("error")!;
                var message = (string?)problem.Attribute("message") ?? problem.Value;
                return new TestFailure($"{(string?)c.Attribute("classname")} > {(string?)c.Attribute("name")}",
                    message.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "");
            })
            .ToList();
        var skipped = cases.Count(c => c.Element("skipped") is not null);
        return new TestCounts(cases.Count - failures.Count - skipped, failures.Count, skipped, failures);
    }
}
