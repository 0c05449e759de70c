using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Staff.Domain;
using Brigade.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;

namespace Brigade.Bench.Staff;

internal sealed class Service : ServiceFactory<Program>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Staff:PayrollMonthsBack"] = "120";
    }
}

/// <summary>
/// A month's payroll (November 2026) for N employees, each with a shift on every working day (22 in the month plus the
/// days of its first week in October), an hour's break, every fifth shift running to 01:00: seeded in SQL, then the
/// payroll is run through the API (load, compute, store the payslips) and the pure domain code is timed alone.
/// </summary>
internal static class Bench
{
    private static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];

    public static async Task<int> Main(string[] args)
    {
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_BRIGADE_STAFF", AppContext.BaseDirectory);
        var employees = Option(args, "--employees", 500);
        var runs = Option(args, "--runs", 3);
        await using var service = new Service();
        await service.InitializeAsync();

        var restaurantId = Guid.CreateVersion7();
        var seed = Stopwatch.StartNew();
        var cards = await SeedAsync(service, restaurantId, employees);
        Console.WriteLine($"employees={employees} timecards={cards} seeded in {seed.Elapsed.TotalSeconds:F1} s");

        var owner = TestTokens.Create(Guid.CreateVersion7().ToString(), ["owner"], [(restaurantId, "owner")], name: "owner");
        using var client = service.CreateClient().WithToken(owner);
        for (var run = 0; run <= runs; run++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var response = await client.PostAsJsonAsync("/api/staff/payrolls", new { restaurantId, month = "2026-11" });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            clock.Stop();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Console.Error.WriteLine($"payroll answered {(int)response.StatusCode}: {body}");
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(run == 0 ? "warm-up" : $"run {run}")}: API payroll {clock.Elapsed.TotalSeconds:F2} s, payslips={body.GetProperty("payslips").GetArrayLength()}, " +
                $"gross={body.GetProperty("gross").GetProperty("amount").GetInt64():N0} KRW, allocated {(GC.GetTotalAllocatedBytes(true) - allocated) / 1048576.0:F0} MiB (host and client)"));
        }

        await DomainOnlyAsync(service, restaurantId, runs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
        return 0;
    }

    /// <summary>The same computation without HTTP and SQL: what the rules themselves cost.</summary>
    private static async Task DomainOnlyAsync(Service service, Guid restaurantId, int runs)
    {
        var store = service.Services.GetRequiredService<Brigade.Staff.Data.PayrollStore>();
        var month = new YearMonth(2026, 11);
        var (_, last, from) = PayrollRun.Period(month);
        var load = Stopwatch.StartNew();
        var inputs = await store.InputsAsync(restaurantId, from, last, default);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"load inputs (SQL): {load.Elapsed.TotalSeconds:F2} s"));
        for (var run = 1; run <= runs; run++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var slips = PayrollRun.Build(month, false, Seoul, inputs.Employees, inputs.Cards, inputs.Schedule);
            clock.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: domain payroll {clock.Elapsed.TotalMilliseconds:F0} ms for {slips.Count} payslips, allocated {(GC.GetTotalAllocatedBytes(true) - allocated) / 1048576.0:F1} MiB"));
        }
    }

    private static async Task<int> SeedAsync(Service service, Guid restaurantId, int employees)
    {
        await using var c = new NpgsqlConnection(service.Database.ConnectionString);
        await c.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        var cards = 0;
        await using var tx = await c.BeginTransactionAsync();
        for (var e = 0; e < employees; e++)
        {
            var employeeId = Guid.CreateVersion7();
            await c.ExecuteAsync("""
                INSERT INTO employees (id, restaurant_id, name, position, employment_type, pay_kind, pay_rate, currency, weekly_minutes, contract_start, status, created_at, updated_at)
                VALUES (@employeeId, @restaurantId, @name, 'hall', 'part_time', 'hourly', @rate, 'KRW', 2400, '2025-01-01', 'active', @now, @now)
                """, new { employeeId, restaurantId, name = $"직원 {e:D4}", rate = 10_320 + e % 10 * 500, now }, tx);
            var ids = new List<Guid>();
            var clockIns = new List<DateTimeOffset>();
            var clockOuts = new List<DateTimeOffset>();
            var dates = new List<DateTime>();
            for (var day = new LocalDate(2026, 10, 26); day <= new LocalDate(2026, 11, 30); day = day.PlusDays(1))
            {
                if (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
                {
                    continue;
                }

                var night = (day.Day + e) % 5 == 0;
                var start = (day + (night ? new LocalTime(16, 0) : new LocalTime(9, 0))).InZoneLeniently(Seoul).ToDateTimeOffset();
                ids.Add(Guid.CreateVersion7());
                clockIns.Add(start);
                clockOuts.Add(start.AddHours(9));
                dates.Add(day.ToDateTimeUnspecified());
            }

            await c.ExecuteAsync("""
                INSERT INTO timecards (id, restaurant_id, employee_id, work_date, clock_in, clock_out, source, status, created_at, updated_at)
                SELECT id, @restaurantId, @employeeId, d::date, i, o, 'clock', 'approved', @now, @now
                  FROM unnest(@ids, @dates, @ins, @outs) AS t(id, d, i, o);
                INSERT INTO breaks (id, timecard_id, starts_at, ends_at)
                SELECT gen_random_uuid(), id, i + interval '4 hours', i + interval '5 hours' FROM unnest(@ids, @ins) AS t(id, i);
                """, new { restaurantId, employeeId, ids = ids.ToArray(), dates = dates.ToArray(), ins = clockIns.Select(x => x.UtcDateTime).ToArray(), outs = clockOuts.Select(x => x.UtcDateTime).ToArray(), now }, tx);
            cards += ids.Count;
        }

        await tx.CommitAsync();
        return cards;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
