using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Restaurants.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Restaurants.Data;

/// <summary>A row of <c>restaurants</c>.</summary>
public sealed class RestaurantRow
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public string Cuisine { get; set; } = "";
    public short? PriceRange { get; set; }
    public string? Distinction { get; set; }
    public string Address { get; set; } = "";
    public double Lat { get; set; }
    public double Lng { get; set; }
    public string? Phone { get; set; }
    public string? Description { get; set; }
    public string[] PhotoUrls { get; set; } = [];
    public string TimeZone { get; set; } = ProfileRules.DefaultTimeZone;
    public string Currency { get; set; } = Currencies.Default;
    public string Status { get; set; } = "draft";
    public int RatingCount { get; set; }
    public long RatingSum { get; set; }
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Only set by searches near a point.</summary>
    public double? DistanceKm { get; set; }

    /// <summary>Only set by searches: the sort key of the row (for the next page's cursor).</summary>
    public double SortKey { get; set; }

    /// <summary>Only set by queries for one caller: the caller's role in the restaurant.</summary>
    public string? MemberRole { get; set; }

    public RestaurantStatus StatusValue => Lifecycle.ParseStatus(Status);

    public RestaurantProfile ToProfile() => new(Name, NameEn, Cuisine, Address, Lat, Lng, TimeZone, Phone, PriceRange, Distinction, Description, PhotoUrls, Currency);

    public RestaurantSnapshot ToSnapshot() => new(Id, Name, NameEn, Cuisine, PriceRange, Distinction, Address, new GeoPoint(Lat, Lng), TimeZone, Currency, Status, Version, Description);
}

/// <summary>What the public list filters by. <see cref="Near"/> with <see cref="RadiusKm"/> keeps restaurants within that distance.</summary>
public sealed record RestaurantSearch(string? Query, string? Cuisine, (double Lat, double Lng)? Near, double? RadiusKm, int Limit, (double Key, Guid Id)? After);

public enum ChangeOutcome { Changed, NotFound, VersionMismatch, Unchanged, NotAllowed }

/// <summary>The restaurant aggregate's profile and lifecycle; each change writes its event in the same transaction.</summary>
public sealed class RestaurantStore(NpgsqlDataSource db, IOutbox outbox, TimeProvider clock, RestaurantCache cache)
{
    private const string Columns = """
        r.id, r.name, r.name_en, r.cuisine, r.price_range, r.distinction, r.address, r.lat, r.lng, r.phone, r.description,
        r.photo_urls, r.time_zone, r.currency, r.status, r.rating_count, r.rating_sum, r.version, r.created_at, r.updated_at, r.published_at
        """;

