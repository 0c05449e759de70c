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
