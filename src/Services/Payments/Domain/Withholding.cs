namespace Brigade.Payments.Domain;

/// <summary>
/// Income tax withheld from a day worker's wages (일용근로소득 원천징수, 소득세법 제47조 ② 근로소득공제 일 15만원,
/// 제55조 세율 6 %, 제59조 ③ 근로소득세액공제 55 %, 제86조 소액부징수):
/// <c>tax = (daily wage − 150,000) × 6 % − that × 55 %</c>, i.e. 2.7 % of the wage above 150,000 won; nothing is
/// withheld when the tax comes to less than 1,000 won; amounts under 10 won are dropped (국고금 관리법 제47조).
/// The tax day is one payer's wages to one worker on one calendar day, so a second shift on the same day is taxed
/// on the day's total (the difference is withheld then). Local income tax (10 % of this) is not withheld here.
/// </summary>
public static class Withholding
{
    public const long DailyDeduction = 150_000;
    public const long MinimumTax = 1_000;

    /// <summary>The tax on one day's wages from one payer, in won.</summary>
    public static long DayTax(long dailyWage)
    {
        var taxable = Math.Max(0, dailyWage - DailyDeduction);
        var computed = taxable * 6 / 100;              // 산출세액
        var credit = computed * 55 / 100;              // 근로소득세액공제
        var tax = (computed - credit) / 10 * 10;       // 10원 미만 절사
        return tax < MinimumTax ? 0 : tax;             // 소액부징수
    }

    /// <summary>What to withhold now from a shift paying <paramref name="gross"/>, given the day's earlier wages and tax from the same payer.</summary>
    public static long ForShift(long gross, long earlierWagesThatDay, long earlierTaxThatDay) =>
        Math.Max(0, DayTax(earlierWagesThatDay + gross) - earlierTaxThatDay);
}
