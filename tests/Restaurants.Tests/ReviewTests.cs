using System.Net;
using System.Net.Http.Json;
using Brigade.Contracts.Ordering;
using Brigade.Contracts.Reservations;

namespace Brigade.Restaurants.Tests;

/// <summary>Only a diner whose reservation or order completed may review, once per visit; ratings follow.</summary>
public sealed class ReviewTests(RestaurantsFactory factory) : IClassFixture<RestaurantsFactory>
{
    private readonly Actor _owner = Actor.Owner();

    private async Task<(long Reviews, int RatingCount, long RatingSum)> RatingAsync(Guid id) => (
        await factory.CountAsync("SELECT count(*) FROM reviews WHERE restaurant_id = @id", new { id }),
        (int)await factory.CountAsync("SELECT rating_count FROM restaurants WHERE id = @id", new { id }),
        await factory.CountAsync("SELECT rating_sum FROM restaurants WHERE id = @id", new { id }));

    [Fact]
    public async Task Without_a_visit_a_diner_cannot_review_and_nothing_is_written()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var diner = Actor.Diner();
        using var client = factory.ClientFor(diner);
        var events = await factory.OutboxCountAsync();

        var response = await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 5, text = "맛있어요" });

        await response.ShouldBeAsync(HttpStatusCode.Forbidden);
        (await RatingAsync(id)).ShouldBe((0, 0, 0));
        (await factory.OutboxCountAsync()).ShouldBe(events);
        var eligibility = await (await client.GetAsync($"/api/restaurants/{id}/reviews/eligibility")).ShouldBeAsync(HttpStatusCode.OK);
        eligibility.GetProperty("eligible").GetBoolean().ShouldBeFalse();
        eligibility.GetProperty("reason").GetString().ShouldBe("no_visit");
    }

    [Fact]
    public async Task A_completed_reservation_allows_exactly_one_review()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var diner = Actor.Diner("민지");
        var reservation = await factory.CompleteReservationAsync(id, diner);
        using var client = factory.ClientFor(diner);

        var review = await (await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews",
            new { rating = 4, text = "육수가 깊어요", photoUrls = new[] { "https://img.example/1.jpg" } })).ShouldBeAsync(HttpStatusCode.Created);
        var second = await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 1, text = "again" });

        review.GetProperty("visit").GetProperty("source").GetString().ShouldBe("reservation");
        review.GetProperty("author").GetProperty("displayName").GetString().ShouldBe("민*");
        review.GetProperty("mine").GetBoolean().ShouldBeTrue();
        await second.ShouldBeAsync(HttpStatusCode.Conflict);
        (await RatingAsync(id)).ShouldBe((1, 1, 4));

        using var anonymous = factory.ClientFor(Actor.Anonymous);
        var restaurant = await (await anonymous.GetAsync($"/api/restaurants/{id}")).ShouldBeAsync(HttpStatusCode.OK);
        restaurant.GetProperty("rating").GetProperty("average").GetDouble().ShouldBe(4);
        restaurant.GetProperty("rating").GetProperty("count").GetInt32().ShouldBe(1);

        var posted = (await factory.EventsAboutAsync(id)).Where(e => e.Type == "restaurants.review.posted").ToList();
        posted.Count.ShouldBe(1);
        posted[0].Payload.GetProperty("rating").GetInt32().ShouldBe(4);
        posted[0].Payload.GetProperty("ratingCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Each_visit_earns_one_review_and_a_completed_order_counts_as_a_visit()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var diner = Actor.Diner();
        using var client = factory.ClientFor(diner);
        await factory.CompleteReservationAsync(id, diner);
        var orderId = Guid.CreateVersion7();
        var closedAt = DateTimeOffset.UtcNow;
        await factory.PublishAsync(new OrderClosed(orderId, id, diner.Id, new OrderSource("dine_in", null, null, null, 2), [], 0, 0, 0, "KRW", closedAt.AddHours(-1), closedAt));
        await RestaurantsFactory.EventuallyAsync(async () => await factory.CountAsync("SELECT count(*) FROM visits WHERE source_id = @orderId", new { orderId }) == 1, "the order visit");

        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 5, text = "first", orderId })).ShouldBeAsync(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 3, text = "second" })).ShouldBeAsync(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 3, text = "third" })).ShouldBeAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 3, text = "again", orderId })).ShouldBeAsync(HttpStatusCode.Conflict);

        (await RatingAsync(id)).ShouldBe((2, 2, 8));
    }

    [Fact]
    public async Task A_redelivered_completion_is_one_visit_and_a_visit_elsewhere_does_not_count()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var elsewhere = await factory.CreateRestaurantAsync(Actor.Owner());
        var diner = Actor.Diner();
        var reservation = await factory.CompleteReservationAsync(elsewhere, diner);
        await factory.PublishAsync(new ReservationCompleted(reservation, elsewhere, diner.Id, DateTimeOffset.UtcNow));
        var guestOnly = Guid.CreateVersion7();
        await factory.PublishAsync(new ReservationCompleted(guestOnly, id, null, DateTimeOffset.UtcNow));
        await RestaurantsFactory.EventuallyAsync(async () => await factory.CountAsync(
            "SELECT count(*) FROM messaging_inbox i JOIN messaging_outbox o ON o.message_id = i.message_id WHERE strpos(o.payload::text, @r) > 0",
            new { r = guestOnly.ToString() }) == 1, "the guest reservation to be handled");
        await RestaurantsFactory.EventuallyAsync(async () => await factory.CountAsync(
            "SELECT count(*) FROM messaging_inbox i JOIN messaging_outbox o ON o.message_id = i.message_id WHERE strpos(o.payload::text, @r) > 0",
            new { r = reservation.ToString() }) == 2, "the duplicate completion to be handled");

        (await factory.CountAsync("SELECT count(*) FROM visits WHERE source_id = @reservation", new { reservation })).ShouldBe(1);
        (await factory.CountAsync("SELECT count(*) FROM visits WHERE source_id = @guestOnly", new { guestOnly })).ShouldBe(0);
        using var client = factory.ClientFor(diner);
        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 5, text = "x" })).ShouldBeAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 5, text = "x", reservationId = reservation })).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_restaurants_own_people_cannot_review_it()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        await factory.CompleteReservationAsync(id, _owner);
        using var client = factory.ClientFor(_owner);

        await (await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 5, text = "우리 집 최고" })).ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("""{"rating":6,"text":"x"}""", "rating")]
    [InlineData("""{"rating":0,"text":"x"}""", "rating")]
    [InlineData("""{"rating":3,"text":""}""", "text")]
    [InlineData("""{"rating":3,"text":"x","photoUrls":["ftp://x/y.jpg"]}""", "photoUrls[0]")]
    public async Task A_bad_review_is_refused_and_the_visit_stays_open(string json, string field)
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var diner = Actor.Diner();
        await factory.CompleteReservationAsync(id, diner);
        using var client = factory.ClientFor(diner);

        await (await client.PostAsync($"/api/restaurants/{id}/reviews", new StringContent(json, System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeInvalidAsync(field);

        (await RatingAsync(id)).ShouldBe((0, 0, 0));
        var eligibility = await (await client.GetAsync($"/api/restaurants/{id}/reviews/eligibility")).ShouldBeAsync(HttpStatusCode.OK);
        eligibility.GetProperty("eligible").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task The_owner_replies_and_an_admin_hides_an_abusive_review_which_leaves_the_rating()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var kind = Actor.Diner();
        var rude = Actor.Diner();
        await factory.CompleteReservationAsync(id, kind);
        await factory.CompleteReservationAsync(id, rude);
        using (var k = factory.ClientFor(kind))
        {
            await (await k.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 5, text = "훌륭해요" })).ShouldBeAsync(HttpStatusCode.Created);
        }

        Guid abusive;
        using (var r = factory.ClientFor(rude))
        {
            abusive = (await (await r.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 1, text = "욕설" })).ShouldBeAsync(HttpStatusCode.Created))
                .GetProperty("id").GetGuid();
        }

        using var owner = factory.ClientFor(_owner);
        var replied = await (await owner.PutAsJsonAsync($"/api/restaurants/{id}/reviews/{abusive}/reply", new { text = "죄송합니다" })).ShouldBeAsync(HttpStatusCode.OK);
        replied.GetProperty("reply").GetProperty("text").GetString().ShouldBe("죄송합니다");
        (await RatingAsync(id)).ShouldBe((2, 2, 6));

        using var admin = factory.ClientFor(Actor.Admin());
        await (await admin.PostAsJsonAsync($"/api/restaurants/{id}/reviews/{abusive}/hide", new { reason = "abuse" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await admin.PostAsJsonAsync($"/api/restaurants/{id}/reviews/{abusive}/hide", new { reason = "abuse" })).ShouldBeAsync(HttpStatusCode.OK);

        (await RatingAsync(id)).ShouldBe((2, 1, 5));
        using var anonymous = factory.ClientFor(Actor.Anonymous);
        var list = await (await anonymous.GetAsync($"/api/restaurants/{id}/reviews")).ShouldBeAsync(HttpStatusCode.OK);
        list.GetProperty("items").GetArrayLength().ShouldBe(1);
        var adminList = await (await admin.GetAsync($"/api/restaurants/{id}/reviews")).ShouldBeAsync(HttpStatusCode.OK);
        adminList.GetProperty("items").GetArrayLength().ShouldBe(2);

        await (await admin.PostAsync($"/api/restaurants/{id}/reviews/{abusive}/unhide", null)).ShouldBeAsync(HttpStatusCode.OK);
        (await RatingAsync(id)).ShouldBe((2, 2, 6));
    }

    [Fact]
    public async Task Public_reviews_show_a_masked_name_and_never_the_reviewers_account_or_visit()
    {
        var id = await factory.CreateRestaurantAsync(_owner);
        var diner = Actor.Diner("김민수");
        var reservation = await factory.CompleteReservationAsync(id, diner);
        using (var client = factory.ClientFor(diner))
        {
            await (await client.PostAsJsonAsync($"/api/restaurants/{id}/reviews", new { rating = 5, text = "최고예요" })).ShouldBeAsync(HttpStatusCode.Created);
        }

        foreach (var reader in new[] { Actor.Anonymous, Actor.Diner("someone"), _owner })
        {
            using var client = factory.ClientFor(reader);
            var response = await client.GetAsync($"/api/restaurants/{id}/reviews");
            var text = await response.Content.ReadAsStringAsync();
            var review = (await response.ShouldBeAsync(HttpStatusCode.OK)).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
            review.GetProperty("author").GetProperty("displayName").GetString().ShouldBe("김*수", reader.Name);
            review.GetProperty("mine").GetBoolean().ShouldBeFalse(reader.Name);
            text.ShouldNotContain(diner.Id.ToString(), Case.Insensitive, reader.Name);
            text.ShouldNotContain(reservation.ToString(), Case.Insensitive, reader.Name);
            text.ShouldNotContain("김민수", Case.Sensitive, reader.Name);
        }
    }

    [Theory]
    [InlineData("김민수", "김*수")]
    [InlineData("민지", "민*")]
    [InlineData("남궁민수", "남**수")]
    [InlineData("Jane Doe", "J*** **e")]
    [InlineData("김", "*")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void A_reviewers_name_is_masked_but_for_its_first_and_last_letter(string? name, string? shown) =>
        Brigade.Restaurants.Domain.ReviewRules.DisplayName(name).ShouldBe(shown);
}
