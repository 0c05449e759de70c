using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Brigade.Api;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.BuildingBlocks.Tests;

public sealed record Booking(Guid? RestaurantId, int? PartySize, DateTimeOffset? Start, string? Note, IReadOnlyList<string>? Tags);

/// <summary>The shared endpoint toolkit as a client sees it: precise field errors in the caller's language, no NUL anywhere.</summary>
public sealed class ApiToolkitTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults("toolkit");
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapPost("/bookings", Results<Ok<Booking>, ValidationProblem> (Booking body) =>
        {
            var errors = new FieldErrors();
            errors.RequiredId("restaurantId", body.RestaurantId);
            errors.RequiredRange("partySize", body.PartySize, 1, 20);
            errors.OptionalText("note", body.Note, 10);
            return errors.IsEmpty ? TypedResults.Ok(body) : Problems.Invalid(errors);
        }).AllowAnonymous();
        _app.MapGet("/search", (string? q, int? limit) => TypedResults.Ok(new { q, limit })).AllowAnonymous();
        _app.MapGet("/missing", () => Problems.NotFound("restaurant", "레스토랑")).AllowAnonymous();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("{\"restaurantId\":\"0190a0a0-0000-7000-8000-000000000001\",\"partySize\":\"four\"}", "partySize", "a whole number")]
    [InlineData("{\"restaurantId\":\"nope\",\"partySize\":2}", "restaurantId", "a UUID")]
    [InlineData("{\"restaurantId\":\"0190a0a0-0000-7000-8000-000000000001\",\"partySize\":2,\"start\":\"tomorrow\"}", "start", "ISO 8601")]
    [InlineData("{\"restaurantId\":\"0190a0a0-0000-7000-8000-000000000001\",\"partySize\":2,\"tags\":\"x\"}", "tags", "an array")]
    [InlineData("[1,2]", "body", "an object")]
    public async Task A_wrong_type_names_the_field_and_the_shape_never_a_dotnet_type(string json, string field, string shape)
    {
        var response = await _client.PostAsync("/bookings", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        message.ShouldContain(shape);
        problem.ToString().ShouldNotContain("System.");
        problem.ToString().ShouldNotContain("Brigade.");
    }

    [Fact]
    public void Demo_ids_are_the_same_in_every_service_and_every_run()
    {
        // Restaurants loads the demo restaurant under this id; jobs, iot and forecasting find it by the same name.
        DemoIds.Of("restaurant", "hannam-charcoal").ShouldBe(Guid.Parse("3b38d6bd-4a34-8e6e-9e69-5dcf83230635"));
        DemoIds.Of("restaurant", "hannam-charcoal").Version.ShouldBe(8);
        DemoIds.Of("item", "hannam-charcoal").ShouldNotBe(DemoIds.Of("restaurant", "hannam-charcoal"));
    }

    [Fact]
    public async Task Messages_follow_the_callers_language()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/bookings")
        {
            Content = new StringContent("{\"partySize\":0}", Encoding.UTF8, "application/json"),
        };
        request.Headers.AcceptLanguage.ParseAdd("ko-KR,ko;q=0.9,en;q=0.5");

        var problem = await ProblemAsync(await _client.SendAsync(request), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("restaurantId")[0].GetString()!.ShouldContain("필수");
        problem.GetProperty("errors").GetProperty("partySize")[0].GetString()!.ShouldContain("사이");
        var english = await ProblemAsync(await _client.PostAsJsonAsync("/bookings", new { partySize = 0 }), HttpStatusCode.BadRequest);
        english.GetProperty("errors").GetProperty("restaurantId")[0].GetString()!.ShouldContain("required");
    }

    [Fact]
    public async Task A_nul_character_in_a_json_string_is_a_400_naming_the_field()
    {
        var response = await _client.PostAsync("/bookings", new StringContent(
            "{\"restaurantId\":\"0190a0a0-0000-7000-8000-000000000001\",\"partySize\":2,\"note\":\"a\\u0000b\"}", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("note")[0].GetString()!.ShouldContain("NUL");
    }

    [Fact]
    public async Task A_nul_character_in_the_query_is_a_400_naming_the_parameter()
    {
        var problem = await ProblemAsync(await _client.GetAsync("/search?q=kim%00chi"), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("q")[0].GetString()!.ShouldContain("NUL");
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_names_the_parameter()
    {
        var problem = await ProblemAsync(await _client.GetAsync("/search?limit=ten"), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("limit")[0].GetString()!.ShouldContain("a whole number");
    }

    [Fact]
    public async Task Not_found_speaks_korean_when_asked()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/missing");
        request.Headers.AcceptLanguage.ParseAdd("ko");

        var problem = await ProblemAsync(await _client.SendAsync(request), HttpStatusCode.NotFound);

        problem.GetProperty("detail").GetString().ShouldBe("해당 레스토랑을(를) 찾을 수 없습니다.");
    }

    [Theory]
    [InlineData("ko", true)]
    [InlineData("ko-KR,en;q=0.8", true)]
    [InlineData("en-US,ko;q=0.9", false)]
    [InlineData("", false)]
    public void Korean_only_when_it_comes_first(string header, bool korean) => ApiDefaults.PrefersKorean(header).ShouldBe(korean);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
