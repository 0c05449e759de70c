using Brigade.Api;
using Brigade.Ordering.Domain;
using NodaTime;
using Role = Brigade.Ordering.Domain.Actor;

namespace Brigade.Ordering.Tests;

/// <summary>The pure rules: the order state machine as a table, who may act, the kitchen's rules, pricing, throttling.</summary>
public sealed class DomainTests
{
    private const string R = OrderStatus.Received, A = OrderStatus.Accepted, P = OrderStatus.InPreparation, Y = OrderStatus.Ready,
        S = OrderStatus.Served, U = OrderStatus.PickedUp, C = OrderStatus.Closed, X = OrderStatus.Cancelled, V = OrderStatus.Voided;

    /// <summary>
    /// Every status × action for a dine-in and a takeout order: the expected next status, "-" for a refused move.
    /// Columns: accept, start, ready, serve, pick-up, close, cancel, void, reopen, recall.
    /// </summary>
    public static TheoryData<string, string, string> Table => new()
    {
        { R, Channel.DineIn, $"{A} - - - - - {X} - - -" },
        { A, Channel.DineIn, $"- {P} {Y} - - - {X} - - -" },
        { P, Channel.DineIn, $"- - {Y} - - - - {V} - -" },
        { Y, Channel.DineIn, $"- - - {S} - - - {V} - {P}" },
        { S, Channel.DineIn, $"- - - - - {C} - {V} - -" },
        { C, Channel.DineIn, $"- - - - - - - - {S} -" },
        { X, Channel.DineIn, "- - - - - - - - - -" },
        { V, Channel.DineIn, "- - - - - - - - - -" },
        { R, Channel.Takeout, $"{A} - - - - - {X} - - -" },
        { A, Channel.Takeout, $"- {P} {Y} - - - {X} - - -" },
        { P, Channel.Takeout, $"- - {Y} - - - - {V} - -" },
        { Y, Channel.Takeout, $"- - - - {U} - - {V} - {P}" },
        { U, Channel.Takeout, $"- - - - - {C} - {V} - -" },
        { C, Channel.Takeout, $"- - - - - - - - {U} -" },
        { C, Channel.Delivery, $"- - - - - - - - {U} -" },
        { X, Channel.Takeout, "- - - - - - - - - -" },
        { V, Channel.Delivery, "- - - - - - - - - -" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_state_machine_allows_exactly_the_moves_of_the_table(string from, string channel, string expected)
    {
        var actions = new[]
        {
            OrderAction.Accept, OrderAction.Start, OrderAction.MarkReady, OrderAction.Serve, OrderAction.PickUp,
            OrderAction.Close, OrderAction.Cancel, OrderAction.Void, OrderAction.Reopen, OrderAction.Recall,
        };
        var actual = string.Join(' ', actions.Select(a => OrderLifecycle.Next(from, a, channel) ?? "-"));
        actual.ShouldBe(expected);
    }

    [Fact]
    public void Every_status_is_in_the_table_and_the_action_list_is_complete()
    {
        Table.Select(row => (string)row[0]).Distinct().Order().ShouldBe(OrderStatus.All.Order());
        Enum.GetValues<OrderAction>().Length.ShouldBe(10);
    }

    [Theory]
    [InlineData(Role.Diner, OrderAction.Cancel, R, true)]
    [InlineData(Role.Diner, OrderAction.Cancel, A, false)]
    [InlineData(Role.Diner, OrderAction.Accept, R, false)]
    [InlineData(Role.Staff, OrderAction.Accept, R, true)]
    [InlineData(Role.Staff, OrderAction.Cancel, A, true)]
    [InlineData(Role.Staff, OrderAction.Close, S, true)]
    [InlineData(Role.Staff, OrderAction.Void, P, false)]
    [InlineData(Role.Staff, OrderAction.Reopen, C, false)]
    [InlineData(Role.Manager, OrderAction.Void, P, true)]
    [InlineData(Role.Manager, OrderAction.Reopen, C, true)]
    [InlineData(Role.System, OrderAction.Cancel, A, true)]
    public void Who_may_act(Role actor, OrderAction action, string status, bool allowed) =>
        OrderLifecycle.MayAct(actor, action, status).ShouldBe(allowed);

    [Fact]
    public void Lines_change_only_before_the_kitchen_starts_and_only_a_cancel_gives_portions_back()
    {
        OrderStatus.All.Where(OrderLifecycle.CanModify).ShouldBe([R, A]);
        OrderLifecycle.RestoresStock(OrderAction.Cancel).ShouldBeTrue();
        OrderLifecycle.RestoresStock(OrderAction.Void).ShouldBeFalse();
        var closed = DateTimeOffset.Parse("2026-05-01T22:00:00+09:00");
        OrderLifecycle.WithinReopenWindow(closed, closed.AddHours(12), TimeSpan.FromHours(12)).ShouldBeTrue();
        OrderLifecycle.WithinReopenWindow(closed, closed.AddHours(12).AddSeconds(1), TimeSpan.FromHours(12)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(TicketStatus.Held, TicketAction.Fire, TicketStatus.Fired)]
    [InlineData(TicketStatus.Fired, TicketAction.Hold, TicketStatus.Held)]
    [InlineData(TicketStatus.Fired, TicketAction.Start, TicketStatus.Started)]
    [InlineData(TicketStatus.Fired, TicketAction.Bump, TicketStatus.Bumped)]
    [InlineData(TicketStatus.Started, TicketAction.Bump, TicketStatus.Bumped)]
    [InlineData(TicketStatus.Bumped, TicketAction.Recall, TicketStatus.Fired)]
    [InlineData(TicketStatus.Started, TicketAction.Hold, null)]
    [InlineData(TicketStatus.Held, TicketAction.Bump, null)]
    [InlineData(TicketStatus.Voided, TicketAction.Fire, null)]
    public void Tickets_move_as_the_kitchen_display_allows(string from, TicketAction action, string? to) =>
        KitchenRules.Next(from, action).ShouldBe(to);

    [Fact]
    public void The_last_bump_makes_an_order_ready_and_a_recall_sends_it_back()
    {
        KitchenRules.OrderStatusAfter(A, TicketAction.Start, [TicketStatus.Started, TicketStatus.Fired]).ShouldBe(P);
        KitchenRules.OrderStatusAfter(P, TicketAction.Bump, [TicketStatus.Bumped, TicketStatus.Fired]).ShouldBeNull();
        KitchenRules.OrderStatusAfter(P, TicketAction.Bump, [TicketStatus.Bumped, TicketStatus.Held]).ShouldBeNull();
        KitchenRules.OrderStatusAfter(P, TicketAction.Bump, [TicketStatus.Bumped, TicketStatus.Bumped, TicketStatus.Voided]).ShouldBe(Y);
        KitchenRules.OrderStatusAfter(A, TicketAction.Bump, [TicketStatus.Bumped]).ShouldBe(Y);
        KitchenRules.OrderStatusAfter(Y, TicketAction.Recall, [TicketStatus.Fired]).ShouldBe(P);
        KitchenRules.InitialStatus(1, 1, preOrder: false).ShouldBe(TicketStatus.Fired);
        KitchenRules.InitialStatus(2, 1, preOrder: false).ShouldBe(TicketStatus.Held);
        KitchenRules.InitialStatus(1, 1, preOrder: true).ShouldBe(TicketStatus.Held);
    }

    [Fact]
    public void Stations_come_from_the_restaurants_routes_else_a_guess_from_the_category()
    {
        var routed = new StationRouting(["hot", "bar"], new Dictionary<string, string> { ["찌개"] = "hot", ["Drinks"] = "bar" }, "hot");
        routed.StationFor("찌개").ShouldBe("hot");
        routed.StationFor("drinks").ShouldBe("bar");
        routed.StationFor("주류").ShouldBe("hot"); // routes given: no guessing
        routed.StationFor(null).ShouldBe("hot");
        StationRouting.Default.StationFor("주류").ShouldBe("bar");
        StationRouting.Default.StationFor("샐러드").ShouldBe("cold");
        StationRouting.Default.StationFor("Fried chicken").ShouldBe("fry");
        StationRouting.Default.StationFor("돼지갈비 구이").ShouldBe("grill");
        StationRouting.Default.StationFor("찌개").ShouldBe("kitchen");
        StationRouting.IsStationName("grill-2").ShouldBeTrue();
        StationRouting.IsStationName("Grill").ShouldBeFalse();
    }

    private static MenuItemFact Jjajangmyeon(bool soldOut = false, int? portions = null, IReadOnlyList<string>? dayparts = null) => new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), "짜장면", "면", 8000, "KRW", soldOut, dayparts ?? [],
        [
            new ModifierGroupFact(Jjajang.Size, "양", true, 1, 1, [new ModifierOptionFact(Jjajang.Regular, "보통", 0), new ModifierOptionFact(Jjajang.Large, "곱빼기", 1000)]),
            new ModifierGroupFact(Jjajang.Extras, "추가", false, 0, 1, [new ModifierOptionFact(Jjajang.Egg, "계란", 500), new ModifierOptionFact(Jjajang.Cheese, "치즈", 700)]),
        ],
        false, true, portions);

    [Fact]
    public void A_line_is_priced_from_the_item_and_its_chosen_options()
    {
        var errors = new FieldErrors();
        var line = Pricing.Price(0, new LineRequest(Guid.Empty, 3, null, [Jjajang.Large, Jjajang.Egg], null, 1), Jjajangmyeon(), errors);
        errors.IsEmpty.ShouldBeTrue();
        line!.UnitPrice.ShouldBe(9500);
        line.LineTotal.ShouldBe(28500);
        line.Modifiers.Select(m => m.Name).ShouldBe(["곱빼기", "계란"]);
    }

    [Theory]
    [InlineData(new string[0], "items[0].modifiers")] // the required size missing
    [InlineData(new[] { "regular", "large" }, "items[0].modifiers")] // two sizes
    [InlineData(new[] { "regular", "egg", "cheese" }, "items[0].modifiers")] // extras over their max
    [InlineData(new[] { "regular", "foreign" }, "items[0].modifiers")] // not this item's option
    [InlineData(new[] { "regular", "regular" }, "items[0].modifiers")] // twice
    public void Modifier_choices_are_checked_against_the_items_groups(string[] chosen, string field)
    {
        var ids = chosen.Select(c => c switch
        {
            "regular" => Jjajang.Regular,
            "large" => Jjajang.Large,
            "egg" => Jjajang.Egg,
            "cheese" => Jjajang.Cheese,
            _ => Guid.CreateVersion7(),
        }).ToList();
        var errors = new FieldErrors();
        Pricing.Price(0, new LineRequest(Guid.Empty, 1, null, ids, null, 1), Jjajangmyeon(), errors).ShouldBeNull();
        errors.Has(field).ShouldBeTrue();
    }

    [Theory]
    [InlineData("15000", "KRW", 15000L)]
    [InlineData("29.99", "USD", 2999L)]
    [InlineData("29.9", "USD", 2990L)]
    [InlineData("0.5", "KRW", null)]
    [InlineData("29.999", "USD", null)]
    [InlineData("1.234", "KWD", 1234L)]
    [InlineData("-1", "KRW", null)]
    [InlineData("79228162514264337593543950335", "KRW", null)]
    public void A_client_price_is_read_in_the_currencys_major_units(string price, string currency, long? minor) =>
        Pricing.ToMinor(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), currency).ShouldBe(minor);

