using Brigade.Contracts.Restaurants;
using Brigade.Messaging;
using Brigade.Restaurants.Domain;
using Dapper;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Brigade.Restaurants.Data;

/// <summary>A restaurant's opening hours: replaced as a whole, read as a whole.</summary>
public sealed class HoursStore(NpgsqlDataSource db, IOutbox outbox, TimeProvider clock)
{
    private static readonly LocalTimePattern DbTime = LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss");

    public async Task<OpeningHours> GetAsync(Guid restaurantId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await GetAsync(connection, restaurantId, ct);
    }

    private static async Task<OpeningHours> GetAsync(NpgsqlConnection connection, Guid restaurantId, CancellationToken ct)
    {
        var weekly = await connection.QueryAsync<(short Day, string Opens, string Closes, string? Name)>(new CommandDefinition(
            "SELECT day, opens::text, closes::text, name FROM weekly_hours WHERE restaurant_id = @restaurantId ORDER BY day, opens",
            new { restaurantId }, cancellationToken: ct));
        var exceptions = await connection.QueryAsync<(DateTime Date, bool Closed, string? Note)>(new CommandDefinition(
            "SELECT date::timestamp, closed, note FROM hours_exceptions WHERE restaurant_id = @restaurantId ORDER BY date",
            new { restaurantId }, cancellationToken: ct));
        var periods = (await connection.QueryAsync<(DateTime Date, string Opens, string Closes, string? Name)>(new CommandDefinition(
            "SELECT date::timestamp, opens::text, closes::text, name FROM hours_exception_periods WHERE restaurant_id = @restaurantId ORDER BY date, opens",
            new { restaurantId }, cancellationToken: ct))).ToLookup(p => p.Date);

        return new OpeningHours(
            weekly.Select(w => new WeeklyPeriod((IsoDayOfWeek)w.Day, new ServicePeriod(Time(w.Opens), Time(w.Closes), w.Name))).ToList(),
            exceptions.Select(e => new DateException(
                LocalDate.FromDateTime(e.Date),
                e.Closed,
                periods[e.Date].Select(p => new ServicePeriod(Time(p.Opens), Time(p.Closes), p.Name)).ToList(),
                e.Note)).ToList());
    }

    /// <summary>Replaces the whole hours document and tells the other services (<c>restaurants.hours.changed</c>).</summary>
    public async Task ReplaceAsync(Guid restaurantId, string timeZone, OpeningHours hours, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ReplaceAsync(connection, transaction, outbox, restaurantId, timeZone, hours, clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
    }

    internal static async Task ReplaceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IOutbox outbox, Guid restaurantId, string timeZone, OpeningHours hours, DateTimeOffset now, CancellationToken ct)
    {
        // Serialises concurrent replacements of one restaurant's hours.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM restaurants WHERE id = @restaurantId FOR UPDATE", new { restaurantId }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM weekly_hours WHERE restaurant_id = @restaurantId;
            DELETE FROM hours_exceptions WHERE restaurant_id = @restaurantId;
            """, new { restaurantId }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO weekly_hours (restaurant_id, day, opens, closes, name)
            VALUES (@restaurantId, @Day, @Opens::time, @Closes::time, @Name)
            """, hours.Weekly.Select(w => new
        {
            restaurantId,
            Day = (short)w.Day,
            Opens = OpeningHoursRules.FormatTime(w.Period.Open),
            Closes = OpeningHoursRules.FormatTime(w.Period.Close),
            w.Period.Name,
        }), transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hours_exceptions (restaurant_id, date, closed, note) VALUES (@restaurantId, @Date::date, @Closed, @Note)
            """, hours.Exceptions.Select(e => new { restaurantId, Date = OpeningHoursRules.FormatDate(e.Date), e.Closed, e.Note }),
            transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO hours_exception_periods (restaurant_id, date, opens, closes, name)
            VALUES (@restaurantId, @Date::date, @Opens::time, @Closes::time, @Name)
            """, hours.Exceptions.SelectMany(e => e.Periods.Select(p => new
        {
            restaurantId,
            Date = OpeningHoursRules.FormatDate(e.Date),
            Opens = OpeningHoursRules.FormatTime(p.Open),
            Closes = OpeningHoursRules.FormatTime(p.Close),
            p.Name,
        })), transaction, cancellationToken: ct));
        await outbox.AddAsync(connection, transaction, ToEvent(restaurantId, timeZone, hours, now), ct);
    }

    public static HoursChanged ToEvent(Guid restaurantId, string timeZone, OpeningHours hours, DateTimeOffset now) => new(
        restaurantId,
        timeZone,
        hours.Weekly.Select(w => new WeeklyHours(
            OpeningHoursRules.DayName(w.Day), OpeningHoursRules.FormatTime(w.Period.Open), OpeningHoursRules.FormatTime(w.Period.Close), w.Period.Name)).ToList(),
        hours.Exceptions.Select(e => new HoursException(
            OpeningHoursRules.FormatDate(e.Date),
            e.Closed,
            e.Periods.Select(p => new ExceptionHours(OpeningHoursRules.FormatTime(p.Open), OpeningHoursRules.FormatTime(p.Close), p.Name)).ToList(),
            e.Note)).ToList(),
        now);

    private static LocalTime Time(string text) => DbTime.Parse(text).GetValueOrThrow();
}
