using Brigade.Api;
using Brigade.Restaurants.Domain;
using NodaTime;

namespace Brigade.Restaurants.Tests.Domain;

public sealed class RulesTests
{
    private static RestaurantDraft Draft(string? name = "밍글", double lat = 37.5, double lng = 127, string? timeZone = null, string? currency = null) =>
        new(name, "Mingle", "Korean", "서울", new LocationDraft(lat, lng), timeZone, null, 3, null, null, null, currency);

    [Fact]
    public void A_new_restaurant_defaults_to_seoul_time_and_won()
    {
        var profile = ProfileRules.ForCreate(Draft(), new FieldErrors())!;

        profile.TimeZone.ShouldBe("Asia/Seoul");
        profile.Currency.ShouldBe("KRW");
        profile.Cuisine.ShouldBe("korean");
    }

    [Theory]
    [InlineData(91, 127, "location.lat")]
    [InlineData(-90.5, 127, "location.lat")]
    [InlineData(37, 180.1, "location.lng")]
    [InlineData(double.NaN, 127, "location.lat")]
    public void Coordinates_out_of_range_are_refused(double lat, double lng, string field)
    {
        var errors = new FieldErrors();

        ProfileRules.ForCreate(Draft(lat: lat, lng: lng), errors).ShouldBeNull();

        errors.Has(field).ShouldBeTrue();
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("KST")]
    [InlineData("")]
    public void Unknown_time_zones_are_refused(string zone)
    {
        var errors = new FieldErrors();

        ProfileRules.ForCreate(Draft(timeZone: zone), errors).ShouldBeNull();

        errors.Has("timeZone").ShouldBeTrue();
    }

    [Fact]
    public void Names_must_not_be_blank_and_currencies_must_be_iso()
    {
        var errors = new FieldErrors();

        ProfileRules.ForCreate(Draft(name: "   ", currency: "WON"), errors).ShouldBeNull();

        errors.Has("name").ShouldBeTrue();
        errors.Has("currency").ShouldBeTrue();
    }

    [Fact]
    public void A_patch_keeps_what_it_does_not_mention_and_cannot_change_the_currency()
    {
        var current = ProfileRules.ForCreate(Draft(), new FieldErrors())!;

        var patched = ProfileRules.Apply(current, new RestaurantDraft(null, "", null, null, null, "Europe/Berlin", null, null, "one_star", null, null, null), new FieldErrors())!;

        patched.Name.ShouldBe(current.Name);
        patched.NameEn.ShouldBeNull();
        patched.TimeZone.ShouldBe("Europe/Berlin");
        patched.Distinction.ShouldBe("one_star");

        var errors = new FieldErrors();
        ProfileRules.Apply(current, new RestaurantDraft(null, null, null, null, null, null, null, null, null, null, null, "USD"), errors).ShouldBeNull();
        errors.Has("currency").ShouldBeTrue();
    }

    private static MenuItemDraft Item(long amount = 9000, string? currency = "KRW", IReadOnlyList<ModifierGroupDraft?>? groups = null, IReadOnlyList<string?>? dayparts = null) =>
        new("김치찌개", new MoneyDraft(amount, currency), "식사", null, null, null, null, dayparts, null, null, groups);

    [Fact]
    public void Prices_are_non_negative_in_the_restaurants_currency()
    {
        var negative = new FieldErrors();
        MenuRules.ForCreate(Item(amount: -1), "KRW", [], negative).ShouldBeNull();
        negative.Has("price.amount").ShouldBeTrue();

        var foreign = new FieldErrors();
        MenuRules.ForCreate(Item(currency: "USD"), "KRW", [], foreign).ShouldBeNull();
        foreign.Has("price.currency").ShouldBeTrue();

        MenuRules.ForCreate(Item(currency: null), "KRW", [], new FieldErrors())!.Price.ShouldBe(new Money(9000, "KRW"));
    }

