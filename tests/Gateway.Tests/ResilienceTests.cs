using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.Gateway.Tests;

/// <summary>Upstream failures map to 502/503/504 problems; balancing, health, ejection, retries and circuits.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task A_refused_connection_is_a_502_problem()
    {
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", GatewayHost.DeadUrl())
            .Set("Gateway:HealthChecks:Enabled", "false"));

        using var response = await gateway.Client.GetAsync("/api/orders");

        await ShouldBeProblem(response, HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task A_service_too_slow_to_answer_is_a_504_problem()
    {
        var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var slow = await FakeService.StartAsync("slow", (app, _) =>
            app.MapGet("/api/slow", async (CancellationToken aborted) =>
            {
                using var _ = aborted.Register(() => abandoned.TrySetResult());
                await Task.Delay(TimeSpan.FromMinutes(5), aborted);
                return Results.Ok();
            }));
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("slow", "/api/slow", "slow")
            .Destinations("slow", slow.Url)
            .Set("Gateway:Clusters:slow:RequestTimeout", "00:00:00.500"));

        using var response = await gateway.Client.GetAsync("/api/slow");

        // The gateway answered while the service was still working (its call takes minutes), and gave that call up.
        await ShouldBeProblem(response, HttpStatusCode.GatewayTimeout);
        await abandoned.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_service_without_any_destination_is_a_503_problem()
    {
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings().Route("orders", "/api/orders", "orders"));

        using var response = await gateway.Client.GetAsync("/api/orders");

        await ShouldBeProblem(response, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_service_whose_every_replica_fails_its_health_check_is_a_503_problem()
    {
        await using var sick = await FakeService.StartAsync("sick");
        sick.Ready = false;
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", sick.Url)
            .Set("Gateway:HealthChecks:Interval", "00:00:00.100"));

        await GatewayHost.Eventually(async () =>
        {
            using var response = await gateway.Client.GetAsync("/api/orders");
            return response.StatusCode == HttpStatusCode.ServiceUnavailable;
        }, TimeSpan.FromSeconds(5), "the unhealthy replica should be taken out of rotation");

        using var final = await gateway.Client.GetAsync("/api/orders");
        await ShouldBeProblem(final, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Requests_are_spread_across_replicas()
    {
        await using var a = await FakeService.StartAsync("a");
        await using var b = await FakeService.StartAsync("b");
        await using var c = await FakeService.StartAsync("c");
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", a.Url, b.Url, c.Url));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            for (var i = 0; i < 60; i++)
            {
                (await gateway.Client.GetAsync("/api/orders")).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }));

        // 240 requests over three replicas: each gets a fair share (an even split is 80).
        a.Hits.ShouldBeGreaterThan(40);
        b.Hits.ShouldBeGreaterThan(40);
        c.Hits.ShouldBeGreaterThan(40);
    }

    [Fact]
    public async Task A_replica_failing_its_health_check_gets_no_traffic()
    {
        await using var healthy = await FakeService.StartAsync("healthy");
        await using var sick = await FakeService.StartAsync("sick");
        sick.Ready = false;
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", healthy.Url, sick.Url)
            .Set("Gateway:HealthChecks:Interval", "00:00:00.100"));
        gateway.Services.GetRequiredService<IProxyStateLookup>().TryGetCluster("orders", out var cluster).ShouldBeTrue();
        var sickDestination = cluster.Destinations[sick.Url];
        await GatewayHost.Eventually(() => Task.FromResult(sickDestination.Health.Active == DestinationHealth.Unhealthy), TimeSpan.FromSeconds(5), "the probe should mark it");

        var before = sick.Hits;
        for (var i = 0; i < 30; i++)
        {
            (await gateway.Client.GetAsync("/api/orders")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        sick.Hits.ShouldBe(before);

        sick.Ready = true;
        await GatewayHost.Eventually(() => Task.FromResult(sickDestination.Health.Active == DestinationHealth.Healthy), TimeSpan.FromSeconds(5), "a passing probe should bring it back");
        await GatewayHost.Eventually(async () =>
        {
            await gateway.Client.GetAsync("/api/orders");
            return sick.Hits > before;
        }, TimeSpan.FromSeconds(5), "the recovered replica should get traffic again");
    }

    [Fact]
    public async Task A_replica_failing_requests_in_a_row_is_ejected_for_the_cool_down()
    {
        await using var good = await FakeService.StartAsync("good");
        await using var failing = await FakeService.StartAsync("failing", (app, _) => app.MapGet("/api/orders", () => Results.StatusCode(503)));
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", good.Url, failing.Url)
            .Set("Gateway:Ejection:ConsecutiveFailures", "3")
            .Set("Gateway:Ejection:Duration", "00:01:00"));

        for (var i = 0; i < 40; i++)
        {
            await gateway.Client.GetAsync("/api/orders");
        }

        failing.Hits.ShouldBe(3);
        good.Hits.ShouldBe(37);
    }

    [Fact]
    public async Task Only_requests_safe_to_repeat_are_retried_on_another_replica()
    {
        await using var live = await FakeService.StartAsync("live");
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", GatewayHost.DeadUrl(), live.Url)
            .Set("Gateway:HealthChecks:Enabled", "false"));

        var gets = await Statuses(gateway, 20, () => new HttpRequestMessage(HttpMethod.Get, "/api/orders"));
        gets.ShouldAllBe(s => s == HttpStatusCode.OK);

        var keyed = await Statuses(gateway, 20, () => new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { items = 1 }),
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
        });
        keyed.ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK);

        var posts = await Statuses(gateway, 20, () => new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(new { items = 1 }) });
        posts.ShouldContain(HttpStatusCode.BadGateway);
        posts.ShouldContain(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_replica_stopped_under_load_costs_no_failed_request()
    {
        await using var survivor = await FakeService.StartAsync("survivor");
        await using var victim = await FakeService.StartAsync("victim");
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", survivor.Url, victim.Url)
            .Set("Gateway:Ejection:ConsecutiveFailures", "3"));

        var load = await UnderLoad(gateway, victim, () => victim.StopAsync());

        load.Total.ShouldBeGreaterThan(100);
        load.Failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_replica_killed_under_load_only_costs_the_requests_caught_in_the_crash()
    {
        await using var survivor = await FakeService.StartAsync("survivor");
        var victim = await FakeService.StartAsync("victim");
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", survivor.Url, victim.Url)
            .Set("Gateway:Ejection:ConsecutiveFailures", "3"));

        // Disposing without a graceful stop aborts its connections mid-request, like a killed process.
        var load = await UnderLoad(gateway, victim, () => victim.DisposeAsync().AsTask());

        // Whatever was in flight when it died may fail; from then on every request succeeds.
        load.Failures.ShouldAllBe(f => f.After < TimeSpan.FromMilliseconds(500), string.Join("\n", load.Failures));
        load.SucceededLater.ShouldBeGreaterThan(20);
    }

    private sealed record LoadResult(int Total, List<(TimeSpan After, string Status)> Failures, int SucceededLater);

    /// <summary>Keeps eight clients busy until the victim has served some, takes it away, and goes on for another second.</summary>
    private static async Task<LoadResult> UnderLoad(GatewayHost gateway, FakeService victim, Func<Task> takeAway)
    {
        using var stop = new CancellationTokenSource();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<(TimeSpan, string)>();
        var total = 0;
        var succeededLater = 0;
        long takenAt = 0;
        var load = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await gateway.Client.GetAsync("/api/orders");
                Interlocked.Increment(ref total);
                var since = Volatile.Read(ref takenAt) is var t && t > 0 ? System.Diagnostics.Stopwatch.GetElapsedTime(t) : TimeSpan.MinValue;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue((since, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"));
                }
                else if (since > TimeSpan.FromMilliseconds(500))
                {
                    Interlocked.Increment(ref succeededLater);
                }
            }
        }).ToArray();

        await GatewayHost.Eventually(() => Task.FromResult(victim.Hits > 20), TimeSpan.FromSeconds(10), "the victim should take a share first");
        Volatile.Write(ref takenAt, System.Diagnostics.Stopwatch.GetTimestamp());
        await takeAway();
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(load);
        return new LoadResult(total, [.. failures], succeededLater);
    }

    [Fact]
    public async Task The_circuit_opens_on_failures_and_closes_when_the_replica_recovers()
    {
        var failing = true;
        await using var flaky = await FakeService.StartAsync("flaky", (app, _) =>
            app.MapGet("/api/orders", () => failing ? Results.StatusCode(503) : Results.Ok(new { ok = true })));
        await using var gateway = await GatewayHost.StartAsync(new GatewaySettings()
            .Route("orders", "/api/orders", "orders")
            .Destinations("orders", flaky.Url)
            .Set("Gateway:HealthChecks:Enabled", "false")
            .Set("Gateway:Circuit:MinimumThroughput", "4")
            .Set("Gateway:Circuit:FailureRatio", "0.5")
            .Set("Gateway:Circuit:SamplingDuration", "00:00:10")
            .Set("Gateway:Circuit:BreakDuration", "00:00:01"));

        for (var i = 0; i < 4; i++)
        {
            using var passedOn = await gateway.Client.GetAsync("/api/orders");
            passedOn.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            passedOn.Content.Headers.ContentType?.MediaType.ShouldNotBe("application/problem+json"); // the service's own answer
        }

        var hitsWhenOpened = flaky.Hits;
        for (var i = 0; i < 5; i++)
        {
            using var refused = await gateway.Client.GetAsync("/api/orders");
            await ShouldBeProblem(refused, HttpStatusCode.ServiceUnavailable);
        }

        flaky.Hits.ShouldBe(hitsWhenOpened); // open: the replica is left alone

        failing = false;
        // Once the break is over the circuit lets a trial through; the recovered replica closes it.
        await GatewayHost.Eventually(async () =>
        {
            using var trial = await gateway.Client.GetAsync("/api/orders");
            return trial.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(15), "the circuit should let a trial through after the break and close");
        for (var i = 0; i < 3; i++)
        {
            (await gateway.Client.GetAsync("/api/orders")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    internal static async Task ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrEmpty();
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }

    private static async Task<List<HttpStatusCode>> Statuses(GatewayHost gateway, int count, Func<HttpRequestMessage> request)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var message = request();
            using var response = await gateway.Client.SendAsync(message);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
