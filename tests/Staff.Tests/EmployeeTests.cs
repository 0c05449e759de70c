using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Brigade.Staff.Tests;

/// <summary>Employee records: who may see and change them, the minimum wage at hiring, bad input, tenant isolation.</summary>
public sealed class EmployeeTests(StaffFactory factory) : IClassFixture<StaffFactory>
{
    [Fact]
    public async Task A_manager_adds_an_employee_and_only_managers_and_the_employee_see_the_pay()
    {
        var r = StaffFactory.Restaurant();
        var person = Actor.Person("kim", ["staff"], (r.Id, "staff"));
        var created = await factory.PostAsync(r.Manager, "/api/staff/employees", HttpStatusCode.Created, StaffFactory.Employee(r, person, wage: 11_000));
        await factory.EmployeeAsync(r, r.Staff);

        created.Amount("pay").ShouldBe(11_000);
        created.GetProperty("weeklyHours").GetInt32().ShouldBe(40);
        var asStaff = await factory.GetAsync(r.Staff, $"/api/staff/employees?restaurantId={r.Id}");
        asStaff.GetArrayLength().ShouldBe(2);
        asStaff.EnumerateArray().Single(e => e.GetProperty("userId").GetGuid() == person.Id).GetProperty("pay").ValueKind.ShouldBe(JsonValueKind.Null);
        asStaff.EnumerateArray().Single(e => e.GetProperty("userId").GetGuid() == r.Staff.Id).GetProperty("pay").ValueKind.ShouldBe(JsonValueKind.Object);
        (await factory.GetAsync(person, $"/api/staff/employees/me?restaurantId={r.Id}")).Amount("pay").ShouldBe(11_000);
        (await factory.GetAsync(r.Owner, $"/api/staff/employees?restaurantId={r.Id}")).EnumerateArray().All(e => e.GetProperty("pay").ValueKind == JsonValueKind.Object).ShouldBeTrue();
    }

