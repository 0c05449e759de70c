using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Data;

public static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    /// <summary>
    /// Makes a POST safe to retry: with an <c>Idempotency-Key</c> header the first response is stored and
    /// replayed for repeats (see <see cref="IdempotencyStore"/>). <paramref name="required"/> refuses
    /// requests without the header.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, bool required = false)
    {
        builder.AddEndpointFilter((context, next) => InvokeAsync(context, next, required));
        builder.WithMetadata(new IdempotentEndpoint(required), new Brigade.Api.DocumentedHeader(HeaderName, required,
            "A unique value per operation (e.g. a UUID): a retry with the same key and body gets the stored answer.",
            [(409, "A request with this key is still being processed."), (422, "This key was already used with a different body.")]));
        return builder;
    }

    private static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, bool required)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[HeaderName].ToString();
        if (key.Length == 0)
        {
            return required
                ? Results.Problem(statusCode: 400, title: "Idempotency-Key required", detail: $"Send an {HeaderName} header (a unique value per operation, e.g. a UUID) so the request can be retried safely.")
                : await next(context);
        }

        if (key.Length > 255 || key.Any(c => c < 0x21 || c > 0x7e))
        {
            return Results.Problem(statusCode: 400, title: "Invalid Idempotency-Key", detail: $"{HeaderName} must be 1 to 255 visible ASCII characters.");
        }

        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var scope = $"{http.User.FindFirstValue("sub") ?? "anonymous"} {http.Request.Method} {http.Request.Path}";
        var hash = await HashBodyAsync(http.Request);
        var claim = await store.ClaimAsync(scope, key, hash, http.RequestAborted);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Mismatch:
                return Results.Problem(statusCode: 422, title: "Idempotency-Key reused", detail: "This Idempotency-Key was already used with a different request body.");
            case ClaimOutcome.InFlight:
                return Results.Problem(statusCode: 409, title: "Request in progress", detail: "A request with this Idempotency-Key is still being processed; retry shortly.");
            case ClaimOutcome.Completed:
                return new ReplayResult(claim.Response!);
        }

        StoredResponse response;
        try
        {
            var result = await next(context);
            response = await RenderAsync(http, result);
        }
        catch
        {
            await store.ReleaseAsync(scope, key);
            throw;
        }

        if (response.Status >= 500)
        {
            await store.ReleaseAsync(scope, key);
        }
        else
        {
            await store.CompleteAsync(scope, key, response, CancellationToken.None);
        }

        return new ReplayResult(response, replayed: false);
    }

    private static async Task<byte[]> HashBodyAsync(HttpRequest request)
    {
        if (!request.Body.CanSeek)
        {
            return SHA256.HashData(ReadOnlySpan<byte>.Empty); // no body was buffered: nothing to compare
        }

        request.Body.Position = 0;
        var hash = await SHA256.HashDataAsync(request.Body);
        request.Body.Position = 0;
        return hash;
    }

    /// <summary>Executes the endpoint's result into memory so it can be both stored and sent.</summary>
    private static async Task<StoredResponse> RenderAsync(HttpContext http, object? result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            switch (result)
            {
                case IResult r: await r.ExecuteAsync(http); break;
                case null: break;
                default: await Results.Ok(result).ExecuteAsync(http); break;
            }
        }
        finally
        {
            http.Response.Body = original;
        }

        return new StoredResponse(http.Response.StatusCode, http.Response.ContentType, buffer.ToArray(), http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null);
    }

    private sealed class ReplayResult(StoredResponse response, bool replayed = true) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = response.Status;
            if (response.ContentType is not null)
            {
                http.Response.ContentType = response.ContentType;
            }

            if (response.Location is not null)
            {
                http.Response.Headers.Location = response.Location;
            }

            if (replayed)
            {
                http.Response.Headers[ReplayedHeaderName] = "true";
            }

            http.Response.ContentLength = response.Body.Length;
            await http.Response.Body.WriteAsync(response.Body, http.RequestAborted);
        }
    }
}

/// <summary>Endpoint metadata: this endpoint honours <c>Idempotency-Key</c>.</summary>
public sealed record IdempotentEndpoint(bool Required);
