using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.BuildingBlocks.Tests;

public sealed class PagingAndMetricsTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Pages_walk_the_whole_list_once()
    {
        for (var i = 0; i < 5; i++)
        {
            (await _app.Client.PostAsJsonAsync("/widgets", new { name = $"w{i}", quantity = i + 1 })).EnsureSuccessStatusCode();
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _app.Client.GetFromJsonAsync<JsonElement>($"/widgets?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        pages.ShouldBe(3);
        seen.ShouldBe(["w0", "w1", "w2", "w3", "w4"]);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("cursor=not-a-cursor!")]
    [InlineData("cursor=eyJ4Ijp0cnVlfQ")]
    public async Task Bad_paging_parameters_are_400(string query)
    {
        var response = await _app.Client.GetAsync("/widgets?" + query);

        await ProblemDetailsTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Metrics_text_passes_promtool()
    {
        // Every meter that may report in a service, whatever else ran in this process first: a resilience pipeline's.
        using (var client = new ServiceCollection()
            .AddHttpClient("probe").AddStandardResilienceHandler(o => o.Retry.Delay = TimeSpan.FromMilliseconds(1)).Services.BuildServiceProvider())
        {
            await Should.ThrowAsync<HttpRequestException>(() => client.GetRequiredService<IHttpClientFactory>().CreateClient("probe").GetAsync("http://127.0.0.1:9/"));
        }

        (await _app.Client.GetAsync("/widgets")).EnsureSuccessStatusCode();
        (await _app.Client.GetAsync("/nothing")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var response = await _app.Client.GetAsync("/metrics");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
        text.ShouldContain("http_server_request_duration_seconds_bucket{");

        var promtool = Process.Start(new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await promtool.StandardInput.WriteAsync(text);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        promtool.ExitCode.ShouldBe(0, output);
    }
}
