using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Brigade.AppHost.Tests;

/// <summary>
/// Runs the real launcher against real PostgreSQL, RabbitMQ and Redis on offset ports. The tests share one class,
/// so they run one after another (each boots its own servers, which is CPU-heavy).
/// </summary>
public partial class LauncherProcessTests
{
    [Fact]
    public async Task Infra_up_then_up_detached_then_down_leaves_no_process_and_no_port()
    {
        using var launcher = new IsolatedLauncher(portOffset: 2100);

        var (code, output) = launcher.Run("infra", "up");
        Assert.True(code == 0, output);
        var records = ProcessControl.ReadPidFiles(launcher.Settings);
        Assert.Equal(["epmd", "postgres", "rabbitmq", "redis"], records.Select(r => r.Name));
        Assert.All(records, r => Assert.True(ProcessControl.IsAlive(r), $"{r.Name} is not running\n{output}"));
        Assert.All(launcher.InfraPorts, p => Assert.True(Ports.IsListening(p), $"nothing listens on {p}"));
        var env = File.ReadAllText(launcher.Settings.InfraEnvFile);
        Assert.Contains($"BRIGADE_TEST_POSTGRES='Host=127.0.0.1;Port={launcher.Settings.PostgresPort};", env);
        Assert.Contains($"BRIGADE_TEST_RABBITMQ='amqp://brigade:", env);
        Assert.Contains($"BRIGADE_TEST_REDIS='127.0.0.1:{launcher.Settings.RedisPort},password=", env);
        Assert.Contains($"BRIGADE_TEST_MQTT='127.0.0.1:{launcher.Settings.MqttPort}'", env);
        Assert.True(Ports.IsListening(launcher.Settings.MqttPort), "RabbitMQ's MQTT listener (devices) is not up");
        Assert.True(Ports.IsListening(launcher.Settings.RabbitManagementPort), "RabbitMQ's management API (device users) is not up");
        await AssertRedisIsPrivateAsync(launcher);
        // Scripts (bench/*/run.sh) source the file: the connection string must survive the shell whole.
        var sourced = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash",
            ["-c", $"source '{launcher.Settings.InfraEnvFile}' && printf %s \"$BRIGADE_TEST_POSTGRES\""]) { RedirectStandardOutput = true })!;
        var value = await sourced.StandardOutput.ReadToEndAsync();
        await sourced.WaitForExitAsync();
        Assert.StartsWith($"Host=127.0.0.1;Port={launcher.Settings.PostgresPort};", value);
        Assert.Contains(";Password=", value);

        // What `brigade test` does first: databases left by earlier runs go, templates included, others stay.
        var infra = new Infrastructure(launcher.Settings);
        await infra.PsqlAsync("CREATE DATABASE brigade_tmpl_1 IS_TEMPLATE true; CREATE DATABASE brigade_test_1 TEMPLATE brigade_tmpl_1; CREATE DATABASE brigade_testing;");
        Assert.Equal(2, await infra.DropTestDatabasesAsync());
        Assert.Equal("brigade_testing", (await infra.PsqlAsync("SELECT string_agg(datname, ',') FROM pg_database WHERE datname LIKE 'brigade%';")).Trim());

        (code, output) = launcher.Run("up", "--detach", "--only", "none", "--no-build");
        Assert.True(code == 0, output);
        Assert.Contains("already running; using them", output);
        Assert.Equal(records.Select(r => r.Pid), ProcessControl.ReadPidFiles(launcher.Settings).Select(r => r.Pid));
        Assert.True(File.Exists(launcher.Settings.ServicesFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(launcher.Settings.AdminPasswordFile));

        (code, output) = launcher.Run("status");
        Assert.True(code == 0, output);
        Assert.Contains("accepting connections", output);
        Assert.Contains("AMQP answering", output);
        Assert.Contains("Redis answering", output);

        (code, output) = launcher.Run("down");
        Assert.True(code == 0, output);
        AssertStopped(launcher, records);

        (code, output) = launcher.Run("down");
        Assert.Equal(0, code);
        Assert.Contains("nothing running", output);
    }

    [Fact]
    public async Task Up_in_the_foreground_stops_everything_it_started_on_SIGTERM()
    {
        using var launcher = new IsolatedLauncher(portOffset: 2200);
        using var process = launcher.Start("up", "--only", "none", "--no-build");
        var output = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output) { output.AppendLine(e.Data); }
            if (e.Data?.Contains("press Ctrl-C", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(ready.Task.IsCompleted, $"not ready:\n{output}");
        var records = ProcessControl.ReadPidFiles(launcher.Settings);
        Assert.True(records.Count(ProcessControl.IsAlive) == 4, output.ToString());

        Native.kill(process.Id, Native.SIGTERM);
        await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(process.HasExited && process.ExitCode == 0, $"exited: {process.HasExited}\n{output}");
        Assert.Contains("stopping PostgreSQL", output.ToString());
        AssertStopped(launcher, records);
    }

    [Fact]
    public async Task Restart_replaces_a_service_starts_a_crashed_one_and_up_starts_only_what_is_not_running()
    {
        using var launcher = new IsolatedLauncher(portOffset: 2250);
        var (code, output) = launcher.Run("up", "--detach", "--no-build", "--no-dashboard", "--only", "identity");
        Assert.True(code == 0, output);
        var first = ProcessControl.ReadPidFile(launcher.Settings, "identity")!;

        (code, output) = launcher.Run("restart", "identity", "--no-build");
        Assert.True(code == 0, output);
        Assert.Contains("identity restarted at", output);
        var second = ProcessControl.ReadPidFile(launcher.Settings, "identity")!;
        Assert.NotEqual(first.Pid, second.Pid);
        Assert.False(ProcessControl.IsAlive(first), output);
        Assert.True(ProcessControl.IsAlive(second), output);
        // Started as up starts it: the same environment (the generated secrets among it).
        Assert.Contains("Identity__KeyEncryptionKey=", Environ(second.Pid));
        Assert.Contains($"ASPNETCORE_URLS=http://127.0.0.1:{5001 + launcher.PortOffset}", Environ(second.Pid));

        // It crashes; restart brings it back.
        Native.kill(second.Pid, Native.SIGKILL);
        Assert.True(await ProcessControl.WaitForExitAsync(second, TimeSpan.FromSeconds(10)));
        (code, output) = launcher.Run("restart", "identity", "--no-build");
        Assert.True(code == 0, output);
        Assert.Contains("removed stale pid file of identity", output);
        Assert.Contains("identity is not running; starting it", output);
        var third = ProcessControl.ReadPidFile(launcher.Settings, "identity")!;
        Assert.True(ProcessControl.IsAlive(third), output);

        // up while something runs starts only the rest, and leaves what runs alone.
        (code, output) = launcher.Run("up", "--detach", "--no-build", "--no-dashboard", "--only", "identity,notifications");
        Assert.True(code == 0, output);
        Assert.Contains("already running: identity; starting notifications", output);
        Assert.Equal(third.Pid, ProcessControl.ReadPidFile(launcher.Settings, "identity")!.Pid);
        var notifications = ProcessControl.ReadPidFile(launcher.Settings, "notifications")!;
        Assert.True(ProcessControl.IsAlive(notifications), output);
        var services = File.ReadAllText(launcher.Settings.ServicesFile);
        Assert.Contains("identity", services);
        Assert.Contains("notifications", services);

        (code, output) = launcher.Run("up", "--detach", "--no-build", "--no-dashboard", "--only", "identity,notifications");
        Assert.True(code == 0, output);
        Assert.Contains("everything asked for is already running", output);

        var records = ProcessControl.ReadPidFiles(launcher.Settings);
        (code, output) = launcher.Run("down");
        Assert.True(code == 0, output);
        AssertStopped(launcher, records);
        Assert.False(ProcessControl.IsAlive(first) || ProcessControl.IsAlive(third));
    }

    /// <summary>The environment a process was started with.</summary>
    static string Environ(int pid) => File.ReadAllText($"/proc/{pid}/environ").Replace('\0', '\n');

    [Fact]
    public void Stale_pid_files_are_detected_and_removed()
    {
        using var launcher = new IsolatedLauncher(portOffset: 2300);
        // One pid belongs to a live process that is not ours (this test host), one to a process that has exited.
        using var exited = Process.Start("true")!;
        exited.WaitForExit();
        ProcessControl.WritePidFile(launcher.Settings, new PidRecord("postgres", Environment.ProcessId, 0, "-D /somewhere/postgres/data", 15432));
        ProcessControl.WritePidFile(launcher.Settings, new PidRecord("identity", exited.Id, 0, "Brigade.Identity.dll", 5001));

        var (code, output) = launcher.Run("status");
        Assert.Equal(1, code);
        Assert.Equal(2, output.Split('\n').Count(l => l.Contains(" dead", StringComparison.Ordinal)));

        (code, output) = launcher.Run("down");
        Assert.True(code == 0, output);
        Assert.Contains("removed stale pid file of postgres", output);
        Assert.Contains("removed stale pid file of identity", output);
        Assert.Contains("nothing running", output);
        Assert.Empty(Directory.GetFiles(launcher.Settings.PidsDir));
    }

    [Fact]
    public void Leftovers_of_a_dead_recorded_process_are_stopped_with_its_stale_pid_file()
    {
        using var launcher = new IsolatedLauncher(portOffset: 2300);
        // Like rabbitmq-server killed without its beam.smp: a session leader that dies leaving a child behind.
        using var leader = Process.Start("/bin/sh", ["-c", "exec setsid sh -c 'sleep 300 & sleep 1'"])!;
        var startTime = ProcessControl.ReadStat(leader.Id)!.StartTime;
        leader.WaitForExit();
        var leftover = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Single(pid => pid > 0 && ProcessControl.ReadStat(pid) is { Session: var sid, State: not 'Z' } && sid == leader.Id);
        ProcessControl.WritePidFile(launcher.Settings, new PidRecord("rabbitmq", leader.Id, startTime, "sleep", null));

        try
        {
            var (code, output) = launcher.Run("down");

            Assert.True(code == 0, output);
            Assert.Contains("killed 1 leftover process of rabbitmq", output);
            Assert.True(ProcessControl.ReadStat(leftover) is null or { State: 'Z' }, $"pid {leftover} still runs");
        }
        finally
        {
            if (ProcessControl.ReadStat(leftover) is { Session: var sid } && sid == leader.Id)
            {
                Native.kill(leftover, Native.SIGKILL);
            }
        }
    }

    [Fact]
    public void A_taken_port_is_named_and_nothing_is_started()
    {
        using var launcher = new IsolatedLauncher(portOffset: 2400);
        using var squatter = new TcpListener(IPAddress.Loopback, launcher.Settings.AmqpPort);
        squatter.Start();

        var (code, output) = launcher.Run("infra", "up");

        Assert.NotEqual(0, code);
        Assert.Contains($"port {launcher.Settings.AmqpPort} (RabbitMQ AMQP) is already in use by pid {Environment.ProcessId}", output);
        var kept = File.ReadAllText(Path.Combine(launcher.Settings.LogsDir, "launcher.log")); // the failure outlives the console
        Assert.Contains("brigade infra up", kept);
        Assert.Contains($"port {launcher.Settings.AmqpPort} (RabbitMQ AMQP) is already in use", kept);
        Assert.Empty(ProcessControl.ReadPidFiles(launcher.Settings));
        Assert.False(Ports.IsListening(launcher.Settings.PostgresPort));
        Assert.False(Ports.IsListening(launcher.Settings.EpmdPort));
    }

    /// <summary>Redis asks for the generated password, keeps an append-only file in the state folder, and runs as <c>redis</c> under root.</summary>
    static async Task AssertRedisIsPrivateAsync(IsolatedLauncher launcher)
    {
        var password = File.ReadAllText(Path.Combine(launcher.Settings.SecretsDir, Secrets.RedisPassword)).Trim();
        Assert.Equal("-NOAUTH", (await RedisAsync(launcher.Settings.RedisPort, "PING")).Split(' ')[0]);
        Assert.Equal("+OK", await RedisAsync(launcher.Settings.RedisPort, $"AUTH {password}"));
        Assert.True(Directory.Exists(Path.Combine(launcher.Settings.RedisDir, "appendonlydir")), "no append-only file");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(launcher.Settings.RedisDir, "redis.conf")));
        var redis = ProcessControl.ReadPidFile(launcher.Settings, Infrastructure.RedisName)!;
        Assert.DoesNotContain(password, ProcessControl.CommandLine(redis.Pid));
        if (Settings.IsRoot)
        {
            var uid = File.ReadLines($"/proc/{redis.Pid}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1];
            Assert.NotEqual("0", uid);
        }
    }

    /// <summary>One command in Redis's inline protocol; the first reply line.</summary>
    static async Task<string> RedisAsync(int port, string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
    }

    static void AssertStopped(IsolatedLauncher launcher, IReadOnlyList<PidRecord> records)
    {
        Assert.All(records, r => Assert.False(ProcessControl.IsAlive(r), $"{r.Name} (pid {r.Pid}) is still running"));
        Assert.Empty(Directory.GetFiles(launcher.Settings.PidsDir));
        Assert.All(launcher.InfraPorts, p => Assert.False(Ports.IsListening(p), $"port {p} is still listening"));
    }
}
