using Brigade.Restaurants.Domain;

namespace Brigade.Restaurants.Tests.Domain;

public sealed class PolicyTests
{
    private static readonly Caller Person = new(Guid.NewGuid(), false, false, false);
    private static readonly Caller Admin = new(Guid.NewGuid(), true, false, false);
    private static readonly Caller Service = new(null, false, true, false);

    [Theory]
    [InlineData(RestaurantStatus.Published, Capability.ReadPublic, Verdict.Allowed)]
    [InlineData(RestaurantStatus.Draft, Capability.ReadPublic, Verdict.NotFound)]
    [InlineData(RestaurantStatus.Closed, Capability.ReadPublic, Verdict.NotFound)]
    [InlineData(RestaurantStatus.Published, Capability.ReadFloor, Verdict.NotFound)]
    [InlineData(RestaurantStatus.Published, Capability.ReadMembers, Verdict.NotFound)]
    [InlineData(RestaurantStatus.Published, Capability.EditMenu, Verdict.Forbidden)]
    [InlineData(RestaurantStatus.Draft, Capability.EditMenu, Verdict.NotFound)]
    public void Outsiders_see_only_what_is_public(RestaurantStatus status, Capability capability, Verdict expected) =>
        AccessPolicy.Check(Person, null, status, capability).ShouldBe(expected);

    [Theory]
    [InlineData(MemberRole.Owner, Capability.PublishOrClose, Verdict.Allowed)]
    [InlineData(MemberRole.Manager, Capability.PublishOrClose, Verdict.Forbidden)]
    [InlineData(MemberRole.Owner, Capability.ManageMembers, Verdict.Allowed)]
    [InlineData(MemberRole.Manager, Capability.ManageMembers, Verdict.Forbidden)]
    [InlineData(MemberRole.Manager, Capability.EditMenu, Verdict.Allowed)]
    [InlineData(MemberRole.Staff, Capability.EditMenu, Verdict.Forbidden)]
    [InlineData(MemberRole.Staff, Capability.SwitchSoldOut, Verdict.Allowed)]
    [InlineData(MemberRole.Staff, Capability.ReadFloor, Verdict.Allowed)]
    [InlineData(MemberRole.Staff, Capability.ReadMembers, Verdict.Forbidden)]
    [InlineData(MemberRole.Owner, Capability.ModerateReviews, Verdict.Forbidden)]
    public void Members_rights_follow_their_role(MemberRole role, Capability capability, Verdict expected) =>
        AccessPolicy.Check(Person, role, RestaurantStatus.Draft, capability).ShouldBe(expected);

    [Fact]
    public void Admins_do_everything_and_services_only_read()
    {
        foreach (var capability in Enum.GetValues<Capability>())
        {
            AccessPolicy.Check(Admin, null, RestaurantStatus.Draft, capability).ShouldBe(Verdict.Allowed);
        }

        AccessPolicy.Check(Service, null, RestaurantStatus.Draft, Capability.ReadFloor).ShouldBe(Verdict.Allowed);
        AccessPolicy.Check(Service, null, RestaurantStatus.Published, Capability.EditProfile).ShouldBe(Verdict.Forbidden);
    }

    [Fact]
    public void Only_owners_and_admins_open_restaurants()
    {
        AccessPolicy.CheckOpenRestaurant(Person with { CanOpenRestaurants = true }).ShouldBe(OpenVerdict.Allowed);
        AccessPolicy.CheckOpenRestaurant(Person).ShouldBe(OpenVerdict.Forbidden);
        AccessPolicy.CheckOpenRestaurant(Admin).ShouldBe(OpenVerdict.Allowed);
        AccessPolicy.CheckOpenRestaurant(Service with { CanOpenRestaurants = true }).ShouldBe(OpenVerdict.Forbidden);
    }

    [Fact]
    public void The_owner_role_announced_after_the_token_corrects_it()
    {
        var issued = DateTimeOffset.UtcNow.AddMinutes(-5);
        var owner = Person with { CanOpenRestaurants = true };
        AccessPolicy.CheckOpenRestaurant(Person, issued, new LearnedRoles(["diner", "owner"], issued.AddMinutes(1))).ShouldBe(OpenVerdict.RefreshRequired);
        AccessPolicy.CheckOpenRestaurant(Person, issued, new LearnedRoles(["diner", "owner"], issued.AddMinutes(-1))).ShouldBe(OpenVerdict.Forbidden);
        AccessPolicy.CheckOpenRestaurant(owner, issued, new LearnedRoles(["diner"], issued.AddMinutes(1))).ShouldBe(OpenVerdict.Forbidden);
        AccessPolicy.CheckOpenRestaurant(owner, issued, new LearnedRoles(["diner"], issued.AddMinutes(-1))).ShouldBe(OpenVerdict.Allowed);
        AccessPolicy.CheckOpenRestaurant(Admin, issued, new LearnedRoles([], issued.AddMinutes(1))).ShouldBe(OpenVerdict.Allowed);
    }

    private static Visit V(bool reviewed, int minutesAgo = 0) =>
        new(Guid.NewGuid(), VisitSources.Reservation, Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-minutesAgo), reviewed);

    [Fact]
    public void A_review_needs_a_completed_visit_not_yet_reviewed()
    {
        ReviewRules.Decide([], null, null, false).Outcome.ShouldBe(EligibilityOutcome.NoVisit);
        ReviewRules.Decide([V(true)], null, null, false).Outcome.ShouldBe(EligibilityOutcome.AlreadyReviewed);
        ReviewRules.Decide([V(false)], null, null, true).Outcome.ShouldBe(EligibilityOutcome.OwnRestaurant);

        var older = V(false, 60);
        var newer = V(false, 5);
        ReviewRules.Decide([newer, older, V(true, 90)], null, null, false).Visit.ShouldBe(older);

        ReviewRules.Decide([newer], VisitSources.Reservation, newer.SourceId, false).Visit.ShouldBe(newer);
        ReviewRules.Decide([newer], VisitSources.Order, newer.SourceId, false).Outcome.ShouldBe(EligibilityOutcome.NoVisit);
    }

    [Fact]
    public void Averages_have_one_decimal()
    {
        ReviewRules.Average(0, 0).ShouldBe(0);
        ReviewRules.Average(14, 3).ShouldBe(4.7);
        ReviewRules.Average(9, 2).ShouldBe(4.5);
    }
}
