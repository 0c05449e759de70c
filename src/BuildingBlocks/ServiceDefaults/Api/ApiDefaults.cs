using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Brigade.ServiceDefaults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Brigade.Api;

/// <summary>
/// Request rules every endpoint shares, applied once for every service: the caller's language for messages, and
/// no NUL character in any string (JSON body or query) — PostgreSQL cannot store one, and no person types one.
/// </summary>
public static class ApiDefaults
{
    private static readonly CultureInfo Korean = CultureInfo.GetCultureInfo("ko");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static IServiceCollection AddApiDefaults(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new TextWithoutNul()));

    public static IApplicationBuilder UseApiDefaults(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        CultureInfo.CurrentUICulture = PrefersKorean(http.Request.Headers.AcceptLanguage.ToString()) ? Korean : English;
        if (http.Request.QueryString.HasValue && http.Request.QueryString.Value!.Contains("%00", StringComparison.Ordinal))
        {
            var field = http.Request.Query.FirstOrDefault(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') == true)).Key ?? "query";
            throw NulProblem(field.Replace("\0", "", StringComparison.Ordinal));
        }

        return next(http);
    });

    /// <summary>Korean when the first language the client names is Korean (<c>ko</c>, <c>ko-KR</c>).</summary>
    public static bool PrefersKorean(string acceptLanguage)
    {
        var first = acceptLanguage.Split(',', 2)[0].Split(';', 2)[0].Trim();
        return first.StartsWith("ko", StringComparison.OrdinalIgnoreCase);
    }

    internal static ProblemException NulProblem(string field) => ProblemException.Validation(field, Localized.Text(
        $"{field} must not contain the NUL character (\\u0000).", $"{field}에는 NUL 문자(\\u0000)를 넣을 수 없습니다."));

    /// <summary>Reads JSON strings, refusing any that holds U+0000.</summary>
    private sealed class TextWithoutNul : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is not null && text.Contains('\0'))
            {
                throw new JsonException(NulMessage);
            }

            return text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    internal const string NulMessage = "A string holds the NUL character (\\u0000).";
}
