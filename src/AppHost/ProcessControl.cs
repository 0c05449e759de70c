using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Brigade.AppHost;

static class Native
{
    public const int SIGINT = 2;
    public const int SIGQUIT = 3;
    public const int SIGKILL = 9;
    public const int SIGTERM = 15;

    [DllImport("libc", SetLastError = true)]
    public static extern int kill(int pid, int sig);

    [DllImport("libc")]
    public static extern uint geteuid();
}

/// <summary>
/// One process the launcher started. The pid file holds the pid on its first line, then
/// <c>start=</c> (kernel start time, survives exec), <c>match=</c> (a string its command line
/// contains) and <c>port=</c>, so a pid reused by an unrelated process is never mistaken for ours.
/// </summary>
sealed record PidRecord(string Name, int Pid, long StartTime, string Match, int? Port)
{
    public bool IsInfrastructure => Name is Infrastructure.PostgresName or Infrastructure.RabbitName or Infrastructure.EpmdName or Infrastructure.RedisName;
}

static class ProcessControl
{
    public static string PidFile(Settings s, string name) => Path.Combine(s.PidsDir, name + ".pid");

    public static void WritePidFile(Settings s, PidRecord r)
    {
        Directory.CreateDirectory(s.PidsDir);
        var text = $"{r.Pid}\nstart={r.StartTime}\nmatch={r.Match}\n" + (r.Port is { } p ? $"port={p}\n" : "");
        File.WriteAllText(PidFile(s, r.Name), text);
    }

    public static List<PidRecord> ReadPidFiles(Settings s)
    {
        var list = new List<PidRecord>();
        if (!Directory.Exists(s.PidsDir))
        {
            return list;
        }
        foreach (var file in Directory.GetFiles(s.PidsDir, "*.pid").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var lines = File.ReadAllLines(file);
            if (lines.Length == 0 || !int.TryParse(lines[0].Trim(), out var pid))
            {
                list.Add(new PidRecord(name, 0, 0, "", null));
                continue;
            }
            var values = lines.Skip(1).Select(l => l.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
            list.Add(new PidRecord(
                name,
                pid,
                values.TryGetValue("start", out var st) && long.TryParse(st, out var start) ? start : 0,
                values.GetValueOrDefault("match", ""),
                values.TryGetValue("port", out var pt) && int.TryParse(pt, out var port) ? port : null));
        }
        return list;
    }

    public static PidRecord? ReadPidFile(Settings s, string name) =>
        File.Exists(PidFile(s, name)) ? ReadPidFiles(s).FirstOrDefault(r => r.Name == name) : null;

    public static void RemovePidFile(Settings s, string name) => File.Delete(PidFile(s, name));

    /// <summary>Removes pid files whose process is gone or whose pid now belongs to something else.</summary>
    public static List<PidRecord> CleanStalePidFiles(Settings s)
    {
        var alive = new List<PidRecord>();
        foreach (var r in ReadPidFiles(s))
        {
            if (IsAlive(r))
            {
                alive.Add(r);
                continue;
            }
            Console.WriteLine($"removed stale pid file of {r.Name} (pid {r.Pid} is not running it any more)");
            RemovePidFile(s, r.Name);

            // A session outlives its leader while members remain (e.g. beam.smp after its shell was killed),
            // and Linux never hands out a pid that is still a session id. Members started within a minute
            // of our process are its leftovers (a later reuse of the pid as a session id would be far younger).
            if (r.StartTime > 0 && (ReadStat(r.Pid) is not { } stat || stat.State == 'Z' && stat.StartTime == r.StartTime))
            {
                var killed = KillSession(r.Pid, startedBy: r.StartTime + 60 * ClockTicksPerSecond);
                if (killed > 0)
                {
                    Console.WriteLine($"killed {killed} leftover process{(killed == 1 ? "" : "es")} of {r.Name}");
                }
            }
        }
        return alive;
    }

    public static bool IsAlive(PidRecord r)
    {
        if (r.Pid <= 1 || ReadStat(r.Pid) is not { } stat || stat.State == 'Z' || stat.State == 'X')
        {
            return false;
        }
        // A pid and its kernel start time name one process for the machine's lifetime, whatever it exec'd into.
        // The command line is not read then: in the middle of the exec chain we start (sh → setsid → setpriv →
        // server) /proc/<pid>/cmdline can be empty for a moment, and a process we started would look gone
        // (the launcher then gave up on a server that went on starting, and left it running as an orphan).
        if (r.StartTime != 0)
        {
            return stat.StartTime == r.StartTime;
        }
        return r.Match.Length == 0 || CommandLine(r.Pid).Contains(r.Match, StringComparison.Ordinal);
    }

    public sealed record Stat(char State, int Parent, int Session, long StartTime);

    /// <summary>Fields of /proc/&lt;pid&gt;/stat; the command name may hold spaces, so parse after the last ')'.</summary>
    public static Stat? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var rest = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return new Stat(rest[0][0], int.Parse(rest[1], CultureInfo.InvariantCulture),
                int.Parse(rest[3], CultureInfo.InvariantCulture), long.Parse(rest[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>
    /// Starts a program in its own session (so Ctrl-C on the launcher does not reach it), optionally as
    /// another user, with stdout and stderr going to <c>logs/&lt;name&gt;.log</c>. <c>sh</c>, <c>setsid</c>
    /// and <c>setpriv</c> all exec, so the pid we get is the program's pid.
    /// </summary>
    public static PidRecord Start(Settings s, string name, string program, IEnumerable<string> args,
        string workingDirectory, string match, int? port = null, string? runAs = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(s.LogsDir);
        var log = Path.Combine(s.LogsDir, name + ".log");
        File.WriteAllText(log, $"--- {name} started by brigade at {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}\n");

        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = workingDirectory };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec \"$@\" >>\"$BRIGADE_LOG_FILE\" 2>&1 </dev/null");
        psi.ArgumentList.Add("brigade-start");
        psi.ArgumentList.Add("setsid");
        if (runAs is not null)
        {
            foreach (var a in new[] { "setpriv", "--reuid", runAs, "--regid", runAs, "--init-groups" })
            {
                psi.ArgumentList.Add(a);
            }
        }
        psi.ArgumentList.Add(program);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["BRIGADE_LOG_FILE"] = log;
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var process = Process.Start(psi) ?? throw new LauncherException($"could not start {program}");
        var start = ReadStat(process.Id)?.StartTime ?? 0;
        var record = new PidRecord(name, process.Id, start, match, port);
        WritePidFile(s, record);
        return record;
    }

    /// <summary>
    /// Signals the process, waits, then SIGKILLs it. Its descendants (noted before the signal; some, like
    /// Erlang's helpers, start sessions of their own) and anything left in its session are killed too.
    /// Removes the pid file.
    /// </summary>
    public static async Task StopAsync(Settings s, PidRecord r, int signal, TimeSpan grace)
    {
        if (IsAlive(r))
        {
            var descendants = Descendants(r.Pid);
            Native.kill(r.Pid, signal);
            if (!await WaitForExitAsync(r, grace))
            {
                Console.WriteLine($"{r.Name} (pid {r.Pid}) did not stop within {grace.TotalSeconds:0} s; killing it");
                Native.kill(r.Pid, Native.SIGKILL);
                await WaitForExitAsync(r, TimeSpan.FromSeconds(5));
            }
            foreach (var leftover in descendants.Where(IsAlive))
            {
                Native.kill(leftover.Pid, Native.SIGKILL);
            }
            KillSession(r.Pid);
        }
        else if (r.StartTime > 0)
        {
            // The leader is gone; members of its session it started (within a minute of it) are its leftovers.
            KillSession(r.Pid, startedBy: r.StartTime + 60 * ClockTicksPerSecond);
        }
        RemovePidFile(s, r.Name);
    }

    static List<PidRecord> Descendants(int root)
    {
        var all = AllProcesses();
        var found = new List<PidRecord>();
        var parents = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, stat) in all)
            {
                if (parents.Contains(stat.Parent) && parents.Add(pid))
                {
                    found.Add(new PidRecord($"child {pid}", pid, stat.StartTime, "", null));
                    grew = true;
                }
            }
        }
        return found;
    }

    static List<(int Pid, Stat Stat)> AllProcesses() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (pid, ReadStat(pid)))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.pid, p.Item2!))
            .ToList();

    public static async Task<bool> WaitForExitAsync(PidRecord r, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (IsAlive(r))
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }

    /// <summary>USER_HZ, the unit of start times in /proc/&lt;pid&gt;/stat; 100 on every Linux we run on.</summary>
    const long ClockTicksPerSecond = 100;

    /// <summary>Kills leftovers of a session we created, found by the session id = our pid.</summary>
    static int KillSession(int sessionId, long startedBy = long.MaxValue)
    {
        var killed = 0;
        foreach (var (pid, stat) in AllProcesses())
        {
            if (pid != sessionId && stat.Session == sessionId && stat.State != 'Z' && stat.StartTime <= startedBy
                && Native.kill(pid, Native.SIGKILL) == 0)
            {
                killed++;
            }
        }
        return killed;
    }

    /// <summary>Runs a short command to completion and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, string? stdin = null, string? workingDirectory = null,
        CancellationToken cancellation = default)
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var process = new Process { StartInfo = psi };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, $"{program}: {e.Message}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    public static string Tail(string file, int lines)
    {
        if (!File.Exists(file))
        {
            return "";
        }
        var all = File.ReadAllLines(file);
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }
}

