using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Brigade.Api;

/// <summary>
/// Optimistic concurrency over HTTP: a row's <c>version</c> is its strong ETag (<c>"3"</c>); a write names the version it
/// read in <c>If-Match</c> (or a body <c>version</c>) and gets 412 when it is stale (<see cref="Problems.Stale"/>).
/// </summary>
public static class Versions
{
    /// <summary>A version no row has, so an unreadable <c>If-Match</c> fails the precondition.</summary>
    private const int Unmatchable = -1;

    /// <summary>The If-Match header as the OpenAPI document lists it on endpoints that call <see cref="Expected"/>.</summary>
    public static readonly DocumentedHeader IfMatch = new("If-Match", false,
        "The version (ETag) the change is based on; a stale one answers 412. Without it the change is unconditional.",
        [(412, "The resource changed since the caller read it (stale If-Match).")]);

    /// <summary>Documents that the endpoint honours <c>If-Match</c> (it calls <see cref="Expected"/>).</summary>
    public static TBuilder WithIfMatch<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IfMatch);

    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void SetETag(this HttpContext http, int version) => http.Response.Headers.ETag = ETag(version);

    /// <summary>The version the client expects: from <c>If-Match</c> (<c>*</c> = any), else the body's <c>version</c>; null = unconditional.</summary>
    public static int? Expected(HttpRequest request, int? bodyVersion = null)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return bodyVersion;
        }

        if (header == "*")
        {
            return null;
        }

        var first = header.Split(',')[0].Trim();
        if (first.StartsWith("W/", StringComparison.Ordinal))
        {
            first = first[2..];
        }

        return first.Length >= 2 && first[0] == '"' && first[^1] == '"'
               && int.TryParse(first[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : Unmatchable;
    }
}
