using System.Net;
using System.Text.Json;
using Brigade.Jobs.Domain;

namespace Brigade.Jobs.Tests;

/// <summary>Cancellation windows and penalties on both sides, and no-shows.</summary>
public sealed class PenaltyTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task A_worker_cancelling_in_good_time_owes_nothing_and_the_place_opens_again()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, headcount: 1, daysAhead: 5));
        var worker = Actor.Worker();
        var booked = await factory.BookedAsync(r, worker, id);

        var cancelled = await factory.PostAsync(worker, $"/api/jobs/applications/{booked}/cancel", HttpStatusCode.OK, new { reason = "시험 일정" });

        cancelled.Status().ShouldBe("cancelled");
        cancelled.GetProperty("lateCancel").GetBoolean().ShouldBeFalse();
        (await factory.GetAsync(Actor.Anonymous, $"/api/jobs/{id}")).Status().ShouldBe("open");
        (await factory.GetAsync(worker, "/api/jobs/profile")).GetProperty("suspended").GetBoolean().ShouldBeFalse();
        (await factory.CountAsync("SELECT count(*) FROM penalties WHERE worker_id = @Id", new { worker.Id })).ShouldBe(0);
        var cancelledEvent = (await factory.EventsAboutAsync(booked)).Single(e => e.Type == "jobs.shift.cancelled").Payload;
        cancelledEvent.GetProperty("cancelledBy").GetString().ShouldBe("worker");
        cancelledEvent.GetProperty("late").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_worker_cancelling_late_is_suspended()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, daysAhead: 3));
        var worker = Actor.Worker();
        var booked = await factory.BookedAsync(r, worker, id);
        await factory.StartInAsync(id, TimeSpan.FromHours(12));

        var cancelled = await factory.PostAsync(worker, $"/api/jobs/applications/{booked}/cancel", HttpStatusCode.OK);

        cancelled.GetProperty("lateCancel").GetBoolean().ShouldBeTrue();
        var profile = await factory.GetAsync(worker, "/api/jobs/profile");
        profile.GetProperty("suspended").GetBoolean().ShouldBeTrue();
        profile.GetProperty("worker").GetProperty("lateCancellations").GetInt32().ShouldBe(1);
        var elsewhere = await factory.RestaurantAsync();
        var other = await factory.JobAsync(elsewhere, Scenario.Posting(elsewhere, daysAhead: 10));
        (await (await factory.ApplyAsync(worker, other)).ShouldBeAsync(HttpStatusCode.Forbidden)).Code().ShouldBe("suspended");
        var notice = (await factory.EventsAboutAsync(id)).Where(e => e.Type == "notifications.notification.requested").Last().Payload;
        notice.GetProperty("type").GetString().ShouldBe("jobs.shift.worker_cancelled");
    }

    [Fact]
    public async Task A_restaurant_cancelling_late_pays_the_worker_a_minimum()
    {
        var r = await factory.RestaurantAsync();
        // 18:00–22:00 with a 30-minute break at 12,000: 42,000 scheduled; half is 21,000, two hours are 24,000.
        var id = await factory.JobAsync(r, Scenario.Posting(r, daysAhead: 3, headcount: 2));
        var early = await factory.BookedAsync(r, Actor.Worker(), id);
        var cancelledEarly = await factory.PostAsync(r.Manager, $"/api/jobs/applications/{early}/cancel", HttpStatusCode.OK);
        cancelledEarly.GetProperty("compensation").ValueKind.ShouldBe(JsonValueKind.Null);

        var worker = Actor.Worker();
        var booked = await factory.BookedAsync(r, worker, id);
        await factory.StartInAsync(id, TimeSpan.FromHours(12));

        var cancelled = await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booked}/cancel", HttpStatusCode.OK, new { reason = "단체 예약 취소" });

        cancelled.GetProperty("lateCancel").GetBoolean().ShouldBeTrue();
        cancelled.GetProperty("cancelledBy").GetString().ShouldBe("restaurant");
        cancelled.GetProperty("compensation").GetProperty("amount").GetInt64().ShouldBe(24_000);
        var paid = (await factory.EventsAboutAsync(booked)).Single(e => e.Type == "jobs.shift.cancelled").Payload;
        paid.GetProperty("compensation").GetInt64().ShouldBe(24_000);
        paid.GetProperty("late").GetBoolean().ShouldBeTrue();
        (await factory.GetAsync(worker, "/api/jobs/profile")).GetProperty("suspended").GetBoolean().ShouldBeFalse();
        (await factory.CountAsync("SELECT compensation FROM penalties WHERE application_id = @booked AND party = 'restaurant'", new { booked })).ShouldBe(24_000);
        var told = (await factory.EventsAboutAsync(worker.Id)).Last(e => e.Type == "notifications.notification.requested").Payload;
        told.GetProperty("type").GetString().ShouldBe("jobs.shift.cancelled");
        told.GetProperty("bodyEn").GetString()!.ShouldContain("24,000 KRW");
    }

    [Fact]
    public async Task Cancelling_a_posting_late_compensates_every_booked_worker()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, daysAhead: 2, headcount: 3, start: "09:00", end: "18:00", breakMinutes: 60));
        var booked = new[] { await factory.BookedAsync(r, Actor.Worker(), id), await factory.BookedAsync(r, Actor.Worker(), id) };
        var waiting = await factory.AppliedAsync(Actor.Worker(), id);
        await factory.StartInAsync(id, TimeSpan.FromHours(10));

        var job = await factory.PostAsync(r.Manager, $"/api/jobs/{id}/cancel", HttpStatusCode.OK, new { reason = "정전" });

        job.Status().ShouldBe("cancelled");
        foreach (var application in booked)
        {
            // Eight paid hours at 12,000 = 96,000; half of it is 48,000.
            var a = await factory.GetAsync(r.Manager, $"/api/jobs/applications/{application}");
            a.Status().ShouldBe("cancelled");
            a.GetProperty("compensation").GetProperty("amount").GetInt64().ShouldBe(48_000);
        }

        (await factory.GetAsync(r.Manager, $"/api/jobs/applications/{waiting}")).Status().ShouldBe("expired");
        (await factory.EventsAboutAsync(id)).Count(e => e.Type == "jobs.shift.cancelled").ShouldBe(2);
        await factory.PostAsync(r.Manager, $"/api/jobs/{id}/cancel", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_no_show_suspends_the_worker_for_a_period()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, daysAhead: 2));
        var worker = Actor.Worker();
        var booked = await factory.BookedAsync(r, worker, id);
        (await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booked}/no-show", HttpStatusCode.Conflict)).Code().ShouldBe("too_early");

        await factory.StartInAsync(id, TimeSpan.FromMinutes(-20)); // started 20 minutes ago (grace is 30)
        (await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booked}/no-show", HttpStatusCode.Conflict)).Code().ShouldBe("too_early");
        await factory.PostAsync(worker, $"/api/jobs/applications/{booked}/cancel", HttpStatusCode.Conflict); // too late to cancel
        await factory.StartInAsync(id, TimeSpan.FromMinutes(-35));
        await factory.PostAsync(r.Staff, $"/api/jobs/applications/{booked}/no-show", HttpStatusCode.Forbidden);

        (await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booked}/no-show", HttpStatusCode.OK)).Status().ShouldBe("no_show");

        var profile = await factory.GetAsync(worker, "/api/jobs/profile");
        profile.GetProperty("suspended").GetBoolean().ShouldBeTrue();
        profile.GetProperty("worker").GetProperty("noShows").GetInt32().ShouldBe(1);
        var until = profile.GetProperty("worker").GetProperty("suspendedUntil").GetDateTimeOffset();
        until.ShouldBeInRange(DateTimeOffset.UtcNow.AddDays(13.9), DateTimeOffset.UtcNow.AddDays(14.1));
        (await factory.EventsAboutAsync(worker.Id)).Last(e => e.Type == "notifications.notification.requested").Payload
            .GetProperty("type").GetString().ShouldBe("jobs.shift.no_show");
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booked}/no-show", HttpStatusCode.Conflict);
        BookingStatus.CanMove(BookingStatus.NoShow, BookingStatus.CheckedIn).ShouldBeFalse();
    }
}
