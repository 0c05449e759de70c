using System.Text.Json;

namespace Brigade.Identity;

/// <summary>
/// PostgreSQL text cannot hold U+0000: a NUL in a query parameter or a JSON string used to reach the
/// database and come back as a 500 (login email, user search). Every request to identity is checked here,
/// in one place, and refused with a 400 naming the field. (A platform-wide version belongs in ServiceDefaults.)
/// </summary>
public static class NulCharacters
{
    private const string Message = "Must not contain the NUL character (\\u0000).";

    public static WebApplication RefuseNulCharacters(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (await FindAsync(http.Request) is { } field)
            {
                await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [Message] }).ExecuteAsync(http);
                return;
            }

            await next(http);
        });
        return app;
    }

    /// <summary>The first query parameter, route value or JSON member holding a NUL, or null.</summary>
    private static async Task<string?> FindAsync(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (name.Contains('\0') || values.Any(v => v?.Contains('\0') == true))
            {
                return name.Replace("\0", "", StringComparison.Ordinal);
            }
        }

        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && text.Contains('\0'))
            {
                return name;
            }
        }

        if (!request.HasJsonContentType() || request.ContentLength == 0)
        {
            return null;
        }

        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return FindInJson(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static string? FindInJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var member = "body";
        try
        {
            while (reader.Read())
            {
                // A raw NUL is not valid JSON (the binder refuses it); an escaped one (\u0000) is.
                var text = reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.String && reader.ValueIsEscaped ? reader.GetString() : null;
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    member = text ?? reader.GetString()!;
                }

                if (text?.Contains('\0') == true)
                {
                    return member.Replace("\0", "", StringComparison.Ordinal);
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the endpoint's binding answers it with its own 400.
        }

        return null;
    }
}
