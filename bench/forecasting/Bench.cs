using System.Diagnostics;
using System.Globalization;
using Brigade.Forecasting.Data;
using Brigade.Forecasting.Domain;
using Brigade.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Brigade.Bench.Forecasting;

/// <summary>The forecasting service in-process on its own database and exchange, trusting <see cref="TestTokens"/>.</summary>
internal sealed class Instance(int trees, int origins) : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Forecasting:Trees"] = trees.ToString(CultureInfo.InvariantCulture);
        settings["Forecasting:BacktestOrigins"] = origins.ToString(CultureInfo.InvariantCulture);
        settings["Forecasting:RetrainCheckInterval"] = "1.00:00:00";
    }
}

/// <summary>
/// 1. Training: <c>--restaurants</c> restaurants with <c>--days</c> of generated demo history each; covers and sales models
///    trained one restaurant after another on one thread (as the nightly job does), each with its rolling-origin backtest.
///    Prints training time per restaurant (p50/max, total), the process's peak working set, and the backtest: how many
///    covers models beat seasonal-naive, MASE (mean, median, worst) and interval coverage (mean) for covers and sales.
/// 2. Reads: <c>--reads</c> GET /api/forecasts/{id} (14 days, hourly) of a trained restaurant, one at a time: p50/p99.
/// </summary>
internal static class Bench
{
    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_FORECASTING", AppContext.BaseDirectory);
        var restaurants = Option(args, "--restaurants", 30);
        var days = Option(args, "--days", 730);
        var trees = Option(args, "--trees", 100);
        var origins = Option(args, "--origins", 6);
        var reads = Option(args, "--reads", 300);
        var rate = Option(args, "--rate", 10) / 100.0;
        var settings = new ForecastSettings(Trees: trees, BacktestOrigins: origins, LearningRate: rate);
        var today = ServiceDay.Of(DateTimeOffset.UtcNow, Brigade.Api.RestaurantTime.DefaultZone).Date;
        Console.WriteLine($"restaurants={restaurants} days={days} trees={trees} rate={rate} origins={origins} horizon={settings.Horizon} origin={today}");

        Train(restaurants, days, settings, today);
        if (reads > 0)
        {
            await ReadAsync(reads, days, trees, origins, today);
        }

        return 0;
    }

    private static void Train(int restaurants, int days, ForecastSettings settings, LocalDate today)
    {
        var times = new List<double>();
        var results = new List<(ForecastResult Covers, ForecastResult Sales)>();
        for (var i = 0; i < restaurants; i++)
        {
            var id = new Guid(i + 1, 0x7000, unchecked((short)0x8000), 1, 2, 3, 4, 5, 6, 7, 8);
            var hours = DemoHistory.Generate(id, today, days).ToList();
            var covers = DailySeries.From(hours.GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.Sum(h => (double)h.Covers)), today);
            var sales = DailySeries.From(hours.GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.Sum(h => (double)h.Sales)), today);
            var watch = Stopwatch.StartNew();
            results.Add((DemandForecaster.Forecast(covers, today, settings), DemandForecaster.Forecast(sales, today, settings)));
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"training (covers + sales, with backtest) per restaurant: p50 {Percentile(times, 0.5):F0} ms, max {times[^1]:F0} ms, total {times.Sum() / 1000:F1} s");
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        foreach (var (target, pick) in new (string, Func<(ForecastResult Covers, ForecastResult Sales), ForecastResult>)[] { ("covers", r => r.Covers), ("sales", r => r.Sales) })
        {
            var scored = results.Select(pick).ToList();
            var mase = scored.Where(r => r.Mase is not null).Select(r => r.Mase!.Value).Order().ToList();
            var coverage = scored.Where(r => r.Coverage is not null).Select(r => r.Coverage!.Value).ToList();
            Console.WriteLine($"{target}: model used {scored.Count(r => r.Method == "gbt")}/{scored.Count}; backtest MASE mean {mase.Average():F3}, median {Percentile(mase, 0.5):F3}, " +
                $"worst {mase[^1]:F3}; interval coverage mean {coverage.Average():P1} (target {settings.IntervalLevel:P0})");
        }
    }

    private static async Task ReadAsync(int reads, int days, int trees, int origins, LocalDate today)
    {
        await using var instance = new Instance(trees, origins);
        await instance.InitializeAsync();
        var restaurant = Guid.CreateVersion7();
        await instance.Services.GetRequiredService<HistoryStore>().SeedAsync(restaurant, DemoHistory.Generate(restaurant, today, days).ToList(), CancellationToken.None);
        using var client = instance.CreateClient().WithToken(TestTokens.Create(Guid.CreateVersion7().ToString(), ["owner"], [(restaurant, "owner")]));
        var watch = Stopwatch.StartNew();
        (await client.PostAsync($"/api/forecasts/{restaurant}/retrain", null)).EnsureSuccessStatusCode();
        Console.WriteLine($"retrain through the API (read history, train, store): {watch.ElapsedMilliseconds} ms");
        for (var i = 0; i < 20; i++)
        {
            (await client.GetAsync($"/api/forecasts/{restaurant}")).EnsureSuccessStatusCode();
        }

        var latencies = new List<double>();
        for (var i = 0; i < reads; i++)
        {
            watch.Restart();
            (await client.GetAsync($"/api/forecasts/{restaurant}")).EnsureSuccessStatusCode();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        Console.WriteLine($"GET /api/forecasts/{{id}} (14 days, hourly) x{reads}: p50 {Percentile(latencies, 0.5):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms");
    }

    private static double Percentile(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
