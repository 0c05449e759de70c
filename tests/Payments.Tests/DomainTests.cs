using Brigade.Payments.Domain;
using NodaTime;

namespace Brigade.Payments.Tests;

/// <summary>The money rules as plain functions.</summary>
public sealed class DomainTests
{
    private static readonly LocalDate Today = new(2026, 12, 15);

    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111-1111-1111-1112", false)]
    [InlineData("5555555555554444", true)]
    [InlineData("378282246310005", true)]
    [InlineData("79927398713", false)] // Luhn-valid, but 11 digits: too short for a card
    public void A_card_number_is_12_to_19_digits_passing_the_Luhn_check(string number, bool valid)
    {
        var (card, problems) = Card.Parse(number, "12/30", "123", Today);
        (card is not null).ShouldBe(valid);
        (problems.Count == 0).ShouldBe(valid);
    }

    [Fact]
    public void The_Luhn_check_is_the_standards()
    {
        Card.Luhn("79927398713").ShouldBeTrue();
        Card.Luhn("79927398710").ShouldBeFalse();
        Card.Luhn("4000000000000002").ShouldBeTrue();
    }

    [Theory]
    [InlineData("12/26", true)]   // valid through the end of its month
    [InlineData("11/26", false)]
    [InlineData("01/2027", true)]
    [InlineData("13/27", false)]
    [InlineData("1227", false)]
    [InlineData("", false)]
    public void A_card_is_valid_through_the_last_day_of_its_expiry_month(string expiry, bool valid)
    {
        var (card, _) = Card.Parse("4111111111111111", expiry, null, Today);
        (card is not null).ShouldBe(valid);
    }

    [Fact]
    public void A_cards_text_shows_only_its_brand_and_last_four_digits()
    {
        var (card, _) = Card.Parse("4111 1111 1111 1111", "12/30", "987", Today);
        card!.ToString().ShouldBe("visa ****1111");
        card.ToString().ShouldNotContain("4111111");
        card.ToString().ShouldNotContain("987");
        Card.BrandOf("5105105105105100").ShouldBe("mastercard");
        Card.BrandOf("2221000000000009").ShouldBe("mastercard");
        Card.BrandOf("378282246310005").ShouldBe("amex");
        Card.BrandOf("9410123412341234").ShouldBe("card");
    }

    [Theory]
    [InlineData(59_000, 300, 1_770)]
    [InlineData(999, 300, 29)]   // 29.97 → 29: the fraction stays with the restaurant
    [InlineData(0, 300, 0)]
    [InlineData(10_000, 0, 0)]
    public void The_platform_fee_is_rounded_down(long amount, int basisPoints, long fee) => MoneyRules.Fee(amount, basisPoints).ShouldBe(fee);

    [Fact]
    public void Refunds_in_parts_return_exactly_the_fee_of_what_was_refunded()
    {
        const long captured = 9_999;
        const int bp = 300;
        var refunds = new[] { 1_001L, 3_333, 5_665 };
        long refunded = 0, returned = 0;
        foreach (var refund in refunds)
        {
            returned += MoneyRules.FeeReturned(captured, refunded, refund, bp);
            refunded += refund;
        }

        refunded.ShouldBe(captured);
        returned.ShouldBe(MoneyRules.Fee(captured, bp)); // fully refunded: the whole fee came back, not a won more or less
    }

    [Theory]
    [InlineData(30_000, 0, 50, 15_000)]
    [InlineData(30_001, 0, 50, 15_001)]   // 15,000.5 rounds up: the diner keeps the fraction
    [InlineData(30_000, 0, 0, 0)]
    [InlineData(30_000, 0, 100, 30_000)]
    [InlineData(30_000, 20_000, 100, 10_000)] // never more than is left
    public void A_cancelled_reservations_refund_is_its_percent_rounded_up(long captured, long refunded, int percent, long refund) =>
        MoneyRules.CancellationRefund(captured, refunded, percent).ShouldBe(refund);

    [Theory]
    [InlineData(50_000, 0, 20_000, 20_000, 30_000)]
    [InlineData(50_000, 0, 80_000, 50_000, 0)]       // a fee above the deposit keeps the deposit, no more
    [InlineData(50_000, 0, 0, 0, 50_000)]            // no fee: all back
    [InlineData(50_000, 10_000, 20_000, 20_000, 20_000)]
    public void A_no_show_keeps_at_most_the_fee_and_returns_the_rest_of_the_deposit(long captured, long refunded, long fee, long kept, long refund) =>
        MoneyRules.NoShow(captured, refunded, fee).ShouldBe((kept, refund));

