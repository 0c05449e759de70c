using Brigade.Api;
using Brigade.Reservations.Domain;
using NodaTime;

namespace Brigade.Reservations.Tests.Domain;

public sealed class PolicyTests
{
    private static readonly LocalDate Christmas = new(2026, 12, 25);

    private static BookingSettings With(DepositPolicy? deposit = null, IReadOnlyList<RefundWindow>? windows = null, NoShowPolicy? noShow = null) =>
        BookingSettings.Default with { Deposit = deposit, Cancellation = windows ?? [], NoShow = noShow };

    [Fact]
    public void A_deposit_applies_from_the_party_size_or_on_chosen_dates_per_cover_or_fixed()
    {
        var perCover = With(new DepositPolicy(6, [Christmas], new Money(10_000, "KRW"), PerCover: true, 10));
        Policy.DepositFor(perCover, new LocalDate(2026, 12, 10), 5).ShouldBeNull();
        Policy.DepositFor(perCover, new LocalDate(2026, 12, 10), 6).ShouldBe(new Money(60_000, "KRW"));
        Policy.DepositFor(perCover, Christmas, 2).ShouldBe(new Money(20_000, "KRW"));

        var fixedAmount = With(new DepositPolicy(4, [], new Money(50_000, "KRW"), PerCover: false, 10));
        Policy.DepositFor(fixedAmount, Christmas, 8).ShouldBe(new Money(50_000, "KRW"));
        Policy.DepositFor(With(), Christmas, 20).ShouldBeNull();
    }

    [Fact]
    public void Cancellation_refunds_follow_the_window_reached()
    {
        var s = With(windows: [new RefundWindow(1440, 100), new RefundWindow(180, 50)]);
        Policy.RefundPercent(s, Duration.FromHours(48)).ShouldBe(100);
        Policy.RefundPercent(s, Duration.FromHours(24)).ShouldBe(100);
        Policy.RefundPercent(s, Duration.FromHours(5)).ShouldBe(50);
        Policy.RefundPercent(s, Duration.FromHours(1)).ShouldBe(0);
        Policy.RefundPercent(With(), Duration.FromDays(10)).ShouldBe(0);
    }

    [Theory]
    [InlineData(10, false, 20_000)]   // the restaurant asks 10% of 200,000
    [InlineData(50, false, 40_000)]   // asks 50%: capped at 20% for ordinary restaurants
    [InlineData(50, true, 80_000)]    // reservation-only venues: capped at 40%
    [InlineData(30, true, 60_000)]
    public void The_no_show_fee_never_exceeds_the_fair_trade_cap(int feePercent, bool reservationOnly, long expected)
    {
        var s = With(noShow: new NoShowPolicy(feePercent, new Money(50_000, "KRW"), reservationOnly));
        Policy.NoShowFee(s, 4).ShouldBe(expected);
    }

    [Fact]
    public void Settings_are_checked_field_by_field()
    {
        var errors = new FieldErrors();
        var parsed = BookingSettingsRules.Parse(new SettingsBody(7, [new TurnTimeBody(2, 5)], 0, null, 400, null, null, null, ["2026-02-30"],
            new DepositBody(null, null, new MoneyBody(-1, "USD"), null, null), null, new NoShowBody(101, null, null)), "KRW", errors);
        parsed.ShouldBeNull();
        errors.ToDictionary().Keys.ShouldBe(
            ["slotMinutes", "turnTimes[0].minutes", "coversPerSlot", "maxAdvanceDays", "blockedDates[0]", "deposit.amount", "deposit", "noShow.expectedSpendPerCover", "noShow.feePercent"],
            ignoreOrder: true);
    }
}
