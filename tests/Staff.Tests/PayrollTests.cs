using System.Net;
using System.Text;
using Brigade.Contracts.Jobs;

namespace Brigade.Staff.Tests;

/// <summary>Monthly payroll through the API: golden cases, the small-workplace exemption, closing rules, CSV, the marketplace's hours.</summary>
public sealed class PayrollTests(StaffFactory factory) : IClassFixture<StaffFactory>
{
    private Task<System.Text.Json.JsonElement> RunAsync(TestRestaurant r, string month, HttpStatusCode expected = HttpStatusCode.OK, Actor? who = null) =>
        factory.PostAsync(who ?? r.Manager, "/api/staff/payrolls", expected, new { restaurantId = r.Id, month });

    /// <summary>
    /// 15 contracted hours at 12,000 won. Mon 2 Nov 18:00–02:00 (4 h at night); Tue 3 Nov 16:00–03:00 with a break 20–21
    /// (10 h: 2 h overtime, 5 h at night). 1,080 min × 200 = 216,000; overtime 120 × 100 = 12,000; night 540 × 100 = 54,000;
    /// weekly holiday pay 15 h / 40 × 8 h = 3 h = 36,000. Gross 318,000; under five employees 252,000.
    /// </summary>
    private async Task<Guid> NightWeekAsync(TestRestaurant r)
    {
        var id = await factory.EmployeeAsync(r, weeklyHours: 15);
        await factory.WorkedAsync(r, id, "2026-11-02T18:00", "2026-11-03T02:00");
        await factory.WorkedAsync(r, id, "2026-11-03T16:00", "2026-11-04T03:00", [("2026-11-03T20:00", "2026-11-03T21:00")]);
        return id;
    }

    [Fact]
    public async Task A_week_with_night_work_is_paid_to_the_won_and_exported()
    {
        var r = StaffFactory.Restaurant();
        var id = await NightWeekAsync(r);

        var payroll = await RunAsync(r, "2026-11");

        payroll.Str("status").ShouldBe("draft");
        payroll.Str("periodStart").ShouldBe("2026-11-01");
        payroll.Str("periodEnd").ShouldBe("2026-11-30");
        var slip = payroll.GetProperty("payslips").EnumerateArray().Single(p => p.GetProperty("employeeId").GetGuid() == id);
        var lines = slip.GetProperty("lines");
        lines.GetProperty("workedMinutes").GetInt32().ShouldBe(1080);
        lines.GetProperty("overtimeMinutes").GetInt32().ShouldBe(120);
        lines.GetProperty("nightMinutes").GetInt32().ShouldBe(540);
        lines.GetProperty("weeklyHolidayMinutes").GetInt32().ShouldBe(180);
        lines.GetProperty("basePay").GetInt64().ShouldBe(216_000);
        lines.GetProperty("overtimePay").GetInt64().ShouldBe(12_000);
        lines.GetProperty("nightPay").GetInt64().ShouldBe(54_000);
        lines.GetProperty("weeklyHolidayPay").GetInt64().ShouldBe(36_000);
        slip.Amount("gross").ShouldBe(318_000);
        payroll.Amount("gross").ShouldBe(318_000);

        using var client = factory.ClientFor(r.Manager);
        var csv = await client.GetAsync($"/api/staff/payrolls/{payroll.GetProperty("id").GetGuid()}/csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        text.Split('\n')[1].ShouldStartWith($"{id},\"김직원\",hourly,12000,1080,120,540,0,0,180,216000,12000,54000,0,36000,318000,false");
    }

    [Fact]
    public async Task Under_five_employees_the_same_week_pays_no_premiums()
    {
        var r = StaffFactory.Restaurant();
        await factory.PutAsync(r.Owner, $"/api/staff/settings/{r.Id}", HttpStatusCode.OK, new { smallWorkplace = true });
        await NightWeekAsync(r);

        var payroll = await RunAsync(r, "2026-11");

        payroll.GetProperty("smallWorkplace").GetBoolean().ShouldBeTrue();
        payroll.Amount("gross").ShouldBe(252_000);
        payroll.GetProperty("payslips")[0].GetProperty("lines").GetProperty("premiumsExempt").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Work_on_a_public_holiday_earns_the_holiday_premium()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r, weeklyHours: 15);
        await factory.WorkedAsync(r, id, "2026-10-09T09:00", "2026-10-09T18:00", [("2026-10-09T12:00", "2026-10-09T13:00")]);
        await factory.WorkedAsync(r, id, "2026-09-28T09:00", "2026-09-28T10:00");

