using System.Buffers.Text;
using System.Text.Json;
using Brigade.ServiceDefaults;

namespace Brigade.Data;

/// <summary>A page of a list: <c>{ "items": [...], "nextCursor": "..." }</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset paging: <c>?limit=</c> (default 20, at most 100) and an opaque <c>?cursor=</c> that encodes
/// the sort key of the last item returned. Queries fetch <c>limit + 1</c> rows to know whether more follow.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw ProblemException.Validation("limit", $"limit must be between 1 and {MaxLimit}."),
        _ => limit.Value,
    };

    public static string Encode<TKey>(TKey key) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key, JsonSerializerOptions.Web));

    /// <summary>Decodes a cursor made by <see cref="Encode{TKey}"/>; a forged or damaged one is a 400.</summary>
    public static TKey? Decode<TKey>(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<TKey>(Base64Url.DecodeFromChars(cursor), JsonSerializerOptions.Web);
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException)
        {
            throw ProblemException.Validation("cursor", "cursor is not valid; use the nextCursor of a previous page.");
        }
    }

    /// <summary>Cuts the <c>limit + 1</c> rows a query fetched into a page and the cursor of its last item.</summary>
    public static Page<T> ToPage<T, TKey>(IReadOnlyList<T> rows, int limit, Func<T, TKey> keyOf)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        var items = rows.Take(limit).ToList();
        return new Page<T>(items, Encode(keyOf(items[^1])));
    }
}
