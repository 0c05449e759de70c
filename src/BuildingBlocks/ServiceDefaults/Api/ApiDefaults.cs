using System.Globalization;
using System.Text.Json;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Brigade.Api;

/// <summary>
/// Request rules every endpoint shares, applied once for every service: the caller's language for messages, and
/// no NUL character in any string (JSON body or query) — PostgreSQL cannot store one, and no person types one.
/// </summary>
public static class ApiDefaults
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IApplicationBuilder UseApiDefaults(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        CultureInfo.CurrentUICulture = PrefersKorean(http.Request.Headers.AcceptLanguage.ToString()) ? Korean : English;
        if (http.Request.QueryString.HasValue && http.Request.QueryString.Value!.Contains("%00", StringComparison.Ordinal))
        {
            var field = http.Request.Query.FirstOrDefault(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') == true)).Key ?? "query";
            throw NulProblem(field.Replace("\0", "", StringComparison.Ordinal));
        }

        if (http.Request.HasJsonContentType() && http.Request.ContentLength != 0 && await NulMemberAsync(http.Request) is { } member)
        {
            throw NulProblem(member);
        }

        await next(http);
    });

    /// <summary>Korean when the first language the client names is Korean (<c>ko</c>, <c>ko-KR</c>).</summary>
    public static bool PrefersKorean(string acceptLanguage)
    {
        var first = acceptLanguage.Split(',', 2)[0].Split(';', 2)[0].Trim();
        return first.StartsWith("ko", StringComparison.OrdinalIgnoreCase);
    }

    internal static ProblemException NulProblem(string field) => ProblemException.Validation(field, Localized.Text(
        $"{field} must not contain the NUL character (\\u0000).", $"{field}에는 NUL 문자(\\u0000)를 넣을 수 없습니다."));

    /// <summary>
    /// The JSON member whose string holds an escaped NUL (<c>\u0000</c>; a raw NUL byte is not JSON and the binder refuses
    /// it), or null. The body stays readable for the endpoint; only a body carrying the escape is parsed here.
    /// (A string converter on the serializer would do this during binding, but it blinds the OpenAPI generator to
    /// every string's schema.)
    /// </summary>
    private static async Task<string?> NulMemberAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        var json = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (json.IndexOf("\\u0000"u8) < 0)
        {
            return null;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var member = "body";
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String) || !reader.ValueIsEscaped)
                {
                    if (reader.TokenType == JsonTokenType.PropertyName)
                    {
                        member = reader.GetString()!;
                    }

                    continue;
                }

                var text = reader.GetString()!;
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    member = text;
                }

                if (text.Contains('\0'))
                {
                    return member.Replace("\0", "", StringComparison.Ordinal);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the endpoint's binding answers with its own 400.
        }

        return null;
    }
}
