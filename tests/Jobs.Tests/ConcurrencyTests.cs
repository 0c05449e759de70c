using System.Net;

namespace Brigade.Jobs.Tests;

/// <summary>Real concurrent requests against the rules the database holds: headcount, and one shift at a time per worker.</summary>
public sealed class ConcurrencyTests(JobsFactory factory) : IClassFixture<JobsFactory>
{
    [Fact]
    public async Task No_worker_is_booked_into_two_overlapping_shifts_under_concurrent_accepts()
    {
        // Five restaurants post shifts that overlap (18:00–22:00, 19:00–23:00, …); one worker applies to all of them and
        // every restaurant accepts at the same moment.
        var worker = Actor.Worker();
        var restaurants = new List<TestRestaurant>();
        var applications = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var r = await factory.RestaurantAsync();
            restaurants.Add(r);
            var job = await factory.JobAsync(r, Scenario.Posting(r, daysAhead: 4, start: $"{18 + i % 2}:00", end: $"{22 + i % 2}:00"));
            applications.Add(await factory.AppliedAsync(worker, job));
        }

        var responses = await Task.WhenAll(applications.Select((application, i) =>
            factory.ClientFor(restaurants[i].Manager).PostAsync($"/api/jobs/applications/{application}/accept", null)));

        responses.Count(x => x.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        foreach (var refused in responses.Where(x => x.StatusCode != HttpStatusCode.OK))
        {
            (await refused.ShouldBeAsync(HttpStatusCode.Conflict)).Code().ShouldBe("overlapping_shift");
        }

        (await factory.CountAsync("""
            SELECT count(*) FROM applications a JOIN applications b ON a.worker_id = b.worker_id AND a.id < b.id AND a.during && b.during
             WHERE a.worker_id = @Id AND a.status IN ('accepted','checked_in','checked_out') AND b.status IN ('accepted','checked_in','checked_out')
            """, new { worker.Id })).ShouldBe(0);
        (await factory.CountAsync("SELECT sum(filled) FROM jobs WHERE restaurant_id = ANY(@ids)", new { ids = restaurants.Select(r => r.Id).ToArray() })).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_auto_bookings_of_one_worker_into_overlapping_shifts_book_one()
    {
        var worker = Actor.Worker();
        var jobs = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var r = await factory.RestaurantAsync();
            jobs.Add(await factory.JobAsync(r, Scenario.Posting(r, daysAhead: 5, mode: "auto", start: "12:00", end: "16:00")));
        }

        var responses = await Task.WhenAll(jobs.Select(job => factory.ApplyAsync(worker, job)));

        responses.Count(x => x.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(x => x.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
        (await factory.CountAsync("SELECT count(*) FROM applications WHERE worker_id = @Id AND status = 'accepted'", new { worker.Id })).ShouldBe(1);
    }

    [Fact]
    public async Task Exactly_the_headcount_is_booked_under_concurrent_applies_with_auto_booking()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, headcount: 3, mode: "auto"));
        var workers = Enumerable.Range(0, 24).Select(i => Actor.Worker($"worker {i}")).ToList();

        var responses = await Task.WhenAll(workers.Select(w => factory.ApplyAsync(w, id)));

        responses.Count(x => x.StatusCode == HttpStatusCode.Created).ShouldBe(3);
        foreach (var refused in responses.Where(x => x.StatusCode != HttpStatusCode.Created))
        {
            (await refused.ShouldBeAsync(HttpStatusCode.Conflict)).Code().ShouldBe("job_full");
        }

        (await factory.CountAsync("SELECT count(*) FROM applications WHERE job_id = @id AND status = 'accepted'", new { id })).ShouldBe(3);
        (await factory.CountAsync("SELECT filled FROM jobs WHERE id = @id", new { id })).ShouldBe(3);
        (await factory.GetAsync(Actor.Anonymous, $"/api/jobs/{id}")).Status().ShouldBe("filled");
    }

    [Fact]
    public async Task Concurrent_accepts_never_exceed_the_headcount()
    {
        var r = await factory.RestaurantAsync();
        var id = await factory.JobAsync(r, Scenario.Posting(r, headcount: 2));
        var applications = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            applications.Add(await factory.AppliedAsync(Actor.Worker(), id));
        }

        var managers = new[] { r.Manager, r.Owner };
        var responses = await Task.WhenAll(applications.Select((a, i) => factory.ClientFor(managers[i % 2]).PostAsync($"/api/jobs/applications/{a}/accept", null)));

        responses.Count(x => x.StatusCode == HttpStatusCode.OK).ShouldBe(2);
        responses.Count(x => x.StatusCode == HttpStatusCode.Conflict).ShouldBe(6);
        (await factory.CountAsync("SELECT count(*) FROM applications WHERE job_id = @id AND status = 'accepted'", new { id })).ShouldBe(2);
    }
}
