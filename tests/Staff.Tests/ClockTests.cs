using System.Net;
using System.Net.Http.Json;
using NodaTime;

namespace Brigade.Staff.Tests;

/// <summary>The time clock: windows, one running timecard, breaks, managers' corrections with audit, approval rules.</summary>
public sealed class ClockTests(StaffFactory factory) : IClassFixture<StaffFactory>
{
    private static readonly DateTimeZone Seoul = DateTimeZoneProviders.Tzdb["Asia/Seoul"];

    /// <summary>Plans and publishes a 4-hour shift starting about <paramref name="minutesFromNow"/> minutes from now (Seoul); answers its start.</summary>
    private async Task<DateTimeOffset> PublishedShiftAsync(TestRestaurant r, Guid employeeId, int minutesFromNow)
    {
        var start = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromMinutes(minutesFromNow + 1)).InZone(Seoul).LocalDateTime;
        var shift = await factory.PostAsync(r.Manager, "/api/staff/shifts", HttpStatusCode.Created, new
        {
            restaurantId = r.Id, employeeId, date = start.Date.ToString("yyyy-MM-dd", null), startTime = start.ToString("HH:mm", null),
            endTime = start.PlusHours(4).ToString("HH:mm", null), breakMinutes = 30,
        });
        await factory.PostAsync(r.Manager, "/api/staff/schedule/publish", HttpStatusCode.OK, new { restaurantId = r.Id, week = start.Date.ToString("yyyy-MM-dd", null) });
        return shift.GetProperty("start").GetDateTimeOffset();
    }

    [Fact]
    public async Task Clocking_in_too_early_is_refused_and_inside_the_window_is_paid_from_the_start()
    {
        var r = StaffFactory.Restaurant();
        var early = await factory.EmployeeAsync(r, r.Staff);
        var onTime = Actor.Person("park", ["staff"], (r.Id, "staff"));
        var second = await factory.EmployeeAsync(r, onTime);
        await PublishedShiftAsync(r, early, 120);
        var start = await PublishedShiftAsync(r, second, 10);

        (await factory.PostAsync(r.Staff, "/api/staff/clock/in", HttpStatusCode.Conflict, new { restaurantId = r.Id })).Code().ShouldBe("too_early");
        (await factory.CountAsync("SELECT count(*) FROM timecards WHERE employee_id = @early", new { early })).ShouldBe(0);
        var card = await factory.PostAsync(onTime, "/api/staff/clock/in", HttpStatusCode.OK, new { restaurantId = r.Id });
        card.GetProperty("clockIn").GetDateTimeOffset().ShouldBe(start);
        card.GetProperty("late").GetBoolean().ShouldBeFalse();
        card.Str("status").ShouldBe("open");
    }

    [Fact]
    public async Task A_day_on_the_clock_with_a_break()
    {
        var r = StaffFactory.Restaurant();
        await factory.EmployeeAsync(r, r.Staff);
        var body = new { restaurantId = r.Id };

        await factory.PostAsync(r.Staff, "/api/staff/clock/out", HttpStatusCode.Conflict, body);
        await factory.PostAsync(r.Staff, "/api/staff/clock/in", HttpStatusCode.OK, body);
        (await factory.PostAsync(r.Staff, "/api/staff/clock/in", HttpStatusCode.Conflict, body)).Code().ShouldBe("already_clocked_in");
        await factory.PostAsync(r.Staff, "/api/staff/clock/break-start", HttpStatusCode.OK, body);
        await factory.PostAsync(r.Staff, "/api/staff/clock/break-start", HttpStatusCode.Conflict, body);
        await factory.PostAsync(r.Staff, "/api/staff/clock/break-end", HttpStatusCode.OK, body);
        await factory.PostAsync(r.Staff, "/api/staff/clock/break-start", HttpStatusCode.OK, body);
        var card = await factory.PostAsync(r.Staff, "/api/staff/clock/out", HttpStatusCode.OK, body);

        card.Str("status").ShouldBe("pending");
        card.GetProperty("breaks").GetArrayLength().ShouldBe(2);
        card.GetProperty("breaks").EnumerateArray().All(b => b.GetProperty("end").ValueKind == System.Text.Json.JsonValueKind.String).ShouldBeTrue();
        var mine = await factory.GetAsync(r.Staff, $"/api/staff/timecards?restaurantId={r.Id}&from=2020-01-01&to=2020-01-31");
        mine.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Concurrent_clock_ins_leave_one_running_timecard()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r, r.Staff);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var client = factory.ClientFor(r.Staff);
            return (await client.PostAsJsonAsync("/api/staff/clock/in", new { restaurantId = r.Id })).StatusCode;
        }));

        responses.Count(s => s == HttpStatusCode.OK).ShouldBe(1);
        responses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(5);
        (await factory.CountAsync("SELECT count(*) FROM timecards WHERE employee_id = @id", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task Only_employees_clock_in_and_outsiders_see_no_restaurant()
    {
        var r = StaffFactory.Restaurant();

        (await factory.PostAsync(r.Staff, "/api/staff/clock/in", HttpStatusCode.Forbidden, new { restaurantId = r.Id })).Code().ShouldBe("not_an_employee");
        await factory.PostAsync(StaffFactory.Restaurant().Staff, "/api/staff/clock/in", HttpStatusCode.NotFound, new { restaurantId = r.Id });
        await (await factory.ClientFor(r.Staff).PostAsJsonAsync("/api/staff/clock/in", new { })).ShouldBeInvalidAsync("restaurantId");
    }

    [Fact]
    public async Task A_manager_fixes_a_missed_punch_with_a_reason_and_the_trail_keeps_before_and_after()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r);
        var cardId = await factory.WorkedAsync(r, id, "2026-11-02T09:00", "2026-11-02T18:00", [("2026-11-02T12:00", "2026-11-02T13:00")]);

        using var client = factory.ClientFor(r.Manager);
        await (await client.PutAsJsonAsync($"/api/staff/timecards/{cardId}", new { clockIn = "2026-11-02T09:00:00+09:00", clockOut = "2026-11-02T19:00:00+09:00" }))
            .ShouldBeInvalidAsync("reason");
        await (await client.PutAsJsonAsync($"/api/staff/timecards/{cardId}", new
        {
            clockIn = "2026-11-02T09:00:00+09:00", clockOut = "2026-11-02T08:00:00+09:00", reason = "x",
        })).ShouldBeInvalidAsync("clockOut");
        var edited = await factory.PutAsync(r.Manager, $"/api/staff/timecards/{cardId}", HttpStatusCode.OK, new
        {
            clockIn = "2026-11-02T09:00:00+09:00", clockOut = "2026-11-02T19:00:00+09:00",
            breaks = new[] { new { start = "2026-11-02T12:00:00+09:00", end = "2026-11-02T13:00:00+09:00" } }, reason = "퇴근 기록 누락",
        });

        edited.Str("status").ShouldBe("pending");
        var trail = await factory.GetAsync(r.Manager, $"/api/staff/timecards/{cardId}/audit");
        trail.EnumerateArray().Select(a => a.Str("action")).ShouldBe(["created", "approved", "edited"]);
        var edit = trail[2];
        edit.Str("reason").ShouldBe("퇴근 기록 누락");
        edit.Str("before").ShouldContain("approved");
        edit.Str("after").ShouldContain("pending");
        edit.GetProperty("by").GetGuid().ShouldBe(r.Manager.Id);
        await factory.GetAsync(r.Staff, $"/api/staff/timecards/{cardId}/audit", HttpStatusCode.Forbidden);
        await factory.GetAsync(StaffFactory.Restaurant().Manager, $"/api/staff/timecards/{cardId}/audit", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Nobody_approves_their_own_hours_and_approval_announces_the_cost()
    {
        var r = StaffFactory.Restaurant();
        var managerAsEmployee = await factory.EmployeeAsync(r, r.Manager);
        var cardId = await factory.WorkedAsync(r, managerAsEmployee, "2026-11-02T09:00", "2026-11-02T18:00", [("2026-11-02T12:00", "2026-11-02T13:00")], approve: false);

        (await factory.PostAsync(r.Manager, $"/api/staff/timecards/{cardId}/approve", HttpStatusCode.Forbidden)).Code().ShouldBe("own_timecard");
        (await factory.PostAsync(r.Staff, $"/api/staff/timecards/{cardId}/approve", HttpStatusCode.Forbidden)).Code().ShouldBe("managers_only");
        await factory.PostAsync(StaffFactory.Restaurant().Owner, $"/api/staff/timecards/{cardId}/approve", HttpStatusCode.NotFound);
        (await factory.OutboxAsync("staff.timecard.approved", r.Id)).ShouldBeEmpty();
        var approved = await factory.PostAsync(r.Owner, $"/api/staff/timecards/{cardId}/approve", HttpStatusCode.OK);
        await factory.PostAsync(r.Owner, $"/api/staff/timecards/{cardId}/approve", HttpStatusCode.Conflict);

        approved.Str("status").ShouldBe("approved");
        var e = (await factory.OutboxAsync("staff.timecard.approved", r.Id)).Single();
        e.GetProperty("timecardId").GetGuid().ShouldBe(cardId);
        e.GetProperty("userId").GetGuid().ShouldBe(r.Manager.Id);
        e.GetProperty("minutes").GetInt32().ShouldBe(480);
        e.GetProperty("breakMinutes").GetInt32().ShouldBe(60);
        e.GetProperty("cost").GetInt64().ShouldBe(96_000);
    }
}
