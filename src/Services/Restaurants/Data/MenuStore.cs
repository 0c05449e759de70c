using System.Text.Json;
using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Restaurants.Domain;
using Dapper;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Brigade.Restaurants.Data;

public sealed class MenuItemRow
{
    public Guid Id { get; set; }
    public Guid RestaurantId { get; set; }
    public Guid? CategoryId { get; set; }
    public string? Category { get; set; }
    public int CategorySort { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public long PriceAmount { get; set; }
    public string Currency { get; set; } = "";
    public string[] Allergens { get; set; } = [];
    public string[] DietaryTags { get; set; } = [];
    public string? PhotoUrl { get; set; }
    public string[] Dayparts { get; set; } = [];
    public bool SoldOut { get; set; }
    public int SortOrder { get; set; }
    public string ModifierGroups { get; set; } = "[]";
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public IReadOnlyList<ModifierGroup> Modifiers() => MenuStore.ReadModifiers(ModifierGroups);

    public MenuItemSpec ToSpec() => new(Name, new Money(PriceAmount, Currency), Category, Description, Allergens, DietaryTags, PhotoUrl, Dayparts, SoldOut, SortOrder, Modifiers());

    public MenuItemChanged ToEvent(DateTimeOffset at, bool removed = false) =>
        new(RestaurantId, Id, Name, Category, new MoneyAmount(PriceAmount, Currency), SoldOut, Dayparts, removed, Version, at,
            Description, PhotoUrl,
            Modifiers().Select(g => new MenuModifierGroup(g.Id, g.Name, g.Required, g.MinChoices, g.MaxChoices,
                g.Options.Select(o => new MenuModifierOption(o.Id, o.Name, o.PriceDelta.Amount)).ToList())).ToList(),
            SortOrder);
}

public sealed class CategoryRow
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public int SortOrder { get; set; }
    public long Items { get; set; }
}

/// <summary>Keyset position in a menu listing: category order, category, item order, item.</summary>
public sealed record MenuCursor(int C, Guid G, int S, Guid I);

/// <summary>The menu aggregate: categories (created on first use by name), dayparts and items with their modifier groups.</summary>
public sealed class MenuStore(NpgsqlDataSource db, IOutbox outbox, TimeProvider clock, RestaurantCache cache)
{
    private static readonly LocalTimePattern DbTime = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    private const string ItemColumns = """
        i.id, i.restaurant_id, i.category_id, c.name AS category, coalesce(c.sort_order, 2147483647) AS category_sort, i.name, i.description,
        i.price_amount, i.currency, i.allergens, i.dietary_tags, i.photo_url, i.dayparts, i.sold_out, i.sort_order,
        i.modifier_groups::text AS modifier_groups, i.version, i.created_at, i.updated_at
        """;

    private const string ItemOrder = "coalesce(c.sort_order, 2147483647), coalesce(c.id, '00000000-0000-0000-0000-000000000000'::uuid), i.sort_order, i.id";

    private const string ItemKey = "(" + ItemOrder + ")";

