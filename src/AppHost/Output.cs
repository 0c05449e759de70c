using System.Diagnostics;

namespace Brigade.AppHost;

static class Output
{
    /// <summary>Prints "label… 1.2 s" around a piece of work (or "label… failed").</summary>
    /// <remarks>With <paramref name="live"/> on a terminal, the elapsed seconds tick while the work runs.</remarks>
    public static async Task<T> Step<T>(string label, Func<Task<T>> work, bool live = false)
    {
        Console.Write($"{label}… ");
        var clock = Stopwatch.StartNew();
        using var done = new CancellationTokenSource();
        var ticker = live && !Console.IsOutputRedirected ? TickAsync(label, clock, done.Token) : Task.CompletedTask;
        try
        {
            var result = await work();
            await StopTicker(done, ticker);
            Console.WriteLine(Seconds(clock.Elapsed));
            return result;
        }
        catch
        {
            await StopTicker(done, ticker);
            Console.WriteLine($"failed after {Seconds(clock.Elapsed)}");
            throw;
        }
    }

    public static Task Step(string label, Func<Task> work, bool live = false) =>
        Step(label, async () => { await work(); return true; }, live);

    static async Task TickAsync(string label, Stopwatch clock, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(1000, stop);
                Console.Write($"\r{label}… {clock.Elapsed.TotalSeconds:0} s ");
            }
        }
        catch (OperationCanceledException)
        {
            Console.Write($"\r{label}… ");
        }
    }

    static async Task StopTicker(CancellationTokenSource done, Task ticker)
    {
        await done.CancelAsync();
        await ticker;
    }

    public static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.0} s";

    public static void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => i < r.Count ? r[i].Length : 0)).ToArray();
        foreach (var row in all)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, i) => i == row.Count - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    /// <summary>Indents a block (e.g. the end of a log) under a message.</summary>
    public static void Indented(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            Console.WriteLine("    " + line);
        }
    }
}

/// <summary>
/// Keeps what a command that starts or stops processes prints (its steps, and the error when it fails)
/// in <c>logs/launcher.log</c> too, so a failure is still there when the console output is gone. Past
/// 1 MB the file starts over.
/// </summary>
sealed class LauncherLog : IDisposable
{
    const long MaxBytes = 1024 * 1024;

    readonly TextWriter _out = Console.Out;
    readonly TextWriter _error = Console.Error;
    readonly StreamWriter _file;

    LauncherLog(StreamWriter file)
    {
        _file = file;
        Console.SetOut(new Tee(_out, file));
        Console.SetError(new Tee(_error, file));
    }

    public static LauncherLog Start(Settings s, IEnumerable<string> args)
    {
        Directory.CreateDirectory(s.LogsDir);
        var path = Path.Combine(s.LogsDir, "launcher.log");
        var mode = File.Exists(path) && new FileInfo(path).Length > MaxBytes ? FileMode.Create : FileMode.Append;
        var file = new StreamWriter(new FileStream(path, mode, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        file.WriteLine($"--- {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz} brigade {string.Join(' ', args)} (pid {Environment.ProcessId})");
        return new LauncherLog(file);
    }

    /// <summary>Writes an unexpected exception to the file; false, so the exception goes on as it was.</summary>
    public bool Record(Exception e)
    {
        _file.WriteLine($"unhandled: {e}");
        return false;
    }

    public void Dispose()
    {
        Console.SetOut(_out);
        Console.SetError(_error);
        _file.Dispose();
    }

    sealed class Tee(TextWriter console, TextWriter file) : TextWriter
    {
        public override System.Text.Encoding Encoding => console.Encoding;

        public override void Write(char value)
        {
            console.Write(value);
            file.Write(value);
        }

        public override void Write(string? value)
        {
            console.Write(value);
            file.Write(value);
        }

        public override void WriteLine(string? value)
        {
            console.WriteLine(value);
            file.WriteLine(value);
        }

        public override void Flush()
        {
            console.Flush();
            file.Flush();
        }
    }
}