    public async Task<RestaurantRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<RestaurantRow>(new CommandDefinition(
            $"SELECT {Columns} FROM restaurants r WHERE r.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// The restaurant and the caller's role in it (null when the caller has none), in one round trip. A caller
    /// without a user id (anonymous, a service) has no role: the profile comes from the cache.
    /// </summary>
    public async Task<(RestaurantRow? Restaurant, MemberRole? Role)> FindWithRoleAsync(Guid id, Guid? userId, CancellationToken ct)
    {
        if (userId is null)
        {
            return (await cache.ProfileAsync(id, async token => await FindAsync(id, token), ct), null);
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RestaurantRow>(new CommandDefinition($"""
            SELECT {Columns}, m.role AS member_role
              FROM restaurants r
              LEFT JOIN restaurant_members m ON m.restaurant_id = r.id AND m.user_id = @userId
             WHERE r.id = @id
            """, new { id, userId }, cancellationToken: ct));
        return (row, AccessPolicy.ParseRole(row?.MemberRole));
    }

    /// <summary>Creates a draft restaurant whose owner member is <paramref name="ownerId"/>.</summary>
    public async Task<RestaurantRow> CreateAsync(RestaurantProfile profile, Guid ownerId, string? ownerEmail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await InsertAsync(connection, transaction, id, profile, RestaurantStatus.Draft, now, ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO restaurant_members (restaurant_id, user_id, role, email, added_by, added_at)
            VALUES (@id, @ownerId, 'owner', @ownerEmail, @ownerId, @now)
            """, new { id, ownerId, ownerEmail, now }, transaction, cancellationToken: ct));
        await outbox.AddAsync(connection, transaction, new RestaurantCreated(row.ToSnapshot(), ownerId, now), ct);
        await outbox.AddAsync(connection, transaction, new MemberAdded(id, ownerId, "owner", now), ct);
        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(id);
        return row;
    }

    /// <summary>Inserts a restaurant row in the caller's transaction (creation and demo data).</summary>
    internal static async Task<RestaurantRow> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, RestaurantProfile p, RestaurantStatus status, DateTimeOffset now, CancellationToken ct) =>
        await connection.QuerySingleAsync<RestaurantRow>(new CommandDefinition($"""
            INSERT INTO restaurants AS r (id, name, name_en, cuisine, price_range, distinction, address, lat, lng, phone, description,
                                          photo_urls, time_zone, currency, status, created_at, updated_at, published_at)
            VALUES (@id, @Name, @NameEn, @Cuisine, @PriceRange, @Distinction, @Address, @Lat, @Lng, @Phone, @Description,
                    @PhotoUrls, @TimeZone, @Currency, @status, @now, @now, CASE WHEN @status = 'published' THEN @now END)
            RETURNING {Columns}
            """, ProfileParameters(id, p, now, new { p.Currency, status = status.ToText() }), transaction, cancellationToken: ct));

    /// <summary>The profile's columns as parameters (shared by insert and update), plus <paramref name="extra"/>.</summary>
    private static DynamicParameters ProfileParameters(Guid id, RestaurantProfile p, DateTimeOffset now, object extra)
    {
        var parameters = new DynamicParameters(new
        {
            id,
            p.Name,
            p.NameEn,
            p.Cuisine,
            PriceRange = (short?)p.PriceRange,
            p.Distinction,
            p.Address,
            p.Lat,
            p.Lng,
            p.Phone,
            p.Description,
            PhotoUrls = p.PhotoUrls.ToArray(),
            p.TimeZone,
            now,
        });
        parameters.AddDynamicParams(extra);
        return parameters;
    }

    /// <summary>Replaces the profile if the restaurant is still at <paramref name="expectedVersion"/> (any version when null).</summary>
    public async Task<(ChangeOutcome Outcome, RestaurantRow? Restaurant)> UpdateProfileAsync(Guid id, RestaurantProfile p, int? expectedVersion, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RestaurantRow>(new CommandDefinition($"""
            UPDATE restaurants AS r
               SET name = @Name, name_en = @NameEn, cuisine = @Cuisine, price_range = @PriceRange, distinction = @Distinction,
                   address = @Address, lat = @Lat, lng = @Lng, phone = @Phone, description = @Description, photo_urls = @PhotoUrls,
                   time_zone = @TimeZone, version = version + 1, updated_at = @now
             WHERE id = @id AND (@expectedVersion::integer IS NULL OR version = @expectedVersion)
            RETURNING {Columns}
            """, ProfileParameters(id, p, now, new { expectedVersion }), transaction, cancellationToken: ct));
        if (row is null)
        {
            return (ChangeOutcome.VersionMismatch, null);
        }

        await outbox.AddAsync(connection, transaction, new RestaurantUpdated(row.ToSnapshot(), now), ct);
        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(id);
        return (ChangeOutcome.Changed, row);
    }

    /// <summary>Publishes (draft or closed → published) or closes (published → closed), atomically against concurrent transitions.</summary>
    public async Task<(ChangeOutcome Outcome, RestaurantRow? Restaurant)> TransitionAsync(Guid id, bool publish, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var current = await connection.QuerySingleOrDefaultAsync<RestaurantRow>(new CommandDefinition(
            $"SELECT {Columns} FROM restaurants r WHERE r.id = @id FOR UPDATE", new { id }, transaction, cancellationToken: ct));
        if (current is null)
        {
            return (ChangeOutcome.NotFound, null);
        }

        var outcome = publish ? Lifecycle.Publish(current.StatusValue) : Lifecycle.Close(current.StatusValue);
        if (outcome != TransitionOutcome.Changed)
        {
            return (outcome == TransitionOutcome.Unchanged ? ChangeOutcome.Unchanged : ChangeOutcome.NotAllowed, current);
        }

        var row = await connection.QuerySingleAsync<RestaurantRow>(new CommandDefinition($"""
            UPDATE restaurants AS r
               SET status = @status, version = version + 1, updated_at = @now,
                   published_at = CASE WHEN @status = 'published' THEN @now ELSE published_at END
             WHERE id = @id
            RETURNING {Columns}
            """, new { id, status = (publish ? RestaurantStatus.Published : RestaurantStatus.Closed).ToText(), now }, transaction, cancellationToken: ct));
        if (publish)
        {
            await outbox.AddAsync(connection, transaction, new RestaurantPublished(row.ToSnapshot(), now), ct);
        }
        else
        {
            await outbox.AddAsync(connection, transaction, new RestaurantClosed(id, now), ct);
        }

        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(id);
        return (ChangeOutcome.Changed, row);
    }

    /// <summary>
    /// Published restaurants matching the filters: text over the Korean and English names and the cuisine
    /// (substring or trigram similarity), cuisine, distance (haversine). Ordered by distance when near a
    /// point, else by relevance when searching text, else by age; keyset-paged on (sort key, id).
    /// </summary>
    public async Task<IReadOnlyList<RestaurantRow>> SearchAsync(RestaurantSearch search, CancellationToken ct)
    {
        var query = search.Query?.Trim().ToLowerInvariant();
        var contains = query is null ? null : "%" + EscapeLike(query) + "%";
        var prefix = query is null ? null : EscapeLike(query) + "%";
        double? lat = search.Near?.Lat, lng = search.Near?.Lng;
        double? minLat = null, maxLat = null, minLng = null, maxLng = null;
        if (search.Near is { } near && search.RadiusKm is { } radius)
        {
            // A bounding box the indexes can use before the exact distance is computed.
            var dLat = radius / 110.574;
            minLat = near.Lat - dLat;
            maxLat = near.Lat + dLat;
            var cos = Math.Cos(near.Lat * Math.PI / 180);
            if (cos > 0.01)
            {
                var dLng = radius / (111.320 * cos);
                if (near.Lng - dLng >= -180 && near.Lng + dLng <= 180)
                {
                    minLng = near.Lng - dLng;
                    maxLng = near.Lng + dLng;
                }
            }
        }

        var sortMode = search.Near is not null ? 1 : query is not null ? 2 : 0;
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<RestaurantRow>(new CommandDefinition($"""
            SELECT * FROM (
                SELECT {Columns}, d.distance_km,
                       (CASE @sortMode
                           WHEN 1 THEN d.distance_km
                           WHEN 2 THEN -(word_similarity(@query, r.search_text)::float8
                                         + CASE WHEN r.search_text LIKE @prefix THEN 1.0 WHEN r.search_text LIKE @contains THEN 0.5 ELSE 0 END)
                           ELSE 0
                       END)::float8 AS sort_key
                  FROM restaurants r
                  CROSS JOIN LATERAL (
                      SELECT CASE WHEN @lat::float8 IS NULL THEN NULL ELSE
                          2 * 6371.0088 * asin(sqrt(
                              power(sin(radians(r.lat - @lat) / 2), 2)
                              + cos(radians(@lat)) * cos(radians(r.lat)) * power(sin(radians(r.lng - @lng) / 2), 2)))
                      END AS distance_km) d
                 WHERE r.status = 'published'
                   AND (@cuisine::text IS NULL OR r.cuisine = @cuisine)
                   AND (@query::text IS NULL OR r.search_text LIKE @contains OR @query <% r.search_text)
                   AND (@minLat::float8 IS NULL OR r.lat BETWEEN @minLat AND @maxLat)
                   AND (@minLng::float8 IS NULL OR r.lng BETWEEN @minLng AND @maxLng)
            ) s
             WHERE (@radius::float8 IS NULL OR s.distance_km <= @radius)
               AND (@afterKey::float8 IS NULL OR (s.sort_key, s.id) > (@afterKey, @afterId))
             ORDER BY s.sort_key, s.id
             LIMIT @take
            """, new
        {
            query,
            contains,
            prefix,
            cuisine = search.Cuisine?.Trim().ToLowerInvariant(),
            lat,
            lng,
            minLat,
            maxLat,
            minLng,
            maxLng,
            radius = search.RadiusKm,
            sortMode,
            afterKey = search.After?.Key,
            afterId = search.After?.Id ?? Guid.Empty,
            take = search.Limit + 1,
        }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>The restaurants the user works at (any status), by id.</summary>
    public async Task<IReadOnlyList<RestaurantRow>> ListForMemberAsync(Guid userId, int limit, Guid? after, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<RestaurantRow>(new CommandDefinition($"""
            SELECT {Columns}, m.role AS member_role
              FROM restaurant_members m
              JOIN restaurants r ON r.id = m.restaurant_id
             WHERE m.user_id = @userId AND (@after::uuid IS NULL OR r.id > @after)
             ORDER BY r.id
             LIMIT @take
            """, new { userId, after, take = limit + 1 }, cancellationToken: ct));
        return rows.ToList();
    }

    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