    public async Task<IReadOnlyList<MenuItemRow>> ListAllItemsAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<MenuItemRow>(new CommandDefinition($"""
            SELECT {ItemColumns} FROM menu_items i LEFT JOIN menu_categories c ON c.id = i.category_id
             WHERE i.restaurant_id = @restaurantId ORDER BY {ItemOrder}
            """, new { restaurantId }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>
    /// A page of items in menu order. <paramref name="category"/> filters by category name;
    /// <paramref name="orderableIn"/>, when given, keeps items not sold out and served in one of those dayparts (or all day).
    /// </summary>
    public async Task<IReadOnlyList<MenuItemRow>> ListItemsAsync(Guid restaurantId, string? category, string[]? orderableIn, int limit, MenuCursor? after, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<MenuItemRow>(new CommandDefinition($"""
            SELECT {ItemColumns} FROM menu_items i LEFT JOIN menu_categories c ON c.id = i.category_id
             WHERE i.restaurant_id = @restaurantId
               AND (@category::text IS NULL OR lower(c.name) = lower(@category))
               AND (@orderable::text[] IS NULL OR (NOT i.sold_out AND (cardinality(i.dayparts) = 0 OR i.dayparts && @orderable)))
               AND (@hasAfter = false OR {ItemKey} > (@c, @g, @s, @i))
             ORDER BY {ItemOrder}
             LIMIT @take
            """, new
        {
            restaurantId,
            category,
            orderable = orderableIn,
            hasAfter = after is not null,
            c = after?.C ?? 0,
            g = after?.G ?? Guid.Empty,
            s = after?.S ?? 0,
            i = after?.I ?? Guid.Empty,
            take = limit + 1,
        }, cancellationToken: ct));
        return rows.ToList();
    }

    public async Task<MenuItemRow?> FindItemAsync(Guid restaurantId, Guid itemId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await FindItemAsync(connection, null, restaurantId, itemId, ct);
    }

    private static Task<MenuItemRow?> FindItemAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid restaurantId, Guid itemId, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<MenuItemRow>(new CommandDefinition($"""
            SELECT {ItemColumns} FROM menu_items i LEFT JOIN menu_categories c ON c.id = i.category_id
             WHERE i.restaurant_id = @restaurantId AND i.id = @itemId
            """, new { restaurantId, itemId }, transaction, cancellationToken: ct));

    public async Task<MenuItemRow> CreateItemAsync(Guid restaurantId, MenuItemSpec spec, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await InsertItemAsync(connection, transaction, outbox, restaurantId, Guid.CreateVersion7(), spec, clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(restaurantId);
        return row;
    }

    internal static async Task<MenuItemRow> InsertItemAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IOutbox outbox, Guid restaurantId, Guid itemId, MenuItemSpec spec, DateTimeOffset now, CancellationToken ct)
    {
        var categoryId = await CategoryIdAsync(connection, transaction, restaurantId, spec.Category, ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO menu_items (id, restaurant_id, category_id, name, description, price_amount, currency, allergens, dietary_tags,
                                    photo_url, dayparts, sold_out, sort_order, modifier_groups, created_at, updated_at)
            VALUES (@itemId, @restaurantId, @categoryId, @Name, @Description, @Amount, @Currency, @Allergens, @DietaryTags,
                    @PhotoUrl, @Dayparts, @SoldOut,
                    coalesce(@SortOrder, (SELECT coalesce(max(sort_order) + 1, 0) FROM menu_items
                                           WHERE restaurant_id = @restaurantId AND category_id IS NOT DISTINCT FROM @categoryId)),
                    @Modifiers::jsonb, @now, @now)
            """, Parameters(spec, new { itemId, restaurantId, categoryId, now }), transaction, cancellationToken: ct));
        var row = (await FindItemAsync(connection, transaction, restaurantId, itemId, ct))!;
        await outbox.AddAsync(connection, transaction, row.ToEvent(now), ct);
        return row;
    }

    public async Task<(ChangeOutcome Outcome, MenuItemRow? Item)> UpdateItemAsync(Guid restaurantId, Guid itemId, MenuItemSpec spec, int? expectedVersion, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var categoryId = await CategoryIdAsync(connection, transaction, restaurantId, spec.Category, ct);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE menu_items
               SET category_id = @categoryId, name = @Name, description = @Description, price_amount = @Amount, currency = @Currency,
                   allergens = @Allergens, dietary_tags = @DietaryTags, photo_url = @PhotoUrl, dayparts = @Dayparts, sold_out = @SoldOut,
                   sort_order = coalesce(@SortOrder, sort_order), modifier_groups = @Modifiers::jsonb, version = version + 1, updated_at = @now
             WHERE restaurant_id = @restaurantId AND id = @itemId AND (@expectedVersion::integer IS NULL OR version = @expectedVersion)
            """, Parameters(spec, new { itemId, restaurantId, categoryId, now, expectedVersion }), transaction, cancellationToken: ct));
        if (updated == 0)
        {
            var exists = await FindItemAsync(connection, transaction, restaurantId, itemId, ct) is not null;
            return (exists ? ChangeOutcome.VersionMismatch : ChangeOutcome.NotFound, null);
        }

        var row = (await FindItemAsync(connection, transaction, restaurantId, itemId, ct))!;
        await outbox.AddAsync(connection, transaction, row.ToEvent(now), ct);
        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(restaurantId);
        return (ChangeOutcome.Changed, row);
    }

    /// <summary>The "86" switch. Flipping it to where it already is changes nothing and tells nobody.</summary>
    public async Task<(ChangeOutcome Outcome, MenuItemRow? Item)> SetSoldOutAsync(Guid restaurantId, Guid itemId, bool soldOut, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE menu_items SET sold_out = @soldOut, version = version + 1, updated_at = @now
             WHERE restaurant_id = @restaurantId AND id = @itemId AND sold_out <> @soldOut
            """, new { restaurantId, itemId, soldOut, now }, transaction, cancellationToken: ct));
        var row = await FindItemAsync(connection, transaction, restaurantId, itemId, ct);
        if (row is null)
        {
            return (ChangeOutcome.NotFound, null);
        }

        if (updated == 0)
        {
            return (ChangeOutcome.Unchanged, row);
        }

        await outbox.AddAsync(connection, transaction, row.ToEvent(now), ct);
        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(restaurantId);
        return (ChangeOutcome.Changed, row);
    }

    public async Task<bool> DeleteItemAsync(Guid restaurantId, Guid itemId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await FindItemAsync(connection, transaction, restaurantId, itemId, ct);
        if (row is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM menu_items WHERE restaurant_id = @restaurantId AND id = @itemId", new { restaurantId, itemId }, transaction, cancellationToken: ct));
        await outbox.AddAsync(connection, transaction, row.ToEvent(now, removed: true), ct);
        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(restaurantId);
        return true;
    }

    public async Task<IReadOnlyList<CategoryRow>> ListCategoriesAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<CategoryRow>(new CommandDefinition("""
            SELECT c.id, c.name, c.sort_order, (SELECT count(*) FROM menu_items i WHERE i.category_id = c.id) AS items
              FROM menu_categories c WHERE c.restaurant_id = @restaurantId ORDER BY c.sort_order, c.id
            """, new { restaurantId }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>Renames or reorders a category. Null when it does not exist; throws <see cref="PostgresException"/> 23505 when the name is taken.</summary>
    public async Task<CategoryRow?> UpdateCategoryAsync(Guid restaurantId, Guid categoryId, string? name, int? sortOrder, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<CategoryRow>(new CommandDefinition("""
            UPDATE menu_categories c SET name = coalesce(@name, name), sort_order = coalesce(@sortOrder, sort_order)
             WHERE c.restaurant_id = @restaurantId AND c.id = @categoryId
            RETURNING c.id, c.name, c.sort_order, (SELECT count(*) FROM menu_items i WHERE i.category_id = c.id) AS items
            """, new { restaurantId, categoryId, name, sortOrder }, cancellationToken: ct));
        await cache.InvalidateAsync(restaurantId);
        return row;
    }

    public enum DeleteCategoryOutcome { Deleted, NotFound, NotEmpty }

    public async Task<DeleteCategoryOutcome> DeleteCategoryAsync(Guid restaurantId, Guid categoryId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var deleted = await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM menu_categories c WHERE c.restaurant_id = @restaurantId AND c.id = @categoryId
               AND NOT EXISTS (SELECT 1 FROM menu_items i WHERE i.category_id = c.id)
            """, new { restaurantId, categoryId }, cancellationToken: ct));
        if (deleted == 1)
        {
            await cache.InvalidateAsync(restaurantId);
            return DeleteCategoryOutcome.Deleted;
        }

        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM menu_categories WHERE restaurant_id = @restaurantId AND id = @categoryId)",
            new { restaurantId, categoryId }, cancellationToken: ct));
        return exists ? DeleteCategoryOutcome.NotEmpty : DeleteCategoryOutcome.NotFound;
    }

    public async Task<IReadOnlyList<Daypart>> GetDaypartsAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Name, string Starts, string Ends)>(new CommandDefinition(
            "SELECT name, starts::text, ends::text FROM menu_dayparts WHERE restaurant_id = @restaurantId ORDER BY starts, name",
            new { restaurantId }, cancellationToken: ct));
        return rows.Select(r => new Daypart(r.Name, DbTime.Parse(r.Starts).Value, DbTime.Parse(r.Ends).Value)).ToList();
    }

    /// <summary>Replaces the dayparts; refused (names returned) while items still use a daypart that would go.</summary>
    public async Task<IReadOnlyList<string>> ReplaceDaypartsAsync(Guid restaurantId, IReadOnlyList<Daypart> dayparts, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ReplaceDaypartsAsync(connection, transaction, outbox, restaurantId, dayparts, clock.GetUtcNow(), ct);
        var stillUsed = (await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT DISTINCT d FROM menu_items i, unnest(i.dayparts) d
             WHERE i.restaurant_id = @restaurantId AND NOT (d = ANY (@names))
             ORDER BY d
            """, new { restaurantId, names = dayparts.Select(d => d.Name).ToArray() }, transaction, cancellationToken: ct))).ToList();
        if (stillUsed.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            return stillUsed;
        }

        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(restaurantId);
        return [];
    }

    /// <summary>Replaces the dayparts and announces them (ordering checks an item's dayparts at order time).</summary>
    internal static async Task ReplaceDaypartsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IOutbox outbox, Guid restaurantId, IReadOnlyList<Daypart> dayparts, DateTimeOffset now, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM menu_dayparts WHERE restaurant_id = @restaurantId", new { restaurantId }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO menu_dayparts (restaurant_id, name, starts, ends) VALUES (@restaurantId, @Name, @Starts::time, @Ends::time)",
            dayparts.Select(d => new { restaurantId, d.Name, Starts = OpeningHoursRules.FormatTime(d.Start), Ends = OpeningHoursRules.FormatTime(d.End) }),
            transaction, cancellationToken: ct));
        await outbox.AddAsync(connection, transaction, new MenuDaypartsChanged(restaurantId,
            dayparts.Select(d => new MenuDaypart(d.Name, OpeningHoursRules.FormatTime(d.Start), OpeningHoursRules.FormatTime(d.End))).ToList(), now), ct);
    }

    /// <summary>The category named <paramref name="name"/> (any letter case), created at the end of the menu when new.</summary>
    private static async Task<Guid?> CategoryIdAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid restaurantId, string? name, CancellationToken ct)
    {
        if (name is null)
        {
            return null;
        }

        return await connection.QuerySingleAsync<Guid>(new CommandDefinition("""
            INSERT INTO menu_categories (id, restaurant_id, name, sort_order)
            VALUES (@id, @restaurantId, @name, (SELECT coalesce(max(sort_order) + 1, 0) FROM menu_categories WHERE restaurant_id = @restaurantId))
            ON CONFLICT (restaurant_id, lower(name)) DO UPDATE SET name = menu_categories.name
            RETURNING id
            """, new { id = Guid.CreateVersion7(), restaurantId, name }, transaction, cancellationToken: ct));
    }

    private static DynamicParameters Parameters(MenuItemSpec spec, object extra)
    {
        var parameters = new DynamicParameters(extra);
        parameters.AddDynamicParams(new
        {
            spec.Name,
            spec.Description,
            spec.Price.Amount,
            spec.Price.Currency,
            Allergens = spec.Allergens.ToArray(),
            DietaryTags = spec.DietaryTags.ToArray(),
            spec.PhotoUrl,
            Dayparts = spec.Dayparts.ToArray(),
            spec.SoldOut,
            spec.SortOrder,
            Modifiers = JsonSerializer.Serialize(spec.ModifierGroups, JsonSerializerOptions.Web),
        });
        return parameters;
    }

    internal static IReadOnlyList<ModifierGroup> ReadModifiers(string json) =>
        JsonSerializer.Deserialize<List<ModifierGroup>>(json, JsonSerializerOptions.Web) ?? [];
}
