using System.Net;
using System.Text.Json;
using Brigade.Jobs.Domain;
using NodaTime;

namespace Brigade.Jobs.Tests;

/// <summary>Check-in and out with the venue's rotating code and the phone's position; timesheets; two-way ratings.</summary>
public sealed class AttendanceTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    /// <summary>About 50 m east of the venue.</summary>
    private static object At(TestRestaurant r, double metresEast = 50) => new { lat = r.Lat, lng = r.Lng + metresEast / 88_000 };

    private async Task<string> CodeAsync(TestRestaurant r, Guid jobId) =>
        (await factory.GetAsync(r.Staff, $"/api/jobs/{jobId}/attendance-code")).GetProperty("code").GetString()!;

    private async Task<(TestRestaurant R, Guid Job, Actor Worker, Guid Booking)> BookedSoonAsync()
    {
        var r = await factory.RestaurantAsync();
        var job = await factory.JobAsync(r, Scenario.SoonPosting(r));
        var worker = Actor.Worker();
        return (r, job, worker, await factory.BookedAsync(r, worker, job));
    }

    [Fact]
    public async Task A_worked_shift_from_check_in_to_payment_and_ratings()
    {
        var (r, job, worker, booking) = await BookedSoonAsync();

        var checkedIn = await factory.PostAsync(worker, $"/api/jobs/applications/{booking}/check-in", HttpStatusCode.OK,
            new { code = await CodeAsync(r, job), location = At(r) });
        checkedIn.Status().ShouldBe("checked_in");

        // Three hours later (the shift runs 3 hours, no break): check out at the venue.
        await factory.StartInAsync(job, TimeSpan.FromHours(-3));
        var checkedOut = await factory.PostAsync(worker, $"/api/jobs/applications/{booking}/check-out", HttpStatusCode.OK,
            new { code = await CodeAsync(r, job), location = At(r, 20) });
        var timesheet = checkedOut.GetProperty("timesheet");
        timesheet.GetProperty("status").GetString().ShouldBe("pending");
        timesheet.GetProperty("paidMinutes").GetInt32().ShouldBe(180);
        timesheet.GetProperty("gross").GetProperty("amount").GetInt64().ShouldBe(36_000);

        var pending = await factory.GetAsync(r.Staff, $"/api/jobs/timesheets?restaurantId={r.Id}");
        pending.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldBe([booking]);
        await factory.PostAsync(r.Staff, $"/api/jobs/applications/{booking}/timesheet/approve", HttpStatusCode.Forbidden);
        (await factory.EventTypesAboutAsync(booking)).ShouldNotContain("jobs.shift.completed");

        var approved = await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booking}/timesheet/approve", HttpStatusCode.OK);
        approved.GetProperty("timesheet").GetProperty("approvedBy").GetString().ShouldBe("restaurant");
        var completed = (await factory.EventsAboutAsync(booking)).Single(e => e.Type == "jobs.shift.completed").Payload;
        completed.GetProperty("workerId").GetGuid().ShouldBe(worker.Id);
        completed.GetProperty("paidMinutes").GetInt32().ShouldBe(180);
        completed.GetProperty("hourlyWage").GetInt64().ShouldBe(12_000);
        completed.GetProperty("gross").GetInt64().ShouldBe(36_000);
        completed.GetProperty("currency").GetString().ShouldBe("KRW");
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booking}/timesheet/approve", HttpStatusCode.Conflict);
        (await factory.EventsAboutAsync(booking)).Count(e => e.Type == "jobs.shift.completed").ShouldBe(1);

        // Both sides rate once; the averages move.
        await factory.PostAsync(worker, $"/api/jobs/applications/{booking}/rating", HttpStatusCode.OK, new { score = 5, comment = "친절해요" });
        await factory.PostAsync(worker, $"/api/jobs/applications/{booking}/rating", HttpStatusCode.Conflict, new { score = 1 });
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booking}/rating", HttpStatusCode.OK, new { score = 4 });
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booking}/rating", HttpStatusCode.BadRequest, new { score = 6 });
        await factory.PostAsync(Actor.Worker(), $"/api/jobs/applications/{booking}/rating", HttpStatusCode.NotFound, new { score = 1 });
        (await factory.GetAsync(Actor.Anonymous, $"/api/jobs/{job}")).GetProperty("restaurantRating").GetProperty("average").GetDouble().ShouldBe(5);
        var record = (await factory.GetAsync(r.Manager, $"/api/jobs/{job}/applications")).GetProperty("items")[0].GetProperty("worker");
        record.GetProperty("rating").GetProperty("average").GetDouble().ShouldBe(4);
        record.GetProperty("completedShifts").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Check_in_code_rules()
    {
        var (r, job, worker, booking) = await BookedSoonAsync();
        var path = $"/api/jobs/applications/{booking}/check-in";
        var secret = await factory.SecretAsync(job);
        var step = AttendanceCode.StepAt(SystemClock.Instance.GetCurrentInstant());
        var expired = AttendanceCode.At(secret, step - 6); // shown three minutes ago
        var current = await CodeAsync(r, job);
        var wrong = Enumerable.Range(1, 9).Select(d => ((int.Parse(current, System.Globalization.CultureInfo.InvariantCulture) + d * 111_111) % 1_000_000).ToString("D6", null))
            .First(c => AttendanceCode.Check(secret, c, SystemClock.Instance.GetCurrentInstant()) == CodeCheck.Wrong);

        async Task<JsonElement> Refused(object body) => await factory.PostAsync(worker, path, HttpStatusCode.BadRequest, body);

        (await Refused(new { code = expired, location = At(r) })).GetProperty("errors").GetProperty("code")[0].GetString()!.ShouldContain("expired");
        (await Refused(new { code = wrong, location = At(r) })).GetProperty("errors").GetProperty("code")[0].GetString()!.ShouldContain("not the code");
        (await Refused(new { code = await CodeAsync(r, job), location = At(r, 1_000) })).GetProperty("errors").GetProperty("location")[0].GetString()!.ShouldContain("from the venue");
        (await Refused(new { code = "12ab", location = At(r) })).GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
        (await Refused(new { code = await CodeAsync(r, job) })).GetProperty("errors").TryGetProperty("location", out _).ShouldBeTrue();
        await factory.PostAsync(Actor.Worker(), path, HttpStatusCode.NotFound, new { code = await CodeAsync(r, job), location = At(r) });
        (await factory.GetAsync(worker, $"/api/jobs/applications/{booking}")).Status().ShouldBe("accepted");
        await factory.GetAsync(worker, $"/api/jobs/{job}/attendance-code", HttpStatusCode.NotFound);

        (await factory.PostAsync(worker, path, HttpStatusCode.OK, new { code = await CodeAsync(r, job), location = At(r) })).Status().ShouldBe("checked_in");
        await factory.PostAsync(worker, path, HttpStatusCode.Conflict, new { code = await CodeAsync(r, job), location = At(r) });
    }

    [Fact]
    public async Task Check_in_opens_an_hour_before_the_start()
    {
        var r = await factory.RestaurantAsync();
        var job = await factory.JobAsync(r, Scenario.SoonPosting(r, minutesFromNow: 120));
        var worker = Actor.Worker();
        var booking = await factory.BookedAsync(r, worker, job);

        (await factory.PostAsync(worker, $"/api/jobs/applications/{booking}/check-in", HttpStatusCode.Conflict,
            new { code = await CodeAsync(r, job), location = At(r) })).Code().ShouldBe("check_in_closed");
    }

    [Fact]
    public async Task The_employer_adjusts_a_timesheet_with_a_note_or_it_is_approved_at_the_deadline()
    {
        var (r, job, worker, booking) = await BookedSoonAsync();
        var second = Actor.Worker();
        var other = await factory.BookedAsync(r, second, job);
        foreach (var (who, id) in new[] { (worker, booking), (second, other) })
        {
            await factory.PostAsync(who, $"/api/jobs/applications/{id}/check-in", HttpStatusCode.OK, new { code = await CodeAsync(r, job), location = At(r) });
        }

        await factory.StartInAsync(job, TimeSpan.FromHours(-3));
        foreach (var (who, id) in new[] { (worker, booking), (second, other) })
        {
            await factory.PostAsync(who, $"/api/jobs/applications/{id}/check-out", HttpStatusCode.OK, new { code = await CodeAsync(r, job), location = At(r) });
        }

        var pending = await factory.GetAsync(r.Manager, $"/api/jobs/applications/{booking}");
        var checkedIn = pending.GetProperty("timesheet").GetProperty("checkedInAt").GetDateTimeOffset();
        var adjusted = new { checkedInAt = checkedIn.AddHours(-1), checkedOutAt = checkedIn.AddHours(3), breakMinutes = 30 };
        (await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booking}/timesheet/approve", HttpStatusCode.BadRequest, adjusted))
            .GetProperty("errors").TryGetProperty("note", out _).ShouldBeTrue();
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booking}/timesheet/approve", HttpStatusCode.BadRequest,
            new { checkedInAt = checkedIn, checkedOutAt = checkedIn.AddHours(-1), note = "x" });

        var approved = await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booking}/timesheet/approve", HttpStatusCode.OK,
            new { adjusted.checkedInAt, adjusted.checkedOutAt, adjusted.breakMinutes, note = "마감 정리로 30분 연장" });
        var sheet = approved.GetProperty("timesheet");
        sheet.GetProperty("adjusted").GetBoolean().ShouldBeTrue();
        sheet.GetProperty("paidMinutes").GetInt32().ShouldBe(210);
        sheet.GetProperty("gross").GetProperty("amount").GetInt64().ShouldBe(42_000);
        (await factory.EventsAboutAsync(booking)).Single(e => e.Type == "jobs.shift.completed").Payload.GetProperty("gross").GetInt64().ShouldBe(42_000);

        // The other timesheet is left alone: approved as it stands at the deadline.
        await factory.Clock.RunAsync(SystemClock.Instance.GetCurrentInstant() + Duration.FromHours(23), default);
        (await factory.GetAsync(second, $"/api/jobs/applications/{other}")).GetProperty("timesheet").GetProperty("status").GetString().ShouldBe("pending");
        await factory.Clock.RunAsync(SystemClock.Instance.GetCurrentInstant() + Duration.FromHours(25), default);
        var auto = (await factory.GetAsync(second, $"/api/jobs/applications/{other}")).GetProperty("timesheet");
        auto.GetProperty("status").GetString().ShouldBe("approved");
        auto.GetProperty("approvedBy").GetString().ShouldBe("auto");
        (await factory.EventsAboutAsync(other)).Single(e => e.Type == "jobs.shift.completed").Payload.GetProperty("gross").GetInt64().ShouldBe(36_000);
    }

    [Fact]
    public async Task A_worker_who_forgets_to_check_out_is_checked_out_at_the_scheduled_end()
    {
        var (r, job, worker, booking) = await BookedSoonAsync();
        await factory.PostAsync(worker, $"/api/jobs/applications/{booking}/check-in", HttpStatusCode.OK, new { code = await CodeAsync(r, job), location = At(r) });
        await factory.StartInAsync(job, TimeSpan.FromHours(-6)); // ended three hours ago

        await factory.Clock.RunAsync(SystemClock.Instance.GetCurrentInstant(), default);

        var a = await factory.GetAsync(worker, $"/api/jobs/applications/{booking}");
        a.Status().ShouldBe("checked_out");
        a.GetProperty("timesheet").GetProperty("autoCheckedOut").GetBoolean().ShouldBeTrue();
        a.GetProperty("timesheet").GetProperty("paidMinutes").GetInt32().ShouldBe(180);
        (await factory.GetAsync(r.Manager, $"/api/jobs/{job}")).Status().ShouldBe("completed");
    }
}
