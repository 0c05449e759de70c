using Brigade.Contracts.Restaurants;
using Brigade.Contracts.Search;
using Brigade.Restaurants.Domain;
using Dapper;
using Npgsql;

namespace Brigade.Restaurants.Data;

/// <summary>
/// Every restaurant (any status) with its hours and menu, a page at a time in id order, for the search service to
/// build its index from. One repeatable-read transaction per page, so a page is one moment of the database.
/// </summary>
public sealed class IndexFeedStore(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task<RestaurantFeedPage> PageAsync(Guid? after, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var readAt = clock.GetUtcNow();
        var restaurants = (await connection.QueryAsync<RestaurantRow>(new CommandDefinition("""
            SELECT id, name, name_en, cuisine, price_range, distinction, address, lat, lng, description, time_zone, currency, status, version
              FROM restaurants WHERE @after::uuid IS NULL OR id > @after ORDER BY id LIMIT @take
            """, new { after, take = limit + 1 }, transaction, cancellationToken: ct))).ToList();
        var more = restaurants.Count > limit;
        if (more)
        {
            restaurants.RemoveAt(limit);
        }

        var ids = restaurants.Select(r => r.Id).ToArray();
        var weekly = (await connection.QueryAsync<(Guid RestaurantId, short Day, string Opens, string Closes, string? Name)>(new CommandDefinition(
            "SELECT restaurant_id, day, to_char(opens, 'HH24:MI'), to_char(closes, 'HH24:MI'), name FROM weekly_hours WHERE restaurant_id = ANY(@ids) ORDER BY day, opens",
            new { ids }, transaction, cancellationToken: ct))).ToLookup(w => w.RestaurantId);
        var exceptions = (await connection.QueryAsync<(Guid RestaurantId, string Date, bool Closed, string? Note)>(new CommandDefinition(
            "SELECT restaurant_id, to_char(date, 'YYYY-MM-DD'), closed, note FROM hours_exceptions WHERE restaurant_id = ANY(@ids) ORDER BY date",
            new { ids }, transaction, cancellationToken: ct))).ToLookup(e => e.RestaurantId);
        var periods = (await connection.QueryAsync<(Guid RestaurantId, string Date, string Opens, string Closes, string? Name)>(new CommandDefinition(
            "SELECT restaurant_id, to_char(date, 'YYYY-MM-DD'), to_char(opens, 'HH24:MI'), to_char(closes, 'HH24:MI'), name FROM hours_exception_periods WHERE restaurant_id = ANY(@ids) ORDER BY date, opens",
            new { ids }, transaction, cancellationToken: ct))).ToLookup(p => (p.RestaurantId, p.Date));
        var menu = (await connection.QueryAsync<(Guid RestaurantId, Guid Id, string Name, string? Category, string? Description, long PriceAmount, string Currency, bool SoldOut, int Version)>(new CommandDefinition("""
            SELECT i.restaurant_id, i.id, i.name, c.name, i.description, i.price_amount, i.currency, i.sold_out, i.version
              FROM menu_items i LEFT JOIN menu_categories c ON c.id = i.category_id
             WHERE i.restaurant_id = ANY(@ids) ORDER BY i.restaurant_id, coalesce(c.sort_order, 2147483647), i.sort_order, i.id
            """, new { ids }, transaction, cancellationToken: ct))).ToLookup(m => m.RestaurantId);
        await transaction.CommitAsync(ct);

        var items = restaurants.Select(r =>
        {
            var hours = weekly[r.Id].Any() || exceptions[r.Id].Any()
                ? new HoursFeed(
                    r.TimeZone,
                    weekly[r.Id].Select(w => new WeeklyHours(OpeningHoursRules.DayName((NodaTime.IsoDayOfWeek)w.Day), w.Opens, w.Closes, w.Name)).ToList(),
                    exceptions[r.Id].Select(e => new HoursException(e.Date, e.Closed,
                        periods[(r.Id, e.Date)].Select(p => new ExceptionHours(p.Opens, p.Closes, p.Name)).ToList(), e.Note)).ToList())
                : null;
            var items = menu[r.Id].Select(m => new MenuItemFeed(m.Id, m.Name, m.Category, m.Description, new MoneyAmount(m.PriceAmount, m.Currency), m.SoldOut, m.Version)).ToList();
            return new RestaurantFeedItem(r.ToSnapshot(), hours, items);
        }).ToList();
        return new RestaurantFeedPage(items, more ? restaurants[^1].Id : null, readAt);
    }
}
