using System.Net;
using Dapper;
using Npgsql;

namespace Brigade.Reservations.Tests;

/// <summary>Real concurrent requests against the real database: the invariants hold whoever wins.</summary>
public sealed class ConcurrencyTests(ReservationsFactory factory) : IClassFixture<ReservationsFactory>
{
    /// <summary>Pairs of active holds on one table whose times overlap: must always be zero.</summary>
    private Task<long> OverlapsAsync(Guid restaurantId, string holds = "table_holds") => factory.CountAsync($"""
        SELECT count(*) FROM {holds} a JOIN {holds} b
          ON a.table_id = b.table_id AND a.reservation_id < b.reservation_id AND a.during && b.during
        WHERE a.active AND b.active AND a.restaurant_id = @restaurantId
        """, new { restaurantId });

    [Fact]
    public async Task Many_diners_racing_for_one_table_produce_exactly_one_booking()
    {
        var r = await factory.RestaurantAsync();
        var start = TestRestaurant.At(19);
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => factory.BookAsync(Actor.Diner(), r.Id, start)));

        responses.Count(x => x.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(x => x.StatusCode == HttpStatusCode.Conflict).ShouldBe(199);
        (await factory.CountAsync("SELECT count(*) FROM reservations WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(1);
        (await OverlapsAsync(r.Id)).ShouldBe(0);
        (await factory.CountAsync("SELECT used FROM slot_covers WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(2);
    }

    [Fact]
    public async Task Overlapping_turns_racing_at_different_slots_never_share_a_table()
    {
        var r = await factory.RestaurantAsync((1, 4), (1, 4));
        var starts = new[] { TestRestaurant.At(18), TestRestaurant.At(18, 15), TestRestaurant.At(18, 30), TestRestaurant.At(18, 45), TestRestaurant.At(19) };
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => factory.BookAsync(Actor.Diner(), r.Id, starts[i % starts.Length])));

        responses.ShouldAllBe(x => x.StatusCode == HttpStatusCode.Created || x.StatusCode == HttpStatusCode.Conflict);
        responses.Count(x => x.StatusCode == HttpStatusCode.Created).ShouldBe(2);
        (await OverlapsAsync(r.Id)).ShouldBe(0);
    }

    [Fact]
    public async Task Pacing_is_never_exceeded_under_concurrent_bookings()
    {
        var r = await factory.RestaurantAsync(Enumerable.Range(0, 12).Select(_ => (1, 4)).ToArray());
        await factory.PutSettingsAsync(r, new { coversPerSlot = 7 });
        var start = TestRestaurant.At(19);
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => factory.BookAsync(Actor.Diner(), r.Id, start, partySize: 2)));

        responses.Count(x => x.StatusCode == HttpStatusCode.Created).ShouldBe(3); // 3 × 2 = 6 ≤ 7 < 8
        (await factory.CountAsync("SELECT used FROM slot_covers WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(6);
        (await factory.CountAsync("SELECT coalesce(sum(party_size), 0) FROM reservations WHERE restaurant_id = @Id AND status <> 'cancelled'", new { r.Id })).ShouldBe(6);
        var problem = await responses.First(x => x.StatusCode == HttpStatusCode.Conflict).ShouldBeAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("covers");
    }

    /// <summary>
    /// The control: a check-then-insert writer that skips the application's checks entirely is still refused by
    /// the database, so the invariant does not depend on the code path that writes.
    /// </summary>
    [Fact]
    public async Task The_database_refuses_an_overlapping_hold_that_bypasses_the_application()
    {
        var r = await factory.RestaurantAsync();
        var booked = await factory.BookedAsync(Actor.Diner(), r.Id, TestRestaurant.At(19));
        await using var connection = await factory.Db.OpenConnectionAsync();
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync("""
            INSERT INTO reservations (id, restaurant_id, party_size, starts_at, ends_at, status, table_ids, currency, created_at, updated_at, service_date)
            VALUES (@id, @restaurantId, 2, @start, @end, 'confirmed', '{}', 'KRW', now(), now(), @start::date)
            """, new { id, restaurantId = r.Id, start = TestRestaurant.At(20).UtcDateTime, end = TestRestaurant.At(21, 30).UtcDateTime });
        var refused = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync("""
            INSERT INTO table_holds (reservation_id, table_id, restaurant_id, during)
            VALUES (@id, @table, @restaurantId, tstzrange(@start, @end))
            """, new { id, table = r.Tables[0], restaurantId = r.Id, start = TestRestaurant.At(20).UtcDateTime, end = TestRestaurant.At(21, 30).UtcDateTime }));
        refused.SqlState.ShouldBe(PostgresErrorCodes.ExclusionViolation);
        booked.GetProperty("tableIds")[0].GetGuid().ShouldBe(r.Tables[0]);

        var overrun = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync(
            "UPDATE slot_covers SET used = used - 100 WHERE restaurant_id = @Id", new { r.Id }));
        overrun.SqlState.ShouldBe(PostgresErrorCodes.CheckViolation);
    }

    /// <summary>
    /// The checker's own control: writers that check and then insert, with nothing in the database to stop
    /// them (a copy of table_holds without its exclusion constraint), do overbook under the same race, and
    /// <see cref="OverlapsAsync"/> sees it. A checker that cannot catch this would prove nothing above.
    /// </summary>
    [Fact]
    public async Task The_overlap_checker_catches_a_broken_check_then_insert_writer()
    {
        var r = await factory.RestaurantAsync();
        await using (var setup = await factory.Db.OpenConnectionAsync())
        {
            await setup.ExecuteAsync("CREATE TABLE IF NOT EXISTS broken_holds (LIKE table_holds INCLUDING DEFAULTS)");
        }

        var start = TestRestaurant.At(19);
        const int writers = 5;
        var checkedCount = 0;
        var allChecked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            await using var connection = await factory.Db.OpenConnectionAsync();
            var taken = await connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM broken_holds WHERE table_id = @table AND active AND during && tstzrange(@start, @end))",
                new { table = r.Tables[0], start = start.UtcDateTime, end = start.AddMinutes(90).UtcDateTime });

            // The window every check-then-insert has, held open until every writer has checked.
            if (Interlocked.Increment(ref checkedCount) == writers)
            {
                allChecked.SetResult();
            }

            await allChecked.Task;
            if (!taken)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO broken_holds (reservation_id, table_id, restaurant_id, during) VALUES (@id, @table, @restaurantId, tstzrange(@start, @end))",
                    new { id = Guid.CreateVersion7(), table = r.Tables[0], restaurantId = r.Id, start = start.UtcDateTime, end = start.AddMinutes(90).UtcDateTime });
            }
        }));

        (await OverlapsAsync(r.Id, "broken_holds")).ShouldBe(writers * (writers - 1) / 2);
    }
}
