using System.Diagnostics;
using System.Xml.Linq;

namespace Brigade.AppHost;

/// <summary>
/// The deployment checks inside <c>brigade test</c>: <c>deploy/validate.sh</c> renders every kustomization with
/// <c>kubectl</c>, validates the objects against the Kubernetes schemas and our policy, and runs <c>promtool</c> on the
/// alerting rules and their unit tests — all offline. Each check is one test case in its JUnit report; a tool that is
/// missing makes its checks skipped (with the reason printed), not failed.
/// </summary>
sealed class DeployTests(Settings s)
{
    /// <summary>Runs for the whole suite, or when the filter names the deploy checks.</summary>
    public static bool Selected(string? filter) => string.IsNullOrEmpty(filter) || filter.Contains("deploy", StringComparison.OrdinalIgnoreCase);

    public async Task<TestCounts> RunAsync(CancellationToken cancellation)
    {
        var script = Path.Combine(s.RepoRoot, "deploy", "validate.sh");
        if (!File.Exists(script))
        {
            return new TestCounts(0, 0, 0, []);
        }
        var report = Path.Combine(s.TestResultsDir, "Deploy.xml");
        var log = Path.Combine(s.TestResultsDir, "Deploy.log");
        File.Delete(report);
        Console.Write("Deploy: ");
        var clock = Stopwatch.StartNew();
        var (code, output) = await ProcessControl.RunAsync("bash", [script, "--junit", report], workingDirectory: s.RepoRoot,
            cancellation: cancellation);
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
            Console.WriteLine($"  could not run (deploy/validate.sh exit {code}); end of {s.Relative(log)}:");
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
        // A skipped check says why (a tool this machine lacks), so a green run does not hide what was not checked.
        foreach (var skipped in XDocument.Load(report).Descendants("testcase").Where(c => c.Element("skipped") is not null))
        {
            Console.WriteLine($"  SKIPPED {(string?)skipped.Attribute("name")}: {(string?)skipped.Element("skipped")!.Attribute("message")}");
        }
        return counts;
    }
}
