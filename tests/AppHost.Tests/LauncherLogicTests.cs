namespace Brigade.AppHost.Tests;

public class LauncherLogicTests
{
    static readonly List<ServiceProject> Catalog3 =
    [
        new("gateway", "Brigade.Gateway", "/a/Brigade.Gateway.dll", 5000),
        new("identity", "Brigade.Identity", "/a/Brigade.Identity.dll", 5001),
        new("reservations", "Brigade.Reservations", "/a/Brigade.Reservations.dll", 5003),
    ];

    [Fact]
    public void Replicas_take_the_next_free_ports_from_the_replica_base()
    {
        var plan = Catalog.Plan(Catalog3, only: null, new Dictionary<string, int> { ["reservations"] = 3, ["identity"] = 2 },
            replicaBasePort: 5100, portTaken: p => p == 5101);

        Assert.Equal(
            ["gateway:5000", "identity:5001", "identity-2:5100", "reservations:5003", "reservations-2:5102", "reservations-3:5103"],
            plan.Select(i => $"{i.Name}:{i.Port}"));
    }

    [Fact]
    public void Only_selects_services_and_none_selects_nothing()
    {
        var noReplicas = new Dictionary<string, int>();
        Assert.Equal(["identity"], Catalog.Plan(Catalog3, ["identity"], noReplicas, 5100, _ => false).Select(i => i.Name));
        Assert.Empty(Catalog.Plan(Catalog3, ["none"], noReplicas, 5100, _ => false));
        var e = Assert.Throws<LauncherException>(() => Catalog.Plan(Catalog3, ["kitchen"], noReplicas, 5100, _ => false));
        Assert.Contains("unknown service kitchen", e.Message);
    }

    [Fact]
    public void Restart_names_a_primary_by_its_port_and_a_replica_by_its_place_in_the_services_file()
    {
        var servicesFile = new Dictionary<string, string[]> { ["reservations"] = ["http://127.0.0.1:5003", "http://127.0.0.1:5100", "http://127.0.0.1:5102"] };

        Assert.Equal("identity:5001", Describe(Catalog.Resolve(Catalog3, "identity", servicesFile)));
        Assert.Equal("reservations-3:5102", Describe(Catalog.Resolve(Catalog3, "reservations-3", servicesFile)));
        Assert.Null(Catalog.Resolve(Catalog3, "reservations-4", servicesFile));
        Assert.Null(Catalog.Resolve(Catalog3, "kitchen", servicesFile));
        Assert.Null(Catalog.Resolve(Catalog3, "identity-x", servicesFile));

        Assert.Equal(["identity", "reservations-2"], Catalog.Running(Catalog3,
            [new PidRecord("identity", 10, 1, "", 5001), new PidRecord("reservations-2", 11, 1, "", 5100), new PidRecord("dashboard", 12, 1, "", 18888)])
            .Select(i => i.Name));

        Assert.Equal(new RestartOptions("identity", NoBuild: true), RestartOptions.Parse(["Identity", "--no-build"]));
        Assert.Throws<LauncherException>(() => RestartOptions.Parse([]));
        Assert.Throws<LauncherException>(() => RestartOptions.Parse(["identity", "gateway"]));
        Assert.Throws<LauncherException>(() => RestartOptions.Parse(["identity", "--bogus"]));

        static string? Describe(Instance? i) => i is null ? null : $"{i.Name}:{i.Port}";
    }

    [Fact]
    public void Up_options_are_parsed()
    {
        var o = UpOptions.Parse(["--detach", "--only", "identity,Gateway", "--replicas=reservations=3"]);
        Assert.True(o.Detach);
        Assert.False(o.NoBuild);
        Assert.Equal(["gateway", "identity"], o.Only!.Order());
        Assert.Equal(3, o.Replicas["reservations"]);
        Assert.Null(UpOptions.Parse([]).Only);
        Assert.Throws<LauncherException>(() => UpOptions.Parse(["--replicas", "reservations=0"]));
        Assert.Throws<LauncherException>(() => UpOptions.Parse(["--bogus"]));
    }

    [Fact]
    public void Trx_counts_come_from_the_result_summary_with_failures_named()
    {
        // The shape VSTest writes for xunit: a skipped test is "not executed" but notExecuted stays 0.
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                <?xml version="1.0" encoding="utf-8"?>
                <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
                  <Results>
                    <UnitTestResult testName="Ns.Tests.Adds" outcome="Passed" />
                    <UnitTestResult testName="Ns.Tests.Books_a_table" outcome="Failed">
                      <Output><ErrorInfo><Message>
                Assert.Equal() Failure: Values differ
                Expected: 201</Message></ErrorInfo></Output>
                    </UnitTestResult>
                    <UnitTestResult testName="Ns.Tests.Later" outcome="NotExecuted" />
                  </Results>
                  <ResultSummary outcome="Failed">
                    <Counters total="3" executed="2" passed="1" failed="1" error="0" timeout="0" aborted="0" inconclusive="0" notExecuted="0" />
                  </ResultSummary>
                </TestRun>
                """);
            var counts = Trx.Parse(path);
            Assert.Equal((1, 1, 1), (counts.Passed, counts.Failed, counts.Skipped));
            var failure = Assert.Single(counts.Failures);
            Assert.Equal("Ns.Tests.Books_a_table", failure.Name);
            Assert.Equal("Assert.Equal() Failure: Values differ", failure.FirstErrorLine);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Generated_admin_passwords_mix_character_classes_and_differ()
    {
        var a = Brigade.Security.AdminPassword.Generate();
        Assert.Equal(23, a.Length);
        Assert.Contains(a, char.IsUpper);
        Assert.Contains(a, char.IsLower);
        Assert.Contains(a, char.IsDigit);
        Assert.NotEqual(a, Brigade.Security.AdminPassword.Generate());
    }
}

public class ProcessIdentityTests
{
    /// <summary>
    /// A process the launcher started is known by its pid and kernel start time, not by what its command line reads
    /// at that moment: mid-exec the command line can be empty, and a server still starting was taken for dead
    /// (issue 28: CI failed with "RabbitMQ exited during start-up" and left it running).
    /// </summary>
    [Fact]
    public async Task A_started_process_is_alive_by_pid_and_start_time_whatever_its_command_line_says()
    {
        var state = Directory.CreateTempSubdirectory("brigade-identity-").FullName;
        var s = new Settings
        {
            RepoRoot = state, StateDir = state, ArtifactsDir = state, PortOffset = 0, ServerDataRoot = state,
        };
        var record = ProcessControl.Start(s, "sleeper", "/bin/sleep", ["30"], state, match: "text-that-is-never-on-its-command-line");
        try
        {
            Assert.True(ProcessControl.IsAlive(record));
            Assert.False(ProcessControl.IsAlive(record with { StartTime = record.StartTime + 1 }));
        }
        finally
        {
            await ProcessControl.StopAsync(s, record, Native.SIGKILL, TimeSpan.FromSeconds(5));
            Directory.Delete(state, recursive: true);
        }

        Assert.False(ProcessControl.IsAlive(record));
    }
}
