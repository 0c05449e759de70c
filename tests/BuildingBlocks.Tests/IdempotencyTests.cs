using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Brigade.BuildingBlocks.Tests;

public sealed class IdempotencyTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HttpRequestMessage Post(string key, object body, string path = "/widgets")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task The_same_key_sent_concurrently_has_one_effect()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "bolt", quantity = 3 };

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _app.Client.SendAsync(Post(key, body))));

        (await CountWidgetsAsync()).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBeGreaterThanOrEqualTo(1);
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_repeat_gets_the_stored_response()
    {
        var key = Guid.NewGuid().ToString();
        var first = await _app.Client.SendAsync(Post(key, new { name = "nut", quantity = 2 }));
        var again = await _app.Client.SendAsync(Post(key, new { name = "nut", quantity = 2 }));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await again.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        again.Headers.Location.ShouldBe(first.Headers.Location);
        again.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await CountWidgetsAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422()
    {
        var key = Guid.NewGuid().ToString();
        (await _app.Client.SendAsync(Post(key, new { name = "nut", quantity = 2 }))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var other = await _app.Client.SendAsync(Post(key, new { name = "nut", quantity = 9 }));

        await ProblemDetailsTests.AssertProblemAsync(other, HttpStatusCode.UnprocessableEntity);
        (await CountWidgetsAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Different_keys_are_different_operations()
    {
        await _app.Client.SendAsync(Post(Guid.NewGuid().ToString(), new { name = "a", quantity = 1 }));
        await _app.Client.SendAsync(Post(Guid.NewGuid().ToString(), new { name = "a", quantity = 1 }));

        (await CountWidgetsAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task A_failed_validation_is_stored_like_any_client_error()
    {
        var key = Guid.NewGuid().ToString();
        var first = await _app.Client.SendAsync(Post(key, new { name = "", quantity = 1 }));
        var again = await _app.Client.SendAsync(Post(key, new { name = "", quantity = 1 }));

        first.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CountWidgetsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_required_key_is_enforced()
    {
        var response = await _app.Client.PostAsJsonAsync("/strict-widgets", new { name = "a", quantity = 1 });

        var problem = await ProblemDetailsTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString()!.ShouldContain("Idempotency-Key");
        (await CountWidgetsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task An_invalid_key_is_a_400()
    {
        var response = await _app.Client.SendAsync(Post(new string('k', 300), new { name = "a", quantity = 1 }));

        await ProblemDetailsTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        (await CountWidgetsAsync()).ShouldBe(0);
    }

    private async Task<long> CountWidgetsAsync()
    {
        await using var command = _app.Database.DataSource.CreateCommand("SELECT count(*) FROM widgets");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
