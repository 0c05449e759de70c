using Brigade.Api;
using Brigade.Jobs.Data;
using Brigade.Jobs.Domain;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Brigade.Jobs.DemoData;

/// <summary>
/// Posts a few open shifts at some of the Seoul demo restaurants for local runs (<c>./brigade up</c>), tomorrow and the
/// day after on their clock, through the same rules as the API. The restaurants arrive as events from the restaurants
/// service, so this waits for them (up to five minutes). A restaurant that still has an upcoming demo shift gets no new
/// ones, so restarts add nothing; a later day's start posts the next days.
/// </summary>
public sealed class DemoShifts(
    JobStore jobs, VenueStore venues, TimeProvider clock, IOptions<JobsOptions> options, IHostEnvironment environment, ILogger<DemoShifts> logger)
    : BackgroundService
{
    /// <summary>The poster of the demo shifts (no person: a fixed id).</summary>
    public static readonly Guid Poster = DemoIds.Of("poster", "jobs");

    private sealed record Demo(string RestaurantKey, string Title, string Category, int DaysAhead, string Start, string End, long Wage, int Headcount,
        int Break, string Mode, string[] Requirements, string Dress);

    private static readonly Demo[] Shifts =
    [
        new("euljiro-pyongyang-noodles", "점심 피크 홀 서빙", "serving", 1, "11:00", "15:00", 12_000, 2, 30, BookingModes.Manual, [], "검은 바지, 운동화"),
        new("euljiro-pyongyang-noodles", "저녁 설거지", "dishwashing", 2, "17:00", "21:30", 12_500, 1, 30, BookingModes.Auto, [Requirements.HealthCertificate], "편한 복장 (앞치마 제공)"),
        new("hannam-charcoal", "금요일 저녁 숯불 서빙", "serving", 1, "17:00", "23:00", 14_000, 3, 60, BookingModes.Auto, [], "검은 상의"),
        new("seongsu-wood-fired", "주방 보조 (피자 토핑)", "kitchen_help", 1, "16:00", "22:00", 13_000, 1, 30, BookingModes.Manual, [Requirements.HealthCertificate], "위생모 제공"),
        new("bukchon-hanok-tea", "주말 바리스타", "barista", 2, "10:00", "16:00", 13_500, 1, 30, BookingModes.Manual, [], "단정한 복장"),
        new("mapo-pork-galbi", "저녁 설거지·정리", "dishwashing", 1, "18:00", "23:00", 12_000, 2, 30, BookingModes.Auto, [], "편한 복장"),
        new("jamsil-chimaek", "야구 경기일 홀 서빙", "serving", 2, "17:30", "23:30", 13_000, 4, 60, BookingModes.Auto, [], "편한 복장"),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!(options.Value.LoadDemoData ?? environment.IsEnvironment("Local")))
        {
            return;
        }

        var deadline = clock.GetUtcNow() + TimeSpan.FromMinutes(5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await PostAsync(stoppingToken) == 0 || clock.GetUtcNow() > deadline)
                {
                    return;
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Posting demo shifts failed; retrying");
            }

            await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
        }
    }

    /// <summary>Posts what is missing; returns how many demo restaurants are not known here yet.</summary>
    public async Task<int> PostAsync(CancellationToken ct)
    {
        var waiting = 0;
        var posted = 0;
        foreach (var byRestaurant in Shifts.GroupBy(s => s.RestaurantKey))
        {
            var venue = await venues.FindAsync(DemoIds.Of("restaurant", byRestaurant.Key), ct);
            if (venue is null)
            {
                waiting++;
                continue;
            }

            var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
            if (await jobs.CountUpcomingAsync(venue.Id, Poster, now, ct) > 0)
            {
                continue;
            }

            var today = now.InZone(RestaurantTime.Zone(venue.TimeZone)).Date;
            foreach (var d in byRestaurant)
            {
                var errors = new FieldErrors();
                var specs = PostingRules.Check(new PostingDraft(venue.Id, d.Title, d.Category, "데모 공고입니다. Demo posting.",
                        today.PlusDays(d.DaysAhead).ToString("yyyy-MM-dd", null), null, d.Start, d.End, new MoneyDraft(d.Wage, "KRW"), d.Headcount,
                        null, null, new ContactDraft("매니저", "02-123-4567"), d.Dress, d.Requirements, d.Break, d.Mode, 0, null),
                    venue, now, 0, series: false, errors)
                    ?? throw new InvalidOperationException($"Demo shift '{d.Title}' breaks a rule: {string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {e.Value[0]}"))}");
                await jobs.CreateAsync(venue.Id, specs, draft: false, null, Poster, now, ct);
                posted++;
            }
        }

        if (posted > 0)
        {
            logger.LogInformation("Demo data: {Posted} shifts posted", posted);
        }

        return waiting;
    }
}