        var payroll = await RunAsync(r, "2026-10");

        // 한글날 (9 Oct): 480 min, 96,000 + holiday 48,000; its week was attended: 3 h weekly holiday pay (36,000). 28 Sep is in
        // the week ending 4 Oct, so October pays that week's holiday pay too, but not 28 September's hour.
        var lines = payroll.GetProperty("payslips")[0].GetProperty("lines");
        lines.GetProperty("holidayMinutes").GetInt32().ShouldBe(480);
        lines.GetProperty("holidayPay").GetInt64().ShouldBe(48_000);
        lines.GetProperty("workedMinutes").GetInt32().ShouldBe(480);
        lines.GetProperty("weeklyHolidayPay").GetInt64().ShouldBe(72_000);
        payroll.Amount("gross").ShouldBe(96_000 + 48_000 + 72_000);
    }

    [Fact]
    public async Task A_payroll_below_the_minimum_wage_cannot_close_until_the_wage_is_raised()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r, weeklyHours: 0);
        var card = await factory.WorkedAsync(r, id, "2026-11-02T09:00", "2026-11-02T13:00");
        // A contract signed at the 2025 rate and never raised.
        await using (var c = await factory.Db.OpenConnectionAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(c, "UPDATE employees SET pay_rate = 10030 WHERE id = @id", new { id });
        }

        var payroll = await RunAsync(r, "2026-11");
        var payrollId = payroll.GetProperty("id").GetGuid();
        payroll.GetProperty("payslips")[0].GetProperty("belowMinimumWage").GetBoolean().ShouldBeTrue();
        payroll.GetProperty("payslips")[0].GetProperty("lines").GetProperty("minimumWage").GetInt64().ShouldBe(10_320);

        (await factory.PostAsync(r.Manager, $"/api/staff/payrolls/{payrollId}/close", HttpStatusCode.Forbidden)).Code().ShouldBe("owner_only");
        (await factory.PostAsync(r.Owner, $"/api/staff/payrolls/{payrollId}/close", HttpStatusCode.Conflict)).Code().ShouldBe("below_minimum_wage");
        (await factory.OutboxAsync("staff.payroll.closed", r.Id)).ShouldBeEmpty();

        await factory.PutAsync(r.Manager, $"/api/staff/employees/{id}", HttpStatusCode.OK, StaffFactory.Employee(r, wage: 10_320, weeklyHours: 0));
        var closed = await factory.PostAsync(r.Owner, $"/api/staff/payrolls/{payrollId}/close", HttpStatusCode.OK);

        closed.Str("status").ShouldBe("closed");
        closed.Amount("gross").ShouldBe(41_280);
        var e = (await factory.OutboxAsync("staff.payroll.closed", r.Id)).Single();
        e.GetProperty("gross").GetInt64().ShouldBe(41_280);
        e.GetProperty("employees").GetInt32().ShouldBe(1);
        (await factory.PutAsync(r.Manager, $"/api/staff/timecards/{card}", HttpStatusCode.Conflict, new
        {
            clockIn = "2026-11-02T09:00:00+09:00", clockOut = "2026-11-02T18:00:00+09:00", reason = "늦은 수정",
        })).Code().ShouldBe("payroll_closed");
        (await RunAsync(r, "2026-11", HttpStatusCode.Conflict)).Code().ShouldBe("payroll_closed");
        await factory.PostAsync(r.Owner, $"/api/staff/payrolls/{payrollId}/close", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unapproved_time_keeps_the_month_open()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r, weeklyHours: 0);
        await factory.WorkedAsync(r, id, "2026-11-02T09:00", "2026-11-02T13:00");
        var pending = await factory.WorkedAsync(r, id, "2026-11-03T09:00", "2026-11-03T13:00", approve: false);

        var payroll = await RunAsync(r, "2026-11");
        payroll.GetProperty("unapprovedTimecards").GetInt32().ShouldBe(1);
        payroll.Amount("gross").ShouldBe(48_000);
        var payrollId = payroll.GetProperty("id").GetGuid();
        (await factory.PostAsync(r.Owner, $"/api/staff/payrolls/{payrollId}/close", HttpStatusCode.Conflict)).Code().ShouldBe("unapproved_time");
        (await factory.GetAsync(r.Owner, $"/api/staff/payrolls/{payrollId}")).GetProperty("unapprovedTimecards").GetInt32().ShouldBe(1);

        await factory.PostAsync(r.Owner, $"/api/staff/timecards/{pending}/approve", HttpStatusCode.OK);
        // Closing recomputes: the hours approved after the draft are paid.
        (await factory.PostAsync(r.Owner, $"/api/staff/payrolls/{payrollId}/close", HttpStatusCode.OK)).Amount("gross").ShouldBe(96_000);
    }

    [Fact]
    public async Task Payrolls_are_for_the_restaurants_managers_only()
    {
        var r = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r);
        await factory.WorkedAsync(r, id, "2026-11-02T09:00", "2026-11-02T13:00");
        var payrollId = (await RunAsync(r, "2026-11")).GetProperty("id").GetGuid();
        var other = StaffFactory.Restaurant();

        await RunAsync(r, "2026-11", HttpStatusCode.Forbidden, r.Staff);
        await RunAsync(r, "2026-11", HttpStatusCode.NotFound, other.Manager);
        await factory.GetAsync(r.Staff, $"/api/staff/payrolls/{payrollId}", HttpStatusCode.Forbidden);
        await factory.GetAsync(other.Owner, $"/api/staff/payrolls/{payrollId}", HttpStatusCode.NotFound);
        await factory.GetAsync(other.Owner, $"/api/staff/payrolls/{payrollId}/csv", HttpStatusCode.NotFound);
        await factory.PostAsync(other.Owner, $"/api/staff/payrolls/{payrollId}/close", HttpStatusCode.NotFound);
        using var client = factory.ClientFor(r.Manager);
        await (await client.PostAsync("/api/staff/payrolls", System.Net.Http.Json.JsonContent.Create(new { restaurantId = r.Id, month = "2026-13" }))).ShouldBeInvalidAsync("month");
        await (await client.PostAsync("/api/staff/payrolls", System.Net.Http.Json.JsonContent.Create(new { restaurantId = r.Id, month = "2999-01" }))).ShouldBeInvalidAsync("month");
        await (await client.PostAsync("/api/staff/payrolls", System.Net.Http.Json.JsonContent.Create(new { month = 202611 }))).ShouldBeAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_marketplace_workers_approved_hours_become_a_timecard_once()
    {
        var r = StaffFactory.Restaurant();
        var worker = Guid.CreateVersion7();
        var application = Guid.CreateVersion7();
        var completed = new ShiftCompleted(application, Guid.CreateVersion7(), r.Id, worker, DateTimeOffset.Parse("2026-11-10T10:00:00+09:00"),
            DateTimeOffset.Parse("2026-11-10T14:30:00+09:00"), 240, 11_000, 44_000, "KRW", DateTimeOffset.Parse("2026-11-10T15:00:00+09:00"));

        await factory.PublishAsync(completed);
        await factory.PublishAsync(completed);
        await StaffFactory.EventuallyAsync(async () => await factory.CountAsync(
            "SELECT count(*) FROM timecards WHERE external_id = @application AND status = 'approved'", new { application }) == 1, "the marketplace shift to be recorded");

        var payroll = await RunAsync(r, "2026-11");
        var slip = payroll.GetProperty("payslips").EnumerateArray().Single();
        slip.GetProperty("lines").GetProperty("workedMinutes").GetInt32().ShouldBe(240);
        slip.Amount("gross").ShouldBe(44_000);
        (await factory.CountAsync("SELECT count(*) FROM employees WHERE restaurant_id = @Id AND user_id = @worker AND employment_type = 'day_worker'", new { r.Id, worker })).ShouldBe(1);
        (await factory.CountAsync("SELECT count(*) FROM timecards WHERE external_id = @application", new { application })).ShouldBe(1);
    }
}
