using Dapper;
using Npgsql;

namespace Brigade.Inventory.Data;

public sealed class SupplierRow
{
    public Guid Id { get; init; }
    public Guid RestaurantId { get; init; }
    public string Name { get; init; } = "";
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public int LeadTimeDays { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; init; }
}

public sealed record SupplierFields(string Name, string? Email, string? Phone, int LeadTimeDays);

/// <summary>A restaurant's suppliers; a supplier's catalogue is the stock items it supplies, with their pack and price.</summary>
public sealed class SupplierStore(NpgsqlDataSource db)
{
    private const string Columns = "id, restaurant_id, name, email, phone, lead_time_days, created_at, version";

    public static Task<bool> BelongsAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid supplierId, Guid restaurantId, CancellationToken ct) =>
        c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM suppliers WHERE id = @supplierId AND restaurant_id = @restaurantId)", new { supplierId, restaurantId }, tx, cancellationToken: ct));

    public async Task<SupplierRow?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<SupplierRow>(new CommandDefinition($"SELECT {Columns} FROM suppliers WHERE id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<SupplierRow>> ListAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<SupplierRow>(new CommandDefinition(
            $"SELECT {Columns} FROM suppliers WHERE restaurant_id = @restaurantId ORDER BY name, id LIMIT 500", new { restaurantId }, cancellationToken: ct))).ToList();
    }

    public async Task<SupplierRow> CreateAsync(Guid restaurantId, SupplierFields f, DateTimeOffset now, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<SupplierRow>(new CommandDefinition($"""
            INSERT INTO suppliers (id, restaurant_id, name, email, phone, lead_time_days, created_at) VALUES (@id, @restaurantId, @Name, @Email, @Phone, @LeadTimeDays, @now)
            RETURNING {Columns}
            """, new { id = Guid.CreateVersion7(), restaurantId, f.Name, f.Email, f.Phone, f.LeadTimeDays, now = now.ToUniversalTime() }, cancellationToken: ct));
    }

    /// <summary>Replaces the supplier's details; null when it is not the restaurant's, or <paramref name="expected"/> is stale (then the current row is in Stale).</summary>
    public async Task<(SupplierRow? Updated, SupplierRow? Stale)> UpdateAsync(Guid id, Guid restaurantId, SupplierFields f, int? expected, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var updated = await c.QuerySingleOrDefaultAsync<SupplierRow>(new CommandDefinition($"""
            UPDATE suppliers SET name = @Name, email = @Email, phone = @Phone, lead_time_days = @LeadTimeDays, version = version + 1
            WHERE id = @id AND restaurant_id = @restaurantId AND (@expected::int IS NULL OR version = @expected)
            RETURNING {Columns}
            """, new { id, restaurantId, f.Name, f.Email, f.Phone, f.LeadTimeDays, expected }, cancellationToken: ct));
        if (updated is not null)
        {
            return (updated, null);
        }

        var current = await FindAsync(id, ct);
        return (null, current?.RestaurantId == restaurantId ? current : null);
    }
}
