using Brigade.ServiceDefaults;
using Brigade.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.BuildingBlocks.Tests;

public sealed class SharedCacheTests
{
    /// <summary>Two processes' worth of the cache on the test Redis, under one prefix of their own.</summary>
    private static WebApplication Replica(string prefix, string? redis)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton(new ServiceIdentity("cache-test", "cache-test"));
        builder.Configuration["ConnectionStrings:Redis"] = redis;
        builder.Configuration["Redis:Prefix"] = prefix;
        builder.AddCaching();
        return builder.Build();
    }

    [Fact]
    public async Task A_read_overtaken_by_an_invalidation_is_read_again_rather_than_kept()
    {
        await using var app = Replica($"test.{Guid.NewGuid():N}:", redis: null);
        var cache = app.Services.GetRequiredService<SharedCache>();
        var stored = "before the change";
        var reads = 0;

        // The first read sees the old row; the change commits and is invalidated before the read returns.
        var value = await cache.GetOrCreateAsync("k", "t", async _ =>
        {
            var seen = stored;
            if (++reads == 1)
            {
                stored = "after the change";
                await cache.InvalidateAsync("t");
            }

            return seen;
        }, default);

        value.ShouldBe("after the change");
        reads.ShouldBe(2);
        (await cache.GetOrCreateAsync("k", "t", _ => ValueTask.FromResult("read again"), default)).ShouldBe("after the change");
    }

    [Fact]
    public async Task An_invalidation_in_one_process_drops_the_entry_from_the_memory_of_another()
    {
        var prefix = $"test.{Guid.NewGuid():N}:";
        await using var first = Replica(prefix, TestInfrastructure.RedisConnectionString);
        await using var second = Replica(prefix, TestInfrastructure.RedisConnectionString);
        await first.StartAsync();
        await second.StartAsync();
        var a = first.Services.GetRequiredService<SharedCache>();
        var b = second.Services.GetRequiredService<SharedCache>();
        await Task.WhenAll(a.Subscribed, b.Subscribed).WaitAsync(TimeSpan.FromSeconds(15));

        (await b.GetOrCreateAsync("k", "t", _ => ValueTask.FromResult(1), default)).ShouldBe(1);
        (await b.GetOrCreateAsync("k", "t", _ => ValueTask.FromResult(2), default)).ShouldBe(1, "the second read comes from memory");

        await a.InvalidateAsync("t");

        await ServiceFactory<SharedCacheTests>.EventuallyAsync(async () => await b.GetOrCreateAsync("k", "t", _ => ValueTask.FromResult(3), default) == 3,
            "the other process to drop its copy");
        await first.StopAsync();
        await second.StopAsync();
    }
}