    [Fact]
    public async Task A_wage_below_the_minimum_is_refused_and_nothing_is_written()
    {
        var r = StaffFactory.Restaurant();

        using var client = factory.ClientFor(r.Manager);
        await (await client.PostAsJsonAsync("/api/staff/employees", StaffFactory.Employee(r, wage: 9_000))).ShouldBeInvalidAsync("pay.amount");
        await (await client.PostAsJsonAsync("/api/staff/employees", StaffFactory.Employee(r, wage: 2_000_000, kind: "monthly"))).ShouldBeInvalidAsync("pay.amount");

        (await factory.CountAsync("SELECT count(*) FROM employees WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
        await factory.PostAsync(r.Manager, "/api/staff/employees", HttpStatusCode.Created, StaffFactory.Employee(r, wage: 2_200_000, kind: "monthly"));
    }

    [Fact]
    public async Task Staff_cannot_hire_and_other_restaurants_see_nothing()
    {
        var r = StaffFactory.Restaurant();
        var other = StaffFactory.Restaurant();
        var id = await factory.EmployeeAsync(r);

        (await factory.PostAsync(r.Staff, "/api/staff/employees", HttpStatusCode.Forbidden, StaffFactory.Employee(r))).Code().ShouldBe("managers_only");
        await factory.PostAsync(other.Manager, "/api/staff/employees", HttpStatusCode.NotFound, StaffFactory.Employee(r));
        await factory.GetAsync(other.Manager, $"/api/staff/employees/{id}", HttpStatusCode.NotFound);
        await factory.GetAsync(other.Manager, $"/api/staff/employees?restaurantId={r.Id}", HttpStatusCode.NotFound);
        await factory.PutAsync(other.Owner, $"/api/staff/employees/{id}", HttpStatusCode.NotFound, StaffFactory.Employee(r, wage: 20_000));
        await factory.GetAsync(Actor.Anonymous, $"/api/staff/employees?restaurantId={r.Id}", HttpStatusCode.Unauthorized);
        (await factory.CountAsync("SELECT count(*) FROM employees WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(1);
    }

    [Fact]
    public async Task Bad_input_is_a_precise_400_and_nothing_is_written()
    {
        var r = StaffFactory.Restaurant();
        using var client = factory.ClientFor(r.Manager);

        (await client.PostAsync("/api/staff/employees", new StringContent("{\"restaurantId\":", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostAsync("/api/staff/employees", new StringContent($"{{\"restaurantId\":\"{r.Id}\",\"weeklyHours\":\"forty\"}}", Encoding.UTF8, "application/json")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await (await client.PostAsJsonAsync("/api/staff/employees", new { restaurantId = r.Id })).ShouldBeInvalidAsync("name", "position", "employmentType", "payKind", "pay", "weeklyHours", "contractStart");
        var huge = StaffFactory.Employee(r, wage: 1_000_000_000_000);
        huge["weeklyHours"] = 80;
        huge["employmentType"] = "slave";
        huge["contractEnd"] = "2024-01-01";
        huge["name"] = new string('가', 101);
        await (await client.PostAsJsonAsync("/api/staff/employees", huge)).ShouldBeInvalidAsync("pay.amount", "weeklyHours", "employmentType", "contractEnd", "name");

        (await factory.CountAsync("SELECT count(*) FROM employees WHERE restaurant_id = @Id", new { r.Id })).ShouldBe(0);
    }

    [Fact]
    public async Task One_record_per_person_and_stale_updates_are_refused()
    {
        var r = StaffFactory.Restaurant();
        var person = Actor.Person("lee", ["staff"], (r.Id, "staff"));
        var id = await factory.EmployeeAsync(r, person);

        (await factory.PostAsync(r.Manager, "/api/staff/employees", HttpStatusCode.Conflict, StaffFactory.Employee(r, person))).Code().ShouldBe("duplicate_employee");
        var updated = await factory.PutAsync(r.Manager, $"/api/staff/employees/{id}", HttpStatusCode.OK, StaffFactory.Employee(r, person, wage: 13_000), "\"1\"");
        updated.Amount("pay").ShouldBe(13_000);
        await factory.PutAsync(r.Manager, $"/api/staff/employees/{id}", HttpStatusCode.PreconditionFailed, StaffFactory.Employee(r, person, wage: 14_000), "\"1\"");
        (await factory.PutAsync(r.Staff, $"/api/staff/employees/{id}", HttpStatusCode.Forbidden, StaffFactory.Employee(r, person, wage: 50_000))).Code().ShouldBe("managers_only");
    }

    [Fact]
    public async Task The_small_workplace_setting_is_the_owners_and_managers_call()
    {
        var r = StaffFactory.Restaurant();

        (await factory.GetAsync(r.Staff, $"/api/staff/settings/{r.Id}")).GetProperty("smallWorkplace").GetBoolean().ShouldBeFalse();
        (await factory.PutAsync(r.Staff, $"/api/staff/settings/{r.Id}", HttpStatusCode.Forbidden, new { smallWorkplace = true })).Code().ShouldBe("managers_only");
        await factory.PutAsync(StaffFactory.Restaurant().Owner, $"/api/staff/settings/{r.Id}", HttpStatusCode.NotFound, new { smallWorkplace = true });
        await (await factory.ClientFor(r.Owner).PutAsJsonAsync($"/api/staff/settings/{r.Id}", new { smallWorkplace = true, graceMinutes = 500, timeZone = "Mars/Base" }))
            .ShouldBeInvalidAsync("graceMinutes", "timeZone");
        var saved = await factory.PutAsync(r.Owner, $"/api/staff/settings/{r.Id}", HttpStatusCode.OK, new { smallWorkplace = true });

        saved.GetProperty("smallWorkplace").GetBoolean().ShouldBeTrue();
        saved.Amount("minimumHourlyWage").ShouldBeGreaterThanOrEqualTo(10_320);
    }
}
