using System.Threading.Channels;
using Brigade.Search.Clients;
using Brigade.Search.Domain;
using Brigade.Search.Index;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Brigade.Search.Jobs;

/// <summary>A rebuild of the index from the sources: requested, running, done or failed.</summary>
public sealed record ReindexRun(
    Guid Id,
    string State,
    string Reason,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int? Restaurants,
    int? Jobs,
    string? JobsSource,
    string? Error);

/// <summary>
/// Rebuilds this replica's index from a snapshot of the source services (restaurants' and jobs' index feeds): once at
/// start, after the event consumer is bound (so nothing committed between the snapshot and the first event is missed),
/// retrying until the sources answer; then whenever <c>POST /api/search/reindex</c> asks. One rebuild at a time; a request
/// made while another waits joins it. Searches keep being served by the live generation throughout.
/// </summary>
public sealed class IndexBuilder(
    SearchEngine engine,
    FeedClient feeds,
    HealthCheckService health,
    IOptions<SearchOptions> options,
    TimeProvider clock,
    ILogger<IndexBuilder> logger) : BackgroundService
{
    /// <summary>Hours and status in a feed page count as this much older than the page, so a change being committed while the page was read is replayed.</summary>
    private static readonly TimeSpan ClockMargin = TimeSpan.FromSeconds(5);

    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly object _gate = new();
    private ReindexRun? _last;
    private ReindexRun? _next;

    /// <summary>The latest run (the one running, else the last finished), or null before the first.</summary>
    public ReindexRun? Latest
    {
        get
        {
            lock (_gate)
            {
                return _next ?? _last;
            }
        }
    }

    /// <summary>True once the index holds a snapshot of the sources (or building on start is off).</summary>
    public bool HasBuilt { get; private set; }

    /// <summary>Asks for a rebuild; returns the run that will do it (an already requested one if there is one).</summary>
    public ReindexRun Request(string reason)
    {
        lock (_gate)
        {
            if (_next is { State: "requested" } waiting)
            {
                return waiting;
            }

            _next = new ReindexRun(Guid.CreateVersion7(), "requested", reason, clock.GetUtcNow(), null, null, null, null, null, null);
            _requests.Writer.TryWrite(true);
            return _next;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.BuildOnStart)
        {
            await WaitForConsumerAsync(stoppingToken);
            Request("start");
        }
        else
        {
            HasBuilt = true;
        }

        var backoff = TimeSpan.FromSeconds(1);
        await foreach (var _ in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            ReindexRun run;
            lock (_gate)
            {
                run = _next! with { State = "running", StartedAt = clock.GetUtcNow() };
                _next = run;
            }

            try
            {
                var (restaurants, jobs, jobsSource) = await RebuildAsync(stoppingToken);
                Finish(run with { State = "done", FinishedAt = clock.GetUtcNow(), Restaurants = restaurants, Jobs = jobs, JobsSource = jobsSource });
                HasBuilt = true;
                backoff = TimeSpan.FromSeconds(1);
                logger.LogInformation("Index rebuilt ({Reason}): {Restaurants} restaurants, {Jobs} jobs ({JobsSource})", run.Reason, restaurants, jobs, jobsSource);
            }
            catch (Exception e) when (e is SourceUnavailableException or HttpRequestException or System.Text.Json.JsonException && !stoppingToken.IsCancellationRequested)
            {
                Finish(run with { State = "failed", FinishedAt = clock.GetUtcNow(), Error = e.Message });
                logger.LogWarning("Index rebuild ({Reason}) failed: {Error}", run.Reason, e.Message);
                if (!HasBuilt)
                {
                    // At start the sources may still be starting: try again until they answer.
                    await Task.Delay(backoff, stoppingToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
                    Request("start (retry)");
                }
            }
        }
    }

    private void Finish(ReindexRun run)
    {
        lock (_gate)
        {
            _last = run;
            if (_next?.Id == run.Id)
            {
                _next = null;
            }
        }
    }

    private async Task<(int Restaurants, int Jobs, string JobsSource)> RebuildAsync(CancellationToken ct)
    {
        var next = engine.BeginRebuild();
        try
        {
            var restaurants = 0;
            await foreach (var page in feeds.RestaurantPagesAsync(ct))
            {
                var at = page.ReadAt - ClockMargin;
                foreach (var item in page.Items)
                {
                    var facts = next.Catalogue.Restaurant(item.Restaurant.RestaurantId);
                    facts.ApplyProfile(item.Restaurant, at);
                    if (item.Hours is { } hours)
                    {
                        facts.ApplyHours(new HoursFacts(hours.TimeZone, hours.Weekly, hours.Exceptions, at));
                    }

                    foreach (var m in item.Menu)
                    {
                        facts.ApplyMenuItem(new MenuItemFacts(m.ItemId, m.Name, m.Category, m.Description, m.Price.Amount, m.Price.Currency, m.SoldOut, Removed: false, m.Version));
                    }

                    next.Load(facts);
                    restaurants += facts.IsListed ? 1 : 0;
                }
            }

            var (jobs, source) = await LoadJobsAsync(next, ct);
            engine.CompleteRebuild(next);
            return (restaurants, jobs, source);
        }
        catch
        {
            engine.AbortRebuild(next);
            throw;
        }
    }

    /// <summary>Jobs from the jobs service's feed; without one (not deployed, or not answering), the jobs events already taught are kept.</summary>
    private async Task<(int Jobs, string Source)> LoadJobsAsync(SearchIndex next, CancellationToken ct)
    {
        if (feeds.HasJobs)
        {
            try
            {
                var count = 0;
                await foreach (var page in feeds.JobPagesAsync(ct))
                {
                    foreach (var job in page.Items)
                    {
                        next.Load(job);
                        count += job.Status == "open" ? 1 : 0;
                    }
                }

                return (count, "feed");
            }
            catch (SourceUnavailableException e)
            {
                logger.LogWarning("The jobs feed could not be read ({Error}); keeping the jobs known from events", e.Message);
            }
        }

        var kept = 0;
        foreach (var job in engine.Current.Catalogue.Jobs)
        {
            next.Load(job.Job);
            kept += job.IsListed ? 1 : 0;
        }

        return (kept, "events");
    }

    /// <summary>Waits until this replica's queue is bound (the broker check is healthy), at most a minute.</summary>
    private async Task WaitForConsumerAsync(CancellationToken ct)
    {
        var until = clock.GetUtcNow() + TimeSpan.FromMinutes(1);
        while (clock.GetUtcNow() < until)
        {
            var report = await health.CheckHealthAsync(r => r.Name == "broker", ct);
            if (report.Status == HealthStatus.Healthy)
            {
                return;
            }

            await Task.Delay(200, ct);
        }

        logger.LogWarning("The event consumer is not bound after a minute; building the index anyway");
    }
}
