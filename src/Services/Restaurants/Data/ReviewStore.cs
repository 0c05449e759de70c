using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Restaurants.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Restaurants.Data;

public sealed class ReviewRow
{
    public Guid Id { get; set; }
    public Guid RestaurantId { get; set; }
    public Guid DinerId { get; set; }
    public string? AuthorName { get; set; }
    public string VisitSource { get; set; } = "";
    public Guid VisitSourceId { get; set; }
    public int Rating { get; set; }
    public string Text { get; set; } = "";
    public string[] PhotoUrls { get; set; } = [];
    public string? Reply { get; set; }
    public DateTimeOffset? RepliedAt { get; set; }
    public bool Hidden { get; set; }
    public string? HiddenReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class VisitRow
{
    public Guid Id { get; set; }
    public string Source { get; set; } = "";
    public Guid SourceId { get; set; }
    public DateTimeOffset CompletedAt { get; set; }
    public bool Reviewed { get; set; }
}

public enum PostOutcome { Posted, AlreadyReviewed }

/// <summary>Reviews and the restaurant's rating (sum and count of visible reviews), kept together in one transaction.</summary>
public sealed class ReviewStore(NpgsqlDataSource db, IOutbox outbox, TimeProvider clock, RestaurantCache cache)
{
    private const string Columns = """
        rv.id, rv.restaurant_id, rv.diner_id, rv.author_name, v.source AS visit_source, v.source_id AS visit_source_id, rv.rating, rv.text,
        rv.photo_urls, rv.reply, rv.replied_at, rv.hidden, rv.hidden_reason, rv.created_at
        """;

    /// <summary>The diner's completed visits at the restaurant and whether each is reviewed.</summary>
    public async Task<IReadOnlyList<Visit>> VisitsAsync(Guid restaurantId, Guid dinerId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<VisitRow>(new CommandDefinition("""
            SELECT v.id, v.source, v.source_id, v.completed_at, EXISTS (SELECT 1 FROM reviews r WHERE r.visit_id = v.id) AS reviewed
              FROM visits v WHERE v.restaurant_id = @restaurantId AND v.diner_id = @dinerId
             ORDER BY v.completed_at, v.id
            """, new { restaurantId, dinerId }, cancellationToken: ct));
        return rows.Select(r => new Visit(r.Id, r.Source, r.SourceId, r.CompletedAt, r.Reviewed)).ToList();
    }