/// <summary>Who listens on a TCP port, from /proc/net/tcp{,6} and the owners' fd tables.</summary>
static class Ports
{
    public static bool IsListening(int port) => ListeningInodes(port).Count > 0;

    /// <summary>Null when the port is free, else a description such as "pid 1234 (postgres -D …)".</summary>
    public static string? DescribeListener(int port)
    {
        var inodes = ListeningInodes(port);
        if (inodes.Count == 0)
        {
            return null;
        }
        foreach (var procDir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(procDir), out var pid))
            {
                continue;
            }
            try
            {
                foreach (var fd in Directory.EnumerateFiles(Path.Combine(procDir, "fd")))
                {
                    var target = new FileInfo(fd).LinkTarget;
                    if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)
                        && inodes.Contains(target[8..^1]))
                    {
                        var cmd = ProcessControl.CommandLine(pid);
                        return $"pid {pid} ({(cmd.Length > 100 ? cmd[..100] + "…" : cmd)})";
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process exited or is not ours to inspect.
            }
        }
        return "a process this user cannot inspect";
    }

    static HashSet<string> ListeningInodes(int port)
    {
        var inodes = new HashSet<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[3] == "0A"
                    && int.Parse(f[1][(f[1].IndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add(f[9]);
                }
            }
        }
        return inodes;
    }

    /// <summary>Fails with a message naming the port and its owner when any of them is taken.</summary>
    public static void EnsureFree(IEnumerable<(int Port, string What)> ports)
    {
        foreach (var (port, what) in ports)
        {
            if (DescribeListener(port) is { } owner)
            {
                throw new LauncherException($"port {port} ({what}) is already in use by {owner}; stop it or set BRIGADE_PORT_OFFSET");
            }
        }
    }
}
