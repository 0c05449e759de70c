using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Search.Tests;

/// <summary>A person calling the API.</summary>
public static class Callers
{
    public static string Admin() => TestTokens.Admin();

    public static string Diner() => TestTokens.For(Guid.CreateVersion7(), ["diner"]);
}

/// <summary>
/// The search service on a database of its own, the real broker and Redis, reading its sources from a <see cref="SourceStub"/>.
/// <see cref="Instance"/> names the replica (its queue and schema); give two factories the same <see cref="ServiceFactory{T}.Exchange"/>
/// and different instances to run two replicas that each keep their own index.
/// </summary>
public class SearchFactory : ServiceFactory<Program>
{
    public SourceStub Sources { get; } = new();

    public string Instance { get; set; } = "search";

    /// <summary>Put data into <see cref="Sources"/> before the service starts (the start-up rebuild reads it).</summary>
    protected virtual void Seed()
    {
    }

    public override async Task InitializeAsync()
    {
        await Sources.StartAsync();
        Seed();
        await base.InitializeAsync();
        _ = Services; // start the host now: the rebuild runs while the first test gets ready
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Sources.DisposeAsync();
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        TestTokens.AddTo(settings);
        settings["Brigade:InstanceId"] = Instance;
        settings["Messaging:QueuePrefix"] = $"{Exchange}.{Instance}";
        settings["Messaging:RetryDelays:0"] = "00:00:00.200";
        settings["ServiceAuth:ClientSecret"] = SourceStub.ClientSecret;
        settings["Search:IdentityUrl"] = Sources.Url;
        settings["Search:RestaurantsUrl"] = Sources.Url;
        settings["Search:JobsUrl"] = Sources.Url;
        settings["Search:PopularFlushInterval"] = "00:00:00.200";
        settings["Search:SuggestionsRefresh"] = "00:00:00.200";
        settings["Search:FeedPageSize"] = "50";
        settings["Logging:LogLevel:Default"] = "Warning";
    }

    public HttpClient Client(string? token = null)
    {
        var client = CreateClient();
        return token is null ? client : client.WithToken(token);
    }

    public async Task<JsonElement> SearchAsync(string query)
    {
        using var client = Client();
        return await (await client.GetAsync("/api/search?" + query)).ShouldBeAsync(HttpStatusCode.OK);
    }

    /// <summary>Names of the hits (restaurant name or job title), best first.</summary>
    public async Task<List<string>> NamesAsync(string query) =>
        (await SearchAsync(query)).GetProperty("items").EnumerateArray().Select(NameOf).ToList();

    public static string NameOf(JsonElement hit) =>
        hit.GetProperty("type").GetString() == "job"
            ? hit.GetProperty("job").GetProperty("title").GetString()!
            : hit.GetProperty("restaurant").GetProperty("name").GetString()!;

    public async Task<List<string>> SuggestionsAsync(string q)
    {
        using var client = Client();
        var body = await (await client.GetAsync($"/api/search/suggestions?q={Uri.EscapeDataString(q)}&limit=20")).ShouldBeAsync(HttpStatusCode.OK);
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()!).ToList();
    }

    /// <summary>Publishes events as their services would, through this service's outbox and the broker.</summary>
    public Task PublishAllAsync(params IIntegrationEvent[] events) =>
        Task.WhenAll(events.Select(e => (Task)typeof(ServiceFactory<Program>).GetMethod(nameof(PublishAsync))!.MakeGenericMethod(e.GetType()).Invoke(this, [e])!));

    /// <summary>Asks for a rebuild (as an admin) and waits until it has finished; returns the run.</summary>
    public async Task<JsonElement> ReindexAsync()
    {
        using var client = Client(Callers.Admin());
        var run = await (await client.PostAsync("/api/search/reindex", null)).ShouldBeAsync(HttpStatusCode.Accepted);
        var id = run.GetProperty("id").GetString();
        JsonElement latest = default;
        await EventuallyAsync(async () =>
        {
            latest = await (await client.GetAsync("/api/search/reindex")).ShouldBeAsync(HttpStatusCode.OK);
            return latest.GetProperty("id").GetString() == id && latest.GetProperty("state").GetString() is "done" or "failed";
        }, "the rebuild to finish", 60);
        return latest;
    }

    /// <summary>Waits until the start-up rebuild is done.</summary>
    public async Task BuiltAsync()
    {
        using var client = Client(Callers.Admin());
        await EventuallyAsync(async () =>
        {
            var response = await client.GetAsync("/api/search/reindex");
            return response.IsSuccessStatusCode
                   && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString() == "done";
        }, "the start-up rebuild", 60);

        // Suggestions are built from the index on their own round after it: wait for the book of the built index too.
        var suggestions = Services.GetRequiredService<Brigade.Search.Jobs.Suggestions>();
        await EventuallyAsync(() => Task.FromResult(suggestions.IsCurrent), "the suggestions of the built index", 60);
    }
}