    /// <summary>Posts the review of one visit and folds its rating into the restaurant's. The unique visit id makes a concurrent second review fail.</summary>
    public async Task<(PostOutcome Outcome, ReviewRow? Review)> PostAsync(Guid restaurantId, Guid dinerId, string? authorName, Visit visit, ReviewSpec spec, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO reviews (id, restaurant_id, diner_id, author_name, visit_id, rating, text, photo_urls, created_at)
            VALUES (@id, @restaurantId, @dinerId, @authorName, @visitId, @Rating, @Text, @PhotoUrls, @now)
            ON CONFLICT (visit_id) DO NOTHING
            """, new { id, restaurantId, dinerId, authorName, visitId = visit.Id, spec.Rating, spec.Text, PhotoUrls = spec.PhotoUrls.ToArray(), now },
            transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            return (PostOutcome.AlreadyReviewed, null);
        }

        var rating = await connection.QuerySingleAsync<(long Sum, int Count)>(new CommandDefinition("""
            UPDATE restaurants SET rating_sum = rating_sum + @Rating, rating_count = rating_count + 1
             WHERE id = @restaurantId RETURNING rating_sum, rating_count
            """, new { restaurantId, spec.Rating }, transaction, cancellationToken: ct));
        await outbox.AddAsync(connection, transaction, new ReviewPosted(
            id, restaurantId, dinerId, visit.Source, visit.SourceId, spec.Rating, ReviewRules.Average(rating.Sum, rating.Count), rating.Count, now), ct);
        var row = (await FindAsync(connection, transaction, restaurantId, id, ct))!;
        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(restaurantId); // the rating changed
        return (PostOutcome.Posted, row);
    }

    /// <summary>Reviews newest first; hidden ones only when <paramref name="includeHidden"/>.</summary>
    public async Task<IReadOnlyList<ReviewRow>> ListAsync(Guid restaurantId, bool includeHidden, int limit, Guid? before, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<ReviewRow>(new CommandDefinition($"""
            SELECT {Columns} FROM reviews rv JOIN visits v ON v.id = rv.visit_id
             WHERE rv.restaurant_id = @restaurantId AND (@includeHidden OR NOT rv.hidden) AND (@before::uuid IS NULL OR rv.id < @before)
             ORDER BY rv.id DESC
             LIMIT @take
            """, new { restaurantId, includeHidden, before, take = limit + 1 }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<ReviewRow?> FindAsync(Guid restaurantId, Guid reviewId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await FindAsync(connection, null, restaurantId, reviewId, ct);
    }

    private static Task<ReviewRow?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid restaurantId, Guid reviewId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<ReviewRow>(new CommandDefinition($"""
            SELECT {Columns} FROM reviews rv JOIN visits v ON v.id = rv.visit_id WHERE rv.restaurant_id = @restaurantId AND rv.id = @reviewId
            """, new { restaurantId, reviewId }, transaction, cancellationToken: ct));

    /// <summary>The restaurant's public answer; replaces an earlier one.</summary>
    public async Task<ReviewRow?> ReplyAsync(Guid restaurantId, Guid reviewId, string text, Guid repliedBy, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE reviews SET reply = @text, replied_at = @now, replied_by = @repliedBy WHERE restaurant_id = @restaurantId AND id = @reviewId
            """, new { restaurantId, reviewId, text, repliedBy, now = clock.GetUtcNow() }, cancellationToken: ct));
        return updated == 0 ? null : await FindAsync(connection, null, restaurantId, reviewId, ct);
    }

    /// <summary>Hides (or shows again) a review; a hidden review leaves the restaurant's rating.</summary>
    public async Task<ReviewRow?> SetHiddenAsync(Guid restaurantId, Guid reviewId, bool hidden, string? reason, Guid? by, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var rating = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition("""
            UPDATE reviews SET hidden = @hidden, hidden_reason = CASE WHEN @hidden THEN @reason END,
                               hidden_at = CASE WHEN @hidden THEN @now END, hidden_by = CASE WHEN @hidden THEN @by END
             WHERE restaurant_id = @restaurantId AND id = @reviewId AND hidden <> @hidden
            RETURNING rating
            """, new { restaurantId, reviewId, hidden, reason, by, now = clock.GetUtcNow() }, transaction, cancellationToken: ct));
        if (rating is { } changed)
        {
            var sign = hidden ? -1 : 1;
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE restaurants SET rating_sum = rating_sum + @delta, rating_count = rating_count + @count WHERE id = @restaurantId
                """, new { restaurantId, delta = sign * changed, count = sign }, transaction, cancellationToken: ct));
        }

        var row = await FindAsync(connection, transaction, restaurantId, reviewId, ct);
        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(restaurantId); // the rating changed
        return row;
    }

    /// <summary>A deleted account's reviews stay (the rating stays honest) without its name.</summary>
    public static Task<int> AnonymiseAuthorAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid dinerId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE reviews SET author_name = NULL WHERE diner_id = @dinerId", new { dinerId }, transaction, cancellationToken: ct));
}

/// <summary>Completed visits, recorded from the reservations and ordering events in the handler's transaction.</summary>
public static class VisitLog
{
    /// <summary>Records a completed visit once: a second event for the same reservation or order changes nothing.</summary>
    public static Task<int> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string source, Guid sourceId, Guid restaurantId, Guid dinerId, DateTimeOffset completedAt, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO visits (id, source, source_id, restaurant_id, diner_id, completed_at, recorded_at)
            VALUES (@id, @source, @sourceId, @restaurantId, @dinerId, @completedAt, @now)
            ON CONFLICT (source, source_id) DO NOTHING
            """, new { id = Guid.CreateVersion7(), source, sourceId, restaurantId, dinerId, completedAt, now }, transaction, cancellationToken: ct));
}
