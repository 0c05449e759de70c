using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Versioning;
using System.Text;

[assembly: SupportedOSPlatform("linux")]

namespace Brigade.AppHost.Tests;

/// <summary>
/// Runs the built launcher as a separate process with its own state directory and port offset, so it
/// never touches a developer's running instance. Disposing runs <c>down</c> and removes the directory.
/// </summary>
sealed class IsolatedLauncher : IDisposable
{
    public IsolatedLauncher(int portOffset)
    {
        PortOffset = portOffset;
        StateDir = Directory.CreateTempSubdirectory("brigade-apphost-test-").FullName;
        Settings = new Settings
        {
            RepoRoot = RepoRoot(),
            StateDir = StateDir,
            ServerDataRoot = StateDir,
            ArtifactsDir = "/nonexistent",
            PortOffset = portOffset,
        };
    }

    public int PortOffset { get; }
    public string StateDir { get; }

    /// <summary>The same paths and ports the launcher under test computes.</summary>
    public Settings Settings { get; }

    public int[] InfraPorts => [Settings.PostgresPort, Settings.EpmdPort, Settings.AmqpPort, Settings.DistPort, Settings.RedisPort];

    public (int ExitCode, string Output) Run(params string[] args)
    {
        using var process = Start(args);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"brigade {string.Join(' ', args)} did not finish in 3 minutes:\n{output}");
        }
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>Starts the launcher with redirected output; the caller reads and waits.</summary>
    public Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Settings.RepoRoot,
        };
        psi.ArgumentList.Add(LauncherDll());
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["BRIGADE_STATE_DIR"] = StateDir;
        psi.Environment["BRIGADE_PORT_OFFSET"] = PortOffset.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment.Remove("BRIGADE_ADMIN_PASSWORD");
        var process = Process.Start(psi)!;
        process.StandardInput.Close();
        return process;
    }

    public void Dispose()
    {
        try
        {
            Run("down");
        }
        finally
        {
            // Last resort if down failed: the tests must not leave servers behind.
            foreach (var r in ProcessControl.ReadPidFiles(Settings).Where(ProcessControl.IsAlive))
            {
                Native.kill(r.Pid, Native.SIGKILL);
            }
            Directory.Delete(StateDir, recursive: true);
        }
    }

    /// <summary>The launcher next to this test assembly: &lt;artifacts&gt;/bin/Brigade.AppHost/&lt;config&gt;/.</summary>
    static string LauncherDll()
    {
        var configDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var dll = Path.Combine(configDir.Parent!.Parent!.FullName, "Brigade.AppHost", configDir.Name, "Brigade.AppHost.dll");
        return File.Exists(dll) ? dll : Path.Combine(AppContext.BaseDirectory, "Brigade.AppHost.dll");
    }

    static string RepoRoot([CallerFilePath] string thisFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory, Path.GetDirectoryName(thisFile) ?? "/" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Brigade.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("cannot find Brigade.slnx");
    }
}
