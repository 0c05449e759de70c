using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Brigade.BuildingBlocks.Tests;

public sealed class ProblemDetailsTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await TestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_writes_nothing()
    {
        var response = await _app.Client.PostAsync("/widgets", new StringContent("{\"name\": \"bolt\", \"quantity\": ", Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString()!.ShouldContain("JSON");
        (await CountWidgetsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_type_is_a_400_problem()
    {
        var response = await _app.Client.PostAsync("/widgets", new StringContent("{\"name\": \"bolt\", \"quantity\": \"many\"}", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        (await CountWidgetsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Invalid_fields_are_a_400_with_field_errors_and_nothing_written()
    {
        var response = await _app.Client.PostAsJsonAsync("/widgets", new { name = "", quantity = 5000 });

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name.ToLowerInvariant()).ShouldBe(["name", "quantity"], ignoreOrder: true);
        (await CountWidgetsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_route_is_a_404_problem()
    {
        var response = await _app.Client.GetAsync("/nothing-here");

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem()
    {
        var response = await _app.Client.DeleteAsync("/widgets");

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Thrown_exception_is_a_500_problem_without_internals()
    {
        var response = await _app.Client.GetAsync("/boom");

        var problem = await AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        var body = problem.GetRawText();
        body.ShouldNotContain("hunter2");
        body.ShouldNotContain("InvalidOperationException");
        body.ShouldNotContain("   at ");
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task An_exhausted_database_pool_is_a_503_problem_with_retry_after()
    {
        var response = await _app.Client.GetAsync("/busy");

        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_transaction_lost_to_a_deadlock_is_a_503_problem_with_retry_after()
    {
        var response = await _app.Client.GetAsync("/deadlock");

        await AssertProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task Oversized_body_is_a_413_problem()
    {
        var huge = new string('x', 2 * 1024 * 1024);
        var response = await _app.Client.PostAsync("/widgets", new StringContent($"{{\"name\": \"{huge}\", \"quantity\": 1}}", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        (await _app.Client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await _app.Client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldContain("database");
    }

    [Fact]
    public async Task OpenApi_document_lists_the_endpoints()
    {
        var document = await _app.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        document.GetProperty("paths").TryGetProperty("/widgets", out _).ShouldBeTrue();
        document.GetProperty("info").GetProperty("title").GetString().ShouldBe("Brigade widgets API");
    }

    internal static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        return problem;
    }

    private async Task<long> CountWidgetsAsync()
    {
        await using var command = _app.Database.DataSource.CreateCommand("SELECT count(*) FROM widgets");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