    [Fact]
    public void Modifier_groups_keep_min_and_max_consistent()
    {
        var options = new List<ModifierOptionDraft?> { new(null, "Mild", null), new(null, "Hot", new MoneyDraft(500, null)) };
        var errors = new FieldErrors();

        MenuRules.ForCreate(Item(groups: [
            new ModifierGroupDraft(null, "Spice", true, 0, 1, options),
            new ModifierGroupDraft(null, "Extras", false, 0, 3, options),
            new ModifierGroupDraft(null, "Size", true, 2, 1, options),
            new ModifierGroupDraft(null, "Discount", false, 0, 1, [new(null, "Half", new MoneyDraft(-10000, null))]),
        ]), "KRW", [], errors).ShouldBeNull();

        errors.Has("modifierGroups[0].minChoices").ShouldBeTrue(); // required needs a choice
        errors.Has("modifierGroups[1].maxChoices").ShouldBeTrue(); // more than the options
        errors.Has("modifierGroups[2].minChoices").ShouldBeTrue(); // min above max
        errors.Has("modifierGroups[3].options[0].priceDelta").ShouldBeTrue(); // would cost less than nothing
    }

    [Fact]
    public void A_valid_required_group_defaults_to_exactly_one_choice()
    {
        var spec = MenuRules.ForCreate(Item(groups: [new ModifierGroupDraft(null, "Spice", true, null, null, [new(null, "Mild", null), new(null, "Hot", null)])]), "KRW", [], new FieldErrors())!;

        spec.ModifierGroups.Single().MinChoices.ShouldBe(1);
        spec.ModifierGroups.Single().MaxChoices.ShouldBe(1);
        spec.ModifierGroups.Single().Options.Select(o => o.Id).Distinct().Count().ShouldBe(2);
    }

    [Fact]
    public void Items_may_only_name_the_restaurants_dayparts_and_are_available_within_them()
    {
        var errors = new FieldErrors();
        MenuRules.ForCreate(Item(dayparts: ["brunch"]), "KRW", ["lunch"], errors).ShouldBeNull();
        errors.Has("dayparts").ShouldBeTrue();

        var dayparts = new[] { new Daypart("lunch", new LocalTime(11, 30), new LocalTime(15, 0)), new Daypart("late", new LocalTime(22, 0), new LocalTime(2, 0)) };
        MenuRules.IsAvailable(false, ["lunch"], dayparts, new LocalTime(12, 0)).ShouldBeTrue();
        MenuRules.IsAvailable(false, ["lunch"], dayparts, new LocalTime(15, 0)).ShouldBeFalse();
        MenuRules.IsAvailable(false, ["late"], dayparts, new LocalTime(1, 0)).ShouldBeTrue();
        MenuRules.IsAvailable(true, [], dayparts, new LocalTime(12, 0)).ShouldBeFalse(); // 86'd
        MenuRules.IsAvailable(false, [], dayparts, new LocalTime(4, 0)).ShouldBeTrue(); // all day
    }

    [Fact]
    public void Table_capacities_are_ordered_and_groups_seat_no_more_than_their_tables()
    {
        var errors = new FieldErrors();
        FloorRules.ForCreate(new TableDraft("T1", 6, 4, null, null, null, null), errors).ShouldBeNull();
        errors.Has("minCapacity").ShouldBeTrue();

        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var capacities = new Dictionary<Guid, int> { [a] = 4, [b] = 4 };
        var tooBig = new FieldErrors();
        FloorRules.ForGroup(new TableGroupDraft("A+B", [a, b], 2, 9, null), null, capacities, tooBig).ShouldBeNull();
        tooBig.Has("maxCapacity").ShouldBeTrue();

        var foreign = new FieldErrors();
        FloorRules.ForGroup(new TableGroupDraft("A+X", [a, Guid.NewGuid()], 2, 6, null), null, capacities, foreign).ShouldBeNull();
        foreign.Has("tableIds[1]").ShouldBeTrue();

        FloorRules.ForGroup(new TableGroupDraft("A+B", [a, b], 5, 8, null), null, capacities, new FieldErrors())!.MaxCapacity.ShouldBe(8);
    }

    [Fact]
    public void Publishing_and_closing_follow_the_lifecycle()
    {
        Lifecycle.Publish(RestaurantStatus.Draft).ShouldBe(TransitionOutcome.Changed);
        Lifecycle.Publish(RestaurantStatus.Closed).ShouldBe(TransitionOutcome.Changed);
        Lifecycle.Publish(RestaurantStatus.Published).ShouldBe(TransitionOutcome.Unchanged);
        Lifecycle.Close(RestaurantStatus.Published).ShouldBe(TransitionOutcome.Changed);
        Lifecycle.Close(RestaurantStatus.Draft).ShouldBe(TransitionOutcome.NotAllowed);
    }
}
