using System.Net;
using System.Text.Json;
using Shouldly;

namespace Brigade.Testing;

public static class HttpAssertions
{
    /// <summary>Asserts the status (the message names the request and the body) and returns the JSON body, if any.</summary>
    public static async Task<JsonElement> ShouldBeAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts a 400 problem+json whose <c>errors</c> name every one of <paramref name="fields"/>.</summary>
    public static async Task ShouldBeInvalidAsync(this HttpResponseMessage response, params string[] fields)
    {
        var problem = await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        foreach (var field in fields)
        {
            problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue($"errors should name '{field}': {problem}");
        }
    }
}
