using System.Buffers;
using System.Diagnostics;
using System.Text.Json;

namespace Brigade.Gateway.Edge;

/// <summary>
/// Writes RFC 9457 problem responses for failures the gateway itself decides (502/503/504, 401, 413,
/// 414, 429, 404). Written directly rather than through IProblemDetailsService so the body is there whatever
/// the client's Accept header says.
/// </summary>
public static class Problem
{
    public const string ContentType = "application/problem+json";

    public static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        var response = http.Response;
        if (response.HasStarted)
        {
            // Too late for a status code: cut the connection so the client sees a broken response, not a short one.
            http.Abort();
            return Task.CompletedTask;
        }

        response.StatusCode = status;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", TypeFor(status));
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            json.WriteString("instance", http.Request.Path.Value);
            json.WriteString("traceId", Activity.Current?.Id ?? http.TraceIdentifier);
            json.WriteEndObject();
        }

        response.ContentLength = buffer.WrittenCount;
        if (HttpMethods.IsHead(http.Request.Method))
        {
            return Task.CompletedTask;
        }

        return response.Body.WriteAsync(buffer.WrittenMemory).AsTask();
    }

    private static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        408 => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        414 => "https://tools.ietf.org/html/rfc9110#section-15.5.15",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        502 => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        504 => "https://tools.ietf.org/html/rfc9110#section-15.6.5",
        _ => "about:blank",
    };
}