    [Fact]
    public void A_client_price_agrees_only_when_it_is_the_menus_unit_price()
    {
        Pricing.Agrees(9500m, 9500, "KRW").ShouldBeTrue();
        Pricing.Agrees(1m, 29000, "KRW").ShouldBeFalse();
        Pricing.Agrees(29.99m, 2999, "USD").ShouldBeTrue();
        Pricing.Agrees(2999m, 2999, "USD").ShouldBeFalse();
        Pricing.Format(15000, "KRW").ShouldBe("15,000원");
        Pricing.Format(2999, "USD").ShouldBe("29.99 USD");
    }

    [Fact]
    public void An_item_is_orderable_when_not_86d_with_portions_left_and_in_one_of_its_dayparts()
    {
        var breakfast = new DaypartFact("breakfast", new LocalTime(7, 0), new LocalTime(10, 30));
        var late = new DaypartFact("late", new LocalTime(22, 0), new LocalTime(2, 0));
        var noon = new LocalTime(12, 0);
        MenuRules.Availability(Jjajangmyeon(), [breakfast], noon).ShouldBe(Unavailable.None);
        MenuRules.Availability(Jjajangmyeon(soldOut: true), [], noon).ShouldBe(Unavailable.SoldOut);
        MenuRules.Availability(Jjajangmyeon(portions: 0), [], noon).ShouldBe(Unavailable.NoPortionsLeft);
        MenuRules.Availability(Jjajangmyeon(portions: 1), [], noon).ShouldBe(Unavailable.None);
        MenuRules.Availability(Jjajangmyeon(dayparts: ["breakfast"]), [breakfast], noon).ShouldBe(Unavailable.NotNow);
        MenuRules.Availability(Jjajangmyeon(dayparts: ["breakfast"]), [breakfast], new LocalTime(8, 0)).ShouldBe(Unavailable.None);
        MenuRules.Availability(Jjajangmyeon(dayparts: ["late"]), [late], new LocalTime(1, 30)).ShouldBe(Unavailable.None);
        MenuRules.Availability(Jjajangmyeon(dayparts: ["gone"]), [breakfast], new LocalTime(8, 0)).ShouldBe(Unavailable.NotNow);
        MenuRules.Availability(Jjajangmyeon() with { Removed = true }, [], noon).ShouldBe(Unavailable.Removed);
        MenuRules.Availability(Jjajangmyeon() with { StockAvailable = false }, [], noon).ShouldBe(Unavailable.SoldOut);
    }

    [Fact]
    public void Throttle_windows_are_quarter_hours_and_payment_states_follow_the_money()
    {
        var at = Instant.FromUtc(2026, 5, 1, 3, 22, 30);
        Throttle.WindowStart(at).ShouldBe(Instant.FromUtc(2026, 5, 1, 3, 15));
        Throttle.RetryAfterSeconds(at).ShouldBe(450);
        Throttle.RetryAfterSeconds(Instant.FromUtc(2026, 5, 1, 3, 15)).ShouldBe(900);

        PaymentState.Of(10000, 0, 0).ShouldBe(PaymentState.Unpaid);
        PaymentState.Of(10000, 4000, 0).ShouldBe(PaymentState.PartiallyPaid);
        PaymentState.Of(10000, 10000, 0).ShouldBe(PaymentState.Paid);
        PaymentState.Of(10000, 10000, 10000).ShouldBe(PaymentState.Refunded);
        CancelReasons.RefundDue(10000, 3000).ShouldBe(7000);
        CancelReasons.RefundDue(0, 0).ShouldBe(0);
    }
}
