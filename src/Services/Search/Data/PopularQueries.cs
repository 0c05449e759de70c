using System.Collections.Concurrent;
using Brigade.Search.Domain;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Brigade.Search.Data;

/// <summary>
/// What people search for, counted across replicas in <c>public.search_queries</c> (the one table replicas share; each
/// replica's messaging tables live in its own schema). Searches are counted in memory and added in batches, so a search
/// never waits for a write. Only queries that found something are counted, in their normalised form.
/// </summary>
public sealed class PopularQueries(NpgsqlDataSource db, IOptions<SearchOptions> options, TimeProvider clock)
{
    public const int MaxLength = 50;

    private ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>The most searched queries (at least <c>PopularMinCount</c> times), as last loaded.</summary>
    public IReadOnlyList<(string Query, long Count)> Top { get; private set; } = [];

    public void Record(string query)
    {
        var text = string.Join(' ', KoreanText.Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (text.Length is > 0 and <= MaxLength)
        {
            _counts.AddOrUpdate(text, 1, (_, n) => n + 1);
        }
    }

    /// <summary>Adds the counts gathered since the last flush to the shared table, then reloads the top list.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        var counts = Interlocked.Exchange(ref _counts, new ConcurrentDictionary<string, int>(StringComparer.Ordinal));
        await using var connection = await db.OpenConnectionAsync(ct);
        if (!counts.IsEmpty)
        {
            var rows = counts.OrderBy(c => c.Key, StringComparer.Ordinal).ToArray(); // one order: concurrent flushes do not deadlock
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO public.search_queries AS q (query, count, last_searched_at)
                SELECT * FROM unnest(@queries::text[], @counts::bigint[], array_fill(@now::timestamptz, ARRAY[cardinality(@queries::text[])]))
                ON CONFLICT (query) DO UPDATE SET count = q.count + excluded.count, last_searched_at = excluded.last_searched_at
                """, new { queries = rows.Select(r => r.Key).ToArray(), counts = rows.Select(r => (long)r.Value).ToArray(), now = clock.GetUtcNow() },
                cancellationToken: ct));
        }

        var top = (await connection.QueryAsync<(string, long)>(new CommandDefinition(
            "SELECT query, count FROM public.search_queries WHERE count >= @min ORDER BY count DESC, query LIMIT 500",
            new { min = options.Value.PopularMinCount }, cancellationToken: ct))).ToList();

        // A new list only when it changed: the suggestions rebuild (a whole pass over the catalogue) when this one moves.
        if (!top.SequenceEqual(Top))
        {
            Top = top;
        }
    }
}
