using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Brigade.Jobs.Domain;
using NodaTime;

namespace Brigade.Jobs.Tests;

/// <summary>Applications and matching: the employer accepts, or the posting books first come; favourites, blocks, qualifications.</summary>
public sealed class BookingTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task The_employer_accepts_and_everyone_hears_of_it()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, headcount: 1));
        var worker = Actor.Worker("이지은");
        var application = await factory.AppliedAsync(worker, id);

        var applicants = await factory.GetAsync(r.Staff, $"/api/jobs/{id}/applications");
        var first = applicants.GetProperty("items")[0];
        first.GetProperty("workerName").GetString().ShouldBe("이지은");
        first.GetProperty("worker").GetProperty("noShows").GetInt32().ShouldBe(0);

        var accepted = await factory.PostAsync(r.Manager, $"/api/jobs/applications/{application}/accept", HttpStatusCode.OK);
        accepted.Status().ShouldBe("accepted");
        accepted.GetProperty("acceptedBy").GetString().ShouldBe("restaurant");
        (await factory.GetAsync(Actor.Anonymous, $"/api/jobs/{id}")).Status().ShouldBe("filled");
        var mine = await factory.GetAsync(worker, "/api/jobs/applications/mine");
        mine.GetProperty("items")[0].GetProperty("job").GetProperty("contact").GetProperty("name").GetString().ShouldBe("박매니저");

        var events = await factory.EventsAboutAsync(application);
        events.Select(e => e.Type).ShouldBe(["jobs.application.submitted", "jobs.application.accepted"]);
        var acceptedEvent = events[1].Payload;
        acceptedEvent.GetProperty("workerId").GetGuid().ShouldBe(worker.Id);
        acceptedEvent.GetProperty("contactUserIds").EnumerateArray().Select(e => e.GetGuid()).ShouldBe([r.Manager.Id]);
        var notices = (await factory.EventsAboutAsync(worker.Id)).Where(e => e.Type == "notifications.notification.requested").Select(e => e.Payload).ToList();
        notices.Select(n => n.GetProperty("type").GetString()).ShouldContain("jobs.application.accepted");
        var received = (await factory.EventsAboutAsync(id)).Single(e => e.Type == "notifications.notification.requested").Payload;
        received.GetProperty("type").GetString().ShouldBe("jobs.application.received");
        received.GetProperty("audience").GetProperty("restaurantId").GetGuid().ShouldBe(r.Id);
        received.GetProperty("audience").GetProperty("restaurantRoles").EnumerateArray().Select(x => x.GetString()).ShouldBe(["owner", "manager"]);
        received.GetProperty("title").GetString().ShouldBe("새 지원자");
        (await factory.EventsAboutAsync(id)).Where(e => e.Type == "jobs.job.updated").Last().Payload
            .GetProperty("job").GetProperty("filled").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task An_application_moves_only_as_the_state_machine_allows()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, headcount: 3));
        var worker = Actor.Worker();
        var application = await factory.AppliedAsync(worker, id);

        await factory.PostAsync(worker, $"/api/jobs/applications/{application}/cancel", HttpStatusCode.Conflict);        // applied → cancelled
        await factory.PostAsync(worker, $"/api/jobs/applications/{application}/reconfirm", HttpStatusCode.Conflict);     // not booked yet
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{application}/decline", HttpStatusCode.OK);
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{application}/accept", HttpStatusCode.Conflict);    // declined → accepted
        await factory.PostAsync(worker, $"/api/jobs/applications/{application}/withdraw", HttpStatusCode.Conflict);      // declined → withdrawn
        (await factory.ApplyAsync(worker, id)).StatusCode.ShouldBe(HttpStatusCode.Conflict);                           // no second try after a decline

        var other = Actor.Worker();
        var second = await factory.AppliedAsync(other, id);
        await factory.PostAsync(other, $"/api/jobs/applications/{second}/withdraw", HttpStatusCode.OK);
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{second}/accept", HttpStatusCode.Conflict);         // withdrawn → accepted
        await factory.AppliedAsync(other, id);                                                                          // may apply again after withdrawing

        var booked = await factory.BookedAsync(r, Actor.Worker(), id);
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booked}/accept", HttpStatusCode.Conflict);         // accepted → accepted
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booked}/decline", HttpStatusCode.Conflict);        // accepted → declined
        await factory.PostAsync(r.Manager, $"/api/jobs/applications/{booked}/timesheet/approve", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Applying_twice_books_once_and_a_key_replays()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r);
        var worker = Actor.Worker();
        var key = Guid.NewGuid().ToString();

        var first = await (await factory.ApplyAsync(worker, id, key)).ShouldBeAsync(HttpStatusCode.Created);
        var replay = await factory.ApplyAsync(worker, id, key);
        (await replay.ShouldBeAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await (await factory.ApplyAsync(worker, id)).ShouldBeAsync(HttpStatusCode.Conflict)).Code().ShouldBe("already_applied");
        (await factory.CountAsync("SELECT count(*) FROM applications WHERE job_id = @id", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task Auto_booking_books_qualified_workers_first_come()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, headcount: 1, mode: "auto", requirements: [Requirements.HealthCertificate]));
        var unqualified = Actor.Worker();
        var refused = await (await factory.ApplyAsync(unqualified, id)).ShouldBeAsync(HttpStatusCode.Conflict);
        refused.Code().ShouldBe("not_qualified");
        refused.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldBe([Requirements.HealthCertificate]);

        // A certificate that lapses before the shift does not count; one valid on the day does.
        using var client = factory.ClientFor(unqualified);
        await (await client.PutAsJsonAsync("/api/jobs/profile", new { credentials = new[] { new { code = "health_certificate", expiresOn = Scenario.Day(1).ToString("yyyy-MM-dd", null) } } }))
            .ShouldBeAsync(HttpStatusCode.OK);
        (await (await factory.ApplyAsync(unqualified, id)).ShouldBeAsync(HttpStatusCode.Conflict)).Code().ShouldBe("not_qualified");
        await (await client.PutAsJsonAsync("/api/jobs/profile", new { credentials = new[] { new { code = "health_certificate", expiresOn = Scenario.Day(30).ToString("yyyy-MM-dd", null) } } }))
            .ShouldBeAsync(HttpStatusCode.OK);

        var booked = await (await factory.ApplyAsync(unqualified, id)).ShouldBeAsync(HttpStatusCode.Created);
        booked.Status().ShouldBe("accepted");
        booked.GetProperty("acceptedBy").GetString().ShouldBe("auto");
        (await factory.EventTypesAboutAsync(booked.GetProperty("id").GetGuid())).ShouldBe(["jobs.application.submitted", "jobs.application.accepted"]);

        var late = Actor.Worker();
        await (await factory.ClientFor(late).PutAsJsonAsync("/api/jobs/profile", new { credentials = new[] { new { code = "health_certificate" } } })).ShouldBeAsync(HttpStatusCode.OK);
        (await (await factory.ApplyAsync(late, id)).ShouldBeAsync(HttpStatusCode.Conflict)).Code().ShouldBe("job_full");
    }

    [Fact]
    public async Task Favourites_see_a_new_posting_first_and_blocked_workers_never()
    {
        var r = await factory.RestaurantAsync();
        var favourite = Actor.Worker("단골");
        var blocked = Actor.Worker("차단");
        var stranger = Actor.Worker("처음");
        using var manager = factory.ClientFor(r.Manager);
        await (await manager.PutAsJsonAsync($"/api/jobs/roster/{r.Id}/{favourite.Id}", new { kind = "favourite", note = "성실함" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await manager.PutAsJsonAsync($"/api/jobs/roster/{r.Id}/{blocked.Id}", new { kind = "blocked" })).ShouldBeAsync(HttpStatusCode.OK);
        var body = new Dictionary<string, object?>(Scenario.Posting(r)) { ["favouritesFirstMinutes"] = 60 };
        var id = (await factory.PostedAsync(r.Manager, body)).GetProperty("id").GetGuid();

        async Task<bool> InFeed(Actor who) =>
            (await factory.GetAsync(who, $"/api/jobs?restaurantId={r.Id}")).GetProperty("items").EnumerateArray().Any(j => j.GetProperty("id").GetGuid() == id);

        (await InFeed(favourite)).ShouldBeTrue();
        (await InFeed(stranger)).ShouldBeFalse();
        (await InFeed(Actor.Anonymous)).ShouldBeFalse();
        (await InFeed(blocked)).ShouldBeFalse();
        (await factory.ApplyAsync(stranger, id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await factory.AppliedAsync(favourite, id);
        var told = (await factory.EventsAboutAsync(favourite.Id)).Where(e => e.Type == "notifications.notification.requested").ToList();
        told.Select(e => e.Payload.GetProperty("type").GetString()).ShouldContain("jobs.job.favourites_first");

        // The head start ends: everyone but the blocked worker sees it.
        await factory.ShiftBackAsync(id, TimeSpan.FromMinutes(61));
        (await InFeed(stranger)).ShouldBeTrue();
        (await InFeed(blocked)).ShouldBeFalse();
        (await factory.ApplyAsync(blocked, id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await factory.GetAsync(blocked, $"/api/jobs/{id}", HttpStatusCode.NotFound);
        await factory.AppliedAsync(stranger, id);

        var roster = await factory.GetAsync(r.Staff, $"/api/jobs/roster?restaurantId={r.Id}");
        roster.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldBe(["blocked", "favourite"]);
        await (await manager.DeleteAsync($"/api/jobs/roster/{r.Id}/{blocked.Id}")).ShouldBeAsync(HttpStatusCode.NoContent);
        (await InFeed(blocked)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_restaurant_without_favourites_gives_nobody_a_head_start()
    {
        var r = await factory.RestaurantAsync();
        var body = new Dictionary<string, object?>(Scenario.Posting(r)) { ["favouritesFirstMinutes"] = 60 };
        var posted = (await factory.PostedAsync(r.Manager, body)).GetProperty("id").GetGuid();
        var draft = new Dictionary<string, object?>(Scenario.Posting(r, daysAhead: 8)) { ["favouritesFirstMinutes"] = 60, ["draft"] = true };
        var drafted = (await factory.PostedAsync(r.Manager, draft)).GetProperty("id").GetGuid();
        (await factory.PostAsync(r.Manager, $"/api/jobs/{drafted}/publish", HttpStatusCode.OK)).Status().ShouldBe("open");

        var stranger = Actor.Worker("처음");
        var feed = (await factory.GetAsync(stranger, $"/api/jobs?restaurantId={r.Id}")).GetProperty("items").EnumerateArray()
            .Select(j => j.GetProperty("id").GetGuid()).ToList();
        feed.ShouldContain(posted);
        feed.ShouldContain(drafted);
        await factory.AppliedAsync(stranger, posted);
    }

    [Fact]
    public async Task Only_workers_apply()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r);
        (await factory.ApplyAsync(Actor.Anonymous, id)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.ApplyAsync(Actor.Diner(), id)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ApplyAsync(Actor.Worker(), Guid.NewGuid())).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var worker = Actor.Worker();
        var application = await factory.AppliedAsync(worker, id);
        await factory.GetAsync(Actor.Worker(), $"/api/jobs/applications/{application}", HttpStatusCode.NotFound);
        await factory.PostAsync(Actor.Worker(), $"/api/jobs/applications/{application}/withdraw", HttpStatusCode.NotFound);
        await factory.GetAsync(worker, $"/api/jobs/applications/{application}");
    }

    [Fact]
    public async Task Booked_workers_are_asked_to_reconfirm_once_and_waiting_applications_expire_at_the_start()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, daysAhead: 2));
        var worker = Actor.Worker();
        var booked = await factory.BookedAsync(r, worker, id);
        var waiting = await factory.AppliedAsync(Actor.Worker(), id);
        var job = await factory.GetAsync(r.Manager, $"/api/jobs/{id}");
        var start = Instant.FromDateTimeOffset(job.GetProperty("start").GetDateTimeOffset());

        await factory.Clock.RunAsync(start - Duration.FromHours(30), default);
        (await factory.GetAsync(worker, $"/api/jobs/applications/{booked}")).GetProperty("reconfirmRequestedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        await factory.Clock.RunAsync(start - Duration.FromHours(20), default);
        await factory.Clock.RunAsync(start - Duration.FromHours(19), default);
        (await factory.GetAsync(worker, $"/api/jobs/applications/{booked}")).GetProperty("reconfirmRequestedAt").ValueKind.ShouldBe(JsonValueKind.String);
        (await factory.EventsAboutAsync(worker.Id)).Count(e => e.Type == "notifications.notification.requested" && e.Payload.GetProperty("type").GetString() == "jobs.shift.reconfirm").ShouldBe(1);
        (await factory.PostAsync(worker, $"/api/jobs/applications/{booked}/reconfirm", HttpStatusCode.OK)).GetProperty("reconfirmedAt").ValueKind.ShouldBe(JsonValueKind.String);

        await factory.Clock.RunAsync(start + Duration.FromMinutes(1), default);
        (await factory.GetAsync(r.Manager, $"/api/jobs/{id}")).Status().ShouldBe("in_progress");
        (await factory.GetAsync(r.Manager, $"/api/jobs/applications/{waiting}")).Status().ShouldBe("expired");
        await factory.Clock.RunAsync(start + Duration.FromHours(5), default);
        (await factory.GetAsync(r.Manager, $"/api/jobs/{id}")).Status().ShouldBe("completed");
    }

    [Fact]
    public async Task A_posting_nobody_booked_is_cancelled_as_unfilled_at_its_start()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, daysAhead: 3));
        var start = Instant.FromDateTimeOffset((await factory.GetAsync(r.Manager, $"/api/jobs/{id}")).GetProperty("start").GetDateTimeOffset());

        await factory.Clock.RunAsync(start, default);

        var job = await factory.GetAsync(r.Manager, $"/api/jobs/{id}");
        job.Status().ShouldBe("cancelled");
        job.GetProperty("cancelReason").GetString().ShouldBe("unfilled");
        (await factory.EventsAboutAsync(id)).Last().Payload.GetProperty("job").GetProperty("status").GetString().ShouldBe("cancelled");
    }
}
