using System.Globalization;
using NodaTime;

namespace Brigade.Analytics.Domain;

/// <summary>Last week's headline numbers of a restaurant, and the week before for the change.</summary>
public sealed record WeekNumbers(long NetSales, long Orders, long Covers, long Reservations, long NoShows, long Cancellations, long PreviousNetSales);

/// <summary>The owner's weekly summary: when it is due and what it says (Korean and English).</summary>
public static class WeeklySummary
{
    /// <summary>
    /// The Monday of the week whose summary is due at <paramref name="now"/> in <paramref name="zone"/>: from Monday
    /// <paramref name="sendHour"/>:00 local on, the current week's (covering the seven days before it); null on Monday before
    /// that hour. Later in the week it is still due, so a service down on Monday morning catches up (once).
    /// </summary>
    public static LocalDate? DueWeek(Instant now, DateTimeZone zone, int sendHour)
    {
        var local = now.InZone(zone).LocalDateTime;
        var monday = local.Date.Previous(IsoDayOfWeek.Monday);
        if (local.Date.DayOfWeek == IsoDayOfWeek.Monday)
        {
            monday = local.Date;
            if (local.Hour < sendHour)
            {
                return null;
            }
        }

        return monday;
    }

    public static (string Title, string Body, string TitleEn, string BodyEn) Text(LocalDate weekStart, WeekNumbers n)
    {
        var from = weekStart.PlusDays(-7);
        var to = weekStart.PlusDays(-1);
        // Invariant formats: the same digits and English month abbreviations on every machine, whatever its culture data.
        var ko = CultureInfo.InvariantCulture;
        var en = CultureInfo.InvariantCulture;
        var change = Change(n.NetSales, n.PreviousNetSales);
        var average = Ratios.Per(n.NetSales, n.Covers);
        var noShow = Ratios.Percent(n.NoShows, n.Reservations - n.Cancellations);

        var title = $"지난주 매출 요약 ({from.Month}/{from.Day}–{to.Month}/{to.Day})";
        var body = string.Join(", ", new[]
        {
            $"순매출 {n.NetSales.ToString("N0", ko)}원" + (change is { } c ? $" (전주 대비 {Signed(c)}%)" : ""),
            $"주문 {n.Orders.ToString("N0", ko)}건",
            $"고객 {n.Covers.ToString("N0", ko)}명",
            average is { } a ? $"객단가 {a.ToString("N0", ko)}원" : null,
            noShow is { } ns ? $"노쇼율 {ns.ToString("0.0", ko)}%" : null,
        }.Where(p => p is not null));

        var titleEn = $"Last week's numbers ({from.ToString("MMM d", en)}–{to.ToString("MMM d", en)})";
        var bodyEn = string.Join(", ", new[]
        {
            $"Net sales ₩{n.NetSales.ToString("N0", en)}" + (change is { } ce ? $" ({Signed(ce)}% on the week before)" : ""),
            $"{n.Orders.ToString("N0", en)} orders",
            $"{n.Covers.ToString("N0", en)} guests",
            average is { } ae ? $"average check ₩{ae.ToString("N0", en)}" : null,
            noShow is { } nse ? $"no-show rate {nse.ToString("0.0", en)}%" : null,
        }.Where(p => p is not null));
        return (title, body, titleEn, bodyEn);
    }

    /// <summary>The change from the week before in percent, one decimal; null when the week before sold nothing.</summary>
    public static decimal? Change(long now, long before) =>
        before <= 0 ? null : Math.Round((now - before) * 100m / before, 1, MidpointRounding.AwayFromZero);

    private static string Signed(decimal d) => (d > 0 ? "+" : "") + d.ToString("0.0", CultureInfo.InvariantCulture);
}
