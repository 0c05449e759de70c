using System.Net;
using System.Net.Http.Json;

namespace Brigade.Staff.Tests;

/// <summary>The week's schedule: warnings, the labour budget, publishing with its event, swaps with a manager's approval.</summary>
public sealed class ScheduleTests(StaffFactory factory) : IClassFixture<StaffFactory>
{
    // A week far ahead so shifts have not started: 2030-03-04 is a Monday.
    private const string Monday = "2030-03-04";

    private Task<System.Text.Json.JsonElement> ShiftAsync(TestRestaurant r, Guid employeeId, string date, string start, string end, int breakMinutes = 0,
        HttpStatusCode expected = HttpStatusCode.Created, Actor? who = null) =>
        factory.PostAsync(who ?? r.Manager, "/api/staff/shifts", expected, new { restaurantId = r.Id, employeeId, date, startTime = start, endTime = end, breakMinutes });

    [Fact]
    public async Task A_clopen_is_warned_and_a_double_booking_refused()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r);

        var close = await ShiftAsync(r, id, Monday, "18:00", "02:00", 30);
        var open = await ShiftAsync(r, id, "2030-03-05", "09:00", "13:00", 30);
        (await ShiftAsync(r, id, "2030-03-05", "12:00", "15:00", expected: HttpStatusCode.Conflict)).Code().ShouldBe("overlap");

        close.GetProperty("end").GetDateTimeOffset().ShouldBe(DateTimeOffset.Parse("2030-03-05T02:00:00+09:00"));
        open.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ShouldContain("short_rest");
        // 18:00–02:00 less 30 minutes taken from the end: 450 minutes, 210 of them at night (22:00–01:30), at 12,000 won.
        close.Amount("cost").ShouldBe(90_000 + 21_000);
    }

    [Fact]
    public async Task The_labour_percent_compares_scheduled_cost_with_the_forecast()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r);
        await ShiftAsync(r, id, Monday, "09:00", "18:00", 60);
        await factory.PutAsync(r.Manager, $"/api/staff/budgets/{r.Id}/{Monday}", HttpStatusCode.NoContent, new { forecastSales = new { amount = 400_000, currency = "KRW" }, targetPercent = 20 });

        var week = await factory.GetAsync(r.Manager, $"/api/staff/schedule?restaurantId={r.Id}&week=2030-03-06");

        week.Str("weekStart").ShouldBe(Monday);
        var day = week.GetProperty("days")[0];
        day.Amount("scheduledCost").ShouldBe(96_000);
        day.GetProperty("labourPercent").GetDecimal().ShouldBe(24.0m);
        day.GetProperty("overTarget").GetBoolean().ShouldBeTrue();
        await (await factory.ClientFor(r.Manager).PutAsJsonAsync($"/api/staff/budgets/{r.Id}/{Monday}", new { forecastSales = new { amount = -1 }, targetPercent = 101 }))
            .ShouldBeInvalidAsync("forecastSales.amount", "targetPercent");
        await factory.PutAsync(r.Staff, $"/api/staff/budgets/{r.Id}/{Monday}", HttpStatusCode.Forbidden, new { forecastSales = new { amount = 1 } });
    }

    [Fact]
    public async Task Publishing_tells_the_staff_and_announces_the_week_with_its_cost()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r, r.Staff);
        await ShiftAsync(r, id, Monday, "09:00", "13:00");

        (await factory.GetAsync(r.Staff, $"/api/staff/schedule?restaurantId={r.Id}&week={Monday}")).GetProperty("shifts").GetArrayLength().ShouldBe(0);
        await factory.PostAsync(r.Staff, "/api/staff/schedule/publish", HttpStatusCode.Forbidden, new { restaurantId = r.Id, week = Monday });
        await factory.PostAsync(r.Manager, "/api/staff/schedule/publish", HttpStatusCode.OK, new { restaurantId = r.Id, week = Monday });

        var seen = await factory.GetAsync(r.Staff, $"/api/staff/schedule?restaurantId={r.Id}&week={Monday}");
        seen.GetProperty("shifts").GetArrayLength().ShouldBe(1);
        seen.GetProperty("shifts")[0].GetProperty("cost").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var e = (await factory.OutboxAsync("staff.shift.published", r.Id)).Single();
        e.Str("weekStart").ShouldBe(Monday);
        e.GetProperty("scheduledCost").GetInt64().ShouldBe(48_000);
        e.GetProperty("shifts")[0].GetProperty("userId").GetGuid().ShouldBe(r.Staff.Id);
        await factory.GetAsync(StaffFactory.Restaurant().Manager, $"/api/staff/schedule?restaurantId={r.Id}&week={Monday}", HttpStatusCode.NotFound);

        // The employee is told once: publishing the week again publishes nothing new and tells nobody.
        var notice = (await factory.NoticesAsync("staff.schedule.published", r.Id)).ShouldHaveSingleItem();
        Users(notice).ShouldBe([r.Staff.Id]);
        notice.Str("body").ShouldContain("1건");
        notice.Str("link").ShouldBe($"/manage/{r.Id}/staff?tab=schedule");
        await factory.PostAsync(r.Manager, "/api/staff/schedule/publish", HttpStatusCode.OK, new { restaurantId = r.Id, week = Monday });
        (await factory.NoticesAsync("staff.schedule.published", r.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_swap_moves_the_shift_only_when_a_manager_approves()
    {
        var r = StaffFactory.Restaurant();
        var colleague = Actor.Person("choi", ["staff"], (r.Id, "staff"));
        var mine = await factory.EmployeeAsync(r, r.Staff);
        var theirs = await factory.EmployeeAsync(r, colleague);
        var shift = (await ShiftAsync(r, mine, Monday, "09:00", "13:00")).GetProperty("id").GetGuid();

        (await factory.PostAsync(r.Staff, $"/api/staff/shifts/{shift}/swap", HttpStatusCode.Conflict, new { toEmployeeId = theirs })).Code().ShouldBe("not_swappable");
        await factory.PostAsync(r.Manager, "/api/staff/schedule/publish", HttpStatusCode.OK, new { restaurantId = r.Id, week = Monday });
        (await factory.PostAsync(colleague, $"/api/staff/shifts/{shift}/swap", HttpStatusCode.Forbidden, new { toEmployeeId = theirs })).Code().ShouldBe("not_your_shift");
        await (await factory.ClientFor(r.Staff).PostAsJsonAsync($"/api/staff/shifts/{shift}/swap", new { toEmployeeId = mine })).ShouldBeInvalidAsync("toEmployeeId");
        var swap = (await factory.PostAsync(r.Staff, $"/api/staff/shifts/{shift}/swap", HttpStatusCode.Created, new { toEmployeeId = theirs })).GetProperty("id").GetGuid();
        (await factory.PostAsync(r.Staff, $"/api/staff/shifts/{shift}/swap", HttpStatusCode.Conflict, new { toEmployeeId = theirs })).Code().ShouldBe("swap_pending");
        var asked = (await factory.NoticesAsync("staff.swap.requested", r.Id)).ShouldHaveSingleItem();
        Users(asked).ShouldBe([colleague.Id]);
        asked.GetProperty("audience").GetProperty("restaurantRoles").EnumerateArray().Select(x => x.GetString()).ShouldBe(["owner", "manager"]);

        (await factory.PostAsync(r.Staff, $"/api/staff/swaps/{swap}/approve", HttpStatusCode.Forbidden)).Code().ShouldBe("managers_only");
        await factory.PostAsync(StaffFactory.Restaurant().Manager, $"/api/staff/swaps/{swap}/approve", HttpStatusCode.NotFound);
        (await factory.CountAsync("SELECT count(*) FROM shifts WHERE id = @shift AND employee_id = @mine", new { shift, mine })).ShouldBe(1);
        (await factory.PostAsync(r.Manager, $"/api/staff/swaps/{swap}/approve", HttpStatusCode.OK)).Str("status").ShouldBe("approved");
        (await factory.PostAsync(r.Manager, $"/api/staff/swaps/{swap}/decline", HttpStatusCode.Conflict)).Code().ShouldBe("already_decided");

        (await factory.CountAsync("SELECT count(*) FROM shifts WHERE id = @shift AND employee_id = @theirs", new { shift, theirs })).ShouldBe(1);
        Users((await factory.NoticesAsync("staff.swap.approved", r.Id)).ShouldHaveSingleItem()).ShouldBe([r.Staff.Id, colleague.Id], ignoreOrder: true);
        (await factory.NoticesAsync("staff.swap.declined", r.Id)).ShouldBeEmpty();
    }

    private static Guid[] Users(System.Text.Json.JsonElement notice) =>
        notice.GetProperty("audience").GetProperty("userIds").EnumerateArray().Select(x => x.GetGuid()).ToArray();

    [Fact]
    public async Task Concurrent_plans_for_the_same_hours_leave_one_shift()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            using var client = factory.ClientFor(r.Manager);
            return (await client.PostAsJsonAsync("/api/staff/shifts", new
            {
                restaurantId = r.Id, employeeId = id, date = "2030-03-06", startTime = $"{9 + i % 2}:00".PadLeft(5, '0'), endTime = "14:00",
            })).StatusCode;
        }));

        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1);
        statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(5);
        (await factory.CountAsync("SELECT count(*) FROM shifts WHERE employee_id = @id", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_shifts_are_precise_400s()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r);
        using var client = factory.ClientFor(r.Manager);

        await (await client.PostAsJsonAsync("/api/staff/shifts", new { restaurantId = r.Id, employeeId = id, date = "2030-02-30", startTime = "25:00", endTime = "x", breakMinutes = 999 }))
            .ShouldBeInvalidAsync("date", "startTime", "endTime", "breakMinutes");
        await (await client.PostAsJsonAsync("/api/staff/shifts", new { restaurantId = r.Id, employeeId = id, date = Monday, startTime = "09:00", endTime = "09:00" }))
            .ShouldBeInvalidAsync("endTime");
        var other = StaffFactory.Restaurant();
        var elsewhere = await factory.EmployeeAsync(other);
        await ShiftAsync(r, elsewhere, Monday, "09:00", "10:00", expected: HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/staff/schedule?restaurantId={r.Id}&week=soon")).ShouldBeInvalidAsync("week");
        (await factory.CountAsync("SELECT count(*) FROM shifts WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
    }
}