    [Theory]
    [InlineData(100_000, 0)]
    [InlineData(150_000, 0)]
    [InlineData(187_000, 0)]      // 37,000 × 6 % = 2,220 − 1,221 = 999: under 1,000, not withheld (소액부징수)
    [InlineData(188_000, 1_020)]  // 38,000 × 6 % = 2,280 − 1,254 = 1,026 → 1,020 (10원 미만 절사)
    [InlineData(200_000, 1_350)]  // 50,000 × 2.7 %
    [InlineData(250_000, 2_700)]
    [InlineData(1_000_000, 22_950)]
    public void Day_worker_tax_is_27_per_mille_of_the_wage_above_150000_won(long wage, long tax) => Withholding.DayTax(wage).ShouldBe(tax);

    [Fact]
    public void A_second_shift_on_the_same_day_is_taxed_on_the_days_total()
    {
        var first = Withholding.ForShift(160_000, 0, 0);
        var second = Withholding.ForShift(160_000, 160_000, first);
        first.ShouldBe(0);                              // 270 won: under the minimum
        second.ShouldBe(Withholding.DayTax(320_000));   // 170,000 × 2.7 % = 4,590
        second.ShouldBe(4_590);
    }

    [Theory]
    [InlineData("requires_confirmation", "authorizing", true)]
    [InlineData("requires_confirmation", "captured", false)]
    [InlineData("authorizing", "authorized", true)]
    [InlineData("authorizing", "captured", true)]
    [InlineData("authorized", "capturing", true)]
    [InlineData("capturing", "captured", true)]
    [InlineData("capturing", "authorized", false)]
    [InlineData("captured", "cancelled", false)]
    [InlineData("captured", "failed", false)]
    [InlineData("failed", "captured", false)]
    [InlineData("cancelled", "authorizing", false)]
    public void The_payment_state_machine(string from, string to, bool allowed) => PaymentStatus.CanMove(from, to).ShouldBe(allowed);

    [Fact]
    public void Every_journal_entry_the_rules_make_balances_and_an_unbalanced_one_is_refused()
    {
        var restaurant = Guid.CreateVersion7();
        var worker = Guid.CreateVersion7();
        JournalEntry[] entries =
        [
            JournalEntry.Capture(Guid.NewGuid(), restaurant, 59_000, 1_770, "KRW", ""),
            JournalEntry.Refund(Guid.NewGuid(), restaurant, 9_000, 270, "KRW", ""),
            JournalEntry.Shift("shift", Guid.NewGuid(), restaurant, worker, 200_000, 10_000, 1_350, "KRW", ""),
            JournalEntry.Settlement(Guid.NewGuid(), Owner.OfWorker(worker), 188_650, "KRW", ""),
            JournalEntry.PayoutHold(Guid.NewGuid(), Owner.OfWorker(worker), 100_000, 500, "KRW", ""),
            JournalEntry.Payout(Guid.NewGuid(), Owner.OfWorker(worker), 100_000, 500, "KRW", ""),
            JournalEntry.PayoutRelease(Guid.NewGuid(), Owner.OfWorker(worker), 100_000, 500, "KRW", ""),
        ];
        entries.ShouldAllBe(e => e.Postings.Sum(p => p.Amount) == 0);
        Should.Throw<InvalidOperationException>(() =>
            JournalEntry.Of("capture", Guid.NewGuid(), "KRW", "", new Posting(Account.PayerFunds, 100, "funds"), new Posting(Account.PlatformFees, -99, "fee")));
    }

    [Fact]
    public void A_statement_nets_gross_less_fees_refunds_and_withholding()
    {
        var restaurant = Guid.CreateVersion7();
        var receivable = Account.Receivable(Owner.OfRestaurant(restaurant));
        var lines = new[]
        {
            JournalEntry.Capture(Guid.NewGuid(), restaurant, 59_000, 1_770, "KRW", ""),
            JournalEntry.Capture(Guid.NewGuid(), restaurant, 10_000, 300, "KRW", ""),
            JournalEntry.Refund(Guid.NewGuid(), restaurant, 10_000, 300, "KRW", ""),
        }.SelectMany(e => e.Postings).Where(p => p.Account == receivable).Select(p => (p.Amount, p.Category));

        var statement = Statement.Of(lines);

        statement.ShouldBe(new Statement(69_000, 1_770, 10_000, 0));
        statement.Net.ShouldBe(57_230);
    }
}
